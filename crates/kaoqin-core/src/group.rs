//! Attendance groups (考勤组), rotations (轮班规律) and who belongs to which group on a date.
//!
//! A group says how its members' days are planned:
//! - **fixed** (固定班制): a weekly pattern, one timetable (fixed or flexible) or a rest day per
//!   weekday; following the holiday calendar or not;
//! - **scheduled** (排班制): every day comes from the 排班 grid (painted, filled by rotation);
//! - **free** (自由工时): a weekly pattern of free-hours timetables.
//!
//! A group's rules are effective-dated: saving them from a date keeps the earlier version, so a
//! past month is always computed with the rules that applied then ([`in_force`]).
//!
//! Membership is effective-dated too, per department (covering its sub-departments) or per
//! person, and each assignment replaces the previous one of the same target from its date.
//! A person's own assignment wins over a department's, and the nearest department wins over
//! its ancestors, so a person is in at most one group on any date by construction
//! ([`group_on`]). Assigning "no group" removes the override and falls back to the next level.
//!
//! Not here: the day-by-day schedule (排班 grid) and applying rotations to it, storage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::date;
use crate::department::DepartmentId;
use crate::employee::EmployeeId;
use crate::timetable::{Timetable, TimetableId, TimetableRule};
use crate::validation::{self, Field, FieldError, Place, Problem};

pub type GroupId = i64;
pub type RotationId = i64;

pub const NAME_MAX_CHARS: usize = 30;
/// Rotations run for at most 8 weeks before repeating.
pub const MAX_ROTATION_DAYS: usize = 56;
/// Words for a rest day in a week pattern or rotation (besides an empty cell).
pub const REST_WORDS: &[&str] = &["休", "休息", "rest", "-"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    Fixed,
    Scheduled,
    Free,
}

impl GroupKind {
    pub const ALL: [GroupKind; 3] = [GroupKind::Fixed, GroupKind::Scheduled, GroupKind::Free];
    pub const KEYS: &'static [&'static str] = &["fixed", "scheduled", "free"];

    pub fn key(self) -> &'static str {
        match self {
            GroupKind::Fixed => "fixed",
            GroupKind::Scheduled => "scheduled",
            GroupKind::Free => "free",
        }
    }

    pub fn from_key(key: &str) -> Option<GroupKind> {
        GroupKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// A group's rules from one effective date on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRule {
    pub kind: GroupKind,
    /// Monday … Sunday: the timetable worked that weekday, `None` for a rest day. Empty for
    /// scheduled groups.
    pub week: [Option<TimetableId>; 7],
    /// Statutory holidays and calendar rest days are days off, and make-up working days are
    /// worked; otherwise the weekly pattern alone decides (a plant that runs through holidays).
    pub follow_holidays: bool,
    /// Shifts closer than this are flagged in the grid (rest between shifts).
    pub min_rest_minutes: u32,
    /// More working days in a row than this are flagged in the grid.
    pub max_consecutive_days: u32,
    /// 工时制度: standard, comprehensive (综合计算工时) or non-fixed (不定时).
    #[serde(default)]
    pub hours: HoursSystem,
}

/// The period over which 综合计算工时 is settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SettlementPeriod {
    Week,
    Month,
    Quarter,
    Year,
}

/// 工时制度 (china-labour-rules §6). Both special systems need the labour bureau's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "system", content = "period", rename_all = "snake_case")]
pub enum HoursSystem {
    /// 标准工时: overtime by day (150% / 200% / 300%).
    #[default]
    Standard,
    /// 综合计算工时: time beyond the shifts and on rest days counts towards the period; only the
    /// excess over the period's standard hours is overtime (150%); statutory holidays pay 300%.
    Comprehensive(SettlementPeriod),
    /// 不定时工作制: no overtime is computed.
    NonFixed,
}

