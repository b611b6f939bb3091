//! Use cases for attendance groups (考勤组) and their members: list with the people in each on a
//! date, save a version of a group's rules, assign departments or people from a date, and say
//! which group a person is in and why.
//!
//! Not here: the membership rules (kaoqin-core::group) and SQL (kaoqin-store).

use std::collections::HashMap;

use chrono::NaiveDate;
use kaoqin_core::department::{self, DepartmentId, DepartmentNode};
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::group::{self, GroupForm, GroupId, GroupVersion, MemberTarget, Membership};
use kaoqin_core::timetable::TimetableId;
use kaoqin_core::{Field, FieldError, Problem, date};
use kaoqin_store::{EmployeeFilter, EmployeeRow, GroupRow, MembershipRow, Store};
use serde_json::json;

use crate::company::local_today;
use crate::dto::{
    AssignGroupInput, GroupDto, GroupInput, GroupMemberDto, GroupVersionDto, GroupsDto,
    MembershipDto, SaveGroupInput,
};
use crate::error::{Entity, Error, Result};
use crate::timetables::{codes, effective_from, refs};
use crate::{Action, Ctx};

impl From<&GroupInput> for GroupForm {
    fn from(g: &GroupInput) -> Self {
        GroupForm {
            name: g.name.clone(),
            kind: g.kind.clone(),
            week: g.week.clone(),
            follow_holidays: g.follow_holidays,
            min_rest_minutes: g.min_rest_minutes,
            max_consecutive_days: g.max_consecutive_days,
            effective_from: g.effective_from.clone(),
            hours: g.hours.clone(),
        }
    }
}

impl From<GroupForm> for GroupInput {
    fn from(g: GroupForm) -> Self {
        GroupInput {
            name: g.name,
            kind: g.kind,
            week: g.week,
            follow_holidays: g.follow_holidays,
            min_rest_minutes: g.min_rest_minutes,
            max_consecutive_days: g.max_consecutive_days,
            effective_from: g.effective_from,
            hours: g.hours,
        }
    }
}

/// The roster as membership needs it: departments, paths and everyone on the books.
pub(crate) struct Roster {
    pub nodes: Vec<DepartmentNode>,
    pub paths: HashMap<DepartmentId, String>,
    pub employees: Vec<EmployeeRow>,
    pub groups: Vec<GroupRow>,
    pub memberships: Vec<MembershipRow>,
}

impl Roster {
    pub fn load(db: &kaoqin_store::Db<'_>) -> Result<Roster> {
        let nodes: Vec<DepartmentNode> = db.list_departments()?.iter().map(|d| d.node()).collect();
        let paths = department::paths(&nodes);
        let filter = EmployeeFilter { limit: u32::MAX, ..EmployeeFilter::default() };
        let (employees, _) = db.list_employees(&filter)?;
        Ok(Roster {
            nodes,
            paths,
            employees,
            groups: db.list_groups()?,
            memberships: db.list_memberships()?,
        })
    }

    fn label(&self, target: MemberTarget) -> String {
        match target {
            MemberTarget::Department(d) => self.paths.get(&d).cloned().unwrap_or_default(),
            MemberTarget::Employee(e) => self
                .employees
                .iter()
                .find(|x| x.id == e)
                .map(|x| format!("{} {}", x.employee_no, x.name))
                .unwrap_or_default(),
        }
    }

    fn group_name(&self, id: GroupId) -> Option<String> {
        self.groups.iter().find(|g| g.id == id).map(|g| g.name.clone())
    }

    fn membership_dto(&self, row: &MembershipRow) -> MembershipDto {
        let m = row.membership;
        let (kind, id) = match m.target {
            MemberTarget::Department(d) => ("department", d),
            MemberTarget::Employee(e) => ("employee", e),
        };
        // The next row for the same target ends this one the day before it starts.
        let next = self
            .memberships
            .iter()
            .map(|r| r.membership)
            .filter(|n| n.target == m.target && n.effective_from > m.effective_from)
            .min_by_key(|n| n.effective_from);
        MembershipDto {
            target_kind: kind.to_owned(),
            target_id: id,
            target_label: self.label(m.target),
            group_id: m.group,
            group_name: m.group.and_then(|g| self.group_name(g)),
            effective_from: date::iso(m.effective_from),
            until: next.and_then(|n| n.effective_from.pred_opt()).map(date::iso),
            next_group_name: next.and_then(|n| n.group).and_then(|g| self.group_name(g)),
            saved_by: row.saved_by.clone(),
        }
    }

