//! Use cases for leave (请假): leave types, leave records entered by the clerk (one person or a
//! batch, with a dry run that shows each person's amount), cancelling with a reason, annual
//! grants with carry-over, adjustments, and balances.
//!
//! Not here: amounts and balances (kaoqin-core::leave), whether a day is worked (the schedule
//! use cases), SQL (kaoqin-store).

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate, NaiveTime};
use kaoqin_core::leave::{
    self, Amount, Grant, Half, LeaveSpan, LeaveType, LeaveTypeForm, LeaveUnit, amount_text,
};
use kaoqin_core::{Field, FieldError, Problem, date};
use kaoqin_store::{GrantWrite, LeaveRecordRow, LeaveTypeRow, LeaveWrite, Store};
use serde_json::json;

use crate::dto::{
    AdjustBalanceInput, CancelLeaveInput, GrantAnnualInput, GrantAnnualResult, LeaveBalanceDto,
    LeaveInput, LeaveQuery, LeaveRecordDto, LeaveTypeDto, LeaveTypeInput, Localized,
    SaveLeaveTypeInput,
};
use crate::error::{Entity, Error, Result};
use crate::groups::Roster;
use crate::schedule::working_days;
use crate::{Action, Ctx};

impl From<&LeaveTypeInput> for LeaveTypeForm {
    fn from(t: &LeaveTypeInput) -> Self {
        LeaveTypeForm {
            code: t.code.clone(),
            name: t.name.clone(),
            unit: t.unit.clone(),
            counts_rest_days: t.counts_rest_days,
            on_duty: t.on_duty,
            paid: t.paid,
            tracks_balance: t.tracks_balance,
            annual_grant: t.annual_grant,
            max_carry_over: t.max_carry_over,
            carry_over_expires: t.carry_over_expires.clone(),
        }
    }
}

impl From<LeaveTypeForm> for LeaveTypeInput {
    fn from(t: LeaveTypeForm) -> Self {
        LeaveTypeInput {
            code: t.code,
            name: t.name,
            unit: t.unit,
            counts_rest_days: t.counts_rest_days,
            on_duty: t.on_duty,
            paid: t.paid,
            tracks_balance: t.tracks_balance,
            annual_grant: t.annual_grant,
            max_carry_over: t.max_carry_over,
            carry_over_expires: t.carry_over_expires,
        }
    }
}

fn units(a: Amount) -> f64 {
    a as f64 / 1000.0
}

fn type_dto(row: &LeaveTypeRow) -> LeaveTypeDto {
    LeaveTypeDto { id: row.id, leave_type: leave::type_form(&row.leave_type).into() }
}

pub fn list_leave_types(store: &Store, ctx: &Ctx) -> Result<Vec<LeaveTypeDto>> {
    ctx.actor.require(Action::ViewSettings)?;
    Ok(store.read().list_leave_types()?.iter().map(type_dto).collect())
}

/// Checks a leave type against the others (code and name unique).
pub(crate) fn check_type(
    rows: &[LeaveTypeRow],
    id: Option<i64>,
    form: &LeaveTypeForm,
) -> std::result::Result<LeaveType, Vec<FieldError>> {
    let t = leave::validate_type(form)?;
    let mut errors = Vec::new();
    for other in rows.iter().filter(|r| Some(r.id) != id) {
        let holder = format!("假期类型「{}」", other.leave_type.name);
        if other.leave_type.code == t.code {
            errors.push(FieldError::new(
                Field::Code,
                Problem::Duplicate { holder: holder.clone() },
                &t.code,
            ));
        }
        if other.leave_type.name == t.name {
            errors.push(FieldError::new(Field::Name, Problem::Duplicate { holder }, &t.name));
        }
    }
    if errors.is_empty() { Ok(t) } else { Err(errors) }
}

