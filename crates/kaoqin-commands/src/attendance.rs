//! Use cases from punches to results: importing punch files, computing a month, the monthly
//! summary and one day's ledger.
//!
//! - **Import** (`import_punches`): a ZK `attlog.dat` or a punch CSV, all or nothing. A bad line
//!   refuses the whole file with every bad line listed. Punches are appended raw (wall-clock time
//!   as written, the company's zone, the derived instant). A punch already stored is skipped by
//!   its natural key, so importing the same file twice adds nothing. A PIN or 工号 nobody has yet
//!   is kept and counted: it matches once the person is added.
//! - **Compute** (`compute`): for every person in scope, the month's plan, punches, leave and
//!   rules go through the engine; the month's stored results are replaced in one transaction.
//!   Results are derived: computing twice gives the same rows. Until terminals are read directly,
//!   imported punches count as read up to the latest one stored.
//! - **Summary** (`month_summary`), **a person's month** (`get_person_month`) and **a day**
//!   (`get_day_detail`, with its ledger) read the stored results; **rules** (`get_rules`,
//!   `save_rules`) and **what-if** (`what_if`) evaluate without storing.
//!
//! Not here: the rules (kaoqin-core::engine), parsing (kaoqin-terminals), SQL (kaoqin-store).

use std::collections::HashMap;

use chrono::{Days, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use kaoqin_core::company::{DEFAULT_TIMEZONE, TIMEZONES};
use kaoqin_core::department;
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::engine::{
    Correction, DayResult, Direction, Fix, LeaveTaken, MissingPunch, MonthTotals, OvertimeRules,
    OvertimeSource, PeriodInput, Punch, Rounding, Rules, StateKey, evaluate_period, made_up_punch,
    month_totals,
};
use kaoqin_core::group::SettlementPeriod;
use kaoqin_core::{Field, Problem};
use kaoqin_store::{BatchWrite, EmployeeRow, RawPunchWrite, Store};
use kaoqin_terminals::{
    FilePunch, PunchFileKind, PunchWho, detect_kind, parse_attlog, parse_punch_csv,
};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::dto::{
    ComputeInput, ComputeReport, DayDetailDto, DayRowDto, FindingDto, LeaveDaysDto, Localized,
    MonthSummaryDto, PersonMonthDto, PunchImportReport, RulesDto, SummaryRowDto, WhatIfDayDto,
    WhatIfDto, WhatIfInput,
};
use crate::error::{Error, Result};
use crate::schedule::{Context, dates, month_range};
use crate::{Action, Ctx, ledger, text};

fn zone_offset(zone: &str) -> i64 {
    TIMEZONES.iter().find(|(z, _)| *z == zone).map_or(8 * 3600, |(_, o)| i64::from(*o))
}

fn company_zone(store: &Store) -> Result<String> {
    Ok(store.read().get_company()?.map_or_else(|| DEFAULT_TIMEZONE.to_owned(), |c| c.timezone))
}

fn who_key(who: &PunchWho) -> (&'static str, &str) {
    match who {
        PunchWho::Pin(p) => ("pin", p.as_str()),
        PunchWho::EmployeeNo(n) => ("employee_no", n.as_str()),
    }
}

/// Reads a punch file and appends its punches; with `dry_run` nothing is written.
pub fn import_punches(
    store: &mut Store,
    ctx: &Ctx,
    file_name: &str,
    bytes: &[u8],
    dry_run: bool,
) -> Result<PunchImportReport> {
    ctx.actor.require(Action::EditRoster)?;
    let decoded = text::decode(bytes);
    let kind = detect_kind(file_name, &decoded.text);
    let parsed = match kind {
        PunchFileKind::Attlog => parse_attlog(&decoded.text),
        PunchFileKind::Csv => parse_punch_csv(&decoded.text),
    };
    if !parsed.errors.is_empty() {
        return Err(Error::PunchFileInvalid(parsed.errors));
    }
    let zone = company_zone(store)?;
    let offset = zone_offset(&zone);
    let rows: Vec<RawPunchWrite> = parsed
        .punches
        .iter()
        .map(|p: &FilePunch| {
            let (who_kind, who) = who_key(&p.who);
            RawPunchWrite {
                terminal: p.terminal.clone().unwrap_or_default(),
                who_kind,
                who: who.to_owned(),
                term_local: p.local,
                term_tz: zone.clone(),
                instant: (p.local - Duration::seconds(offset)).and_utc(),
                verify_mode: p.verify,
                state: p.state,
                work_code: p.work_code.clone().unwrap_or_default(),
            }
        })
        .collect();
    let kind_key = match kind {
        PunchFileKind::Attlog => "attlog",
        PunchFileKind::Csv => "csv",
    };
    let sha = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect::<String>();
    let unknown = unknown_people(store, &rows)?;
    let first = rows.iter().map(|r| r.term_local).min().map(|t| t.to_string());
    let last = rows.iter().map(|r| r.term_local).max().map(|t| t.to_string());
    let punches = rows.len() as u32;
    let write = |db: &kaoqin_store::Db<'_>| -> Result<u32> {
        let batch = db.insert_punch_batch(
            &BatchWrite { kind: kind_key, file_name, sha256: &sha, lines: punches },
            ctx.now,
            &ctx.actor.login,
        )?;
        let added = db.append_raw_punches(batch, &rows)?;
        db.finish_punch_batch(batch, added)?;
        ctx.audit(
            db,
            "punch.import",
            "punch_batch",
            Some(batch),
            json!({ "kind": kind_key, "sha256": sha, "punches": punches, "added": added }),
        )?;
        Ok(added)
    };
    let added = if dry_run { store.rehearse(write)? } else { store.write(write)? };
    Ok(PunchImportReport {
        file_name: file_name.to_owned(),
        kind: kind_key.to_owned(),
        punches,
        added,
        already_stored: punches - added,
        unknown,
        first,
        last,
        dry_run,
    })
}

