//! Employee use cases: list (search, department subtree, status, paging, scope), show (audited
//! as a view of personal data), add, edit (patch), deactivate (离职) and reactivate (its undo).
//!
//! Field rules come from kaoqin-core; this module adds what needs the store (department exists,
//! 工号 / PIN / card not taken) and reports every problem at once. Nothing is written unless the
//! whole input is valid.

use std::collections::HashMap;

use kaoqin_core::department::{self, DepartmentId};
use kaoqin_core::employee::{self, EmployeeForm, EmployeeId, EmployeeRecord, EmployeeStatus};
use kaoqin_core::{Field, FieldError, Problem, date};
use kaoqin_store::{Db, EmployeeFilter, EmployeeRow, EmployeeWrite, Store, UniqueKey};
use serde_json::json;

use crate::Ctx;
use crate::actor::Action;
use crate::dto::{
    EmployeeDeactivate, EmployeeDto, EmployeeInput, EmployeePage, EmployeePatch, EmployeeQuery,
    EmployeeStatusFilter,
};
use crate::error::{Entity, Error, Result};

pub const DEFAULT_PAGE_SIZE: u32 = 50;
pub const MAX_PAGE_SIZE: u32 = 500;

fn to_dto(row: &EmployeeRow, paths: &HashMap<DepartmentId, String>) -> EmployeeDto {
    EmployeeDto {
        id: row.id,
        employee_no: row.employee_no.clone(),
        name: row.name.clone(),
        department_id: row.department_id,
        department_path: paths.get(&row.department_id).cloned().unwrap_or_default(),
        position: row.position.clone(),
        hired_on: date::iso(row.hired_on),
        left_on: row.left_on.map(date::iso),
        id_number_masked: row.id_number.as_deref().map(employee::mask_id_number),
        phone: row.phone.clone(),
        pin: row.pin.clone(),
        card_no: row.card_no.clone(),
        status: row.status.into(),
    }
}

fn department_paths(db: &Db<'_>) -> Result<HashMap<DepartmentId, String>> {
    let nodes: Vec<_> = db.list_departments()?.iter().map(|r| r.node()).collect();
    Ok(department::paths(&nodes))
}

fn not_found(id: EmployeeId) -> Error {
    Error::NotFound { entity: Entity::Employee, key: id.to_string() }
}

/// Loads an employee the actor may see; out-of-scope employees are refused like missing ones
/// would be, without revealing more.
fn load_in_scope(db: &Db<'_>, ctx: &Ctx, id: EmployeeId) -> Result<EmployeeRow> {
    let row = db.get_employee(id)?.ok_or_else(|| not_found(id))?;
    let nodes: Vec<_> = db.list_departments()?.iter().map(|r| r.node()).collect();
    if let Some(scope) = ctx.actor.department_scope(&nodes)
        && !scope.contains(&row.department_id)
    {
        return Err(Error::Forbidden { role: ctx.actor.role, action: Action::ViewRoster });
    }
    Ok(row)
}

/// "1001 张三", or "1001 张三（已离职）", for duplicate messages.
fn holder(row: &EmployeeRow) -> String {
    match row.status {
        EmployeeStatus::Active => format!("{} {}", row.employee_no, row.name),
        EmployeeStatus::Inactive => format!("{} {}（已离职）", row.employee_no, row.name),
    }
}