pub fn save_leave_type(
    store: &mut Store,
    ctx: &Ctx,
    input: SaveLeaveTypeInput,
) -> Result<LeaveTypeDto> {
    ctx.actor.require(Action::EditSettings)?;
    let rows = store.read().list_leave_types()?;
    if let Some(id) = input.id
        && !rows.iter().any(|r| r.id == id)
    {
        return Err(Error::NotFound { entity: Entity::LeaveType, key: id.to_string() });
    }
    let t = check_type(&rows, input.id, &LeaveTypeForm::from(&input.leave_type))
        .map_err(Error::Invalid)?;
    let id = store.write(|db| {
        let id = db.upsert_leave_type(input.id, &t, ctx.now, &ctx.actor.login)?;
        ctx.audit(db, "leave_type.save", "leave_type", Some(id), json!({ "leave_type": t }))?;
        Ok::<_, Error>(id)
    })?;
    Ok(type_dto(&LeaveTypeRow { id, leave_type: t }))
}

fn half(field: Field, value: &str, default: Half, errors: &mut Vec<FieldError>) -> Half {
    match value.trim() {
        "" => default,
        "am" => Half::Am,
        "pm" => Half::Pm,
        other => {
            errors.push(FieldError::new(
                field,
                Problem::NotOneOf { choices: &["am", "pm"] },
                other,
            ));
            default
        }
    }
}

fn time(field: Field, value: &str, errors: &mut Vec<FieldError>) -> Option<NaiveTime> {
    let t = NaiveTime::parse_from_str(value.trim(), "%H:%M").ok();
    if t.is_none() {
        let problem = if value.trim().is_empty() { Problem::Required } else { Problem::BadTime };
        errors.push(FieldError::new(field, problem, value));
    }
    t
}

/// The span a leave input asks for, checked against the type's unit.
fn span(t: &LeaveType, input: &LeaveInput, errors: &mut Vec<FieldError>) -> Option<LeaveSpan> {
    let start = date::field(Field::Start, &input.start_date, true, errors);
    if t.unit == LeaveUnit::Hour {
        let from = time(Field::Start, &input.from_time, errors);
        let to = time(Field::End, &input.to_time, errors);
        if let (Some(f), Some(e)) = (from, to)
            && e <= f
        {
            let problem =
                Problem::NotAfter { other: Field::Start, other_value: input.from_time.clone() };
            errors.push(FieldError::new(Field::End, problem, &input.to_time));
        }
        return Some(LeaveSpan::Hours { date: start?, from: from?, to: to? });
    }
    let end = if input.end_date.trim().is_empty() {
        start
    } else {
        date::field(Field::End, &input.end_date, true, errors)
    };
    let (start_half, end_half) = if t.unit == LeaveUnit::HalfDay {
        (
            half(Field::Start, &input.start_half, Half::Am, errors),
            half(Field::End, &input.end_half, Half::Pm, errors),
        )
    } else {
        (Half::Am, Half::Pm)
    };
    let (start, end) = (start?, end?);
    if end < start || (end == start && start_half == Half::Pm && end_half == Half::Am) {
        let problem = Problem::DateBefore { other: Field::Start, other_value: date::iso(start) };
        errors.push(FieldError::new(Field::End, problem, date::iso(end)));
        return None;
    }
    Some(LeaveSpan::Days { start, start_half, end, end_half })
}

fn when_text(span: &LeaveSpan) -> Localized {
    match *span {
        LeaveSpan::Hours { date, from, to } => {
            let t = format!("{date} {}–{}", from.format("%H:%M"), to.format("%H:%M"));
            Localized::new(t.clone(), t)
        }
        LeaveSpan::Days { start, start_half, end, end_half } => {
            let zh_half = |h: Half, is_start: bool| match (h, is_start) {
                (Half::Pm, true) => " 下午",
                (Half::Am, false) => " 上午",
                _ => "",
            };
            let en_half = |h: Half, is_start: bool| match (h, is_start) {
                (Half::Pm, true) => " pm",
                (Half::Am, false) => " am",
                _ => "",
            };
            if start == end && start_half == Half::Am && end_half == Half::Pm {
                return Localized::new(start.to_string(), start.to_string());
            }
            Localized::new(
                format!(
                    "{start}{} 至 {end}{}",
                    zh_half(start_half, true),
                    zh_half(end_half, false)
                ),
                format!(
                    "{start}{} to {end}{}",
                    en_half(start_half, true),
                    en_half(end_half, false)
                ),
            )
        }
    }
}

