//! Use cases of the 排班 grid: the month's plan for every person in scope (with where each day
//! comes from and the conflicts to look at), and edits — paint, clear, fill from a rotation,
//! copy a week, swap two cells, and restore (undo) — each returning what it replaced.
//!
//! Not here: the plan and conflict rules (kaoqin-core::schedule), SQL (kaoqin-store).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use kaoqin_core::calendar::{Calendar, DayClass, DaySource};
use kaoqin_core::department;
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::group::{self, GroupRule, Membership};
use kaoqin_core::schedule::{
    self as plan, Conflict, EntrySource, PlanDay, PlanSource, ScheduleEntry,
};
use kaoqin_core::timetable::{Timetable, TimetableId};
use kaoqin_core::{Field, FieldError, Problem, date};
use kaoqin_store::{EmployeeRow, Store, TimetableRow};
use serde_json::json;

use crate::calendar::{self, day_dto};
use crate::dto::{
    Localized, ScheduleCellDto, ScheduleCellRef, ScheduleCellWrite, ScheduleConflictDto,
    ScheduleDayDto, ScheduleEdit, ScheduleEditResult, ScheduleGridDto, ScheduleQuery,
    ScheduleRowDto, TimetableChipDto,
};
use crate::error::{Error, Result};
use crate::groups::Roster;
use crate::{Action, Ctx};

/// Days before the month that count towards a run of working days.
const LOOKBACK_DAYS: u64 = 7;
/// The most cells one edit may touch (a year of 500 people is far more than a month needs).
pub const MAX_EDIT_CELLS: usize = 100_000;

pub(crate) fn month_range(month: &str) -> Result<(NaiveDate, NaiveDate)> {
    let first = date::parse(&format!("{}-01", month.trim()));
    let Some(first) = first else {
        return Err(Error::field(Field::Date, Problem::BadDate, month));
    };
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    Ok((first, next.pred_opt().unwrap_or(first)))
}

pub(crate) fn dates(from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    from.iter_days().take_while(move |d| *d <= to)
}

/// Everything the plan of a date range needs, loaded once.
pub(crate) struct Context {
    pub(crate) roster: Roster,
    timetables: Vec<TimetableRow>,
    calendar: Calendar,
    entries: HashMap<(EmployeeId, NaiveDate), ScheduleEntry>,
    memberships: Vec<Membership>,
    chains: HashMap<i64, Vec<i64>>,
}

impl Context {
    pub(crate) fn load(store: &Store, from: NaiveDate, to: NaiveDate) -> Result<Context> {
        let calendar = calendar::calendar(store)?;
        let db = store.read();
        let roster = Roster::load(&db)?;
        let entries = db
            .list_schedule_entries(from, to)?
            .into_iter()
            .map(|e| ((e.employee, e.date), e))
            .collect();
        let memberships = roster.memberships.iter().map(|m| m.membership).collect();
        let chains = roster
            .nodes
            .iter()
            .map(|n| (n.id, department::ancestors(&roster.nodes, n.id)))
            .collect();
        Ok(Context {
            timetables: db.list_timetables()?,
            roster,
            calendar,
            entries,
            memberships,
            chains,
        })
    }

    pub(crate) fn on_books(e: &EmployeeRow, d: NaiveDate) -> bool {
        e.hired_on <= d && e.left_on.is_none_or(|l| l >= d)
    }

    /// The group version in force for a person on a date, with the group's id.
    fn group_rule(&self, e: &EmployeeRow, d: NaiveDate) -> Option<(i64, &GroupRule)> {
        let chain = self.chains.get(&e.department_id).map_or(&[][..], Vec::as_slice);
        let assigned = group::group_on(d, e.id, chain, &self.memberships)?;
        let row = self.roster.groups.iter().find(|g| g.id == assigned.group)?;
        group::in_force(&row.versions, d).map(|v| (row.id, &v.value))
    }

    /// The timetable version in force on a date.
    fn timetable(&self, id: TimetableId, d: NaiveDate) -> Option<&Timetable> {
        let row = self.timetables.iter().find(|t| t.id == id)?;
        group::in_force(&row.versions, d).or(row.versions.first()).map(|v| &v.value)
    }

