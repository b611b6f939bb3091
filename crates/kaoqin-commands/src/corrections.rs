//! The exception inbox and the clerk's resolutions (更正).
//!
//! - **Inbox** (`list_exceptions`): every finding of a month's stored results at or above a
//!   severity (warning by default), in the actor's department scope, filtered by department,
//!   person, kind and date, heaviest first (the minutes of pay it touches). A finding stays
//!   open until a correction takes it away (补卡, ignore, leave …) or reviews it: a note,
//!   按出勤处理, 按旷工处理 or an overtime decision on that day closes its findings.
//! - **Resolve** (`resolve`): one resolution for one or many person-days (bulk), all or none.
//!   Each becomes a correction row (who, when, why, attachment note) and an audit event in one
//!   transaction; then the people's month is recomputed. Raw punches are never touched.
//!   Leave/外出/出差 goes through the leave use case and its correction points at the record.
//! - **Undo** (`undo`): any correction, until its month is closed; a leave it made is
//!   cancelled; the month is recomputed.
//!
//! Not here yet: 补卡 quotas and deadlines per attendance group, anomaly flags.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Days, NaiveDate, NaiveTime};
use kaoqin_core::department;
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::engine::{DayResult, Direction, Fix, Severity};
use kaoqin_core::{Field, Problem};
use kaoqin_store::{CorrectionRow, CorrectionWrite, Store};
use serde_json::json;

use crate::attendance::{finding_dto, recompute, refuse_closed, severity_key};
use crate::dto::{
    CancelLeaveInput, CorrectionDto, ExceptionKindCount, ExceptionList, ExceptionQuery,
    ExceptionRowDto, LeaveInput, Localized, PunchDirection, ResolutionInput, ResolveInput,
    ResolveReport,
};
use crate::error::{Error, Result};
use crate::schedule::month_range;
use crate::{Action, Ctx, leave, ledger};
use kaoqin_core::FieldError;

/// Kinds of correction that review a day's findings without taking them away.
const REVIEWS: [&str; 4] = ["note", "accept_worked", "mark_absent", "overtime"];

fn month_of(date: NaiveDate) -> String {
    date.format("%Y-%m").to_string()
}

fn direction(d: PunchDirection) -> Direction {
    match d {
        PunchDirection::In => Direction::In,
        PunchDirection::Out => Direction::Out,
    }
}

fn kind_key(r: &ResolutionInput) -> &'static str {
    match r {
        ResolutionInput::MakeUp { .. } => "make_up",
        ResolutionInput::IgnorePunch { .. } => "ignore_punch",
        ResolutionInput::FlipPunch { .. } => "flip_punch",
        ResolutionInput::Overtime { .. } => "overtime",
        ResolutionInput::AcceptWorked => "accept_worked",
        ResolutionInput::MarkAbsent => "mark_absent",
        ResolutionInput::Note => "note",
        ResolutionInput::Leave { .. } => "leave",
    }
}

/// The engine's fix for one target, or the problems with it.
fn fix_for(
    r: &ResolutionInput,
    date: NaiveDate,
    punch_owner: &dyn Fn(i64) -> Option<(EmployeeId, NaiveDate)>,
    employee: EmployeeId,
    problems: &mut Vec<FieldError>,
) -> Option<Fix> {
    let punch_of = |id: i64, problems: &mut Vec<FieldError>| -> bool {
        match punch_owner(id) {
            Some((owner, _)) if owner == employee => true,
            _ => {
                problems.push(FieldError::new(Field::Punch, Problem::NotFound, id.to_string()));
                false
            }
        }
    };
    match r {
        ResolutionInput::MakeUp { time, next_day, direction: d } => {
            let Ok(t) = NaiveTime::parse_from_str(time.trim(), "%H:%M") else {
                problems.push(FieldError::new(Field::Start, Problem::BadDate, time.clone()));
                return None;
            };
            let day = if *next_day { date.checked_add_days(Days::new(1))? } else { date };
            Some(Fix::MakeUp { at: day.and_time(t), direction: direction(*d) })
        }
        ResolutionInput::IgnorePunch { punch_id } => {
            punch_of(*punch_id, problems).then_some(Fix::IgnorePunch { punch: *punch_id })
        }
        ResolutionInput::FlipPunch { punch_id, direction: d } => punch_of(*punch_id, problems)
            .then_some(Fix::FlipPunch { punch: *punch_id, direction: direction(*d) }),
        ResolutionInput::Overtime { minutes } => Some(Fix::Overtime { minutes: *minutes }),
        ResolutionInput::AcceptWorked => Some(Fix::AcceptWorked),
        ResolutionInput::MarkAbsent => Some(Fix::MarkAbsent),
        ResolutionInput::Note => Some(Fix::Note),
        ResolutionInput::Leave { .. } => None,
    }
}