fn record_dto(r: &LeaveRecordRow, roster: &Roster, types: &[LeaveTypeRow]) -> LeaveRecordDto {
    let e = roster.employees.iter().find(|e| e.id == r.employee_id);
    let t = types.iter().find(|t| t.id == r.leave_type_id);
    LeaveRecordDto {
        id: r.id,
        employee_id: r.employee_id,
        employee_no: e.map(|e| e.employee_no.clone()).unwrap_or_default(),
        name: e.map(|e| e.name.clone()).unwrap_or_default(),
        leave_type_id: r.leave_type_id,
        leave_type_name: t.map(|t| t.leave_type.name.clone()).unwrap_or_default(),
        unit: t.map(|t| t.leave_type.unit.key().to_owned()).unwrap_or_default(),
        when: when_text(&r.span),
        first_date: date::iso(r.span.first_date()),
        last_date: date::iso(r.span.last_date()),
        amount: units(r.amount),
        note: r.note.clone(),
        created_by: r.created_by.clone(),
        cancelled: r.cancelled.is_some(),
        cancel_reason: r.cancelled.as_ref().map(|c| c.2.clone()),
    }
}

/// Grants per person.
type Grants = HashMap<i64, Vec<Grant>>;
/// Leaves taken per person: (first date, amount).
type Taken = HashMap<i64, Vec<(NaiveDate, Amount)>>;

/// Grants and leaves taken of one type, per person, for balances.
fn ledger(db: &kaoqin_store::Db<'_>, type_id: i64) -> Result<(Grants, Taken)> {
    let mut grants = Grants::new();
    for g in db.list_leave_grants(type_id)? {
        grants.entry(g.employee_id).or_default().push(g.grant);
    }
    let mut taken = Taken::new();
    // Dates are stored as ISO text: bound the range by the years Kaoqin accepts.
    let (first, last) =
        (year_start(2000)?, NaiveDate::from_ymd_opt(2099, 12, 31).unwrap_or_default());
    let all = db.list_leave_records(first, last)?;
    for r in all.iter().filter(|r| r.leave_type_id == type_id && r.cancelled.is_none()) {
        taken.entry(r.employee_id).or_default().push((r.span.first_date(), r.amount));
    }
    Ok((grants, taken))
}

/// A person's balance in one year's ledger: the grants valid from that year and the leaves
/// taken in it (a year's grants are used up within the year; carry-over is a grant of the next).
fn year_balance(
    grants: &Grants,
    taken: &Taken,
    employee: i64,
    extra: Option<(NaiveDate, Amount)>,
    as_of: NaiveDate,
) -> leave::Balance {
    let year = as_of.year();
    let g: Vec<Grant> = grants
        .get(&employee)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|g| g.valid_from.year() == year)
        .copied()
        .collect();
    let mut used: Vec<(NaiveDate, Amount)> = taken
        .get(&employee)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .filter(|(d, _)| d.year() == year)
        .copied()
        .collect();
    used.extend(extra);
    leave::balance(&g, &used, as_of)
}