impl HoursSystem {
    pub const KEYS: &'static [&'static str] = &[
        "standard",
        "comprehensive_week",
        "comprehensive_month",
        "comprehensive_quarter",
        "comprehensive_year",
        "non_fixed",
    ];

    pub fn key(self) -> &'static str {
        match self {
            HoursSystem::Standard => "standard",
            HoursSystem::Comprehensive(SettlementPeriod::Week) => "comprehensive_week",
            HoursSystem::Comprehensive(SettlementPeriod::Month) => "comprehensive_month",
            HoursSystem::Comprehensive(SettlementPeriod::Quarter) => "comprehensive_quarter",
            HoursSystem::Comprehensive(SettlementPeriod::Year) => "comprehensive_year",
            HoursSystem::NonFixed => "non_fixed",
        }
    }

    pub fn from_key(key: &str) -> Option<HoursSystem> {
        Some(match key {
            "" | "standard" => HoursSystem::Standard,
            "comprehensive_week" => HoursSystem::Comprehensive(SettlementPeriod::Week),
            "comprehensive_month" => HoursSystem::Comprehensive(SettlementPeriod::Month),
            "comprehensive_quarter" => HoursSystem::Comprehensive(SettlementPeriod::Quarter),
            "comprehensive_year" => HoursSystem::Comprehensive(SettlementPeriod::Year),
            "non_fixed" => HoursSystem::NonFixed,
            _ => return None,
        })
    }
}

pub const DEFAULT_MIN_REST_MINUTES: u32 = 480;
pub const DEFAULT_MAX_CONSECUTIVE_DAYS: u32 = 6;

/// One version of something effective-dated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Versioned<T> {
    pub effective_from: NaiveDate,
    pub value: T,
}

/// The version in force on `date`: the latest one starting on or before it.
pub fn in_force<T>(versions: &[Versioned<T>], date: NaiveDate) -> Option<&Versioned<T>> {
    versions.iter().filter(|v| v.effective_from <= date).max_by_key(|v| v.effective_from)
}

/// A group as typed: week entries are timetable codes, empty or 休 for rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GroupForm {
    pub name: String,
    /// `fixed`, `scheduled` or `free`.
    pub kind: String,
    /// Seven entries, Monday first (fixed and free groups).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub week: Vec<String>,
    /// Empty means yes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_holidays: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_rest_minutes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_consecutive_days: Option<i64>,
    /// The first day the rules apply; a new group applies from its first day.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub effective_from: String,
    /// 工时制度: `standard` (empty), `comprehensive_week|month|quarter|year` or `non_fixed`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub hours: String,
}

/// A timetable a form may name, with its id.
pub struct TimetableRef<'a> {
    pub id: TimetableId,
    pub timetable: &'a Timetable,
}

fn is_rest(entry: &str) -> bool {
    let e = entry.trim();
    e.is_empty() || REST_WORDS.contains(&e)
}

fn find<'a>(timetables: &'a [TimetableRef<'a>], code: &str) -> Option<&'a TimetableRef<'a>> {
    timetables.iter().find(|t| t.timetable.code == code.trim())
}

/// A validated group version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupVersion {
    pub name: String,
    pub rule: GroupRule,
    pub effective_from: NaiveDate,
}

