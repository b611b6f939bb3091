//! Configuration as one file: `kaoqin setup export` writes timetables, rotations, attendance
//! groups, group assignments, company days and leave types to TOML; `kaoqin setup import` reads such a file
//! back, all or nothing, with a dry run that reports what would be added or changed.
//!
//! Entries are matched by their natural keys: timetables by code, rotations and groups by name,
//! assignments by (department path or 工号, date), company days by date, leave types by code. An entry equal to what
//! is stored is left alone, so importing an exported file changes nothing. A changed timetable
//! takes the file's top-level `effective_from` (or corrects the rules in force); a group takes
//! its own `effective_from`.
//!
//! The format is documented in the README ("Setup files"). Written here by hand on top of the
//! `toml` crate: the mapping from names to stored ids is the product's own.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use kaoqin_core::calendar::{self as core_cal, Calendar};
use kaoqin_core::group::{self, GroupForm, MemberTarget, Membership, RotationForm, Versioned};
use kaoqin_core::leave::{self, LeaveTypeForm};
use kaoqin_core::timetable::{self, TimetableForm};
use kaoqin_core::{Field, FieldError, Problem, date, department};
use kaoqin_store::{Db, Store};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::dto::{SetupImportResult, SetupSectionResult};
use crate::error::{Error, FileKind, Result, SetupProblem};
use crate::groups::Roster;
use crate::timetables::{codes, refs, since_always};
use crate::{Action, Ctx, calendar};

/// The format line every setup file starts with.
pub const FORMAT: &str = "kaoqin-setup/1";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct SetupFile {
    format: String,
    /// When changed timetables take effect (empty: they correct the rules in force).
    #[serde(skip_serializing_if = "String::is_empty")]
    effective_from: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    timetable: Vec<TimetableForm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    rotation: Vec<RotationForm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    group: Vec<GroupForm>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    membership: Vec<MembershipEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    company_day: Vec<CompanyDayEntry>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    leave_type: Vec<LeaveTypeForm>,
}

/// `department = "总部/生产部"` or `employee = "E001"`; `group = ""` ends an assignment.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct MembershipEntry {
    #[serde(skip_serializing_if = "String::is_empty")]
    department: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    employee: String,
    group: String,
    from: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct CompanyDayEntry {
    date: String,
    kind: String,
    note: String,
}

const HEADER: &str = "\
# Kaoqin setup file: timetables (班次), rotations (轮班规律), attendance groups (考勤组),
# group assignments and company days. Import with `kaoqin setup import FILE --dry-run` first.
# Times are HH:MM, with +1 for the next day (06:00+1). The format is described in the README.
";

/// The whole setup as TOML.
pub fn export_setup(store: &Store, ctx: &Ctx) -> Result<String> {
    ctx.actor.require(Action::ViewSettings)?;
    let db = store.read();
    let timetables = db.list_timetables()?;
    let codes = codes(&timetables);
    let code_of = |id| codes.get(&id).cloned();
    let roster = Roster::load(&db)?;
    let group_names: HashMap<i64, String> =
        roster.groups.iter().map(|g| (g.id, g.name.clone())).collect();
    let employee_nos: HashMap<i64, String> =
        roster.employees.iter().map(|e| (e.id, e.employee_no.clone())).collect();
    let file = SetupFile {
        format: FORMAT.to_owned(),
        effective_from: String::new(),
        timetable: timetables.iter().map(|t| timetable::to_form(t.latest())).collect(),
        rotation: db
            .list_rotations()?
            .iter()
            .map(|r| group::rotation_form(&r.rotation, code_of))
            .collect(),
        group: roster
            .groups
            .iter()
            .map(|g| {
                let last = &g.versions[g.versions.len() - 1];
                let version = group::GroupVersion {
                    name: g.name.clone(),
                    rule: last.value.clone(),
                    effective_from: last.effective_from,
                };
                group::group_form(&version, code_of)
            })
            .collect(),
        membership: roster
            .memberships
            .iter()
            .map(|m| {
                let (department, employee) = match m.membership.target {
                    MemberTarget::Department(d) => {
                        (roster.paths.get(&d).cloned().unwrap_or_default(), String::new())
                    }
                    MemberTarget::Employee(e) => {
                        (String::new(), employee_nos.get(&e).cloned().unwrap_or_default())
                    }
                };
                MembershipEntry {
                    department,
                    employee,
                    group: m
                        .membership
                        .group
                        .and_then(|g| group_names.get(&g).cloned())
                        .unwrap_or_default(),
                    from: date::iso(m.membership.effective_from),
                }
            })
            .collect(),
        company_day: db
            .list_company_days()?
            .into_iter()
            .map(|d| CompanyDayEntry {
                date: date::iso(d.date),
                kind: d.kind.key().to_owned(),
                note: d.note,
            })
            .collect(),
        leave_type: db
            .list_leave_types()?
            .iter()
            .map(|t| leave::type_form(&t.leave_type))
            .collect(),
    };
    let body = toml::to_string(&file).map_err(|e| Error::Internal(format!("setup export: {e}")))?;
    Ok(format!("{HEADER}\n{body}"))
}