fn unknown_people(store: &Store, rows: &[RawPunchWrite]) -> Result<Vec<String>> {
    let db = store.read();
    let filter = kaoqin_store::EmployeeFilter { limit: u32::MAX, ..Default::default() };
    let (employees, _) = db.list_employees(&filter)?;
    let pins: std::collections::HashSet<&str> =
        employees.iter().filter_map(|e| e.pin.as_deref()).collect();
    let numbers: std::collections::HashSet<&str> =
        employees.iter().map(|e| e.employee_no.as_str()).collect();
    // Distinct people first: a file holds thousands of punches per person.
    let people: std::collections::HashSet<(&str, &str)> =
        rows.iter().map(|r| (r.who_kind, r.who.as_str())).collect();
    let mut unknown: Vec<String> = people
        .into_iter()
        .filter(|(kind, who)| match *kind {
            "pin" => !pins.contains(who),
            _ => !numbers.contains(who),
        })
        .map(|(kind, who)| if kind == "pin" { format!("PIN {who}") } else { format!("工号 {who}") })
        .collect();
    unknown.sort();
    Ok(unknown)
}

/// The people and month to compute.
pub type ComputeRequest = ComputeInput;

/// Everything one month's evaluation needs, loaded once.
struct Month {
    first: NaiveDate,
    last: NaiveDate,
    cx: Context,
    punches: HashMap<EmployeeId, Vec<Punch>>,
    leave: HashMap<EmployeeId, Vec<LeaveTaken>>,
    corrections: HashMap<EmployeeId, Vec<Correction>>,
    synced_until: Option<NaiveDateTime>,
    rules: Rules,
}