    /// People on the books on `on` (hired by then, not left before).
    fn on_books(&self, on: NaiveDate) -> impl Iterator<Item = &EmployeeRow> {
        self.employees.iter().filter(move |e| e.hired_on <= on && e.left_on.is_none_or(|l| l >= on))
    }

    /// The group of one person on a date, with the assignment that decides it.
    pub fn group_of(&self, e: &EmployeeRow, on: NaiveDate) -> Option<group::Assigned> {
        let chain = department::ancestors(&self.nodes, e.department_id);
        let all: Vec<Membership> = self.memberships.iter().map(|m| m.membership).collect();
        group::group_on(on, e.id, &chain, &all)
    }

    fn member_dto(&self, e: &EmployeeRow, on: NaiveDate) -> GroupMemberDto {
        let assigned = self.group_of(e, on);
        let via = assigned.and_then(|a| {
            self.memberships.iter().find(|m| m.membership == a.via).map(|m| self.membership_dto(m))
        });
        GroupMemberDto {
            employee_id: e.id,
            employee_no: e.employee_no.clone(),
            name: e.name.clone(),
            department_path: self.paths.get(&e.department_id).cloned().unwrap_or_default(),
            group_id: assigned.map(|a| a.group),
            group_name: assigned.and_then(|a| self.group_name(a.group)),
            via,
        }
    }
}

fn on_date(store: &Store, ctx: &Ctx, on: Option<&str>) -> Result<NaiveDate> {
    match on {
        None | Some("") => local_today(store, ctx),
        Some(text) => {
            let mut errors = Vec::new();
            date::field(Field::Date, text, true, &mut errors).ok_or(Error::Invalid(errors))
        }
    }
}

fn group_dto(
    roster: &Roster,
    row: &GroupRow,
    on: NaiveDate,
    codes: &HashMap<TimetableId, String>,
) -> GroupDto {
    let form = |v: &group::Versioned<group::GroupRule>| {
        let version = GroupVersion {
            name: row.name.clone(),
            rule: v.value.clone(),
            effective_from: v.effective_from,
        };
        GroupInput::from(group::group_form(&version, |id| codes.get(&id).cloned()))
    };
    let current = group::in_force(&row.versions, on).unwrap_or(&row.versions[0]);
    let members =
        roster.on_books(on).filter(|e| roster.group_of(e, on).is_some_and(|a| a.group == row.id));
    GroupDto {
        id: row.id,
        name: row.name.clone(),
        kind: current.value.kind.key().to_owned(),
        current: form(current),
        versions: row
            .versions
            .iter()
            .map(|v| GroupVersionDto { effective_from: date::iso(v.effective_from), form: form(v) })
            .collect(),
        assignments: roster
            .memberships
            .iter()
            .filter(|m| m.membership.group == Some(row.id))
            .map(|m| roster.membership_dto(m))
            .collect(),
        member_count: u32::try_from(members.count()).unwrap_or(u32::MAX),
    }
}

/// Every group with its members on `on` (default: today in the company's time zone).
pub fn list_groups(store: &Store, ctx: &Ctx, on: Option<&str>) -> Result<GroupsDto> {
    ctx.actor.require(Action::ViewSettings)?;
    let on = on_date(store, ctx, on)?;
    let db = store.read();
    let roster = Roster::load(&db)?;
    let codes = codes(&db.list_timetables()?);
    let groups = roster.groups.iter().map(|g| group_dto(&roster, g, on, &codes)).collect();
    let unassigned = roster.on_books(on).filter(|e| roster.group_of(e, on).is_none()).count();
    Ok(GroupsDto {
        on: date::iso(on),
        groups,
        unassigned_count: u32::try_from(unassigned).unwrap_or(u32::MAX),
    })
}