/// Checks a group form against the timetables it may name.
pub fn validate_group(
    form: &GroupForm,
    timetables: &[TimetableRef<'_>],
) -> Result<GroupVersion, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = validation::text(Field::Name, &form.name, true, NAME_MAX_CHARS, &mut errors);
    let kind = GroupKind::from_key(&form.kind);
    if kind.is_none() {
        let problem = Problem::NotOneOf { choices: GroupKind::KEYS };
        errors.push(FieldError::new(Field::GroupKind, problem, &form.kind));
    }
    let effective_from = date::field(Field::EffectiveFrom, &form.effective_from, true, &mut errors);
    let min_rest = number(Field::MinRestMinutes, form.min_rest_minutes, 0, 1440, &mut errors);
    let max_days = number(Field::MaxConsecutiveDays, form.max_consecutive_days, 1, 31, &mut errors);
    let hours = HoursSystem::from_key(form.hours.trim());
    if hours.is_none() {
        let problem = Problem::NotOneOf { choices: HoursSystem::KEYS };
        errors.push(FieldError::new(Field::HoursSystem, problem, &form.hours));
    }
    let mut week = [None; 7];
    if let Some(kind @ (GroupKind::Fixed | GroupKind::Free)) = kind {
        if form.week.len() != 7 {
            let problem = Problem::OutOfRange { min: 7, max: 7 };
            errors.push(FieldError::new(Field::Days, problem, form.week.len().to_string()));
        }
        for (i, entry) in form.week.iter().take(7).enumerate() {
            if is_rest(entry) {
                continue;
            }
            match find(timetables, entry) {
                None => errors.push(
                    FieldError::new(Field::Timetable, Problem::NotFound, entry)
                        .at(Place::Weekday(i)),
                ),
                Some(t) => {
                    let fits = match (kind, &t.timetable.rule) {
                        (GroupKind::Free, TimetableRule::Free { .. }) => true,
                        (GroupKind::Free, _) => false,
                        (_, TimetableRule::Free { .. }) => false,
                        _ => true,
                    };
                    if fits {
                        week[i] = Some(t.id);
                    } else {
                        let expected = if kind == GroupKind::Free { "free" } else { "fixed" };
                        let problem = Problem::WrongTimetableKind { expected };
                        errors.push(
                            FieldError::new(Field::Timetable, problem, entry).at(Place::Weekday(i)),
                        );
                    }
                }
            }
        }
        if form.week.len() == 7 && form.week.iter().all(|e| is_rest(e)) {
            errors.push(FieldError::new(Field::Days, Problem::Empty, ""));
        }
    }
    match (name, kind, effective_from) {
        (Some(name), Some(kind), Some(effective_from)) if errors.is_empty() => Ok(GroupVersion {
            name,
            rule: GroupRule {
                kind,
                week,
                follow_holidays: form.follow_holidays.unwrap_or(true),
                min_rest_minutes: min_rest.unwrap_or(DEFAULT_MIN_REST_MINUTES),
                max_consecutive_days: max_days.unwrap_or(DEFAULT_MAX_CONSECUTIVE_DAYS),
                hours: hours.unwrap_or_default(),
            },
            effective_from,
        }),
        _ => Err(errors),
    }
}

fn number(
    field: Field,
    value: Option<i64>,
    min: i64,
    max: i64,
    errors: &mut Vec<FieldError>,
) -> Option<u32> {
    let v = value?;
    match u32::try_from(v) {
        Ok(n) if (min..=max).contains(&v) => Some(n),
        _ => {
            errors.push(FieldError::new(field, Problem::OutOfRange { min, max }, v.to_string()));
            None
        }
    }
}

/// The form of a group version, naming timetables by code (for editing and setup files).
pub fn group_form(
    version: &GroupVersion,
    code_of: impl Fn(TimetableId) -> Option<String>,
) -> GroupForm {
    let rule = &version.rule;
    GroupForm {
        name: version.name.clone(),
        kind: rule.kind.key().to_owned(),
        week: if rule.kind == GroupKind::Scheduled {
            Vec::new()
        } else {
            rule.week
                .iter()
                .map(|d| d.and_then(&code_of).unwrap_or_else(|| "休".to_owned()))
                .collect()
        },
        follow_holidays: Some(rule.follow_holidays),
        min_rest_minutes: Some(i64::from(rule.min_rest_minutes)),
        max_consecutive_days: Some(i64::from(rule.max_consecutive_days)),
        effective_from: date::iso(version.effective_from),
        hours: if rule.hours == HoursSystem::Standard {
            String::new()
        } else {
            rule.hours.key().to_owned()
        },
    }
}

/// A rotation (轮班规律): N days that repeat, each a timetable or rest (做二休一 = 白 白 休).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rotation {
    pub name: String,
    pub days: Vec<Option<TimetableId>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RotationForm {
    pub name: String,
    /// Timetable codes, empty or 休 for rest.
    pub days: Vec<String>,
}