/// Records a leave for each person (all or none): amounts skip the days a person would not
/// work unless the type counts rest days; overlapping leaves and overdrawn balances are refused.
pub fn add_leave(store: &mut Store, ctx: &Ctx, input: LeaveInput) -> Result<Vec<LeaveRecordDto>> {
    ctx.actor.require(Action::EditRoster)?;
    let db = store.read();
    let roster = Roster::load(&db)?;
    let types = db.list_leave_types()?;
    let Some(t) = types.iter().find(|t| t.id == input.leave_type_id) else {
        return Err(Error::field(
            Field::LeaveType,
            Problem::NotFound,
            input.leave_type_id.to_string(),
        ));
    };
    let mut errors = Vec::new();
    if input.employee_ids.is_empty() {
        errors.push(FieldError::new(Field::EmployeeId, Problem::Required, ""));
    }
    let scope = ctx.actor.department_scope(&roster.nodes);
    for id in &input.employee_ids {
        let ok = roster
            .employees
            .iter()
            .any(|e| e.id == *id && scope.as_ref().is_none_or(|s| s.contains(&e.department_id)));
        if !ok {
            errors.push(FieldError::new(Field::EmployeeId, Problem::NotFound, id.to_string()));
        }
    }
    let note = kaoqin_core::validation::text(Field::Note, &input.note, false, 200, &mut errors);
    let span = span(&t.leave_type, &input, &mut errors);
    let Some(span) = span.filter(|_| errors.is_empty()) else {
        return Err(Error::Invalid(errors));
    };
    let working = if t.leave_type.counts_rest_days || t.leave_type.unit == LeaveUnit::Hour {
        HashMap::new()
    } else {
        working_days(store, &input.employee_ids, span.first_date(), span.last_date())?
    };
    let existing = db.list_leave_records(span.first_date(), span.last_date())?;
    let (grants, taken) =
        if t.leave_type.tracks_balance { ledger(&db, t.id)? } else { Default::default() };
    let mut planned = Vec::new();
    for &e in &input.employee_ids {
        let who = roster
            .employees
            .iter()
            .find(|x| x.id == e)
            .map(|x| format!("{} {}", x.employee_no, x.name))
            .unwrap_or_default();
        let amount =
            leave::amount(&t.leave_type, &span, |d| working.get(&(e, d)).copied().unwrap_or(false));
        if let Some(other) = existing
            .iter()
            .find(|r| r.employee_id == e && r.cancelled.is_none() && r.span.overlaps(&span))
        {
            let other_type = types
                .iter()
                .find(|x| x.id == other.leave_type_id)
                .map(|x| x.leave_type.name.clone())
                .unwrap_or_default();
            let problem = Problem::LeaveOverlaps {
                other: format!("{other_type} {}", when_text(&other.span).zh),
            };
            errors.push(FieldError::new(Field::Start, problem, who.clone()));
        }
        if t.leave_type.tracks_balance {
            let first = span.first_date();
            let after = year_balance(&grants, &taken, e, Some((first, amount)), first);
            if after.remaining < 0 {
                let problem = Problem::InsufficientBalance {
                    remaining: amount_text(after.remaining + amount),
                    needed: amount_text(amount),
                    unit: t.leave_type.unit.key(),
                };
                errors.push(FieldError::new(Field::Amount, problem, who.clone()));
            }
        }
        planned.push((e, amount));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let note = note.unwrap_or_default();
    let row = |id, employee_id, amount| LeaveRecordRow {
        id,
        employee_id,
        leave_type_id: t.id,
        span,
        amount,
        note: note.clone(),
        created_at: String::new(),
        created_by: ctx.actor.login.clone(),
        cancelled: None,
    };
    let rows: Vec<LeaveRecordRow> = if input.dry_run {
        planned.iter().map(|&(e, amount)| row(0, e, amount)).collect()
    } else {
        store.write(|db| {
            let mut out = Vec::new();
            for &(e, amount) in &planned {
                let write =
                    LeaveWrite { employee: e, leave_type: t.id, span: &span, amount, note: &note };
                let id = db.insert_leave_record(&write, ctx.now, &ctx.actor.login)?;
                let detail = json!({ "employee_id": e, "leave_type": t.leave_type.code, "amount": amount, "span": span });
                ctx.audit(db, "leave.add", "leave_record", Some(id), detail)?;
                out.push(row(id, e, amount));
            }
            Ok::<_, Error>(out)
        })?
    };
    Ok(rows.iter().map(|r| record_dto(r, &roster, &types)).collect())
}

pub fn list_leave(store: &Store, ctx: &Ctx, query: LeaveQuery) -> Result<Vec<LeaveRecordDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let mut errors = Vec::new();
    let from = date::field(Field::Start, &query.from, true, &mut errors);
    let to = date::field(Field::End, &query.to, true, &mut errors);
    let (Some(from), Some(to)) = (from, to) else { return Err(Error::Invalid(errors)) };
    let db = store.read();
    let roster = Roster::load(&db)?;
    let types = db.list_leave_types()?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let visible = |id: i64| {
        roster
            .employees
            .iter()
            .any(|e| e.id == id && scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
    };
    Ok(db
        .list_leave_records(from, to)?
        .iter()
        .filter(|r| visible(r.employee_id))
        .filter(|r| query.include_cancelled || r.cancelled.is_none())
        .filter(|r| query.employee_id.is_none_or(|e| e == r.employee_id))
        .filter(|r| query.leave_type_id.is_none_or(|t| t == r.leave_type_id))
        .map(|r| record_dto(r, &roster, &types))
        .collect())
}

/// Cancels a leave (kept, marked with who, when and why).
pub fn cancel_leave(store: &mut Store, ctx: &Ctx, input: CancelLeaveInput) -> Result<()> {
    ctx.actor.require(Action::EditRoster)?;
    let mut errors = Vec::new();
    let reason = kaoqin_core::validation::text(Field::Note, &input.reason, true, 200, &mut errors);
    let Some(reason) = reason else { return Err(Error::Invalid(errors)) };
    store.write(|db| {
        if !db.cancel_leave_record(input.id, &reason, ctx.now, &ctx.actor.login)? {
            return Err(Error::NotFound { entity: Entity::Leave, key: input.id.to_string() });
        }
        ctx.audit(db, "leave.cancel", "leave_record", Some(input.id), json!({ "reason": reason }))
    })
}

fn balance_type(types: &[LeaveTypeRow], id: i64) -> Result<&LeaveTypeRow> {
    let t = types
        .iter()
        .find(|t| t.id == id)
        .ok_or_else(|| Error::field(Field::LeaveType, Problem::NotFound, id.to_string()))?;
    if !t.leave_type.tracks_balance {
        return Err(Error::field(Field::LeaveType, Problem::OnlyWithBalance, &t.leave_type.name));
    }
    Ok(t)
}

fn year_start(year: i32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1).filter(|_| (2000..=2099).contains(&year)).ok_or_else(|| {
        Error::field(Field::Year, Problem::OutOfRange { min: 2000, max: 2099 }, year.to_string())
    })
}

