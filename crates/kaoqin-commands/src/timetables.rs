//! Use cases for timetables (班次) and rotations (轮班规律): list, save (with an effective date,
//! or as a dry run that shows the defaults), delete when nothing uses them.
//!
//! Not here: the rules of a valid timetable (kaoqin-core::timetable) and SQL (kaoqin-store).

use std::collections::HashMap;

use chrono::NaiveDate;
use kaoqin_core::group::{self, RotationForm, TimetableRef, Versioned};
use kaoqin_core::timetable::{
    self, Break, BreakForm, BreakKind, SegmentForm, Timetable, TimetableForm, TimetableId,
    TimetableRule,
};
use kaoqin_core::{Field, FieldError, Problem, date};
use kaoqin_store::{Db, GroupRow, RotationRow, Store, TimetableRow};
use serde_json::json;

use crate::dto::{
    BreakInput, Localized, RotationDto, SaveRotationInput, SaveTimetableInput, SegmentInput,
    TimetableDto, TimetableInput,
};
use crate::error::{Entity, Error, Result};
use crate::{Action, Ctx};

/// The start of a first version: a new timetable or group applies to every earlier date too.
pub fn since_always() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

impl From<&SegmentInput> for SegmentForm {
    fn from(s: &SegmentInput) -> Self {
        SegmentForm {
            on: s.on.clone(),
            off: s.off.clone(),
            check_in_before_minutes: s.check_in_before_minutes,
            check_in_after_minutes: s.check_in_after_minutes,
            check_out_before_minutes: s.check_out_before_minutes,
            check_out_after_minutes: s.check_out_after_minutes,
            late_grace_minutes: s.late_grace_minutes,
            early_grace_minutes: s.early_grace_minutes,
            serious_late_minutes: s.serious_late_minutes,
            late_absent_minutes: s.late_absent_minutes,
            early_absent_minutes: s.early_absent_minutes,
        }
    }
}

impl From<&SegmentForm> for SegmentInput {
    fn from(s: &SegmentForm) -> Self {
        SegmentInput {
            on: s.on.clone(),
            off: s.off.clone(),
            check_in_before_minutes: s.check_in_before_minutes,
            check_in_after_minutes: s.check_in_after_minutes,
            check_out_before_minutes: s.check_out_before_minutes,
            check_out_after_minutes: s.check_out_after_minutes,
            late_grace_minutes: s.late_grace_minutes,
            early_grace_minutes: s.early_grace_minutes,
            serious_late_minutes: s.serious_late_minutes,
            late_absent_minutes: s.late_absent_minutes,
            early_absent_minutes: s.early_absent_minutes,
        }
    }
}

impl From<&BreakInput> for BreakForm {
    fn from(b: &BreakInput) -> Self {
        BreakForm {
            kind: b.kind.clone(),
            start: b.start.clone(),
            end: b.end.clone(),
            minutes: b.minutes,
            after_worked_minutes: b.after_worked_minutes,
            paid: b.paid,
        }
    }
}

impl From<&BreakForm> for BreakInput {
    fn from(b: &BreakForm) -> Self {
        BreakInput {
            kind: b.kind.clone(),
            start: b.start.clone(),
            end: b.end.clone(),
            minutes: b.minutes,
            after_worked_minutes: b.after_worked_minutes,
            paid: b.paid,
        }
    }
}

impl From<&TimetableInput> for TimetableForm {
    fn from(t: &TimetableInput) -> Self {
        TimetableForm {
            code: t.code.clone(),
            name: t.name.clone(),
            color: t.color.clone(),
            kind: t.kind.clone(),
            day_value: t.day_value,
            day_change: t.day_change.clone(),
            required_minutes: t.required_minutes,
            segments: t.segments.iter().map(SegmentForm::from).collect(),
            breaks: t.breaks.iter().map(BreakForm::from).collect(),
            earliest_arrival: t.earliest_arrival.clone(),
            latest_arrival: t.latest_arrival.clone(),
            late_grace_minutes: t.late_grace_minutes,
            late_absent_minutes: t.late_absent_minutes,
            pairing: t.pairing.clone(),
        }
    }
}