pub fn validate_rotation(
    form: &RotationForm,
    timetables: &[TimetableRef<'_>],
) -> Result<Rotation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let name = validation::text(Field::Name, &form.name, true, NAME_MAX_CHARS, &mut errors);
    if form.days.len() < 2 || form.days.len() > MAX_ROTATION_DAYS {
        let problem = Problem::OutOfRange { min: 2, max: MAX_ROTATION_DAYS as i64 };
        errors.push(FieldError::new(Field::Days, problem, form.days.len().to_string()));
    }
    let mut days = Vec::new();
    for (i, entry) in form.days.iter().enumerate() {
        if is_rest(entry) {
            days.push(None);
            continue;
        }
        match find(timetables, entry) {
            Some(t) if matches!(t.timetable.rule, TimetableRule::Free { .. }) => {
                let problem = Problem::WrongTimetableKind { expected: "fixed" };
                errors.push(
                    FieldError::new(Field::Timetable, problem, entry).at(Place::RotationDay(i)),
                );
            }
            Some(t) => days.push(Some(t.id)),
            None => errors.push(
                FieldError::new(Field::Timetable, Problem::NotFound, entry)
                    .at(Place::RotationDay(i)),
            ),
        }
    }
    if !form.days.is_empty() && form.days.iter().all(|e| is_rest(e)) {
        errors.push(FieldError::new(Field::Days, Problem::Empty, ""));
    }
    match name {
        Some(name) if errors.is_empty() => Ok(Rotation { name, days }),
        _ => Err(errors),
    }
}

pub fn rotation_form(
    rotation: &Rotation,
    code_of: impl Fn(TimetableId) -> Option<String>,
) -> RotationForm {
    RotationForm {
        name: rotation.name.clone(),
        days: rotation
            .days
            .iter()
            .map(|d| d.and_then(&code_of).unwrap_or_else(|| "休".to_owned()))
            .collect(),
    }
}

/// Who an assignment is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum MemberTarget {
    /// A department and its sub-departments.
    Department(DepartmentId),
    Employee(EmployeeId),
}

/// "From this date, `target` is in `group`" (`None`: the override ends, the next level applies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub target: MemberTarget,
    pub group: Option<GroupId>,
    pub effective_from: NaiveDate,
}

/// The group a person is in on a date, and the assignment that put them there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assigned {
    pub group: GroupId,
    pub via: Membership,
}

/// The latest assignment of `target` in force on `date`.
fn latest(
    memberships: &[Membership],
    target: MemberTarget,
    date: NaiveDate,
) -> Option<&Membership> {
    memberships
        .iter()
        .filter(|m| m.target == target && m.effective_from <= date)
        .max_by_key(|m| m.effective_from)
}