/// Applies one resolution to every target: all of them or none.
pub fn resolve(store: &mut Store, ctx: &Ctx, input: ResolveInput) -> Result<ResolveReport> {
    ctx.actor.require(Action::EditRoster)?;
    let mut problems = Vec::new();
    let reason = input.reason.trim();
    if reason.is_empty() {
        problems.push(FieldError::new(Field::Reason, Problem::Required, ""));
    }
    if input.targets.is_empty() {
        problems.push(FieldError::new(Field::Targets, Problem::Required, ""));
    }
    let roster = crate::groups::Roster::load(&store.read())?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let mut targets: Vec<(EmployeeId, NaiveDate)> = Vec::new();
    for t in &input.targets {
        let Ok(date) = NaiveDate::parse_from_str(t.date.trim(), "%Y-%m-%d") else {
            problems.push(FieldError::new(Field::Date, Problem::BadDate, t.date.clone()));
            continue;
        };
        let Some(e) = roster.employees.iter().find(|e| e.id == t.employee_id) else {
            problems.push(FieldError::new(
                Field::EmployeeId,
                Problem::NotFound,
                t.employee_id.to_string(),
            ));
            continue;
        };
        if scope.as_ref().is_some_and(|s| !s.contains(&e.department_id)) {
            return Err(Error::not_found(
                crate::error::Entity::Employee,
                t.employee_id.to_string(),
            ));
        }
        if !targets.contains(&(e.id, date)) {
            targets.push((e.id, date));
        }
    }
    let months: Vec<String> = {
        let mut m: Vec<String> = targets.iter().map(|(_, d)| month_of(*d)).collect();
        m.sort();
        m.dedup();
        m
    };
    for month in &months {
        refuse_closed(store, month)?;
    }
    // Punches named by a resolution must be the target's own.
    let punch_ids: Vec<i64> = match &input.resolution {
        ResolutionInput::IgnorePunch { punch_id } | ResolutionInput::FlipPunch { punch_id, .. } => {
            vec![*punch_id]
        }
        _ => Vec::new(),
    };
    let owners = punch_owners(store, &roster, &punch_ids)?;
    let owner = |id: i64| owners.get(&id).copied();
    let mut fixes = Vec::with_capacity(targets.len());
    for &(employee, date) in &targets {
        fixes.push(fix_for(&input.resolution, date, &owner, employee, &mut problems));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    // Leave: checked for everyone first (a dry run), then recorded one person-day at a time.
    let mut leave_records: Vec<Option<i64>> = vec![None; targets.len()];
    if let ResolutionInput::Leave { leave_type, from_time, to_time } = &input.resolution {
        let type_id = leave::list_leave_types(store, ctx)?
            .into_iter()
            .find(|t| {
                t.leave_type.name == leave_type.trim() || t.leave_type.code == leave_type.trim()
            })
            .map(|t| t.id)
            .ok_or_else(|| {
                Error::field(Field::LeaveType, Problem::NotFound, leave_type.trim().to_owned())
            })?;
        let leave_input = |employee: EmployeeId, date: NaiveDate, dry_run: bool| LeaveInput {
            employee_ids: vec![employee],
            leave_type_id: type_id,
            start_date: date.to_string(),
            start_half: "am".into(),
            end_date: date.to_string(),
            end_half: "pm".into(),
            from_time: from_time.trim().to_owned(),
            to_time: to_time.trim().to_owned(),
            note: reason.to_owned(),
            dry_run,
        };
        for &(employee, date) in &targets {
            leave::add_leave(store, ctx, leave_input(employee, date, true))?;
        }
        for (i, &(employee, date)) in targets.iter().enumerate() {
            let made = leave::add_leave(store, ctx, leave_input(employee, date, false))?;
            leave_records[i] = made.first().map(|r| r.id);
        }
    }
    let kind = kind_key(&input.resolution);
    let attachment = input.attachment.trim().to_owned();
    let ids = store.write(|db| -> Result<Vec<i64>> {
        let batch = if targets.len() > 1 { Some(db.next_correction_batch()?) } else { None };
        let mut ids = Vec::with_capacity(targets.len());
        for (i, &(employee_id, date)) in targets.iter().enumerate() {
            let id = db.insert_correction(
                &CorrectionWrite {
                    employee_id,
                    date,
                    kind,
                    fix: fixes[i],
                    leave_record_id: leave_records[i],
                    reason,
                    attachment: &attachment,
                    override_reason: None,
                    batch,
                },
                ctx.now,
                &ctx.actor.login,
            )?;
            ctx.audit(
                db,
                "correction.add",
                "correction",
                Some(id),
                json!({ "employee_id": employee_id, "date": date.to_string(), "kind": kind,
                        "fix": fixes[i], "leave_record_id": leave_records[i], "batch": batch }),
            )?;
            ids.push(id);
        }
        Ok(ids)
    })?;
    let mut changed = 0;
    for month in &months {
        let people: Vec<EmployeeId> = targets
            .iter()
            .filter(|(_, d)| &month_of(*d) == month)
            .map(|(e, _)| *e)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        changed += recompute(store, month, &people)?;
    }
    Ok(ResolveReport { corrections: ids, changed_days: changed })
}

/// The owner and date of each punch id (make-up punches have no row and are not listed).
fn punch_owners(
    store: &Store,
    roster: &crate::groups::Roster,
    ids: &[i64],
) -> Result<HashMap<i64, (EmployeeId, NaiveDate)>> {
    let mut out = HashMap::new();
    for &id in ids {
        let Some(p) = store.read().raw_punch(id)? else { continue };
        let person = roster.employees.iter().find(|e| {
            if p.by_pin { e.pin.as_deref() == Some(p.who.as_str()) } else { e.employee_no == p.who }
        });
        if let Some(e) = person {
            out.insert(id, (e.id, p.term_local.date()));
        }
    }
    Ok(out)
}

/// Undoes a correction (its month must be open) and recomputes the month.
pub fn undo(store: &mut Store, ctx: &Ctx, id: i64, reason: &str) -> Result<ResolveReport> {
    ctx.actor.require(Action::EditRoster)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::field(Field::Reason, Problem::Required, ""));
    }
    let c = store
        .read()
        .correction(id)?
        .ok_or_else(|| Error::not_found(crate::error::Entity::Correction, id.to_string()))?;
    let roster = crate::groups::Roster::load(&store.read())?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let visible = roster
        .employees
        .iter()
        .find(|e| e.id == c.employee_id)
        .is_some_and(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)));
    if !visible {
        return Err(Error::not_found(crate::error::Entity::Correction, id.to_string()));
    }
    let month = month_of(c.date);
    refuse_closed(store, &month)?;
    if c.undone.is_some() {
        return Err(Error::AlreadyUndone { id });
    }
    if let Some(record) = c.leave_record_id {
        leave::cancel_leave(
            store,
            ctx,
            CancelLeaveInput { id: record, reason: reason.to_owned() },
        )?;
    }
    store.write(|db| -> Result<()> {
        if !db.undo_correction(id, ctx.now, &ctx.actor.login, reason)? {
            return Err(Error::AlreadyUndone { id });
        }
        ctx.audit(
            db,
            "correction.undo",
            "correction",
            Some(id),
            json!({ "employee_id": c.employee_id, "date": c.date.to_string(), "kind": c.kind }),
        )
    })?;
    let changed = recompute(store, &month, &[c.employee_id])?;
    Ok(ResolveReport { corrections: vec![id], changed_days: changed })
}

