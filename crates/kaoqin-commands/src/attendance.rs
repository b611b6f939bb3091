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
//! - **Summary** (`month_summary`) and **day** (`day_detail`) read the stored results.
//!
//! Not here: the rules (kaoqin-core::engine), parsing (kaoqin-terminals), SQL (kaoqin-store).

use std::collections::HashMap;

use chrono::{Days, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use kaoqin_core::company::{DEFAULT_TIMEZONE, TIMEZONES};
use kaoqin_core::department;
use kaoqin_core::employee::EmployeeId;
use kaoqin_core::engine::{
    DayResult, Direction, LeaveTaken, MonthTotals, PeriodInput, Punch, Rules, StateKey,
    evaluate_period, month_totals,
};
use kaoqin_core::{Field, Problem};
use kaoqin_store::{BatchWrite, EmployeeRow, RawPunchWrite, Store};
use kaoqin_terminals::{
    FilePunch, PunchFileKind, PunchWho, detect_kind, parse_attlog, parse_punch_csv,
};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::dto::Localized;
use crate::error::{Error, Result};
use crate::schedule::{Context, dates, month_range};
use crate::{Action, Ctx, ledger, text};

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PunchImportReport {
    pub file_name: String,
    /// `attlog` or `csv`.
    pub kind: String,
    pub punches: u32,
    pub added: u32,
    /// Already stored (the same file or the same terminal data imported before).
    pub already_stored: u32,
    /// PINs or 工号 no employee has: kept, matched once the person exists.
    pub unknown: Vec<String>,
    pub first: Option<String>,
    pub last: Option<String>,
    pub dry_run: bool,
}

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
    let mut unknown: Vec<String> = rows
        .iter()
        .filter(|r| match r.who_kind {
            "pin" => !pins.contains(r.who.as_str()),
            _ => !numbers.contains(r.who.as_str()),
        })
        .map(|r| {
            if r.who_kind == "pin" { format!("PIN {}", r.who) } else { format!("工号 {}", r.who) }
        })
        .collect();
    unknown.sort();
    unknown.dedup();
    Ok(unknown)
}

/// Which people and month to compute.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComputeRequest {
    /// `YYYY-MM`.
    pub month: String,
    /// Only this 工号.
    pub employee_no: Option<String>,
    /// Only this department and its sub-departments.
    pub department_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComputeReport {
    pub month: String,
    pub employees: u32,
    pub days: u32,
    pub exception_days: u32,
    pub provisional_days: u32,
    pub punches: u32,
}

/// Everything one month's evaluation needs, loaded once.
struct Month {
    first: NaiveDate,
    last: NaiveDate,
    cx: Context,
    punches: HashMap<EmployeeId, Vec<Punch>>,
    leave: HashMap<EmployeeId, Vec<LeaveTaken>>,
    synced_until: Option<NaiveDateTime>,
    rules: Rules,
}