impl Month {
    fn load(store: &Store, month: &str, rules: Rules) -> Result<Month> {
        let (first, last) = month_range(month)?;
        let before = first.checked_sub_days(Days::new(1)).unwrap_or(first);
        let after = last.checked_add_days(Days::new(1)).unwrap_or(last);
        let cx = Context::load(store, before, after)?;
        let zone = company_zone(store)?;
        let db = store.read();
        let by_pin: HashMap<&str, EmployeeId> = cx
            .roster
            .employees
            .iter()
            .filter_map(|e| e.pin.as_deref().map(|p| (p, e.id)))
            .collect();
        let by_no: HashMap<&str, EmployeeId> =
            cx.roster.employees.iter().map(|e| (e.employee_no.as_str(), e.id)).collect();
        let mut punches: HashMap<EmployeeId, Vec<Punch>> = HashMap::new();
        let from = before.and_time(NaiveTime::MIN);
        let to = after.checked_add_days(Days::new(2)).unwrap_or(after).and_time(NaiveTime::MIN);
        let company_offset = zone_offset(&zone);
        // Terminals whose 上班/下班 key is not a hint (the default): their punches' ids.
        let mut key_use: HashMap<i64, bool> = HashMap::new();
        for t in db.list_terminals()?.iter().filter(|t| t.settings.state_key != "hint") {
            let trusted = t.settings.state_key == "trust";
            for id in db.punch_ids_of_terminal(&t.punch_key(), from, to)? {
                key_use.insert(id, trusted);
            }
        }
        for p in db.engine_punches(from, to)? {
            let employee =
                if p.by_pin { by_pin.get(p.who.as_str()) } else { by_no.get(p.who.as_str()) };
            let Some(&employee) = employee else { continue };
            // Wall-clock time in the company's zone.
            let shift = company_offset - zone_offset(&p.term_tz);
            let at = p.term_local + Duration::seconds(shift);
            // As the punch's terminal says: a hint (files, and terminals by default), trusted,
            // or ignored.
            let direction = match p.state {
                Some(0) => Some(Direction::In),
                Some(1) => Some(Direction::Out),
                _ => None,
            };
            let state = match (direction, key_use.get(&p.id)) {
                (None, _) | (Some(_), Some(false)) => StateKey::None,
                (Some(d), Some(true)) => StateKey::Trust(d),
                (Some(d), None) => StateKey::Hint(d),
            };
            punches.entry(employee).or_default().push(Punch { id: p.id, at, state });
        }
        // The clerk's corrections: a 补卡 is an extra punch, a direction change a trusted key;
        // the engine applies the rest and names each in the trace.
        let mut corrections: HashMap<EmployeeId, Vec<Correction>> = HashMap::new();
        for c in db.corrections_between(before, after, false)? {
            let Some(fix) = c.fix else { continue };
            let own = punches.entry(c.employee_id).or_default();
            match fix {
                Fix::MakeUp { at, direction } => own.push(made_up_punch(c.id, at, direction)),
                Fix::FlipPunch { punch, direction } => {
                    for p in own.iter_mut().filter(|p| p.id == punch) {
                        p.state = StateKey::Trust(direction);
                    }
                }
                _ => {}
            }
            corrections.entry(c.employee_id).or_default().push(Correction {
                id: c.id,
                date: c.date,
                fix,
            });
        }
        let types: HashMap<i64, kaoqin_store::LeaveTypeRow> =
            db.list_leave_types()?.into_iter().map(|t| (t.id, t)).collect();
        let mut leave: HashMap<EmployeeId, Vec<LeaveTaken>> = HashMap::new();
        for r in db.list_leave_records(before, after)? {
            if r.cancelled.is_some() {
                continue;
            }
            let Some(t) = types.get(&r.leave_type_id) else { continue };
            leave.entry(r.employee_id).or_default().push(LeaveTaken {
                record: r.id,
                type_id: r.leave_type_id,
                type_name: t.leave_type.name.clone(),
                on_duty: t.leave_type.on_duty,
                counts_rest_days: t.leave_type.counts_rest_days,
                span: r.span,
            });
        }
        // With terminals on the LAN, a day is final once every enabled terminal was pulled
        // after it; without any, once a later punch was imported.
        let offset =
            |tz: &str| i64::from(kaoqin_core::company::utc_offset_seconds(tz).unwrap_or(8 * 3600));
        let synced_until = match db.terminals_synced_until(offset)? {
            Some(terminals) => terminals,
            None => db.latest_punch_local()?,
        };
        Ok(Month { first, last, cx, punches, leave, corrections, synced_until, rules })
    }

