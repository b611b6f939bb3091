//! Department use cases: list (depth-first, scoped), add, rename, move, delete (only when
//! empty), and resolving a path such as `总部/生产部` typed on the command line.

use std::collections::HashMap;

use kaoqin_core::department::{self, DepartmentId, DepartmentNode};
use kaoqin_core::{Field, FieldError, Problem};
use kaoqin_store::{Db, DepartmentRow, Store};
use serde_json::json;

use crate::Ctx;
use crate::actor::Action;
use crate::dto::{DepartmentDto, DepartmentInput, DepartmentMove, DepartmentRename};
use crate::error::{Entity, Error, Result};

fn nodes(rows: &[DepartmentRow]) -> Vec<DepartmentNode> {
    rows.iter().map(DepartmentRow::node).collect()
}

fn to_dto(
    row: &DepartmentRow,
    paths: &HashMap<DepartmentId, String>,
    depth: usize,
) -> DepartmentDto {
    DepartmentDto {
        id: row.id,
        parent_id: row.parent_id,
        name: row.name.clone(),
        path: paths.get(&row.id).cloned().unwrap_or_else(|| row.name.clone()),
        depth: u32::try_from(depth).unwrap_or(u32::MAX),
        employee_count: row.employee_count,
        active_employee_count: row.active_employee_count,
        child_count: row.child_count,
    }
}

/// The DTO of one department as it is now in `db`.
fn load_dto(db: &Db<'_>, id: DepartmentId) -> Result<DepartmentDto> {
    let rows = db.list_departments()?;
    let all = nodes(&rows);
    let row = rows.iter().find(|r| r.id == id).ok_or_else(|| not_found(id))?;
    let depth =
        department::depth_first(&all).into_iter().find(|(i, _)| *i == id).map_or(0, |(_, d)| d);
    Ok(to_dto(row, &department::paths(&all), depth))
}

fn not_found(id: DepartmentId) -> Error {
    Error::NotFound { entity: Entity::Department, key: id.to_string() }
}

/// The path of an existing sibling with this name, for the duplicate message.
fn sibling_conflict(
    db: &Db<'_>,
    parent: Option<DepartmentId>,
    name: &str,
    except: Option<DepartmentId>,
) -> Result<Option<FieldError>> {
    let Some(existing) = db.find_department(parent, name)? else { return Ok(None) };
    if Some(existing) == except {
        return Ok(None);
    }
    let holder = load_dto(db, existing)?.path;
    Ok(Some(FieldError::new(Field::DepartmentName, Problem::Duplicate { holder }, name)))
}

/// Every department the actor may see, depth-first (parents before children).
pub fn list_departments(store: &Store, ctx: &Ctx) -> Result<Vec<DepartmentDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let rows = store.read().list_departments()?;
    let all = nodes(&rows);
    let scope = ctx.actor.department_scope(&all);
    let by_id: HashMap<_, _> = rows.iter().map(|r| (r.id, r)).collect();
    let paths = department::paths(&all);
    Ok(department::depth_first(&all)
        .into_iter()
        .filter(|(id, _)| scope.as_ref().is_none_or(|s| s.contains(id)))
        .filter_map(|(id, depth)| by_id.get(&id).map(|row| to_dto(row, &paths, depth)))
        .collect())
}

fn check_parent(
    db: &Db<'_>,
    parent: Option<DepartmentId>,
    errors: &mut Vec<FieldError>,
) -> Result<()> {
    if let Some(p) = parent
        && db.get_department(p)?.is_none()
    {
        errors.push(FieldError::new(Field::ParentId, Problem::NotFound, p.to_string()));
    }
    Ok(())
}

pub fn add_department(
    store: &mut Store,
    ctx: &Ctx,
    input: DepartmentInput,
) -> Result<DepartmentDto> {
    ctx.actor.require(Action::EditRoster)?;
    store.write(|db| {
        let mut errors = Vec::new();
        let name = department::name(&input.name, &mut errors);
        check_parent(db, input.parent_id, &mut errors)?;
        if let (Some(name), true) = (&name, errors.is_empty()) {
            errors.extend(sibling_conflict(db, input.parent_id, name, None)?);
        }
        let Some(name) = name.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let id = db.insert_department(input.parent_id, &name, ctx.now)?;
        ctx.audit(
            db,
            "department.add",
            "department",
            Some(id),
            json!({ "name": name, "parent_id": input.parent_id }),
        )?;
        load_dto(db, id)
    })
}