fn correction_dto(c: CorrectionRow, who: &HashMap<EmployeeId, (String, String)>) -> CorrectionDto {
    let text = match &c.fix {
        Some(fix) => {
            let (zh, en) = ledger::fix_text(c.id, fix);
            Localized::new(zh, en)
        }
        None => Localized::new(
            format!(
                "考勤员更正 #{}：登记请假（假期记录 #{}）",
                c.id,
                c.leave_record_id.unwrap_or(0)
            ),
            format!(
                "the clerk's correction #{}: leave recorded (record #{})",
                c.id,
                c.leave_record_id.unwrap_or(0)
            ),
        ),
    };
    let (no, name) = who.get(&c.employee_id).cloned().unwrap_or_default();
    let (undone_at, undone_by, undo_reason) = match c.undone {
        Some((a, b, r)) => (Some(a), Some(b), Some(r)),
        None => (None, None, None),
    };
    CorrectionDto {
        id: c.id,
        employee_id: c.employee_id,
        employee_no: no,
        name,
        date: c.date.to_string(),
        kind: c.kind,
        text,
        reason: c.reason,
        attachment: c.attachment,
        batch: c.batch,
        created_at: c.created_at,
        created_by: c.created_by,
        undone_at,
        undone_by,
        undo_reason,
    }
}