fn parse(text: &str) -> Result<SetupFile> {
    let file: SetupFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let (line, column) = calendar::line_column(text, offset);
        Error::BadFile { what: FileKind::Setup, line, column, detail: e.message().to_owned() }
    })?;
    if file.format != FORMAT {
        return Err(Error::BadFile {
            what: FileKind::Setup,
            line: 1,
            column: 1,
            detail: format!("format = \"{FORMAT}\" is expected, found {:?}", file.format),
        });
    }
    Ok(file)
}

/// What an entry did to what was stored.
#[derive(Clone, Copy)]
enum Change {
    Added,
    Changed,
    Unchanged,
}

/// Collects results and problems section by section.
#[derive(Default)]
struct Outcome {
    sections: Vec<SetupSectionResult>,
    problems: Vec<SetupProblem>,
    /// Keys of entries refused in earlier sections (timetable codes, group names): a later
    /// entry naming one is not told it "does not exist", which would hide the real problem.
    refused: HashSet<String>,
}

impl Outcome {
    fn section(&mut self, name: &str) -> usize {
        self.sections.push(SetupSectionResult { section: name.to_owned(), ..Default::default() });
        self.sections.len() - 1
    }

    /// Records a second entry with the same key as a problem; true when it was one.
    fn repeated(
        &mut self,
        seen: &mut HashMap<String, usize>,
        (section, index): (&'static str, usize),
        field: Field,
        key: &str,
        name: &str,
    ) -> bool {
        let Some(first) = seen.insert(key.to_owned(), index) else { return false };
        let problem = Problem::DuplicateInFile {
            row: u32::try_from(first + 1).unwrap_or(0),
            holder: name.to_owned(),
        };
        self.problem(section, index, name, vec![FieldError::new(field, problem, key)]);
        true
    }

    /// Files an entry's key under added, changed or unchanged of section `s`.
    fn record(&mut self, s: usize, change: Change, key: String) {
        let section = &mut self.sections[s];
        match change {
            Change::Added => section.added.push(key),
            Change::Changed => section.changed.push(key),
            Change::Unchanged => section.unchanged.push(key),
        }
    }

    fn problem(
        &mut self,
        section: &'static str,
        index: usize,
        name: &str,
        errors: Vec<FieldError>,
    ) {
        let refused = &self.refused;
        let errors = errors.into_iter().filter(|e| {
            !(e.problem == Problem::NotFound
                && matches!(e.field, Field::Timetable | Field::Group)
                && refused.contains(&e.value))
        });
        self.problems.extend(errors.map(|error| SetupProblem {
            section,
            index,
            name: name.to_owned(),
            error,
        }));
    }
}

/// Checks and applies a setup file. All or nothing: any problem anywhere writes nothing, and a
/// dry run writes nothing either but reports what would change.
pub fn import_setup(
    store: &mut Store,
    ctx: &Ctx,
    text: &str,
    dry_run: bool,
) -> Result<SetupImportResult> {
    ctx.actor.require(Action::EditSettings)?;
    let file = parse(text)?;
    let base = {
        let cal = calendar::calendar(store)?;
        Calendar::new(cal.years().cloned(), [])
    };
    let apply = |db: &Db<'_>| -> Result<SetupImportResult> {
        let mut out = Outcome::default();
        let mut top = Vec::new();
        let changed_from = if file.effective_from.trim().is_empty() {
            None
        } else {
            date::field(Field::EffectiveFrom, &file.effective_from, true, &mut top)
        };
        out.problem("file", 0, "", top);
        timetables(db, ctx, &file, changed_from, &mut out)?;
        rotations(db, ctx, &file, &mut out)?;
        groups(db, ctx, &file, &mut out)?;
        memberships(db, ctx, &file, &mut out)?;
        company_days(db, ctx, &file, &base, &mut out)?;
        leave_types(db, ctx, &file, &mut out)?;
        if !out.problems.is_empty() {
            return Err(Error::SetupInvalid(out.problems));
        }
        let summary: Vec<_> = out
            .sections
            .iter()
            .map(|s| json!({ "section": s.section, "added": s.added.len(), "changed": s.changed.len() }))
            .collect();
        ctx.audit(db, "setup.import", "setup", None, json!({ "sections": summary }))?;
        Ok(SetupImportResult { sections: out.sections, dry_run })
    };
    if dry_run { store.rehearse(apply) } else { store.write(apply) }
}