impl From<&TimetableForm> for TimetableInput {
    fn from(t: &TimetableForm) -> Self {
        TimetableInput {
            code: t.code.clone(),
            name: t.name.clone(),
            color: t.color.clone(),
            kind: t.kind.clone(),
            day_value: t.day_value,
            day_change: t.day_change.clone(),
            required_minutes: t.required_minutes,
            segments: t.segments.iter().map(SegmentInput::from).collect(),
            breaks: t.breaks.iter().map(BreakInput::from).collect(),
            earliest_arrival: t.earliest_arrival.clone(),
            latest_arrival: t.latest_arrival.clone(),
            late_grace_minutes: t.late_grace_minutes,
            late_absent_minutes: t.late_absent_minutes,
            pairing: t.pairing.clone(),
        }
    }
}

/// Hours as a clerk reads them: `8`, `7.5`, `7.75`.
fn hours(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    let text = format!("{h:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn break_text(b: &Break) -> Localized {
    let paid = if b.paid { ("（带薪）", " (paid)") } else { ("", "") };
    match b.kind {
        BreakKind::Fixed { start, end } => Localized::new(
            format!("休息 {start}–{end}{}", paid.0),
            format!("break {start}–{end}{}", paid.1),
        ),
        BreakKind::MustPunch { start, end } => Localized::new(
            format!("休息 {start}–{end} 需打卡{}", paid.0),
            format!("break {start}–{end}, punched{}", paid.1),
        ),
        BreakKind::Auto { minutes, after_worked_minutes } => Localized::new(
            format!("满 {} 小时扣 {minutes} 分钟{}", hours(after_worked_minutes), paid.0),
            format!("{minutes} min off after {} h{}", hours(after_worked_minutes), paid.1),
        ),
    }
}

/// One line describing a timetable, in both languages.
pub fn summary(t: &Timetable) -> Localized {
    let mut zh: Vec<String> = Vec::new();
    let mut en: Vec<String> = Vec::new();
    let breaks = |list: &[Break], zh: &mut Vec<String>, en: &mut Vec<String>| {
        for b in list {
            let l = break_text(b);
            zh.push(l.zh);
            en.push(l.en);
        }
    };
    match &t.rule {
        TimetableRule::Fixed { segments, breaks: list, required_minutes } => {
            let spans: Vec<String> =
                segments.iter().map(|s| format!("{}–{}", s.on, s.off)).collect();
            zh.push(spans.join("、"));
            en.push(spans.join(", "));
            breaks(list, &mut zh, &mut en);
            zh.push(format!("{} 小时", hours(*required_minutes)));
            en.push(format!("{} h", hours(*required_minutes)));
        }
        TimetableRule::Flexible {
            earliest_arrival,
            latest_arrival,
            required_minutes,
            breaks: list,
            ..
        } => {
            match earliest_arrival {
                Some(e) => {
                    zh.push(format!("{e}–{latest_arrival} 到岗"));
                    en.push(format!("arrive {e}–{latest_arrival}"));
                }
                None => {
                    zh.push(format!("最晚 {latest_arrival} 到岗"));
                    en.push(format!("arrive by {latest_arrival}"));
                }
            }
            zh.push(format!("工作 {} 小时", hours(*required_minutes)));
            en.push(format!("{} h of work", hours(*required_minutes)));
            breaks(list, &mut zh, &mut en);
        }
        TimetableRule::Free { required_minutes } => {
            zh.push(format!("自由工时，每天 {} 起算", t.day_change));
            en.push(format!("free hours, day starts {}", t.day_change));
            if let Some(m) = required_minutes {
                zh.push(format!("至少 {} 小时", hours(*m)));
                en.push(format!("at least {} h", hours(*m)));
            }
        }
    }
    if t.day_value == timetable::DayValue::Half {
        zh.push("计半天".to_owned());
        en.push("counts as half a day".to_owned());
    }
    Localized::new(zh.join(" · "), en.join(" · "))
}

/// Names of the groups and rotations that name timetable `id` in any version.
fn users(id: TimetableId, groups: &[GroupRow], rotations: &[RotationRow]) -> Vec<String> {
    let mut out: Vec<String> = groups
        .iter()
        .filter(|g| g.versions.iter().any(|v| v.value.week.contains(&Some(id))))
        .map(|g| format!("考勤组「{}」", g.name))
        .collect();
    out.extend(
        rotations
            .iter()
            .filter(|r| r.rotation.days.contains(&Some(id)))
            .map(|r| format!("轮班「{}」", r.rotation.name)),
    );
    out
}

fn dto(
    id: Option<TimetableId>,
    versions: &[Versioned<Timetable>],
    used_by: Vec<String>,
) -> TimetableDto {
    let latest = &versions[versions.len() - 1].value;
    TimetableDto {
        id,
        code: latest.code.clone(),
        name: latest.name.clone(),
        color: latest.color.clone(),
        kind: latest.rule.kind_key().to_owned(),
        summary: summary(latest),
        required_minutes: latest.required_minutes(),
        day_value: latest.day_value.days(),
        form: TimetableInput::from(&timetable::to_form(latest)),
        versions: versions.iter().map(|v| date::iso(v.effective_from)).collect(),
        used_by,
    }
}

/// The timetables a group or rotation form may name: the newest version of each.
pub(crate) fn refs(rows: &[TimetableRow]) -> Vec<TimetableRef<'_>> {
    rows.iter().map(|r| TimetableRef { id: r.id, timetable: r.latest() }).collect()
}