    /// The plan the engine evaluates, on or off the books (the engine reports the employment
    /// dates itself). A year without holiday data still has a plan from the group's week, but
    /// no class: its overtime cannot be classified and the engine says so.
    pub(crate) fn engine_plan(
        &self,
        e: &EmployeeRow,
        d: NaiveDate,
    ) -> kaoqin_core::engine::DayPlan<'_> {
        let (day, class) = match self.calendar.day(d) {
            Ok(day) => {
                let class = day.class;
                (day, Some(class))
            }
            Err(_) => {
                let weekend = d.weekday().number_from_monday() > 5;
                let day = kaoqin_core::calendar::CalendarDay {
                    date: d,
                    class: if weekend { DayClass::RestDay } else { DayClass::Workday },
                    source: if weekend { DaySource::Weekend } else { DaySource::Weekday },
                    festival: None,
                    swapped_with: None,
                    note: None,
                };
                (day, None)
            }
        };
        let rule = self.group_rule(e, d).map(|(_, r)| r);
        let planned = plan::planned_day(self.entries.get(&(e.id, d)), rule, &day);
        let timetable = planned.timetable.and_then(|id| self.timetable(id, d).map(|t| (id, t)));
        let hours = rule.map(|r| r.hours).unwrap_or_default();
        kaoqin_core::engine::DayPlan { date: d, class, source: planned.source, timetable, hours }
    }

    /// The plan of a person on a date (`None`: not on the books).
    fn planned(&self, e: &EmployeeRow, d: NaiveDate) -> Result<Option<plan::PlannedDay>> {
        if !Self::on_books(e, d) {
            return Ok(None);
        }
        let day = self.calendar.day(d)?;
        let rule = self.group_rule(e, d).map(|(_, r)| r);
        Ok(Some(plan::planned_day(self.entries.get(&(e.id, d)), rule, &day)))
    }
}

fn source_key(source: PlanSource) -> &'static str {
    match source {
        PlanSource::Entry { source } => source.key(),
        PlanSource::Week => "week",
        PlanSource::Holiday => "holiday",
        PlanSource::MakeUpDay => "make_up",
        PlanSource::Unscheduled => "unscheduled",
        PlanSource::NoGroup => "no_group",
    }
}

fn hours(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    format!("{h:.1}").trim_end_matches(".0").to_owned()
}

fn conflict_dto(c: &Conflict) -> ScheduleConflictDto {
    let (kind, message) = match *c {
        Conflict::Overlap { minutes, .. } => (
            "overlap",
            Localized::new(
                format!("与前一天的班次重叠 {minutes} 分钟"),
                format!("overlaps the previous day's shift by {minutes} min"),
            ),
        ),
        Conflict::ShortRest { rest_minutes, min_rest_minutes, .. } => (
            "short_rest",
            Localized::new(
                format!(
                    "与前一班只间隔 {} 小时，考勤组要求至少 {} 小时",
                    hours(rest_minutes),
                    hours(min_rest_minutes)
                ),
                format!(
                    "only {} h of rest after the previous shift; the group asks for {} h",
                    hours(rest_minutes),
                    hours(min_rest_minutes)
                ),
            ),
        ),
        Conflict::TooManyDays { days, max_days, .. } => (
            "too_many_days",
            Localized::new(
                format!("连续上班第 {days} 天，超过 {max_days} 天"),
                format!("working day {days} in a row, more than {max_days}"),
            ),
        ),
    };
    ScheduleConflictDto { kind: kind.to_owned(), message }
}

fn in_scope(ctx: &Ctx, roster: &Roster, e: &EmployeeRow) -> bool {
    ctx.actor.department_scope(&roster.nodes).is_none_or(|s| s.contains(&e.department_id))
}