/// Creates a group or saves a version of its rules.
pub fn save_group(store: &mut Store, ctx: &Ctx, input: SaveGroupInput) -> Result<GroupDto> {
    ctx.actor.require(Action::EditSettings)?;
    let db = store.read();
    let roster = Roster::load(&db)?;
    let timetables = db.list_timetables()?;
    let existing = match input.id {
        None => None,
        Some(id) => Some(
            roster
                .groups
                .iter()
                .find(|g| g.id == id)
                .ok_or_else(|| Error::NotFound { entity: Entity::Group, key: id.to_string() })?,
        ),
    };
    let mut errors = Vec::new();
    let dates: Option<Vec<NaiveDate>> =
        existing.map(|g| g.versions.iter().map(|v| v.effective_from).collect());
    let mut form = GroupForm::from(&input.group);
    if let Some(from) = effective_from(&input.group.effective_from, dates.as_deref(), &mut errors) {
        form.effective_from = date::iso(from);
    }
    let checked = group::validate_group(&form, &refs(&timetables));
    if let Ok(v) = &checked
        && let Some(other) =
            roster.groups.iter().find(|g| g.name == v.name && Some(g.id) != input.id)
    {
        let holder = format!("考勤组「{}」", other.name);
        errors.push(FieldError::new(Field::Name, Problem::Duplicate { holder }, &v.name));
    }
    let version = match checked {
        Ok(v) if errors.is_empty() => v,
        Ok(_) => return Err(Error::Invalid(errors)),
        Err(mut e) => {
            errors.append(&mut e);
            return Err(Error::Invalid(errors));
        }
    };
    let id = store.write(|db| {
        let (by, at, from) = (ctx.actor.login.as_str(), ctx.now, version.effective_from);
        let id = match input.id {
            Some(id) => {
                db.update_group(id, &version.name, &version.rule, from, at, by)?;
                id
            }
            None => db.insert_group(&version.name, &version.rule, from, at, by)?,
        };
        let detail = json!({ "name": version.name, "effective_from": date::iso(from), "rule": version.rule });
        let action = if input.id.is_some() { "group.change" } else { "group.add" };
        ctx.audit(db, action, "attendance_group", Some(id), detail)?;
        Ok::<_, Error>(id)
    })?;
    let db = store.read();
    let roster = Roster::load(&db)?;
    let row = roster
        .groups
        .iter()
        .find(|g| g.id == id)
        .ok_or_else(|| Error::Internal(format!("saved group {id} is missing")))?;
    let today = local_today(store, ctx)?;
    Ok(group_dto(&roster, row, today, &codes(&timetables)))
}

/// Deletes a group no assignment has ever named (otherwise end its assignments instead, so
/// the history of past months stays).
pub fn delete_group(store: &mut Store, ctx: &Ctx, id: GroupId) -> Result<()> {
    ctx.actor.require(Action::EditSettings)?;
    let db = store.read();
    let roster = Roster::load(&db)?;
    let row = roster
        .groups
        .iter()
        .find(|g| g.id == id)
        .ok_or_else(|| Error::NotFound { entity: Entity::Group, key: id.to_string() })?;
    let users: Vec<String> = roster
        .memberships
        .iter()
        .filter(|m| m.membership.group == Some(id))
        .map(|m| {
            format!("{}（{} 起）", roster.label(m.membership.target), m.membership.effective_from)
        })
        .collect();
    if !users.is_empty() {
        return Err(Error::field(Field::Group, Problem::InUse { users }, &row.name));
    }
    let name = row.name.clone();
    store.write(|db| {
        db.delete_group(id)?;
        ctx.audit(db, "group.delete", "attendance_group", Some(id), json!({ "name": name }))
    })
}

fn target(
    kind: &str,
    id: i64,
    roster: &Roster,
    errors: &mut Vec<FieldError>,
) -> Option<MemberTarget> {
    match kind {
        "department" if roster.nodes.iter().any(|n| n.id == id) => {
            Some(MemberTarget::Department(id))
        }
        "employee" if roster.employees.iter().any(|e| e.id == id) => {
            Some(MemberTarget::Employee(id))
        }
        "department" => {
            errors.push(FieldError::new(Field::DepartmentId, Problem::NotFound, id.to_string()));
            None
        }
        "employee" => {
            errors.push(FieldError::new(Field::EmployeeId, Problem::NotFound, id.to_string()));
            None
        }
        other => {
            let problem = Problem::NotOneOf { choices: &["department", "employee"] };
            errors.push(FieldError::new(Field::Group, problem, other));
            None
        }
    }
}