    fn evaluate(&self, e: &EmployeeRow) -> Vec<DayResult> {
        let before = self.first.checked_sub_days(Days::new(1)).unwrap_or(self.first);
        let after = self.last.checked_add_days(Days::new(1)).unwrap_or(self.last);
        let input = PeriodInput {
            employee: e.id,
            hired_on: Some(e.hired_on),
            left_on: e.left_on,
            before: Some(self.cx.engine_plan(e, before)),
            days: dates(self.first, self.last).map(|d| self.cx.engine_plan(e, d)).collect(),
            after: Some(self.cx.engine_plan(e, after)),
            punches: self.punches.get(&e.id).map_or(&[], Vec::as_slice),
            leave: self.leave.get(&e.id).map_or(&[], Vec::as_slice),
            approvals: &[],
            corrections: self.corrections.get(&e.id).map_or(&[], Vec::as_slice),
            synced_until: self.synced_until,
            rules: &self.rules,
        };
        evaluate_period(&input)
    }

    /// People in the actor's scope and the request's filters, on the books during the month.
    fn people(
        &self,
        ctx: &Ctx,
        employee_no: Option<&str>,
        department_id: Option<i64>,
    ) -> Vec<&EmployeeRow> {
        let roster = &self.cx.roster;
        let scope = ctx.actor.department_scope(&roster.nodes);
        let subtree = department_id.map(|d| department::subtree(&roster.nodes, d));
        roster
            .employees
            .iter()
            .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
            .filter(|e| subtree.as_ref().is_none_or(|s| s.contains(&e.department_id)))
            .filter(|e| employee_no.is_none_or(|n| e.employee_no == n))
            .filter(|e| e.hired_on <= self.last && e.left_on.is_none_or(|l| l >= self.first))
            .collect()
    }
}

/// A month evaluated and not yet stored.
struct Evaluated {
    first: NaiveDate,
    last: NaiveDate,
    people: Vec<EmployeeId>,
    results: Vec<DayResult>,
    punches: u32,
}