/// The month's grid for the people in scope, filtered by department, group and search.
pub fn get_schedule(store: &Store, ctx: &Ctx, query: ScheduleQuery) -> Result<ScheduleGridDto> {
    ctx.actor.require(Action::ViewRoster)?;
    let (first, last) = month_range(&query.month)?;
    let lookback = first.checked_sub_days(Days::new(LOOKBACK_DAYS)).unwrap_or(first);
    let cx = Context::load(store, lookback, last)?;
    let days: Vec<ScheduleDayDto> = dates(first, last)
        .map(|d| {
            let day = day_dto(&cx.calendar.day(d)?);
            Ok(ScheduleDayDto {
                date: day.date,
                weekday: day.weekday,
                class: day.class,
                festival: day.festival,
            })
        })
        .collect::<Result<_>>()?;
    let subtree = query.department_id.map(|d| department::subtree(&cx.roster.nodes, d));
    let search = query.search.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let mut rows = Vec::new();
    let (mut conflict_count, mut unscheduled_count) = (0u32, 0u32);
    for e in &cx.roster.employees {
        let visible = in_scope(ctx, &cx.roster, e)
            && subtree.as_ref().is_none_or(|s| s.contains(&e.department_id))
            && search.is_none_or(|s| e.employee_no.contains(s) || e.name.contains(s))
            && dates(first, last).any(|d| Context::on_books(e, d));
        if !visible {
            continue;
        }
        let month_group =
            last.iter_days().rev().take_while(|d| *d >= first).find_map(|d| cx.group_rule(e, d));
        if let Some(g) = query.group_id
            && !dates(first, last).any(|d| cx.group_rule(e, d).is_some_and(|(id, _)| id == g))
        {
            continue;
        }
        // The plan from the lookback on; a day whose year has no calendar ends the lookback.
        let mut planned: BTreeMap<NaiveDate, Option<plan::PlannedDay>> = BTreeMap::new();
        for d in dates(lookback, last) {
            match cx.planned(e, d) {
                Ok(p) => {
                    planned.insert(d, p);
                }
                Err(_) if d < first => planned.clear(),
                Err(err) => return Err(err),
            }
        }
        let plan_days: Vec<PlanDay<'_>> = planned
            .iter()
            .map(|(d, p)| PlanDay {
                date: *d,
                timetable: p.and_then(|p| p.timetable).and_then(|t| cx.timetable(t, *d)),
            })
            .collect();
        let (min_rest, max_days) = month_group.map_or(
            (group::DEFAULT_MIN_REST_MINUTES, group::DEFAULT_MAX_CONSECUTIVE_DAYS),
            |(_, r)| (r.min_rest_minutes, r.max_consecutive_days),
        );
        let found = plan::conflicts(&plan_days, min_rest, max_days);
        let cells: Vec<ScheduleCellDto> = dates(first, last)
            .map(|d| {
                let p = planned.get(&d).copied().flatten();
                let conflicts: Vec<_> =
                    found.iter().filter(|c| c.date() == d).map(conflict_dto).collect();
                conflict_count += u32::try_from(conflicts.len()).unwrap_or(0);
                let source = p.map_or("off_books", |p| source_key(p.source));
                if source == "unscheduled" {
                    unscheduled_count += 1;
                }
                ScheduleCellDto {
                    timetable_id: p.and_then(|p| p.timetable),
                    source: source.to_owned(),
                    conflicts,
                }
            })
            .collect();
        let group_row =
            month_group.and_then(|(id, _)| cx.roster.groups.iter().find(|g| g.id == id));
        rows.push(ScheduleRowDto {
            employee_id: e.id,
            employee_no: e.employee_no.clone(),
            name: e.name.clone(),
            department_path: cx.roster.paths.get(&e.department_id).cloned().unwrap_or_default(),
            group_name: group_row.map(|g| g.name.clone()),
            group_kind: month_group.map(|(_, r)| r.kind.key().to_owned()),
            cells,
        });
    }
    rows.sort_by(|a, b| {
        a.department_path.cmp(&b.department_path).then(a.employee_no.cmp(&b.employee_no))
    });
    let timetables = cx
        .timetables
        .iter()
        .map(|t| {
            let l = t.latest();
            TimetableChipDto {
                id: t.id,
                code: l.code.clone(),
                name: l.name.clone(),
                color: l.color.clone(),
                kind: l.rule.kind_key().to_owned(),
            }
        })
        .collect();
    Ok(ScheduleGridDto {
        month: format!("{:04}-{:02}", first.year(), first.month()),
        days,
        timetables,
        rows,
        conflict_count,
        unscheduled_count,
    })
}