/// Checks what needs the store: the department exists, and 工号 / PIN / card are not held by
/// someone other than `own_id`.
fn check_references(
    db: &Db<'_>,
    department_id: Option<DepartmentId>,
    record: Option<&EmployeeRecord>,
    form: &EmployeeForm,
    own_id: Option<EmployeeId>,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    match department_id {
        None => errors.push(FieldError::new(Field::DepartmentId, Problem::Required, "")),
        Some(id) if db.get_department(id)?.is_none() => {
            errors.push(FieldError::new(Field::DepartmentId, Problem::NotFound, id.to_string()));
        }
        Some(_) => {}
    }
    // Uniqueness is checked on the canonical values when the form is valid. When it is not, a
    // well-formed 工号 or PIN is still checked (their canonical form is the text as typed), so a
    // duplicate is reported together with the other mistakes; a card number's canonical form
    // drops leading zeros, so it waits for a valid form.
    let keys: [(UniqueKey, Field, Option<&str>, &str); 3] = match record {
        Some(r) => [
            (
                UniqueKey::EmployeeNo,
                Field::EmployeeNo,
                Some(r.employee_no.as_str()),
                form.employee_no.as_str(),
            ),
            (UniqueKey::Pin, Field::Pin, r.pin.as_deref(), form.pin.as_str()),
            (UniqueKey::CardNo, Field::CardNo, r.card_no.as_deref(), form.card_no.as_str()),
        ],
        None => [
            (
                UniqueKey::EmployeeNo,
                Field::EmployeeNo,
                Some(form.employee_no.as_str()).filter(|s| !s.is_empty()),
                form.employee_no.as_str(),
            ),
            (
                UniqueKey::Pin,
                Field::Pin,
                Some(form.pin.as_str()).filter(|p| employee::pin(p).is_ok()),
                form.pin.as_str(),
            ),
            (UniqueKey::CardNo, Field::CardNo, None, form.card_no.as_str()),
        ],
    };
    for (key, field, canonical, typed) in keys {
        let Some(value) = canonical else { continue };
        if errors.iter().any(|e| e.field == field) {
            continue;
        }
        if let Some(other) = db.find_employee(key, value)?
            && Some(other.id) != own_id
        {
            errors.push(FieldError::new(
                field,
                Problem::Duplicate { holder: holder(&other) },
                typed,
            ));
        }
    }
    Ok(())
}

fn write_from(record: EmployeeRecord, department_id: DepartmentId) -> EmployeeWrite {
    let status =
        if record.left_on.is_some() { EmployeeStatus::Inactive } else { EmployeeStatus::Active };
    EmployeeWrite {
        employee_no: record.employee_no,
        name: record.name,
        department_id,
        position: record.position,
        hired_on: record.hired_on,
        left_on: record.left_on,
        id_number: record.id_number,
        phone: record.phone,
        pin: record.pin,
        card_no: record.card_no,
        status,
    }
}

/// Names of the fields that differ, for the audit log (values are personal data and stay out).
fn changed_fields(before: &EmployeeWrite, after: &EmployeeWrite) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut cmp = |name, changed: bool| {
        if changed {
            out.push(name);
        }
    };
    cmp("employee_no", before.employee_no != after.employee_no);
    cmp("name", before.name != after.name);
    cmp("department_id", before.department_id != after.department_id);
    cmp("position", before.position != after.position);
    cmp("hired_on", before.hired_on != after.hired_on);
    cmp("left_on", before.left_on != after.left_on);
    cmp("id_number", before.id_number != after.id_number);
    cmp("phone", before.phone != after.phone);
    cmp("pin", before.pin != after.pin);
    cmp("card_no", before.card_no != after.card_no);
    out
}