/// The corrections of a month (undone ones too), in the order they were made.
pub fn list_corrections(
    store: &Store,
    ctx: &Ctx,
    month: &str,
    employee_id: Option<i64>,
) -> Result<Vec<CorrectionDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let (first, last) = month_range(month)?;
    let roster = crate::groups::Roster::load(&store.read())?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let visible: HashMap<EmployeeId, (String, String)> = roster
        .employees
        .iter()
        .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .map(|e| (e.id, (e.employee_no.clone(), e.name.clone())))
        .collect();
    Ok(store
        .read()
        .corrections_between(first, last, true)?
        .into_iter()
        .filter(|c| visible.contains_key(&c.employee_id))
        .filter(|c| employee_id.is_none_or(|e| c.employee_id == e))
        .map(|c| correction_dto(c, &visible))
        .collect())
}

fn severity_from(text: Option<&str>) -> Result<Severity> {
    match text.map(str::trim).unwrap_or("warning") {
        "" | "warning" => Ok(Severity::Warning),
        "error" => Ok(Severity::Error),
        "info" => Ok(Severity::Info),
        other => Err(Error::field(Field::Status, Problem::NotFound, other)),
    }
}

/// The open findings of a month: what the clerk still has to look at.
pub fn list_exceptions(store: &Store, ctx: &Ctx, q: &ExceptionQuery) -> Result<ExceptionList> {
    ctx.actor.require(Action::ViewRoster)?;
    let month = q.month.trim();
    let (first, last) = month_range(month)?;
    let min = severity_from(q.min_severity.as_deref())?;
    let date = match q.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Some(
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| Error::field(Field::Date, Problem::BadDate, d))?,
        ),
        None => None,
    };
    let roster = crate::groups::Roster::load(&store.read())?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let subtree = q.department_id.map(|d| department::subtree(&roster.nodes, d));
    let people: HashMap<EmployeeId, &kaoqin_store::EmployeeRow> = roster
        .employees
        .iter()
        .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter(|e| subtree.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter(|e| q.employee_no.as_deref().is_none_or(|n| e.employee_no == n.trim()))
        .map(|e| (e.id, e))
        .collect();
    let db = store.read();
    let reviewed_days: HashSet<(EmployeeId, NaiveDate)> = db
        .corrections_between(first, last, false)?
        .into_iter()
        .filter(|c| REVIEWS.contains(&c.kind.as_str()))
        .map(|c| (c.employee_id, c.date))
        .collect();
    let results: Vec<DayResult> = db.list_day_results(first, last)?;
    let mut rows = Vec::new();
    let mut reviewed = 0;
    for r in results.iter().filter(|r| people.contains_key(&r.employee)) {
        if date.is_some_and(|d| d != r.date) {
            continue;
        }
        let e = people[&r.employee];
        for f in r.findings.iter().filter(|f| f.severity >= min) {
            if q.kind.as_deref().is_some_and(|k| !k.is_empty() && k != f.kind.key()) {
                continue;
            }
            if reviewed_days.contains(&(r.employee, r.date)) {
                reviewed += 1;
                continue;
            }
            let dto = finding_dto(f);
            rows.push(ExceptionRowDto {
                employee_id: e.id,
                employee_no: e.employee_no.clone(),
                name: e.name.clone(),
                department: roster.paths.get(&e.department_id).cloned().unwrap_or_default(),
                date: r.date.to_string(),
                kind: dto.kind,
                kind_name: ledger::finding_name(f.kind),
                severity: severity_key(f.severity).to_owned(),
                text: dto.text,
                minutes: f.minutes,
                punches: f.punches.clone(),
            });
        }
    }
    rows.sort_by(|a, b| {
        b.minutes.cmp(&a.minutes).then(a.date.cmp(&b.date)).then(a.employee_no.cmp(&b.employee_no))
    });
    let mut counts: BTreeMap<String, (Localized, u32)> = BTreeMap::new();
    for row in &rows {
        counts.entry(row.kind.clone()).or_insert_with(|| (row.kind_name.clone(), 0)).1 += 1;
    }
    let mut kinds: Vec<ExceptionKindCount> = counts
        .into_iter()
        .map(|(kind, (kind_name, count))| ExceptionKindCount { kind, kind_name, count })
        .collect();
    kinds.sort_by(|a, b| b.count.cmp(&a.count).then(a.kind.cmp(&b.kind)));
    Ok(ExceptionList {
        month: month.to_owned(),
        closed: db.month_closed(month)?,
        rows,
        kinds,
        reviewed,
    })
}