/// Checks that every person exists and is in scope, and parses every date.
struct Checked {
    cells: Vec<(EmployeeId, NaiveDate)>,
}

fn check_cells(
    ctx: &Ctx,
    roster: &Roster,
    refs: &[ScheduleCellRef],
    errors: &mut Vec<FieldError>,
) -> Checked {
    let mut cells = Vec::new();
    for r in refs {
        let known = roster.employees.iter().find(|e| e.id == r.employee_id);
        if !known.is_some_and(|e| in_scope(ctx, roster, e)) {
            let value = r.employee_id.to_string();
            if !errors.iter().any(|e| e.field == Field::EmployeeId && e.value == value) {
                errors.push(FieldError::new(Field::EmployeeId, Problem::NotFound, value));
            }
            continue;
        }
        if let Some(d) = date::field(Field::Date, &r.date, true, errors) {
            cells.push((r.employee_id, d));
        }
    }
    Checked { cells }
}

fn employees_checked(ctx: &Ctx, roster: &Roster, ids: &[i64], errors: &mut Vec<FieldError>) {
    for id in ids {
        if !roster.employees.iter().any(|e| e.id == *id && in_scope(ctx, roster, e)) {
            errors.push(FieldError::new(Field::EmployeeId, Problem::NotFound, id.to_string()));
        }
    }
}

fn timetable_checked(rows: &[TimetableRow], id: Option<i64>, errors: &mut Vec<FieldError>) {
    if let Some(id) = id
        && !rows.iter().any(|t| t.id == id)
    {
        errors.push(FieldError::new(Field::Timetable, Problem::NotFound, id.to_string()));
    }
}