/// This year's grant for everyone on the books during the year (pro rata for joiners) and the
/// carry-over of last year's remainder, each at most once per person and year.
pub fn grant_annual_leave(
    store: &mut Store,
    ctx: &Ctx,
    input: GrantAnnualInput,
) -> Result<GrantAnnualResult> {
    ctx.actor.require(Action::EditRoster)?;
    let start = year_start(input.year)?;
    let end = NaiveDate::from_ymd_opt(input.year, 12, 31).unwrap_or(start);
    let db = store.read();
    let types = db.list_leave_types()?;
    let t = balance_type(&types, input.leave_type_id)?;
    let roster = Roster::load(&db)?;
    let existing = db.list_leave_grants(t.id)?;
    let (grants, taken) = ledger(&db, t.id)?;
    let lt = &t.leave_type;
    let mut writes: Vec<(i64, &str, Grant)> = Vec::new();
    let mut result = GrantAnnualResult {
        granted_people: 0,
        granted_total: 0.0,
        carried_people: 0,
        carried_total: 0.0,
        already_granted: 0,
        dry_run: input.dry_run,
    };
    for e in roster
        .employees
        .iter()
        .filter(|e| e.hired_on <= end && e.left_on.is_none_or(|l| l >= start))
    {
        let had = |kind: &str| {
            existing.iter().any(|g| g.employee_id == e.id && g.year == input.year && g.kind == kind)
        };
        if let Some(annual) = lt.annual_grant {
            if had("annual") {
                result.already_granted += 1;
            } else {
                let amount = leave::pro_rata(annual, input.year, e.hired_on);
                if amount > 0 {
                    writes.push((
                        e.id,
                        "annual",
                        Grant { amount, valid_from: start, expires_on: None },
                    ));
                    result.granted_people += 1;
                    result.granted_total += units(amount);
                }
            }
        }
        if let (Some(max), false) = (lt.max_carry_over, had("carry_over")) {
            let last_day = start.pred_opt().unwrap_or(start);
            let left = year_balance(&grants, &taken, e.id, None, last_day).remaining.min(max);
            if left > 0 {
                let expires_on = lt
                    .carry_over_expires
                    .and_then(|(m, d)| NaiveDate::from_ymd_opt(input.year, m, d));
                writes.push((
                    e.id,
                    "carry_over",
                    Grant { amount: left, valid_from: start, expires_on },
                ));
                result.carried_people += 1;
                result.carried_total += units(left);
            }
        }
    }
    if !input.dry_run {
        store.write(|db| {
            for (e, kind, g) in &writes {
                let note = if *kind == "annual" { "年度发放" } else { "上年结转" };
                let write = GrantWrite {
                    employee: *e,
                    leave_type: t.id,
                    kind,
                    year: input.year,
                    grant: g,
                    note,
                };
                db.insert_leave_grant(&write, ctx.now, &ctx.actor.login)?;
            }
            let detail =
                json!({ "leave_type": lt.code, "year": input.year, "grants": writes.len() });
            ctx.audit(db, "leave.grant_annual", "leave_grant", None, detail)
        })?;
    }
    Ok(result)
}