pub fn rename_department(
    store: &mut Store,
    ctx: &Ctx,
    input: DepartmentRename,
) -> Result<DepartmentDto> {
    ctx.actor.require(Action::EditRoster)?;
    store.write(|db| {
        let row = db.get_department(input.id)?.ok_or_else(|| not_found(input.id))?;
        let mut errors = Vec::new();
        let name = department::name(&input.name, &mut errors);
        if let Some(name) = &name {
            errors.extend(sibling_conflict(db, row.parent_id, name, Some(row.id))?);
        }
        let Some(name) = name.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        if name != row.name {
            db.rename_department(row.id, &name, ctx.now)?;
            ctx.audit(
                db,
                "department.rename",
                "department",
                Some(row.id),
                json!({ "before": row.name, "after": name }),
            )?;
        }
        load_dto(db, row.id)
    })
}

pub fn move_department(
    store: &mut Store,
    ctx: &Ctx,
    input: DepartmentMove,
) -> Result<DepartmentDto> {
    ctx.actor.require(Action::EditRoster)?;
    store.write(|db| {
        let row = db.get_department(input.id)?.ok_or_else(|| not_found(input.id))?;
        let mut errors = Vec::new();
        check_parent(db, input.parent_id, &mut errors)?;
        if let (Some(parent), true) = (input.parent_id, errors.is_empty()) {
            let all = nodes(&db.list_departments()?);
            if department::in_subtree(&all, row.id, parent) {
                errors.push(FieldError::new(
                    Field::ParentId,
                    Problem::MoveIntoOwnSubtree,
                    parent.to_string(),
                ));
            }
        }
        if errors.is_empty() {
            errors.extend(sibling_conflict(db, input.parent_id, &row.name, Some(row.id))?);
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        if input.parent_id != row.parent_id {
            db.move_department(row.id, input.parent_id, ctx.now)?;
            ctx.audit(
                db,
                "department.move",
                "department",
                Some(row.id),
                json!({ "before": row.parent_id, "after": input.parent_id }),
            )?;
        }
        load_dto(db, row.id)
    })
}

pub fn delete_department(store: &mut Store, ctx: &Ctx, id: DepartmentId) -> Result<()> {
    ctx.actor.require(Action::EditRoster)?;
    store.write(|db| {
        let row = db.get_department(id)?.ok_or_else(|| not_found(id))?;
        if row.child_count > 0 || row.employee_count > 0 {
            return Err(Error::DepartmentNotEmpty {
                name: load_dto(db, id)?.path,
                children: row.child_count,
                employees: row.employee_count,
            });
        }
        db.delete_department(id)?;
        ctx.audit(
            db,
            "department.delete",
            "department",
            Some(id),
            json!({ "name": row.name, "parent_id": row.parent_id }),
        )
    })
}

/// Finds a department by its full path (`总部/生产部/一车间`) or, failing that, by a name that is
/// unique in the whole tree (`一车间`). Errors name the field `field` and the value typed.
pub fn resolve_department(
    store: &Store,
    ctx: &Ctx,
    field: Field,
    path: &str,
) -> Result<DepartmentId> {
    ctx.actor.require(Action::ViewRoster)?;
    let db = store.read();
    let parts =
        department::split_path(path).ok_or_else(|| Error::field(field, Problem::NotFound, path))?;
    let mut parent = None;
    let mut found = Some(());
    for part in &parts {
        match db.find_department(parent, part)? {
            Some(id) => parent = Some(id),
            None => {
                found = None;
                break;
            }
        }
    }
    if let (Some(()), Some(id)) = (found, parent) {
        return Ok(id);
    }
    if let [name] = parts.as_slice() {
        let rows = db.list_departments()?;
        let all = nodes(&rows);
        let paths = department::paths(&all);
        let matches: Vec<_> = rows.iter().filter(|r| r.name == *name).collect();
        match matches.as_slice() {
            [one] => return Ok(one.id),
            [] => {}
            many => {
                let mut candidates: Vec<String> =
                    many.iter().filter_map(|r| paths.get(&r.id).cloned()).collect();
                candidates.sort();
                return Err(Error::field(field, Problem::Ambiguous { candidates }, path));
            }
        }
    }
    Err(Error::field(field, Problem::NotFound, path))
}