fn week_start(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// What to write: a new entry, or `None` to clear the cell.
type Write = (EmployeeId, NaiveDate, Option<ScheduleEntry>);

/// Turns an edit into cell writes, checking everything first.
fn plan_edit(store: &Store, ctx: &Ctx, edit: &ScheduleEdit) -> Result<Vec<Write>> {
    let db = store.read();
    let roster = Roster::load(&db)?;
    let timetables = db.list_timetables()?;
    let mut errors = Vec::new();
    let entry =
        |employee, date, timetable, source| ScheduleEntry { employee, date, timetable, source };
    let writes: Vec<Write> = match edit {
        ScheduleEdit::Paint { cells, timetable_id } => {
            timetable_checked(&timetables, *timetable_id, &mut errors);
            let c = check_cells(ctx, &roster, cells, &mut errors);
            c.cells
                .into_iter()
                .map(|(e, d)| (e, d, Some(entry(e, d, *timetable_id, EntrySource::Paint))))
                .collect()
        }
        ScheduleEdit::Clear { cells } => check_cells(ctx, &roster, cells, &mut errors)
            .cells
            .into_iter()
            .map(|(e, d)| (e, d, None))
            .collect(),
        ScheduleEdit::Restore { cells } => {
            let refs: Vec<ScheduleCellRef> = cells
                .iter()
                .map(|c| ScheduleCellRef { employee_id: c.employee_id, date: c.date.clone() })
                .collect();
            let checked = check_cells(ctx, &roster, &refs, &mut errors);
            let mut out = Vec::new();
            for (c, (e, d)) in cells.iter().zip(checked.cells) {
                timetable_checked(&timetables, c.timetable_id, &mut errors);
                match c.source.as_str() {
                    "" => out.push((e, d, None)),
                    key => match EntrySource::from_key(key) {
                        Some(source) => out.push((e, d, Some(entry(e, d, c.timetable_id, source)))),
                        None => errors.push(FieldError::new(
                            Field::Status,
                            Problem::NotOneOf { choices: EntrySource::KEYS },
                            key,
                        )),
                    },
                }
            }
            out
        }
        ScheduleEdit::FillRotation {
            employee_ids,
            rotation_id,
            anchor,
            from,
            to,
            offset_per_person,
        } => {
            employees_checked(ctx, &roster, employee_ids, &mut errors);
            let rotation = db.list_rotations()?.into_iter().find(|r| r.id == *rotation_id);
            if rotation.is_none() {
                errors.push(FieldError::new(
                    Field::Rotation,
                    Problem::NotFound,
                    rotation_id.to_string(),
                ));
            }
            let anchor = date::field(Field::Date, anchor, true, &mut errors);
            let from_d = date::field(Field::Date, from, true, &mut errors);
            let to_d = date::field(Field::Date, to, true, &mut errors);
            if let (Some(f), Some(t)) = (from_d, to_d)
                && t < f
            {
                let problem = Problem::DateBefore { other: Field::Date, other_value: date::iso(f) };
                errors.push(FieldError::new(Field::Date, problem, date::iso(t)));
            }
            match (rotation, anchor, from_d, to_d) {
                (Some(r), Some(anchor), Some(f), Some(t)) if errors.is_empty() => employee_ids
                    .iter()
                    .enumerate()
                    .flat_map(|(i, &e)| {
                        let shift = offset_per_person.saturating_mul(i64::try_from(i).unwrap_or(0));
                        let start = anchor
                            .checked_add_signed(chrono::TimeDelta::days(shift))
                            .unwrap_or(anchor);
                        let r = &r.rotation;
                        dates(f, t)
                            .map(move |d| {
                                (
                                    e,
                                    d,
                                    Some(entry(
                                        e,
                                        d,
                                        plan::rotation_day(r, start, d),
                                        EntrySource::Rotation,
                                    )),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                    .collect(),
                _ => Vec::new(),
            }
        }
        ScheduleEdit::CopyWeek { employee_ids, from_week, to_weeks } => {
            employees_checked(ctx, &roster, employee_ids, &mut errors);
            let source = date::field(Field::Date, from_week, true, &mut errors).map(week_start);
            let targets: Vec<NaiveDate> = to_weeks
                .iter()
                .filter_map(|w| date::field(Field::Date, w, true, &mut errors).map(week_start))
                .collect();
            match source {
                Some(src) if errors.is_empty() => {
                    let last = targets.iter().max().copied().unwrap_or(src) + Days::new(6);
                    let cx = Context::load(
                        store,
                        src.min(targets.iter().min().copied().unwrap_or(src)),
                        last.max(src + Days::new(6)),
                    )?;
                    let mut out = Vec::new();
                    for &e in employee_ids {
                        let Some(row) = cx.roster.employees.iter().find(|x| x.id == e) else {
                            continue;
                        };
                        for k in 0..7 {
                            let from_day = src + Days::new(k);
                            let Some(p) = cx.planned(row, from_day)? else { continue };
                            for t in &targets {
                                let d = *t + Days::new(k);
                                out.push((
                                    e,
                                    d,
                                    Some(entry(e, d, p.timetable, EntrySource::Paint)),
                                ));
                            }
                        }
                    }
                    out
                }
                _ => Vec::new(),
            }
        }
        ScheduleEdit::Swap { a, b } => {
            let c = check_cells(ctx, &roster, &[a.clone(), b.clone()], &mut errors);
            match c.cells.as_slice() {
                [(ea, da), (eb, db_)] if errors.is_empty() => {
                    let cx = Context::load(store, (*da).min(*db_), (*da).max(*db_))?;
                    let find = |id| cx.roster.employees.iter().find(|x| x.id == id);
                    let (Some(ra), Some(rb)) = (find(*ea), find(*eb)) else {
                        return Err(Error::Internal("swapped people vanished".into()));
                    };
                    let pa = cx.planned(ra, *da)?;
                    let pb = cx.planned(rb, *db_)?;
                    match (pa, pb) {
                        (Some(pa), Some(pb)) => vec![
                            (*ea, *da, Some(entry(*ea, *da, pb.timetable, EntrySource::Swap))),
                            (*eb, *db_, Some(entry(*eb, *db_, pa.timetable, EntrySource::Swap))),
                        ],
                        _ => {
                            errors.push(FieldError::new(
                                Field::Date,
                                Problem::NotFound,
                                format!("{} / {}", a.date, b.date),
                            ));
                            Vec::new()
                        }
                    }
                }
                _ => Vec::new(),
            }
        }
    };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    if writes.len() > MAX_EDIT_CELLS {
        let problem = Problem::TooMany { max: MAX_EDIT_CELLS };
        return Err(Error::field(Field::Days, problem, writes.len().to_string()));
    }
    Ok(writes)
}

fn edit_name(edit: &ScheduleEdit) -> &'static str {
    match edit {
        ScheduleEdit::Paint { .. } => "paint",
        ScheduleEdit::Clear { .. } => "clear",
        ScheduleEdit::FillRotation { .. } => "fill_rotation",
        ScheduleEdit::CopyWeek { .. } => "copy_week",
        ScheduleEdit::Swap { .. } => "swap",
        ScheduleEdit::Restore { .. } => "restore",
    }
}

/// Applies an edit in one transaction and returns what it replaced (to undo it).
pub fn edit_schedule(
    store: &mut Store,
    ctx: &Ctx,
    edit: ScheduleEdit,
) -> Result<ScheduleEditResult> {
    ctx.actor.require(Action::EditRoster)?;
    let writes = plan_edit(store, ctx, &edit)?;
    let (Some(from), Some(to)) =
        (writes.iter().map(|w| w.1).min(), writes.iter().map(|w| w.1).max())
    else {
        return Ok(ScheduleEditResult { changed: 0, undo: Vec::new() });
    };
    store.write(|db| {
        let before: HashMap<(EmployeeId, NaiveDate), ScheduleEntry> = db
            .list_schedule_entries(from, to)?
            .into_iter()
            .map(|e| ((e.employee, e.date), e))
            .collect();
        let mut undo = Vec::new();
        let (mut upserts, mut clears) = (Vec::new(), Vec::new());
        for (e, d, new) in &writes {
            let old = before.get(&(*e, *d));
            if old == new.as_ref() {
                continue;
            }
            undo.push(ScheduleCellWrite {
                employee_id: *e,
                date: date::iso(*d),
                timetable_id: old.and_then(|o| o.timetable),
                source: old.map(|o| o.source.key().to_owned()).unwrap_or_default(),
            });
            match new {
                Some(entry) => upserts.push(*entry),
                None => clears.push((*e, *d)),
            }
        }
        db.upsert_schedule_entries(&upserts, ctx.now, &ctx.actor.login)?;
        db.delete_schedule_entries(&clears)?;
        let people: std::collections::BTreeSet<EmployeeId> = writes.iter().map(|w| w.0).collect();
        ctx.audit(
            db,
            &format!("schedule.{}", edit_name(&edit)),
            "schedule_entry",
            None,
            json!({
                "from": date::iso(from), "to": date::iso(to),
                "people": people.len(), "cells": undo.len(),
            }),
        )?;
        Ok::<_, Error>(ScheduleEditResult {
            changed: u32::try_from(undo.len()).unwrap_or(u32::MAX),
            undo,
        })
    })
}

/// Whether each person is planned to work on each date of `from..=to` (leave amounts skip the
/// days they would not work). A date whose year has no holiday data is an error.
pub(crate) fn working_days(
    store: &Store,
    employees: &[EmployeeId],
    from: NaiveDate,
    to: NaiveDate,
) -> Result<HashMap<(EmployeeId, NaiveDate), bool>> {
    let cx = Context::load(store, from, to)?;
    let mut out = HashMap::new();
    for e in cx.roster.employees.iter().filter(|e| employees.contains(&e.id)) {
        for d in dates(from, to) {
            let works = cx.planned(e, d)?.is_some_and(|p| p.timetable.is_some());
            out.insert((e.id, d), works);
        }
    }
    Ok(out)
}

/// Used by the timetable delete check: cells naming a timetable.
pub(crate) fn uses(store: &Store, id: TimetableId) -> Result<u32> {
    Ok(store.read().count_schedule_entries_using(id)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weeks() {
        let (f, l) = month_range("2026-02").expect("month");
        assert_eq!((date::iso(f), date::iso(l)), ("2026-02-01".into(), "2026-02-28".into()));
        assert!(month_range("2026-13").is_err());
        let d = date::parse("2026-10-08").expect("date");
        assert_eq!(date::iso(week_start(d)), "2026-10-05", "the Monday of its week");
    }
}