fn label(name: &str, index: usize) -> String {
    if name.trim().is_empty() { format!("#{}", index + 1) } else { name.to_owned() }
}

fn timetables(
    db: &Db<'_>,
    ctx: &Ctx,
    file: &SetupFile,
    changed_from: Option<NaiveDate>,
    out: &mut Outcome,
) -> Result<()> {
    let s = out.section("timetable");
    let rows = db.list_timetables()?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, form) in file.timetable.iter().enumerate() {
        let t = match timetable::validate(form) {
            Ok(t) => t,
            Err(errors) => {
                out.refused.insert(form.code.trim().to_owned());
                out.problem("timetable", i, &label(&form.name, i), errors);
                continue;
            }
        };
        if out.repeated(&mut seen, ("timetable", i), Field::Code, &t.code, &t.name) {
            continue;
        }
        let existing = rows.iter().find(|r| r.latest().code == t.code);
        if let Some(other) =
            rows.iter().find(|r| r.latest().name == t.name && r.latest().code != t.code)
        {
            let holder = format!("班次「{}」（{}）", other.latest().name, other.latest().code);
            out.problem(
                "timetable",
                i,
                &t.name,
                vec![FieldError::new(Field::Name, Problem::Duplicate { holder }, &t.name)],
            );
            continue;
        }
        let (at, by) = (ctx.now, ctx.actor.login.as_str());
        match existing {
            None => {
                db.insert_timetable(&t, since_always(), at, by)?;
                out.record(s, Change::Added, t.code.clone());
            }
            Some(r) if r.latest() == &t => out.record(s, Change::Unchanged, t.code.clone()),
            Some(r) => {
                let last = r.versions[r.versions.len() - 1].effective_from;
                db.update_timetable(r.id, &t, changed_from.unwrap_or(last), at, by)?;
                out.record(s, Change::Changed, t.code.clone());
            }
        }
    }
    Ok(())
}

fn rotations(db: &Db<'_>, ctx: &Ctx, file: &SetupFile, out: &mut Outcome) -> Result<()> {
    let s = out.section("rotation");
    let timetables = db.list_timetables()?;
    let refs = refs(&timetables);
    let rows = db.list_rotations()?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, form) in file.rotation.iter().enumerate() {
        let r = match group::validate_rotation(form, &refs) {
            Ok(r) => r,
            Err(errors) => {
                out.problem("rotation", i, &label(&form.name, i), errors);
                continue;
            }
        };
        if out.repeated(&mut seen, ("rotation", i), Field::Name, &r.name, &r.name) {
            continue;
        }
        match rows.iter().find(|x| x.rotation.name == r.name) {
            Some(x) if x.rotation == r => out.record(s, Change::Unchanged, r.name.clone()),
            Some(x) => {
                db.upsert_rotation(Some(x.id), &r, ctx.now, &ctx.actor.login)?;
                out.record(s, Change::Changed, r.name.clone());
            }
            None => {
                db.upsert_rotation(None, &r, ctx.now, &ctx.actor.login)?;
                out.record(s, Change::Added, r.name.clone());
            }
        }
    }
    Ok(())
}

fn groups(db: &Db<'_>, ctx: &Ctx, file: &SetupFile, out: &mut Outcome) -> Result<()> {
    let s = out.section("group");
    let timetables = db.list_timetables()?;
    let refs = refs(&timetables);
    let rows = db.list_groups()?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, form) in file.group.iter().enumerate() {
        let existing = rows.iter().find(|g| g.name == form.name);
        let mut form = form.clone();
        if form.effective_from.trim().is_empty() {
            let from = existing
                .map_or_else(since_always, |g| g.versions[g.versions.len() - 1].effective_from);
            form.effective_from = date::iso(from);
        }
        let v = match group::validate_group(&form, &refs) {
            Ok(v) => v,
            Err(errors) => {
                out.refused.insert(form.name.trim().to_owned());
                out.problem("group", i, &label(&form.name, i), errors);
                continue;
            }
        };
        if out.repeated(&mut seen, ("group", i), Field::Name, &v.name, &v.name) {
            continue;
        }
        let (at, by) = (ctx.now, ctx.actor.login.as_str());
        match existing {
            None => {
                db.insert_group(&v.name, &v.rule, v.effective_from, at, by)?;
                out.record(s, Change::Added, v.name.clone());
            }
            Some(g) => {
                let same = g.versions.iter().any(|x: &Versioned<_>| {
                    x.effective_from == v.effective_from && x.value == v.rule
                });
                if same {
                    out.record(s, Change::Unchanged, v.name.clone());
                } else {
                    db.update_group(g.id, &v.name, &v.rule, v.effective_from, at, by)?;
                    out.record(s, Change::Changed, v.name.clone());
                }
            }
        }
    }
    Ok(())
}

