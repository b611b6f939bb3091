//! Employee rows: insert, update, look-ups by the unique keys (工号, PIN, card), and the paged,
//! searchable, department-scoped list.
//!
//! Department scope is applied in SQL (`department_id IN (…)`), never by filtering rows after
//! the query, so a paged list is correct and a scoped user never receives other rows.

use chrono::{DateTime, NaiveDate, Utc};
use kaoqin_core::department::DepartmentId;
use kaoqin_core::employee::{EmployeeId, EmployeeStatus};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

use crate::{Db, Result, like_escape, timestamp};

/// An employee as stored. `id_number` is the full number: callers must mask it for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeRow {
    pub id: EmployeeId,
    pub employee_no: String,
    pub name: String,
    pub department_id: DepartmentId,
    pub position: Option<String>,
    pub hired_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub pin: Option<String>,
    pub card_no: Option<String>,
    pub status: EmployeeStatus,
    pub created_at: String,
    pub updated_at: String,
}

/// The columns a use case writes (insert or full update).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeWrite {
    pub employee_no: String,
    pub name: String,
    pub department_id: DepartmentId,
    pub position: Option<String>,
    pub hired_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub pin: Option<String>,
    pub card_no: Option<String>,
    pub status: EmployeeStatus,
}

impl From<&EmployeeRow> for EmployeeWrite {
    fn from(r: &EmployeeRow) -> Self {
        EmployeeWrite {
            employee_no: r.employee_no.clone(),
            name: r.name.clone(),
            department_id: r.department_id,
            position: r.position.clone(),
            hired_on: r.hired_on,
            left_on: r.left_on,
            id_number: r.id_number.clone(),
            phone: r.phone.clone(),
            pin: r.pin.clone(),
            card_no: r.card_no.clone(),
            status: r.status,
        }
    }
}

/// What to list. `departments: None` means every department (no scope).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmployeeFilter {
    /// Matches 工号, 姓名 or 职位 containing the text, or a PIN or card number equal to it.
    pub search: Option<String>,
    pub departments: Option<Vec<DepartmentId>>,
    pub status: Option<EmployeeStatus>,
    pub limit: u32,
    pub offset: u32,
}

struct Status(EmployeeStatus);

impl FromSql for Status {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let text = value.as_str()?;
        EmployeeStatus::parse(text).map(Status).ok_or(FromSqlError::InvalidType)
    }
}

const COLUMNS: &str = "id, employee_no, name, department_id, position, hired_on, left_on, \
                       id_number, phone, pin, card_no, status, created_at, updated_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EmployeeRow> {
    Ok(EmployeeRow {
        id: r.get(0)?,
        employee_no: r.get(1)?,
        name: r.get(2)?,
        department_id: r.get(3)?,
        position: r.get(4)?,
        hired_on: r.get(5)?,
        left_on: r.get(6)?,
        id_number: r.get(7)?,
        phone: r.get(8)?,
        pin: r.get(9)?,
        card_no: r.get(10)?,
        status: r.get::<_, Status>(11)?.0,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

/// A unique key of the employee table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UniqueKey {
    EmployeeNo,
    Pin,
    CardNo,
}

impl Db<'_> {
    pub fn get_employee(&self, id: EmployeeId) -> Result<Option<EmployeeRow>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("SELECT {COLUMNS} FROM employee WHERE id = ?1"))?;
        let mut rows = stmt.query_map([id], row)?;
        Ok(rows.next().transpose()?)
    }

    /// The employee holding a unique value (工号, PIN or card number), if any.
    pub fn find_employee(&self, key: UniqueKey, value: &str) -> Result<Option<EmployeeRow>> {
        let column = match key {
            UniqueKey::EmployeeNo => "employee_no",
            UniqueKey::Pin => "pin",
            UniqueKey::CardNo => "card_no",
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM employee WHERE {column} = ?1"))?;
        let mut rows = stmt.query_map([value], row)?;
        Ok(rows.next().transpose()?)
    }

    pub fn insert_employee(&self, e: &EmployeeWrite, at: DateTime<Utc>) -> Result<EmployeeId> {
        let ts = timestamp(at);
        self.conn.execute(
            "INSERT INTO employee (employee_no, name, department_id, position, hired_on, left_on,
                                   id_number, phone, pin, card_no, status, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            rusqlite::params![
                e.employee_no,
                e.name,
                e.department_id,
                e.position,
                e.hired_on,
                e.left_on,
                e.id_number,
                e.phone,
                e.pin,
                e.card_no,
                e.status.as_str(),
                ts
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn update_employee(
        &self,
        id: EmployeeId,
        e: &EmployeeWrite,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE employee SET employee_no = ?2, name = ?3, department_id = ?4, position = ?5,
                    hired_on = ?6, left_on = ?7, id_number = ?8, phone = ?9, pin = ?10,
                    card_no = ?11, status = ?12, updated_at = ?13
             WHERE id = ?1",
            rusqlite::params![
                id,
                e.employee_no,
                e.name,
                e.department_id,
                e.position,
                e.hired_on,
                e.left_on,
                e.id_number,
                e.phone,
                e.pin,
                e.card_no,
                e.status.as_str(),
                timestamp(at)
            ],
        )?;
        Ok(())
    }

    /// One page of employees matching `filter`, ordered by 工号 (numeric 工号 in numeric
    /// order), and the total number of matches.
    pub fn list_employees(&self, filter: &EmployeeFilter) -> Result<(Vec<EmployeeRow>, u32)> {
        let mut clauses: Vec<&str> = Vec::new();
        let mut params: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            clauses.push(
                "(employee_no LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' \
                  OR position LIKE ?1 ESCAPE '\\' OR pin = ?2 OR card_no = ?2)",
            );
            params.push(format!("%{}%", like_escape(search)).into());
            params.push(search.to_owned().into());
        } else {
            clauses.push("(?1 IS NULL AND ?2 IS NULL)");
            params.push(rusqlite::types::Value::Null);
            params.push(rusqlite::types::Value::Null);
        }
        if let Some(depts) = &filter.departments {
            let ids = serde_json::to_string(depts).unwrap_or_else(|_| "[]".into());
            clauses.push("department_id IN (SELECT value FROM json_each(?3))");
            params.push(ids.into());
        } else {
            clauses.push("?3 IS NULL");
            params.push(rusqlite::types::Value::Null);
        }
        clauses.push("(?4 IS NULL OR status = ?4)");
        params.push(match filter.status {
            Some(s) => s.as_str().to_owned().into(),
            None => rusqlite::types::Value::Null,
        });
        let where_sql = clauses.join(" AND ");

        let total: u32 = self.conn.query_row(
            &format!("SELECT count(*) FROM employee WHERE {where_sql}"),
            rusqlite::params_from_iter(params.iter()),
            |r| r.get(0),
        )?;
        params.push(i64::from(filter.limit).into());
        params.push(i64::from(filter.offset).into());
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM employee WHERE {where_sql}
             ORDER BY length(employee_no), employee_no LIMIT ?5 OFFSET ?6"
        ))?;
        let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), row)?;
        Ok((rows.collect::<rusqlite::Result<_>>()?, total))
    }

    /// Number of employees with the given status.
    pub fn count_employees(&self, status: EmployeeStatus) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM employee WHERE status = ?1",
            [status.as_str()],
            |r| r.get(0),
        )?)
    }
}