fn evaluate(
    store: &Store,
    ctx: &Ctx,
    request: &ComputeRequest,
    rules: Rules,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Evaluated> {
    let month = Month::load(store, &request.month, rules)?;
    let people = month.people(ctx, request.employee_no.as_deref(), request.department_id);
    if let Some(no) = &request.employee_no
        && people.is_empty()
    {
        return Err(Error::field(Field::EmployeeNo, Problem::NotFound, no.clone()));
    }
    let total = people.len();
    let mut results = Vec::with_capacity(total * 31);
    for (i, e) in people.iter().enumerate() {
        results.extend(month.evaluate(e));
        progress(i + 1, total);
    }
    let punches =
        people.iter().map(|e| month.punches.get(&e.id).map_or(0, Vec::len)).sum::<usize>() as u32;
    Ok(Evaluated {
        first: month.first,
        last: month.last,
        people: people.iter().map(|e| e.id).collect(),
        results,
        punches,
    })
}

/// The month's results for the people asked, without storing them (what-if, benchmarks).
pub fn evaluate_month(
    store: &Store,
    ctx: &Ctx,
    request: &ComputeRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<DayResult>> {
    ctx.actor.require(Action::ViewRoster)?;
    Ok(evaluate(store, ctx, request, saved_rules(store)?, progress)?.results)
}

/// Computes the month for the people asked and stores the results (replacing earlier ones).
/// `progress` is told (done, total) after each person.
pub fn compute(
    store: &mut Store,
    ctx: &Ctx,
    request: &ComputeRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ComputeReport> {
    ctx.actor.require(Action::EditRoster)?;
    refuse_closed(store, request.month.trim())?;
    let e = evaluate(store, ctx, request, saved_rules(store)?, progress)?;
    let count = |f: &dyn Fn(&DayResult) -> bool| e.results.iter().filter(|r| f(r)).count() as u32;
    let report = ComputeReport {
        month: request.month.trim().to_owned(),
        employees: e.people.len() as u32,
        days: e.results.len() as u32,
        exception_days: count(&|r| r.status == kaoqin_core::engine::DayStatus::Exception),
        provisional_days: count(&|r| r.provisional),
        punches: e.punches,
    };
    store.write(|db| -> Result<()> {
        db.replace_day_results(&e.people, e.first, e.last, &e.results)?;
        ctx.audit(
            db,
            "attendance.compute",
            "day_result",
            None,
            json!({ "month": report.month, "employees": report.employees, "days": report.days }),
        )?;
        Ok(())
    })?;
    Ok(report)
}

/// A closed month's results are frozen: nothing may recompute or correct them.
pub(crate) fn refuse_closed(store: &Store, month: &str) -> Result<()> {
    if store.read().month_closed(month)? {
        return Err(Error::MonthClosed { month: month.to_owned() });
    }
    Ok(())
}

/// Recomputes `people`'s results of `month` (after a correction or its undo) and returns how
/// many of their days changed. Runs after the correction's own transaction: the engine reads
/// through the store. Should it fail, the correction stands and the next compute applies it.
pub(crate) fn recompute(store: &mut Store, month: &str, people: &[EmployeeId]) -> Result<u32> {
    let m = Month::load(store, month, saved_rules(store)?)?;
    let before: HashMap<(EmployeeId, NaiveDate), DayResult> = store
        .read()
        .list_day_results(m.first, m.last)?
        .into_iter()
        .filter(|r| people.contains(&r.employee))
        .map(|r| ((r.employee, r.date), r))
        .collect();
    let mut results = Vec::new();
    for e in m.cx.roster.employees.iter().filter(|e| people.contains(&e.id)) {
        if e.hired_on <= m.last && e.left_on.is_none_or(|l| l >= m.first) {
            results.extend(m.evaluate(e));
        }
    }
    let changed =
        results.iter().filter(|r| before.get(&(r.employee, r.date)) != Some(*r)).count() as u32;
    store.write(|db| db.replace_day_results(people, m.first, m.last, &results))?;
    Ok(changed)
}

fn days(milli: u32) -> f64 {
    f64::from(milli) / 1000.0
}

fn person_in_scope<'r>(
    ctx: &Ctx,
    roster: &'r crate::groups::Roster,
    id: EmployeeId,
) -> Result<&'r EmployeeRow> {
    let scope = ctx.actor.department_scope(&roster.nodes);
    roster
        .employees
        .iter()
        .find(|e| e.id == id && scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .ok_or_else(|| Error::field(Field::EmployeeId, Problem::NotFound, id.to_string()))
}

fn summary_row(
    e: &EmployeeRow,
    roster: &crate::groups::Roster,
    types: &HashMap<i64, String>,
    results: &[DayResult],
    rules: &Rules,
) -> SummaryRowDto {
    let t: MonthTotals = month_totals(e.id, results, rules);
    SummaryRowDto {
        employee_id: e.id,
        employee_no: e.employee_no.clone(),
        name: e.name.clone(),
        department: roster.paths.get(&e.department_id).cloned().unwrap_or_default(),
        scheduled_days: days(t.scheduled_days),
        attended_days: days(t.attended_days),
        late_count: t.late_count,
        late_minutes: t.late_minutes,
        early_count: t.early_count,
        early_minutes: t.early_minutes,
        missing_punch_count: t.missing_punch_count,
        absent_days: days(t.absent_days),
        leave_minutes: t.leave_minutes,
        ot_workday_minutes: t.overtime.workday,
        ot_restday_minutes: t.overtime.rest_day,
        ot_holiday_minutes: t.overtime.holiday,
        time_off_minutes: t.overtime.time_off,
        on_duty_minutes: t.on_duty_minutes,
        leave: t
            .leave
            .iter()
            .map(|l| LeaveDaysDto {
                type_id: l.type_id,
                name: types.get(&l.type_id).cloned().unwrap_or_default(),
                minutes: l.minutes,
                days: days(l.days),
            })
            .collect(),
        exception_days: t.exception_days,
        provisional_days: t.provisional_days,
        over_monthly_cap: t.over_monthly_cap,
        settlement_period: t.period.as_ref().map(|p| {
            match p.period {
                SettlementPeriod::Week => "week",
                SettlementPeriod::Month => "month",
                SettlementPeriod::Quarter => "quarter",
                SettlementPeriod::Year => "year",
            }
            .to_owned()
        }),
        period_worked_minutes: t.period.as_ref().map(|p| p.worked_minutes),
        period_standard_minutes: t.period.as_ref().map(|p| p.standard_minutes),
        period_excess_minutes: t.period.as_ref().and_then(|p| p.excess_minutes),
    }
}

/// The month's totals per person in scope, from the stored results.
pub fn month_summary(
    store: &mut Store,
    ctx: &Ctx,
    month: &str,
    department_id: Option<i64>,
) -> Result<MonthSummaryDto> {
    ctx.actor.require(Action::ViewRoster)?;
    let (first, last) = month_range(month)?;
    let db = store.read();
    let results = db.list_day_results(first, last)?;
    if results.is_empty() {
        return Err(Error::NotComputed { month: month.trim().to_owned() });
    }
    let roster = crate::groups::Roster::load(&db)?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let subtree = department_id.map(|d| department::subtree(&roster.nodes, d));
    let types: HashMap<i64, String> =
        db.list_leave_types()?.into_iter().map(|t| (t.id, t.leave_type.name)).collect();
    let mut by_person: HashMap<EmployeeId, Vec<DayResult>> = HashMap::new();
    for r in results {
        by_person.entry(r.employee).or_default().push(r);
    }
    let rules = saved_rules(store)?;
    let mut rows: Vec<SummaryRowDto> = roster
        .employees
        .iter()
        .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter(|e| subtree.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter_map(|e| Some(summary_row(e, &roster, &types, by_person.get(&e.id)?, &rules)))
        .collect();
    rows.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
    // Names and attendance figures leave the program: logged like any export.
    store.write(|db| {
        let detail = json!({ "month": month.trim(), "rows": rows.len() });
        ctx.audit(db, "attendance.summary", "day_result", None, detail)
    })?;
    Ok(MonthSummaryDto { month: month.trim().to_owned(), rows })
}

/// A finding in words, with its kind and severity.
pub(crate) fn finding_dto(f: &kaoqin_core::engine::Finding) -> FindingDto {
    let name = ledger::finding_name(f.kind);
    let text = if f.minutes > 0 {
        Localized::new(
            format!("{} {} 分钟", name.zh, f.minutes),
            format!("{} {} min", name.en, f.minutes),
        )
    } else {
        name
    };
    FindingDto {
        kind: f.kind.key().to_owned(),
        severity: severity_key(f.severity).to_owned(),
        text,
    }
}

pub(crate) fn severity_key(s: kaoqin_core::engine::Severity) -> &'static str {
    match s {
        kaoqin_core::engine::Severity::Info => "info",
        kaoqin_core::engine::Severity::Warning => "warning",
        kaoqin_core::engine::Severity::Error => "error",
    }
}

fn day_row(r: &DayResult, codes: &HashMap<i64, String>) -> DayRowDto {
    DayRowDto {
        date: r.date.to_string(),
        status: r.status.key().to_owned(),
        status_name: ledger::status_name(r.status),
        class_name: ledger::class_name(r.class),
        timetable: r.timetable.and_then(|id| codes.get(&id).cloned()),
        scheduled_minutes: r.scheduled_minutes,
        worked_minutes: r.worked_minutes,
        late_minutes: r.late_minutes,
        early_minutes: r.early_minutes,
        absent_minutes: r.absent_minutes,
        missing_count: r.missing_count,
        leave_minutes: r.leave_minutes,
        on_duty_minutes: r.on_duty_minutes,
        overtime_minutes: r.overtime.total(),
        findings: r.findings.iter().map(finding_dto).collect(),
        provisional: r.provisional,
    }
}

fn timetable_codes(db: &kaoqin_store::Db<'_>) -> Result<HashMap<i64, String>> {
    Ok(db.list_timetables()?.into_iter().map(|t| (t.id, t.latest().code.clone())).collect())
}

/// One person's days of a month, from the stored results.
pub fn get_person_month(
    store: &mut Store,
    ctx: &Ctx,
    employee_id: EmployeeId,
    month: &str,
) -> Result<PersonMonthDto> {
    ctx.actor.require(Action::ViewRoster)?;
    let (first, last) = month_range(month)?;
    let db = store.read();
    let roster = crate::groups::Roster::load(&db)?;
    let e = person_in_scope(ctx, &roster, employee_id)?;
    let results: Vec<DayResult> =
        db.list_day_results(first, last)?.into_iter().filter(|r| r.employee == e.id).collect();
    if results.is_empty() {
        return Err(Error::NotComputed { month: month.trim().to_owned() });
    }
    let codes = timetable_codes(&db)?;
    let dto = PersonMonthDto {
        employee_id: e.id,
        employee_no: e.employee_no.clone(),
        name: e.name.clone(),
        department: roster.paths.get(&e.department_id).cloned().unwrap_or_default(),
        month: month.trim().to_owned(),
        days: results.iter().map(|r| day_row(r, &codes)).collect(),
    };
    store.write(|db| {
        ctx.audit(
            db,
            "attendance.person.view",
            "employee",
            Some(dto.employee_id),
            json!({ "month": dto.month }),
        )
    })?;
    Ok(dto)
}

/// One person's day with its ledger (为什么).
pub fn get_day_detail(
    store: &mut Store,
    ctx: &Ctx,
    employee_id: EmployeeId,
    date: &str,
) -> Result<DayDetailDto> {
    ctx.actor.require(Action::ViewRoster)?;
    let Some(day) = kaoqin_core::date::parse(date) else {
        return Err(Error::field(Field::Date, Problem::BadDate, date));
    };
    let db = store.read();
    let roster = crate::groups::Roster::load(&db)?;
    let e = person_in_scope(ctx, &roster, employee_id)?;
    let result = db
        .list_day_results(day, day)?
        .into_iter()
        .find(|r| r.employee == e.id)
        .ok_or_else(|| Error::NotComputed { month: day.format("%Y-%m").to_string() })?;
    let codes = timetable_codes(&db)?;
    let detail = DayDetailDto {
        employee_id: e.id,
        employee_no: e.employee_no.clone(),
        name: e.name.clone(),
        row: day_row(&result, &codes),
        ledger: result.trace.iter().map(ledger::step_text).collect(),
    };
    store.write(|db| {
        let what = json!({ "date": day.to_string() });
        ctx.audit(db, "attendance.day.view", "employee", Some(detail.employee_id), what)
    })?;
    Ok(detail)
}

/// The saved rule settings, or the defaults.
fn saved_rules(store: &Store) -> Result<Rules> {
    Ok(store.read().get_attendance_rules()?.unwrap_or_default())
}

fn rules_dto(r: &Rules) -> RulesDto {
    let ot = &r.overtime;
    RulesDto {
        duplicate_seconds: r.duplicate_seconds,
        missing_punch: match r.missing_punch {
            MissingPunch::Missing => "missing",
            MissingPunch::Absent => "absent",
        }
        .to_owned(),
        ot_source: match ot.source {
            OvertimeSource::Punches => "punches",
            OvertimeSource::Approved => "approved",
            OvertimeSource::ApprovedWithinPunches => "approved_within_punches",
        }
        .to_owned(),
        ot_min_minutes: ot.min_minutes,
        ot_unit_minutes: ot.unit_minutes,
        ot_rounding: match ot.rounding {
            Rounding::Down => "down",
            Rounding::Nearest => "nearest",
            Rounding::Up => "up",
        }
        .to_owned(),
        ot_count_before_shift: ot.count_before_shift,
        ot_rest_day_to_time_off: ot.rest_day_to_time_off,
        rest_day_break_minutes: ot.rest_day_break_minutes,
        rest_day_break_after_minutes: ot.rest_day_break_after_minutes,
        daily_cap_minutes: ot.daily_cap_minutes,
        monthly_cap_minutes: ot.monthly_cap_minutes,
    }
}

/// Checks a settings form: the choices and every range, all problems at once.
fn rules_from(dto: &RulesDto) -> Result<Rules> {
    let mut errors = Vec::new();
    let mut choice = |field: Field, value: &str, choices: &'static [&'static str]| {
        let found = choices.iter().position(|c| *c == value);
        if found.is_none() {
            errors.push(kaoqin_core::FieldError::new(field, Problem::NotOneOf { choices }, value));
        }
        found.unwrap_or(0)
    };
    let missing_punch = [MissingPunch::Missing, MissingPunch::Absent]
        [choice(Field::MissingPunch, &dto.missing_punch, &["missing", "absent"])];
    let source =
        [OvertimeSource::Punches, OvertimeSource::Approved, OvertimeSource::ApprovedWithinPunches]
            [choice(
                Field::OvertimeSource,
                &dto.ot_source,
                &["punches", "approved", "approved_within_punches"],
            )];
    let rounding = [Rounding::Down, Rounding::Nearest, Rounding::Up]
        [choice(Field::OvertimeRounding, &dto.ot_rounding, &["down", "nearest", "up"])];
    let rules = Rules {
        duplicate_seconds: dto.duplicate_seconds,
        missing_punch,
        overtime: OvertimeRules {
            source,
            min_minutes: dto.ot_min_minutes,
            unit_minutes: dto.ot_unit_minutes,
            rounding,
            count_before_shift: dto.ot_count_before_shift,
            rest_day_to_time_off: dto.ot_rest_day_to_time_off,
            rest_day_break_minutes: dto.rest_day_break_minutes,
            rest_day_break_after_minutes: dto.rest_day_break_after_minutes,
            daily_cap_minutes: dto.daily_cap_minutes,
            monthly_cap_minutes: dto.monthly_cap_minutes,
        },
    };
    if let Err(more) = rules.validate() {
        errors.extend(more);
    }
    if errors.is_empty() { Ok(rules) } else { Err(Error::Invalid(errors)) }
}

/// The rule settings in force (the defaults until saved).
pub fn get_rules(store: &Store, ctx: &Ctx) -> Result<RulesDto> {
    ctx.actor.require(Action::ViewSettings)?;
    Ok(rules_dto(&saved_rules(store)?))
}

/// Saves the rule settings; results change when a month is computed again.
pub fn save_rules(store: &mut Store, ctx: &Ctx, input: RulesDto) -> Result<RulesDto> {
    ctx.actor.require(Action::EditSettings)?;
    let rules = rules_from(&input)?;
    let before = rules_dto(&saved_rules(store)?);
    store.write(|db| -> Result<()> {
        db.save_attendance_rules(&rules, ctx.now, &ctx.actor.login)?;
        let old = serde_json::to_value(&before).unwrap_or_default();
        let new = serde_json::to_value(&input).unwrap_or_default();
        let changed: Vec<&String> = new
            .as_object()
            .map(|o| {
                o.iter().filter(|(k, v)| old.get(k.as_str()) != Some(v)).map(|(k, _)| k).collect()
            })
            .unwrap_or_default();
        ctx.audit(db, "rules.save", "attendance_rules", Some(1), json!({ "fields": changed }))
    })?;
    Ok(rules_dto(&rules))
}

/// What a rule change would do to one person's month: the totals now and then, and each day
/// whose result would differ. Nothing is saved.
pub fn what_if(store: &mut Store, ctx: &Ctx, input: WhatIfInput) -> Result<WhatIfDto> {
    ctx.actor.require(Action::ViewRoster)?;
    let then_rules = rules_from(&input.rules)?;
    let now_rules = saved_rules(store)?;
    let (employee, roster, types, codes) = {
        let db = store.read();
        let roster = crate::groups::Roster::load(&db)?;
        let e = person_in_scope(ctx, &roster, input.employee_id)?.clone();
        let types: HashMap<i64, String> =
            db.list_leave_types()?.into_iter().map(|t| (t.id, t.leave_type.name)).collect();
        (e, roster, types, timetable_codes(&db)?)
    };
    let request = ComputeInput {
        month: input.month.clone(),
        employee_no: Some(employee.employee_no.clone()),
        department_id: None,
    };
    let now = evaluate(store, ctx, &request, now_rules, &mut |_, _| {})?.results;
    let then = evaluate(store, ctx, &request, then_rules, &mut |_, _| {})?.results;
    let changed_days = now
        .iter()
        .zip(then.iter())
        .filter(|(a, b)| a != b)
        .map(|(a, b)| WhatIfDayDto { now: day_row(a, &codes), then: day_row(b, &codes) })
        .filter(|d| d.now != d.then)
        .collect();
    Ok(WhatIfDto {
        employee_id: employee.id,
        month: input.month.trim().to_owned(),
        now: summary_row(&employee, &roster, &types, &now, &now_rules),
        then: summary_row(&employee, &roster, &types, &then, &then_rules),
        changed_days,
    })
}