/// From a date, puts a department (with its sub-departments) or a person into a group, or ends
/// their assignment (`group_id` empty). Replaces an assignment of the same target on that date.
pub fn assign_group(
    store: &mut Store,
    ctx: &Ctx,
    input: AssignGroupInput,
) -> Result<MembershipDto> {
    ctx.actor.require(Action::EditSettings)?;
    let roster = Roster::load(&store.read())?;
    let mut errors = Vec::new();
    let target = target(&input.target_kind, input.target_id, &roster, &mut errors);
    let from = date::field(Field::EffectiveFrom, &input.effective_from, true, &mut errors);
    if let Some(g) = input.group_id
        && !roster.groups.iter().any(|x| x.id == g)
    {
        errors.push(FieldError::new(Field::Group, Problem::NotFound, g.to_string()));
    }
    let (Some(target), Some(from)) = (target, from) else {
        return Err(Error::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let m = Membership { target, group: input.group_id, effective_from: from };
    let row = store.write(|db| {
        let before = db.get_membership(target, from)?;
        db.upsert_membership(&m, ctx.now, &ctx.actor.login)?;
        let detail = json!({
            "target": roster.label(target),
            "group": m.group.and_then(|g| roster.group_name(g)),
            "effective_from": date::iso(from),
            "replaced": before.map(|b| b.group),
        });
        ctx.audit(db, "group.assign", "group_membership", None, detail)?;
        Ok::<_, Error>(MembershipRow {
            id: 0,
            membership: m,
            saved_at: String::new(),
            saved_by: ctx.actor.login.clone(),
        })
    })?;
    Ok(roster.membership_dto(&row))
}

/// Removes one assignment row (a mistaken entry); the previous assignment applies again.
pub fn remove_assignment(store: &mut Store, ctx: &Ctx, input: AssignGroupInput) -> Result<()> {
    ctx.actor.require(Action::EditSettings)?;
    let roster = Roster::load(&store.read())?;
    let mut errors = Vec::new();
    let target = target(&input.target_kind, input.target_id, &roster, &mut errors);
    let from = date::field(Field::EffectiveFrom, &input.effective_from, true, &mut errors);
    let (Some(target), Some(from)) = (target, from) else {
        return Err(Error::Invalid(errors));
    };
    store.write(|db| {
        if !db.delete_membership(target, from)? {
            let key = format!("{} {}", roster.label(target), date::iso(from));
            return Err(Error::NotFound { entity: Entity::Membership, key });
        }
        let detail = json!({ "target": roster.label(target), "effective_from": date::iso(from) });
        ctx.audit(db, "group.unassign", "group_membership", None, detail)
    })
}

/// People on the books on a date with their group and why: of one group, or with `group_id`
/// empty and `unassigned` the people in no group, or everyone.
pub fn list_group_members(
    store: &Store,
    ctx: &Ctx,
    group_id: Option<GroupId>,
    unassigned: bool,
    on: Option<&str>,
) -> Result<Vec<GroupMemberDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let on = on_date(store, ctx, on)?;
    let roster = Roster::load(&store.read())?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    Ok(roster
        .on_books(on)
        .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .map(|e| roster.member_dto(e, on))
        .filter(|m| match (group_id, unassigned) {
            (Some(g), _) => m.group_id == Some(g),
            (None, true) => m.group_id.is_none(),
            (None, false) => true,
        })
        .collect())
}

/// The group of one employee on a date.
pub fn employee_group(
    store: &Store,
    ctx: &Ctx,
    employee_id: EmployeeId,
    on: Option<&str>,
) -> Result<GroupMemberDto> {
    ctx.actor.require(Action::ViewRoster)?;
    let on = on_date(store, ctx, on)?;
    let roster = Roster::load(&store.read())?;
    let e = roster.employees.iter().find(|e| e.id == employee_id).ok_or_else(|| {
        Error::NotFound { entity: Entity::Employee, key: employee_id.to_string() }
    })?;
    if let Some(scope) = ctx.actor.department_scope(&roster.nodes)
        && !scope.contains(&e.department_id)
    {
        return Err(Error::NotFound { entity: Entity::Employee, key: employee_id.to_string() });
    }
    Ok(roster.member_dto(e, on))
}