/// Code of every timetable, for forms that name timetables.
pub(crate) fn codes(rows: &[TimetableRow]) -> HashMap<TimetableId, String> {
    rows.iter().map(|r| (r.id, r.latest().code.clone())).collect()
}

pub fn list_timetables(store: &Store, ctx: &Ctx) -> Result<Vec<TimetableDto>> {
    ctx.actor.require(Action::ViewSettings)?;
    let db = store.read();
    let (groups, rotations) = (db.list_groups()?, db.list_rotations()?);
    Ok(db
        .list_timetables()?
        .iter()
        .map(|r| dto(Some(r.id), &r.versions, users(r.id, &groups, &rotations)))
        .collect())
}

/// The effective date of a save: the given date, or for a change without one the date of the
/// version in force now (a correction), or for a new record the beginning of time.
pub(crate) fn effective_from(
    given: &str,
    existing: Option<&[NaiveDate]>,
    errors: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    if !given.trim().is_empty() {
        return date::field(Field::EffectiveFrom, given, true, errors);
    }
    Some(existing.and_then(|dates| dates.last().copied()).unwrap_or_else(since_always))
}

fn unique(
    field: Field,
    value: &str,
    others: impl Iterator<Item = (String, String)>,
    errors: &mut Vec<FieldError>,
) {
    for (taken, holder) in others {
        if taken == value {
            errors.push(FieldError::new(field, Problem::Duplicate { holder }, value));
        }
    }
}

/// Checks a timetable against the others (code and name unique) and, unless it is a dry run,
/// saves it from its effective date on.
pub fn save_timetable(
    store: &mut Store,
    ctx: &Ctx,
    input: SaveTimetableInput,
) -> Result<TimetableDto> {
    ctx.actor.require(Action::EditSettings)?;
    let db = store.read();
    let rows = db.list_timetables()?;
    let (groups, rotations) = (db.list_groups()?, db.list_rotations()?);
    let existing =
        match input.id {
            None => None,
            Some(id) => Some(rows.iter().find(|r| r.id == id).ok_or_else(|| Error::NotFound {
                entity: Entity::Timetable,
                key: id.to_string(),
            })?),
        };
    let mut errors = Vec::new();
    let dates: Option<Vec<NaiveDate>> =
        existing.map(|r| r.versions.iter().map(|v| v.effective_from).collect());
    let from = effective_from(&input.effective_from, dates.as_deref(), &mut errors);
    let checked = timetable::validate(&TimetableForm::from(&input.timetable));
    if let Ok(t) = &checked {
        let others = rows.iter().filter(|r| Some(r.id) != input.id);
        let label = |r: &TimetableRow| format!("班次「{}」", r.latest().name);
        unique(
            Field::Code,
            &t.code,
            others.clone().map(|r| (r.latest().code.clone(), label(r))),
            &mut errors,
        );
        unique(
            Field::Name,
            &t.name,
            others.map(|r| (r.latest().name.clone(), label(r))),
            &mut errors,
        );
    }
    let (t, from) = match (checked, from) {
        (Ok(t), Some(from)) if errors.is_empty() => (t, from),
        (Err(mut e), _) => {
            e.append(&mut errors);
            return Err(Error::Invalid(e));
        }
        _ => return Err(Error::Invalid(errors)),
    };
    let mut versions: Vec<Versioned<Timetable>> =
        existing.map(|r| r.versions.clone()).unwrap_or_default();
    versions.retain(|v| v.effective_from != from);
    versions.push(Versioned { effective_from: from, value: t.clone() });
    versions.sort_by_key(|v| v.effective_from);
    for v in &mut versions {
        v.value.code.clone_from(&t.code);
        v.value.name.clone_from(&t.name);
        v.value.color.clone_from(&t.color);
    }
    if input.dry_run {
        let used = input.id.map(|id| users(id, &groups, &rotations)).unwrap_or_default();
        return Ok(dto(input.id, &versions, used));
    }
    let id = store.write(|db| {
        let id = match input.id {
            Some(id) => {
                db.update_timetable(id, &t, from, ctx.now, &ctx.actor.login)?;
                id
            }
            None => db.insert_timetable(&t, from, ctx.now, &ctx.actor.login)?,
        };
        let detail = json!({ "code": t.code, "effective_from": date::iso(from), "timetable": t });
        let action = if input.id.is_some() { "timetable.change" } else { "timetable.add" };
        ctx.audit(db, action, "timetable", Some(id), detail)?;
        Ok::<_, Error>(id)
    })?;
    let used = users(id, &groups, &rotations);
    Ok(dto(Some(id), &versions, used))
}

