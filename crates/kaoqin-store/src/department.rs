//! Department rows and their member counts.

use chrono::{DateTime, Utc};
use kaoqin_core::department::{DepartmentId, DepartmentNode};

use crate::{Db, Result, timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentRow {
    pub id: DepartmentId,
    pub parent_id: Option<DepartmentId>,
    pub name: String,
    /// Employees whose department is this one (not sub-departments), any status.
    pub employee_count: u32,
    pub active_employee_count: u32,
    pub child_count: u32,
}

impl DepartmentRow {
    pub fn node(&self) -> DepartmentNode {
        DepartmentNode { id: self.id, parent_id: self.parent_id, name: self.name.clone() }
    }
}

const SELECT: &str = "
    SELECT d.id, d.parent_id, d.name,
           (SELECT count(*) FROM employee e WHERE e.department_id = d.id),
           (SELECT count(*) FROM employee e WHERE e.department_id = d.id AND e.status = 'active'),
           (SELECT count(*) FROM department c WHERE c.parent_id = d.id)
    FROM department d";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DepartmentRow> {
    Ok(DepartmentRow {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        name: r.get(2)?,
        employee_count: r.get(3)?,
        active_employee_count: r.get(4)?,
        child_count: r.get(5)?,
    })
}

impl Db<'_> {
    pub fn list_departments(&self) -> Result<Vec<DepartmentRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} ORDER BY d.id"))?;
        let rows = stmt.query_map([], row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_department(&self, id: DepartmentId) -> Result<Option<DepartmentRow>> {
        let mut stmt = self.conn.prepare_cached(&format!("{SELECT} WHERE d.id = ?1"))?;
        let mut rows = stmt.query_map([id], row)?;
        Ok(rows.next().transpose()?)
    }

    /// The department called `name` directly under `parent` (`None` = top level).
    pub fn find_department(
        &self,
        parent: Option<DepartmentId>,
        name: &str,
    ) -> Result<Option<DepartmentId>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM department WHERE ifnull(parent_id, 0) = ifnull(?1, 0) AND name = ?2",
        )?;
        let mut rows = stmt.query_map(rusqlite::params![parent, name], |r| r.get(0))?;
        Ok(rows.next().transpose()?)
    }

    pub fn insert_department(
        &self,
        parent: Option<DepartmentId>,
        name: &str,
        at: DateTime<Utc>,
    ) -> Result<DepartmentId> {
        let ts = timestamp(at);
        self.conn.execute(
            "INSERT INTO department (parent_id, name, created_at, updated_at) VALUES (?1, ?2, ?3, ?3)",
            rusqlite::params![parent, name, ts],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn rename_department(&self, id: DepartmentId, name: &str, at: DateTime<Utc>) -> Result<()> {
        self.conn.execute(
            "UPDATE department SET name = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, name, timestamp(at)],
        )?;
        Ok(())
    }

    pub fn move_department(
        &self,
        id: DepartmentId,
        parent: Option<DepartmentId>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE department SET parent_id = ?2, updated_at = ?3 WHERE id = ?1",
            rusqlite::params![id, parent, timestamp(at)],
        )?;
        Ok(())
    }

    pub fn delete_department(&self, id: DepartmentId) -> Result<()> {
        self.conn.execute("DELETE FROM department WHERE id = ?1", [id])?;
        Ok(())
    }
}