fn reload(db: &Db<'_>, id: EmployeeId) -> Result<EmployeeDto> {
    let row = db.get_employee(id)?.ok_or_else(|| not_found(id))?;
    Ok(to_dto(&row, &department_paths(db)?))
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

pub fn add_employee(store: &mut Store, ctx: &Ctx, input: EmployeeInput) -> Result<EmployeeDto> {
    ctx.actor.require(Action::EditRoster)?;
    let form = EmployeeForm {
        employee_no: input.employee_no,
        name: input.name,
        position: opt(&input.position),
        hired_on: input.hired_on,
        left_on: opt(&input.left_on),
        id_number: opt(&input.id_number),
        phone: opt(&input.phone),
        pin: opt(&input.pin),
        card_no: opt(&input.card_no),
    };
    store.write(|db| {
        let validated = employee::validate(&form);
        let mut errors = validated.as_ref().err().cloned().unwrap_or_default();
        check_references(
            db,
            input.department_id,
            validated.as_ref().ok(),
            &form,
            None,
            &mut errors,
        )?;
        let (Ok(record), Some(dept), true) = (validated, input.department_id, errors.is_empty())
        else {
            return Err(Error::Invalid(sorted(errors)));
        };
        let write = write_from(record, dept);
        let id = db.insert_employee(&write, ctx.now)?;
        ctx.audit(
            db,
            "employee.add",
            "employee",
            Some(id),
            json!({ "department_id": dept, "status": write.status.as_str() }),
        )?;
        reload(db, id)
    })
}

/// Applies a patch: omitted fields keep their value, `""` clears an optional one.
pub fn edit_employee(store: &mut Store, ctx: &Ctx, patch: EmployeePatch) -> Result<EmployeeDto> {
    ctx.actor.require(Action::EditRoster)?;
    store.write(|db| {
        let row = load_in_scope(db, ctx, patch.id)?;
        let keep = |new: &Option<String>, old: Option<String>| {
            new.clone().unwrap_or_else(|| old.unwrap_or_default())
        };
        let form = EmployeeForm {
            employee_no: keep(&patch.employee_no, Some(row.employee_no.clone())),
            name: keep(&patch.name, Some(row.name.clone())),
            position: keep(&patch.position, row.position.clone()),
            hired_on: keep(&patch.hired_on, Some(date::iso(row.hired_on))),
            left_on: keep(&patch.left_on, row.left_on.map(date::iso)),
            id_number: keep(&patch.id_number, row.id_number.clone()),
            phone: keep(&patch.phone, row.phone.clone()),
            pin: keep(&patch.pin, row.pin.clone()),
            card_no: keep(&patch.card_no, row.card_no.clone()),
        };
        let department_id = Some(patch.department_id.unwrap_or(row.department_id));
        let validated = employee::validate(&form);
        let mut errors = validated.as_ref().err().cloned().unwrap_or_default();
        check_references(
            db,
            department_id,
            validated.as_ref().ok(),
            &form,
            Some(row.id),
            &mut errors,
        )?;
        let (Ok(record), Some(dept), true) = (validated, department_id, errors.is_empty()) else {
            return Err(Error::Invalid(sorted(errors)));
        };
        let before = EmployeeWrite::from(&row);
        let after = write_from(record, dept);
        let changed = changed_fields(&before, &after);
        if !changed.is_empty() {
            db.update_employee(row.id, &after, ctx.now)?;
            ctx.audit(
                db,
                "employee.edit",
                "employee",
                Some(row.id),
                json!({ "fields": changed, "status": after.status.as_str() }),
            )?;
        }
        reload(db, row.id)
    })
}

/// 离职: records the leave date; the employee becomes inactive. Changing the date of someone
/// already inactive just corrects it.
pub fn deactivate_employee(
    store: &mut Store,
    ctx: &Ctx,
    input: EmployeeDeactivate,
) -> Result<EmployeeDto> {
    let patch = EmployeePatch {
        id: input.id,
        left_on: Some(input.left_on.clone()),
        ..EmployeePatch::default()
    };
    if input.left_on.trim().is_empty() {
        return Err(Error::field(Field::LeftOn, Problem::Required, input.left_on));
    }
    edit_employee(store, ctx, patch)
}

/// Undoes 离职: clears the leave date, the employee is active again.
pub fn reactivate_employee(store: &mut Store, ctx: &Ctx, id: EmployeeId) -> Result<EmployeeDto> {
    edit_employee(
        store,
        ctx,
        EmployeePatch { id, left_on: Some(String::new()), ..EmployeePatch::default() },
    )
}

/// One employee, with the view recorded in the audit log (it shows personal data).
pub fn get_employee(store: &mut Store, ctx: &Ctx, id: EmployeeId) -> Result<EmployeeDto> {
    ctx.actor.require(Action::ViewRoster)?;
    store.write(|db| {
        let row = load_in_scope(db, ctx, id)?;
        ctx.audit(db, "employee.view", "employee", Some(id), json!({}))?;
        Ok(to_dto(&row, &department_paths(db)?))
    })
}

/// Records that employee data left the program (a CSV or JSON listing): who, when, how many
/// rows, in which format and with which filter. Viewing a page in the app is not an export.
pub fn record_export(
    store: &mut Store,
    ctx: &Ctx,
    format: &str,
    rows: usize,
    query: &EmployeeQuery,
) -> Result<()> {
    ctx.actor.require(Action::ViewRoster)?;
    store.write(|db| {
        ctx.audit(
            db,
            "employee.export",
            "employee",
            None,
            json!({
                "format": format,
                "rows": rows,
                "department_id": query.department_id,
                "status": query.status,
                "search": query.search.is_some(),
            }),
        )
    })
}

/// Finds an employee id by 工号, for the CLI.
pub fn find_by_employee_no(store: &Store, ctx: &Ctx, employee_no: &str) -> Result<EmployeeId> {
    ctx.actor.require(Action::ViewRoster)?;
    match store.read().find_employee(UniqueKey::EmployeeNo, employee_no)? {
        Some(row) => Ok(row.id),
        None => Err(Error::field(Field::EmployeeNo, Problem::NotFound, employee_no)),
    }
}

pub fn list_employees(store: &Store, ctx: &Ctx, query: EmployeeQuery) -> Result<EmployeePage> {
    ctx.actor.require(Action::ViewRoster)?;
    let page = query.page.unwrap_or(1);
    let page_size = query.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    let mut errors = Vec::new();
    if page == 0 {
        errors.push(FieldError::new(
            Field::Page,
            Problem::OutOfRange { min: 1, max: i64::from(u32::MAX) },
            page.to_string(),
        ));
    }
    if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
        errors.push(FieldError::new(
            Field::PageSize,
            Problem::OutOfRange { min: 1, max: i64::from(MAX_PAGE_SIZE) },
            page_size.to_string(),
        ));
    }
    let db = store.read();
    let rows = db.list_departments()?;
    let nodes: Vec<_> = rows.iter().map(|r| r.node()).collect();
    let mut departments: Option<Vec<DepartmentId>> = None;
    if let Some(id) = query.department_id {
        if rows.iter().any(|r| r.id == id) {
            departments = Some(if query.include_subdepartments.unwrap_or(true) {
                department::subtree(&nodes, id)
            } else {
                vec![id]
            });
        } else {
            errors.push(FieldError::new(Field::DepartmentId, Problem::NotFound, id.to_string()));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    if let Some(scope) = ctx.actor.department_scope(&nodes) {
        departments = Some(match departments {
            Some(list) => list.into_iter().filter(|d| scope.contains(d)).collect(),
            None => scope.into_iter().collect(),
        });
    }
    let status = match query.status.unwrap_or_default() {
        EmployeeStatusFilter::Active => Some(EmployeeStatus::Active),
        EmployeeStatusFilter::Inactive => Some(EmployeeStatus::Inactive),
        EmployeeStatusFilter::All => None,
    };
    let filter = EmployeeFilter {
        search: query.search,
        departments,
        status,
        limit: page_size,
        offset: (page - 1).saturating_mul(page_size),
    };
    let (found, total) = db.list_employees(&filter)?;
    let paths = department::paths(&nodes);
    Ok(EmployeePage {
        rows: found.iter().map(|r| to_dto(r, &paths)).collect(),
        total,
        page,
        page_size,
    })
}

/// Problems in form order, so messages read top to bottom like the form.
fn sorted(mut errors: Vec<FieldError>) -> Vec<FieldError> {
    const ORDER: [Field; 10] = [
        Field::EmployeeNo,
        Field::Name,
        Field::DepartmentId,
        Field::Position,
        Field::HiredOn,
        Field::LeftOn,
        Field::IdNumber,
        Field::Phone,
        Field::Pin,
        Field::CardNo,
    ];
    errors.sort_by_key(|e| ORDER.iter().position(|f| *f == e.field).unwrap_or(ORDER.len()));
    errors
}