/// Adds (or with a negative amount, takes off) balance for some people.
pub fn adjust_balance(store: &mut Store, ctx: &Ctx, input: AdjustBalanceInput) -> Result<()> {
    ctx.actor.require(Action::EditRoster)?;
    let start = year_start(input.year)?;
    let types = store.read().list_leave_types()?;
    let t = balance_type(&types, input.leave_type_id)?;
    let mut errors = Vec::new();
    let amount = leave::amount_from_units(input.amount.abs(), t.leave_type.unit).filter(|a| *a > 0);
    if amount.is_none() {
        errors.push(FieldError::new(
            Field::Amount,
            Problem::OutOfRange { min: -10_000, max: 10_000 },
            input.amount.to_string(),
        ));
    }
    let note = kaoqin_core::validation::text(Field::Note, &input.note, true, 200, &mut errors);
    let roster = Roster::load(&store.read())?;
    for id in &input.employee_ids {
        if !roster.employees.iter().any(|e| e.id == *id) {
            errors.push(FieldError::new(Field::EmployeeId, Problem::NotFound, id.to_string()));
        }
    }
    let (Some(amount), Some(note)) = (amount, note) else { return Err(Error::Invalid(errors)) };
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let signed = if input.amount < 0.0 { -amount } else { amount };
    store.write(|db| {
        for e in &input.employee_ids {
            let g = Grant { amount: signed, valid_from: start, expires_on: None };
            let write = GrantWrite { employee: *e, leave_type: t.id, kind: "adjust", year: input.year, grant: &g, note: &note };
            db.insert_leave_grant(&write, ctx.now, &ctx.actor.login)?;
        }
        let detail = json!({ "leave_type": t.leave_type.code, "year": input.year, "amount": signed, "people": input.employee_ids.len() });
        ctx.audit(db, "leave.adjust", "leave_grant", None, detail)
    })
}

/// Everyone's balance of a leave type on `as_of` (default: the end of `year`).
pub fn leave_balances(
    store: &Store,
    ctx: &Ctx,
    leave_type_id: i64,
    as_of: &str,
) -> Result<Vec<LeaveBalanceDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let mut errors = Vec::new();
    let Some(as_of) = date::field(Field::Date, as_of, true, &mut errors) else {
        return Err(Error::Invalid(errors));
    };
    let db = store.read();
    let types = db.list_leave_types()?;
    let t = balance_type(&types, leave_type_id)?;
    let roster = Roster::load(&db)?;
    let (grants, taken) = ledger(&db, t.id)?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    let year = as_of.year();
    Ok(roster
        .employees
        .iter()
        .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter(|e| e.hired_on <= as_of && e.left_on.is_none_or(|l| l.year() >= year))
        .map(|e| {
            let b = year_balance(&grants, &taken, e.id, None, as_of);
            LeaveBalanceDto {
                employee_id: e.id,
                employee_no: e.employee_no.clone(),
                name: e.name.clone(),
                department_path: roster.paths.get(&e.department_id).cloned().unwrap_or_default(),
                granted: units(b.granted),
                taken: units(b.taken),
                expired: units(b.expired),
                remaining: units(b.remaining),
            }
        })
        .collect())
}