/// The group of `employee` on `date`. `departments` is the person's department followed by its
/// ancestors up to the root. The person's own assignment wins, then the nearest department's.
pub fn group_on(
    date: NaiveDate,
    employee: EmployeeId,
    departments: &[DepartmentId],
    memberships: &[Membership],
) -> Option<Assigned> {
    std::iter::once(MemberTarget::Employee(employee))
        .chain(departments.iter().map(|&d| MemberTarget::Department(d)))
        .filter_map(|target| latest(memberships, target, date))
        .find_map(|m| m.group.map(|group| Assigned { group, via: *m }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timetable::{self, SegmentForm, TimetableForm};

    fn d(s: &str) -> NaiveDate {
        date::parse(s).expect("date")
    }

    fn timetables() -> Vec<Timetable> {
        let fixed = |code: &str, on: &str, off: &str| {
            timetable::validate(&TimetableForm {
                code: code.into(),
                name: code.into(),
                kind: "fixed".into(),
                segments: vec![SegmentForm {
                    on: on.into(),
                    off: off.into(),
                    ..Default::default()
                }],
                ..Default::default()
            })
            .expect("valid")
        };
        let free = timetable::validate(&TimetableForm {
            code: "Z".into(),
            name: "自由".into(),
            kind: "free".into(),
            ..Default::default()
        })
        .expect("valid");
        vec![fixed("D", "09:00", "18:00"), fixed("N", "22:00", "06:00+1"), free]
    }

    fn refs(all: &[Timetable]) -> Vec<TimetableRef<'_>> {
        all.iter()
            .enumerate()
            .map(|(i, t)| TimetableRef { id: i as i64 + 1, timetable: t })
            .collect()
    }

    fn keys(errors: Vec<FieldError>) -> Vec<String> {
        errors.iter().map(|e| format!("{} {:?}", e.path(), e.problem)).collect()
    }

    #[test]
    fn fixed_group_week() {
        let all = timetables();
        let form = GroupForm {
            name: "行政".into(),
            kind: "fixed".into(),
            week: ["D", "D", "D", "D", "D", "休", ""].map(String::from).to_vec(),
            effective_from: "2026-10-01".into(),
            ..Default::default()
        };
        let g = validate_group(&form, &refs(&all)).expect("valid");
        assert_eq!(g.rule.week, [Some(1), Some(1), Some(1), Some(1), Some(1), None, None]);
        assert!(g.rule.follow_holidays, "following the holiday calendar is the default");
        assert_eq!((g.rule.min_rest_minutes, g.rule.max_consecutive_days), (480, 6));
        let code_of = |id: i64| all.get(id as usize - 1).map(|t| t.code.clone());
        assert_eq!(validate_group(&group_form(&g, code_of), &refs(&all)), Ok(g));

        let bad = GroupForm {
            week: ["D", "X", "Z", "", "", "", ""].map(String::from).to_vec(),
            effective_from: "".into(),
            ..form
        };
        assert_eq!(
            keys(validate_group(&bad, &refs(&all)).unwrap_err()),
            vec![
                "effective_from Required",
                "week.1.timetable NotFound",
                r#"week.2.timetable WrongTimetableKind { expected: "fixed" }"#,
            ]
        );
    }

    #[test]
    fn rotation_days() {
        let all = timetables();
        let form = RotationForm {
            name: "做二休一".into(),
            days: ["D", "D", "休"].map(String::from).to_vec(),
        };
        let r = validate_rotation(&form, &refs(&all)).expect("valid");
        assert_eq!(r.days, vec![Some(1), Some(1), None]);
        let rest = RotationForm { name: "x".into(), days: vec!["休".into(), "".into()] };
        assert_eq!(keys(validate_rotation(&rest, &refs(&all)).unwrap_err()), vec!["days Empty"]);
        let one = RotationForm { name: "x".into(), days: vec!["D".into()] };
        assert_eq!(
            keys(validate_rotation(&one, &refs(&all)).unwrap_err()),
            vec!["days OutOfRange { min: 2, max: 56 }"]
        );
    }

    #[test]
    fn membership_person_over_nearest_department_over_ancestor() {
        let m = |target, group, from: &str| Membership { target, group, effective_from: d(from) };
        let (root, plant, emp) = (1, 2, 7);
        let all = vec![
            m(MemberTarget::Department(root), Some(10), "2026-01-01"),
            m(MemberTarget::Department(plant), Some(20), "2026-06-01"),
            m(MemberTarget::Employee(emp), Some(30), "2026-10-10"),
            m(MemberTarget::Employee(emp), None, "2026-10-20"),
        ];
        let group = |date: &str| group_on(d(date), emp, &[plant, root], &all).map(|a| a.group);
        assert_eq!(group("2025-12-31"), None, "before any assignment");
        assert_eq!(group("2026-03-01"), Some(10), "the root department's group");
        assert_eq!(group("2026-06-01"), Some(20), "the nearer department wins from its date");
        assert_eq!(group("2026-10-15"), Some(30), "the person's own assignment wins");
        assert_eq!(group("2026-10-20"), Some(20), "ending it falls back to the department");
        let via = group_on(d("2026-10-15"), emp, &[plant, root], &all).unwrap().via;
        assert_eq!(via.target, MemberTarget::Employee(emp));
    }

    #[test]
    fn versions_in_force() {
        let v = |from: &str, value: u8| Versioned { effective_from: d(from), value };
        let versions = vec![v("2026-10-01", 2), v("2026-01-01", 1)];
        assert_eq!(in_force(&versions, d("2025-12-31")), None);
        assert_eq!(in_force(&versions, d("2026-09-30")).map(|v| v.value), Some(1));
        assert_eq!(in_force(&versions, d("2026-10-01")).map(|v| v.value), Some(2));
    }
}