/// Deletes a timetable nothing names, with all its versions.
pub fn delete_timetable(store: &mut Store, ctx: &Ctx, id: TimetableId) -> Result<()> {
    ctx.actor.require(Action::EditSettings)?;
    let db = store.read();
    let rows = db.list_timetables()?;
    let row = rows
        .iter()
        .find(|r| r.id == id)
        .ok_or_else(|| Error::NotFound { entity: Entity::Timetable, key: id.to_string() })?;
    let mut used = users(id, &db.list_groups()?, &db.list_rotations()?);
    let cells = crate::schedule::uses(store, id)?;
    if cells > 0 {
        used.push(format!("排班表中的 {cells} 天"));
    }
    if !used.is_empty() {
        return Err(Error::field(
            Field::Timetable,
            Problem::InUse { users: used },
            &row.latest().name,
        ));
    }
    let code = row.latest().code.clone();
    store.write(|db| {
        db.delete_timetable(id)?;
        ctx.audit(db, "timetable.delete", "timetable", Some(id), json!({ "code": code }))
    })
}

fn rotation_dto(row: &RotationRow, codes: &HashMap<TimetableId, String>) -> RotationDto {
    let form = group::rotation_form(&row.rotation, |id| codes.get(&id).cloned());
    RotationDto { id: row.id, name: form.name, days: form.days }
}

pub fn list_rotations(store: &Store, ctx: &Ctx) -> Result<Vec<RotationDto>> {
    ctx.actor.require(Action::ViewSettings)?;
    let db = store.read();
    let codes = codes(&db.list_timetables()?);
    Ok(db.list_rotations()?.iter().map(|r| rotation_dto(r, &codes)).collect())
}

pub fn save_rotation(
    store: &mut Store,
    ctx: &Ctx,
    input: SaveRotationInput,
) -> Result<RotationDto> {
    ctx.actor.require(Action::EditSettings)?;
    let db = store.read();
    let timetables = db.list_timetables()?;
    let rotations = db.list_rotations()?;
    if let Some(id) = input.id
        && !rotations.iter().any(|r| r.id == id)
    {
        return Err(Error::NotFound { entity: Entity::Rotation, key: id.to_string() });
    }
    let form =
        RotationForm { name: input.rotation.name.clone(), days: input.rotation.days.clone() };
    let rotation = group::validate_rotation(&form, &refs(&timetables)).map_err(Error::Invalid)?;
    let mut errors = Vec::new();
    let others = rotations.iter().filter(|r| Some(r.id) != input.id);
    unique(
        Field::Name,
        &rotation.name,
        others.map(|r| (r.rotation.name.clone(), format!("轮班「{}」", r.rotation.name))),
        &mut errors,
    );
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let id = store.write(|db| {
        let id = db.upsert_rotation(input.id, &rotation, ctx.now, &ctx.actor.login)?;
        let detail = json!({ "name": rotation.name, "days": rotation.days });
        ctx.audit(db, "rotation.save", "rotation", Some(id), detail)?;
        Ok::<_, Error>(id)
    })?;
    Ok(rotation_dto(&RotationRow { id, rotation }, &codes(&timetables)))
}

pub fn delete_rotation(store: &mut Store, ctx: &Ctx, id: i64) -> Result<()> {
    ctx.actor.require(Action::EditSettings)?;
    store.write(|db: &Db<'_>| {
        if !db.delete_rotation(id)? {
            return Err(Error::NotFound { entity: Entity::Rotation, key: id.to_string() });
        }
        ctx.audit(db, "rotation.delete", "rotation", Some(id), json!({}))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_read_naturally() {
        assert_eq!([hours(480), hours(450), hours(465), hours(20)], ["8", "7.5", "7.75", "0.33"]);
    }
}