impl Month {
    fn load(store: &Store, month: &str) -> Result<Month> {
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
        for p in db.list_raw_punches(from, to)? {
            let employee = match p.who_kind.as_str() {
                "pin" => by_pin.get(p.who.as_str()),
                _ => by_no.get(p.who.as_str()),
            };
            let Some(&employee) = employee else { continue };
            // Wall-clock time in the company's zone.
            let shift = company_offset - zone_offset(&p.term_tz);
            let at = p.term_local + Duration::seconds(shift);
            // The state key stays a hint until terminals carry their own setting.
            let state = match p.state {
                Some(0) => StateKey::Hint(Direction::In),
                Some(1) => StateKey::Hint(Direction::Out),
                _ => StateKey::None,
            };
            punches.entry(employee).or_default().push(Punch { id: p.id, at, state });
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
        let synced_until = db.latest_punch_local()?;
        Ok(Month { first, last, cx, punches, leave, synced_until, rules: Rules::default() })
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

/// Computes the month for the people asked and stores the results (replacing earlier ones).
/// `progress` is told (done, total) after each person.
pub fn compute(
    store: &mut Store,
    ctx: &Ctx,
    request: &ComputeRequest,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ComputeReport> {
    ctx.actor.require(Action::EditRoster)?;
    let month = Month::load(store, &request.month)?;
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
    let ids: Vec<EmployeeId> = people.iter().map(|e| e.id).collect();
    let punches =
        people.iter().map(|e| month.punches.get(&e.id).map_or(0, Vec::len)).sum::<usize>() as u32;
    let report = ComputeReport {
        month: request.month.trim().to_owned(),
        employees: total as u32,
        days: results.len() as u32,
        exception_days: results
            .iter()
            .filter(|r| r.status == kaoqin_core::engine::DayStatus::Exception)
            .count() as u32,
        provisional_days: results.iter().filter(|r| r.provisional).count() as u32,
        punches,
    };
    store.write(|db| -> Result<()> {
        db.replace_day_results(&ids, month.first, month.last, &results)?;
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

/// One person's line of the monthly summary. The first fields are the stable CSV columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRow {
    pub employee_no: String,
    pub name: String,
    pub department: String,
    pub totals: MonthTotals,
    /// Leave by type (type id → name), for extra columns.
    pub leave_names: Vec<(i64, String)>,
}

/// The month's totals per person, from the stored results.
pub fn month_summary(
    store: &mut Store,
    ctx: &Ctx,
    month: &str,
    department_id: Option<i64>,
) -> Result<Vec<SummaryRow>> {
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
    let rules = Rules::default();
    let mut rows: Vec<SummaryRow> = roster
        .employees
        .iter()
        .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter(|e| subtree.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter_map(|e| {
            let days = by_person.get(&e.id)?;
            let totals = month_totals(e.id, days, &rules);
            let leave_names = totals
                .leave
                .iter()
                .map(|l| (l.type_id, types.get(&l.type_id).cloned().unwrap_or_default()))
                .collect();
            Some(SummaryRow {
                employee_no: e.employee_no.clone(),
                name: e.name.clone(),
                department: roster.paths.get(&e.department_id).cloned().unwrap_or_default(),
                totals,
                leave_names,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.employee_no.cmp(&b.employee_no));
    // Names and attendance figures leave the program: logged like any export.
    store.write(|db| {
        let detail = json!({ "month": month.trim(), "rows": rows.len() });
        ctx.audit(db, "attendance.summary", "day_result", None, detail)
    })?;
    Ok(rows)
}

/// One person's day: the stored result with its ledger in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayDetail {
    pub employee_no: String,
    pub name: String,
    pub result: DayResult,
    pub ledger: Vec<Localized>,
    pub findings: Vec<Localized>,
}

pub fn day_detail(
    store: &mut Store,
    ctx: &Ctx,
    employee_no: &str,
    date: NaiveDate,
) -> Result<DayDetail> {
    ctx.actor.require(Action::ViewRoster)?;
    let db = store.read();
    let roster = crate::groups::Roster::load(&db)?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let e = roster
        .employees
        .iter()
        .find(|e| {
            e.employee_no == employee_no
                && scope.as_ref().is_none_or(|s| s.contains(&e.department_id))
        })
        .ok_or_else(|| Error::field(Field::EmployeeNo, Problem::NotFound, employee_no))?;
    let result = db
        .list_day_results(date, date)?
        .into_iter()
        .find(|r| r.employee == e.id)
        .ok_or_else(|| Error::NotComputed { month: date.format("%Y-%m").to_string() })?;
    let ledger = result.trace.iter().map(ledger::step_text).collect();
    let findings = result
        .findings
        .iter()
        .map(|f| {
            let name = ledger::finding_name(f.kind);
            if f.minutes > 0 {
                Localized::new(
                    format!("{} {} 分钟", name.zh, f.minutes),
                    format!("{} {} min", name.en, f.minutes),
                )
            } else {
                name
            }
        })
        .collect();
    let detail = DayDetail {
        employee_no: e.employee_no.clone(),
        name: e.name.clone(),
        result,
        ledger,
        findings,
    };
    store.write(|db| {
        let what = json!({ "date": date.to_string() });
        ctx.audit(db, "attendance.day.view", "employee", Some(detail.result.employee), what)
    })?;
    Ok(detail)
}