fn memberships(db: &Db<'_>, ctx: &Ctx, file: &SetupFile, out: &mut Outcome) -> Result<()> {
    let s = out.section("membership");
    let roster = Roster::load(db)?;
    let by_path: HashMap<&str, i64> =
        roster.paths.iter().map(|(id, p)| (p.as_str(), *id)).collect();
    for (i, entry) in file.membership.iter().enumerate() {
        let mut errors = Vec::new();
        let who = if entry.department.is_empty() {
            entry.employee.clone()
        } else {
            entry.department.clone()
        };
        let target = match (entry.department.trim(), entry.employee.trim()) {
            (path, "") if !path.is_empty() => {
                let normal = department::split_path(path).map(|p| p.join("/")).unwrap_or_default();
                match by_path.get(normal.as_str()) {
                    Some(&id) => Some(MemberTarget::Department(id)),
                    None => {
                        errors.push(FieldError::new(Field::DepartmentId, Problem::NotFound, path));
                        None
                    }
                }
            }
            ("", no) if !no.is_empty() => {
                match roster.employees.iter().find(|e| e.employee_no == no) {
                    Some(e) => Some(MemberTarget::Employee(e.id)),
                    None => {
                        errors.push(FieldError::new(Field::EmployeeNo, Problem::NotFound, no));
                        None
                    }
                }
            }
            _ => {
                let problem = Problem::NotOneOf { choices: &["department", "employee"] };
                errors.push(FieldError::new(Field::DepartmentId, problem, who.clone()));
                None
            }
        };
        let group = match entry.group.trim() {
            "" => Some(None),
            name => match roster.groups.iter().find(|g| g.name == name) {
                Some(g) => Some(Some(g.id)),
                None => {
                    errors.push(FieldError::new(Field::Group, Problem::NotFound, name));
                    None
                }
            },
        };
        let from = date::field(Field::EffectiveFrom, &entry.from, true, &mut errors);
        let (Some(target), Some(group), Some(from)) = (target, group, from) else {
            out.problem("membership", i, &who, errors);
            continue;
        };
        let m = Membership { target, group, effective_from: from };
        let key = format!("{who} {}", date::iso(from));
        match db.get_membership(target, from)? {
            Some(before) if before == m => out.record(s, Change::Unchanged, key),
            before => {
                db.upsert_membership(&m, ctx.now, &ctx.actor.login)?;
                let change = if before.is_some() { Change::Changed } else { Change::Added };
                out.record(s, change, key);
            }
        }
    }
    Ok(())
}

fn company_days(
    db: &Db<'_>,
    ctx: &Ctx,
    file: &SetupFile,
    base: &Calendar,
    out: &mut Outcome,
) -> Result<()> {
    let s = out.section("company_day");
    for (i, entry) in file.company_day.iter().enumerate() {
        let day = match core_cal::validate_company_day(base, &entry.date, &entry.kind, &entry.note)
        {
            Ok(day) => day,
            Err(core_cal::CalendarError::Invalid(errors)) => {
                out.problem("company_day", i, &entry.date, errors);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        let key = date::iso(day.date);
        match db.get_company_day(day.date)? {
            Some(before) if before == day => out.record(s, Change::Unchanged, key),
            before => {
                db.delete_company_day(day.date)?;
                db.insert_company_day(&day, ctx.now, &ctx.actor.login)?;
                let change = if before.is_some() { Change::Changed } else { Change::Added };
                out.record(s, change, key);
            }
        }
    }
    Ok(())
}

fn leave_types(db: &Db<'_>, ctx: &Ctx, file: &SetupFile, out: &mut Outcome) -> Result<()> {
    let s = out.section("leave_type");
    let mut rows = db.list_leave_types()?;
    for (i, form) in file.leave_type.iter().enumerate() {
        let existing = rows.iter().find(|r| r.leave_type.code == form.code.trim()).map(|r| r.id);
        let t = match crate::leave::check_type(&rows, existing, form) {
            Ok(t) => t,
            Err(errors) => {
                out.problem("leave_type", i, &label(&form.name, i), errors);
                continue;
            }
        };
        match existing.and_then(|id| rows.iter().find(|r| r.id == id)) {
            Some(r) if r.leave_type == t => out.record(s, Change::Unchanged, t.code.clone()),
            Some(r) => {
                db.upsert_leave_type(Some(r.id), &t, ctx.now, &ctx.actor.login)?;
                out.record(s, Change::Changed, t.code.clone());
            }
            None => {
                db.upsert_leave_type(None, &t, ctx.now, &ctx.actor.login)?;
                out.record(s, Change::Added, t.code.clone());
            }
        }
        // Later entries are checked against this one (a code or name used twice in the file).
        rows = db.list_leave_types()?;
    }
    Ok(())
}
