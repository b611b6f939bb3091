//! The engine's scenario DSL: one line describes a timetable, a date, punches and leave; the
//! outcome prints as one line for an inline snapshot (`expect![[...]]`).
//!
//! ```text
//! 08:00-12:00 13:00-17:00 grace=5 | 2026-10-12 | 07:58 12:01 12:58 17:03
//! 22:00-06:00+1 | 2026-10-31 | 21:50 06:04+1 | next=08:00-17:00
//! rest | 2026-10-01 | 09:00 17:30
//! flex latest=09:30 need=480 | 2026-10-12 | 09:40 18:45
//! 08:00-17:00 lunch=12:00-13:00 | 2026-10-12 | 13:00 17:00 | leave=annual:am
//! ```
//!
//! Parts are separated by `|`: the timetable, the work date, the punches, then options.
//! - Timetable: `rest`, segments `HH:MM-HH:MM` (`+1` for the next day) with `grace=`, `late_grace=`,
//!   `early_grace=`, `serious=`, `late_absent=`, `early_absent=`, `lunch=` (fixed break),
//!   `must=` (must-punch break), `auto=MIN/AFTER`, `pairs`; or `flex latest= need= [earliest=]
//!   [grace=] [late_absent=]`; or `free [need=]`.
//! - Punches: `HH:MM[:SS]`, `+1`/`-1` for the next/previous calendar day, a state suffix `/in`,
//!   `/out` (hint) or `/in!`, `/out!` (trusted terminal).
//! - Options: `leave=TYPE:full|am|pm|HH:MM-HH:MM` (types: annual, sick, personal, outing,
//!   maternity), `hired=DATE`, `left=DATE`, `prev=TIMETABLE`, `next=TIMETABLE`, `missing=absent`,
//!   `ot=approved|within`, `approve=HH:MM-HH:MM`, `ot_unit=N`, `ot_min=N`, `time_off`,
//!   `before_shift`, `synced=DATE HH:MM`, `hours=comprehensive_month|non_fixed|…` (工时制度).
//! - Corrections (ids 101, 102 … in order): `makeup=HH:MM/in|out` (补卡), `ignore=N` and
//!   `flip=N/in|out` (the N-th punch as written), `keep_ot=MIN`, `accept`, `mark_absent`, `note`.
//!
//! The date's class comes from the real 2026 calendar file the program ships.

use std::fmt::Write as _;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use kaoqin_core::calendar::{Calendar, NoticeDayForm, YearForm, validate_year};
use kaoqin_core::engine::{
    Correction, DayPlan, DayResult, Direction, Fix, LeaveTaken, MissingPunch, OvertimeApproval,
    OvertimeSource, PeriodInput, Punch, Rules, StateKey, evaluate_period, made_up_punch,
};
use kaoqin_core::group::HoursSystem;
use kaoqin_core::leave::{Half, LeaveSpan};
use kaoqin_core::schedule::PlanSource;
use kaoqin_core::timetable::{self, BreakForm, SegmentForm, Timetable, TimetableForm};

const CN_2026: &str = include_str!("../../kaoqin-commands/calendar/cn-2026.toml");
const CN_2025: &str = include_str!("../../kaoqin-commands/calendar/cn-2025.toml");

/// The national calendar of 2025 and 2026, as shipped.
pub fn calendar() -> Calendar {
    let years = [CN_2025, CN_2026].map(|text| {
        let table: toml::Table = text.parse().unwrap_or_else(|e| panic!("calendar file: {e}"));
        let s = |v: Option<&toml::Value>| match v {
            Some(toml::Value::String(s)) => s.clone(),
            Some(other) => other.to_string().trim_matches('"').to_owned(),
            None => String::new(),
        };
        let days = match table.get("days") {
            Some(toml::Value::Array(a)) => a
                .iter()
                .map(|d| NoticeDayForm {
                    date: s(d.get("date")),
                    kind: s(d.get("kind")),
                    festival: s(d.get("festival")),
                    swapped_with: s(d.get("swapped_with")),
                })
                .collect(),
            _ => Vec::new(),
        };
        let form = YearForm {
            year: s(table.get("year")),
            notice_title: s(table.get("notice")),
            notice_issued_on: s(table.get("issued_on")),
            notice_url: s(table.get("url")),
            notice_document_no: s(table.get("document_no")),
            days,
        };
        validate_year(&form).unwrap_or_else(|e| panic!("calendar file invalid: {e:?}"))
    });
    Calendar::new(years, [])
}

/// One scenario, parsed.
pub struct Scenario {
    timetable: Option<Timetable>,
    prev: Option<Timetable>,
    next: Option<Timetable>,
    date: NaiveDate,
    punches: Vec<Punch>,
    leave: Vec<LeaveTaken>,
    approvals: Vec<OvertimeApproval>,
    corrections: Vec<Correction>,
    hired_on: Option<NaiveDate>,
    left_on: Option<NaiveDate>,
    synced: Option<NaiveDateTime>,
    rules: Rules,
    hours: HoursSystem,
}

fn fail(what: &str, value: &str) -> ! {
    panic!("scenario: bad {what} `{value}`")
}

fn date(value: &str) -> NaiveDate {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").unwrap_or_else(|_| fail("date", value))
}

fn number(value: &str) -> i64 {
    value.parse().unwrap_or_else(|_| fail("number", value))
}

/// A timetable from its DSL text; `None` for `rest`.
pub fn timetable(text: &str) -> Option<Timetable> {
    let mut words = text.split_whitespace().peekable();
    let mut form = TimetableForm {
        code: "T".into(),
        name: "scenario".into(),
        kind: "fixed".into(),
        ..TimetableForm::default()
    };
    match words.peek().copied() {
        Some("rest") | None => return None,
        Some("flex") => {
            form.kind = "flexible".into();
            words.next();
        }
        Some("free") => {
            form.kind = "free".into();
            words.next();
        }
        _ => {}
    }
    let (mut late_grace, mut early_grace, mut serious, mut late_absent, mut early_absent) =
        (None, None, None, None, None);
    for word in words {
        let (key, value) = word.split_once('=').unwrap_or((word, ""));
        let span = || value.split_once('-').unwrap_or_else(|| fail("span", value));
        match key {
            "grace" => {
                late_grace = Some(number(value));
                early_grace = Some(number(value));
            }
            "late_grace" => late_grace = Some(number(value)),
            "early_grace" => early_grace = Some(number(value)),
            "serious" => serious = Some(number(value)),
            "late_absent" => late_absent = Some(number(value)),
            "early_absent" => early_absent = Some(number(value)),
            "lunch" | "must" => {
                let (start, end) = span();
                form.breaks.push(BreakForm {
                    kind: if key == "lunch" { "fixed" } else { "must_punch" }.into(),
                    start: start.into(),
                    end: end.into(),
                    ..BreakForm::default()
                });
            }
            "auto" => {
                let (m, after) = value.split_once('/').unwrap_or_else(|| fail("auto", value));
                form.breaks.push(BreakForm {
                    kind: "auto".into(),
                    minutes: Some(number(m)),
                    after_worked_minutes: Some(number(after)),
                    ..BreakForm::default()
                });
            }
            "pairs" => form.pairing = "every_pair".into(),
            "latest" => form.latest_arrival = value.into(),
            "earliest" => form.earliest_arrival = value.into(),
            "need" => form.required_minutes = Some(number(value)),
            "day_change" => form.day_change = value.into(),
            _ if word.contains('-') && key == word => {
                let (on, off) = word.split_once('-').unwrap_or_else(|| fail("segment", word));
                form.segments.push(SegmentForm {
                    on: on.into(),
                    off: off.into(),
                    ..SegmentForm::default()
                });
            }
            _ => fail("timetable word", word),
        }
    }
    if form.kind == "flexible" {
        form.late_grace_minutes = late_grace;
        form.late_absent_minutes = late_absent;
    }
    for s in &mut form.segments {
        s.late_grace_minutes = late_grace;
        s.early_grace_minutes = early_grace;
        s.serious_late_minutes = serious;
        s.late_absent_minutes = late_absent;
        s.early_absent_minutes = early_absent;
    }
    match timetable::validate(&form) {
        Ok(t) => Some(t),
        Err(e) => panic!("scenario timetable `{text}` is invalid: {e:?}"),
    }
}

fn punch(id: i64, work_date: NaiveDate, word: &str) -> Punch {
    let (time, state) = word.split_once('/').unwrap_or((word, ""));
    let (time, offset) = if let Some(t) = time.strip_suffix("+1") {
        (t, 1)
    } else if let Some(t) = time.strip_suffix("-1") {
        (t, -1)
    } else {
        (time, 0)
    };
    let t = NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
        .unwrap_or_else(|_| fail("punch", word));
    let state = match state {
        "" => StateKey::None,
        "in" => StateKey::Hint(Direction::In),
        "out" => StateKey::Hint(Direction::Out),
        "in!" => StateKey::Trust(Direction::In),
        "out!" => StateKey::Trust(Direction::Out),
        _ => fail("punch state", word),
    };
    Punch { id, at: (work_date + Duration::days(offset)).and_time(t), state }
}

fn direction(text: &str) -> Direction {
    match text {
        "in" => Direction::In,
        "out" => Direction::Out,
        _ => fail("direction", text),
    }
}

fn clock(date: NaiveDate, text: &str) -> NaiveDateTime {
    punch(0, date, text).at
}

fn leave(id: i64, on: NaiveDate, value: &str) -> LeaveTaken {
    let (kind, when) = value.split_once(':').unwrap_or_else(|| fail("leave", value));
    let (type_id, name, on_duty, counts_rest_days) = match kind {
        "annual" => (1, "年假", false, false),
        "sick" => (2, "病假", false, false),
        "personal" => (3, "事假", false, false),
        "maternity" => (5, "产假", false, true),
        "outing" => (9, "外出", true, false),
        _ => fail("leave type", kind),
    };
    let span = match when {
        "full" => LeaveSpan::Days { start: on, start_half: Half::Am, end: on, end_half: Half::Pm },
        "am" => LeaveSpan::Days { start: on, start_half: Half::Am, end: on, end_half: Half::Am },
        "pm" => LeaveSpan::Days { start: on, start_half: Half::Pm, end: on, end_half: Half::Pm },
        hours => {
            let (a, b) = hours.split_once('-').unwrap_or_else(|| fail("leave hours", hours));
            let t =
                |s: &str| NaiveTime::parse_from_str(s, "%H:%M").unwrap_or_else(|_| fail("time", s));
            LeaveSpan::Hours { date: on, from: t(a), to: t(b) }
        }
    };
    LeaveTaken { record: id, type_id, type_name: name.into(), on_duty, counts_rest_days, span }
}

impl Scenario {
    pub fn parse(line: &str) -> Scenario {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let [tt, day, punches, options @ ..] = parts.as_slice() else { fail("scenario", line) };
        let date = date(day);
        let mut s = Scenario {
            timetable: timetable(tt),
            prev: None,
            next: None,
            date,
            punches: punches
                .split_whitespace()
                .enumerate()
                .map(|(i, w)| punch(i as i64 + 1, date, w))
                .collect(),
            leave: Vec::new(),
            approvals: Vec::new(),
            corrections: Vec::new(),
            hired_on: None,
            left_on: None,
            synced: Some((date + Duration::days(3)).and_time(NaiveTime::MIN)),
            rules: Rules::default(),
            hours: HoursSystem::Standard,
        };
        for option in options.iter().flat_map(|o| o.split(" ; ")) {
            let (key, value) = option.split_once('=').unwrap_or((option, ""));
            match key.trim() {
                "leave" => s.leave.push(leave(s.leave.len() as i64 + 1, date, value)),
                "hired" => s.hired_on = Some(self::date(value)),
                "left" => s.left_on = Some(self::date(value)),
                "prev" => s.prev = timetable(value),
                "next" => s.next = timetable(value),
                "missing" if value == "absent" => s.rules.missing_punch = MissingPunch::Absent,
                "ot" if value == "approved" => s.rules.overtime.source = OvertimeSource::Approved,
                "ot" if value == "within" => {
                    s.rules.overtime.source = OvertimeSource::ApprovedWithinPunches
                }
                "approve" => {
                    let (a, b) = value.split_once('-').unwrap_or_else(|| fail("approval", value));
                    s.approvals.push(OvertimeApproval { from: clock(date, a), to: clock(date, b) });
                }
                "makeup" => {
                    let (at, dir) = value.split_once('/').unwrap_or_else(|| fail("makeup", value));
                    let id = s.correction(
                        date,
                        Fix::MakeUp { at: clock(date, at), direction: direction(dir) },
                    );
                    s.punches.push(made_up_punch(id, clock(date, at), direction(dir)));
                }
                "ignore" => {
                    s.correction(date, Fix::IgnorePunch { punch: number(value) });
                }
                "flip" => {
                    let (n, dir) = value.split_once('/').unwrap_or_else(|| fail("flip", value));
                    let punch = number(n);
                    s.correction(date, Fix::FlipPunch { punch, direction: direction(dir) });
                    for p in s.punches.iter_mut().filter(|p| p.id == punch) {
                        p.state = StateKey::Trust(direction(dir));
                    }
                }
                "keep_ot" => {
                    s.correction(date, Fix::Overtime { minutes: number(value) as u32 });
                }
                "accept" => {
                    s.correction(date, Fix::AcceptWorked);
                }
                "mark_absent" => {
                    s.correction(date, Fix::MarkAbsent);
                }
                "note" => {
                    s.correction(date, Fix::Note);
                }
                "ot_unit" => s.rules.overtime.unit_minutes = number(value) as u32,
                "ot_min" => s.rules.overtime.min_minutes = number(value) as u32,
                "time_off" => s.rules.overtime.rest_day_to_time_off = true,
                "hours" => {
                    s.hours = HoursSystem::from_key(value).unwrap_or_else(|| fail("hours", value))
                }
                "before_shift" => s.rules.overtime.count_before_shift = true,
                "synced" => {
                    s.synced = Some(
                        NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M")
                            .unwrap_or_else(|_| fail("synced", value)),
                    )
                }
                _ => fail("option", option),
            }
        }
        s
    }

    /// Adds a correction (ids 101, 102 …) and returns its id.
    fn correction(&mut self, date: NaiveDate, fix: Fix) -> i64 {
        let id = 101 + self.corrections.len() as i64;
        self.corrections.push(Correction { id, date, fix });
        id
    }

    /// Evaluates the scenario's date (with its neighbours' plans).
    pub fn run(&self) -> DayResult {
        let calendar = calendar();
        fn plan<'t>(
            calendar: &Calendar,
            d: NaiveDate,
            t: &'t Option<Timetable>,
            hours: HoursSystem,
        ) -> DayPlan<'t> {
            DayPlan {
                date: d,
                class: calendar.day(d).ok().map(|c| c.class),
                source: PlanSource::Week,
                timetable: t.as_ref().map(|t| (1, t)),
                hours,
            }
        }
        let input = PeriodInput {
            employee: 1,
            hired_on: self.hired_on,
            left_on: self.left_on,
            before: Some(plan(&calendar, self.date - Duration::days(1), &self.prev, self.hours)),
            days: vec![plan(&calendar, self.date, &self.timetable, self.hours)],
            after: Some(plan(&calendar, self.date + Duration::days(1), &self.next, self.hours)),
            punches: &self.punches,
            leave: &self.leave,
            approvals: &self.approvals,
            corrections: &self.corrections,
            synced_until: self.synced,
            rules: &self.rules,
        };
        match evaluate_period(&input).pop() {
            Some(r) => r,
            None => panic!("the engine returned no result"),
        }
    }
}

/// Runs a one-line scenario and prints its outcome on one line.
pub fn day(line: &str) -> String {
    summary(&Scenario::parse(line).run())
}

/// A day result on one line: status, minutes, overtime, days and findings.
pub fn summary(r: &DayResult) -> String {
    let mut out =
        format!("{} sched={} worked={}", r.status.key(), r.scheduled_minutes, r.worked_minutes);
    let mut add = |label: &str, value: u32| {
        if value > 0 {
            let _ = write!(out, " {label}={value}");
        }
    };
    add("late", r.late_minutes);
    add("late_n", r.late_count);
    add("early", r.early_minutes);
    add("early_n", r.early_count);
    add("away", r.away_minutes);
    add("missing", r.missing_minutes);
    add("missing_n", r.missing_count);
    add("absent", r.absent_minutes);
    add("leave", r.leave_minutes);
    add("duty", r.on_duty_minutes);
    add("leave_rest_days", r.leave.iter().map(|l| l.rest_days).sum());
    add("ot_workday", r.overtime.workday);
    add("ot_rest", r.overtime.rest_day);
    add("ot_holiday", r.overtime.holiday);
    add("time_off", r.overtime.time_off);
    add("period", r.overtime.period);
    let _ = write!(out, " days={}/{}", r.attended_days(), r.day_value);
    if r.absent_days() > 0 {
        let _ = write!(out, " absent_days={}", r.absent_days());
    }
    if r.provisional {
        out.push_str(" provisional");
    }
    let findings: Vec<String> = r
        .findings
        .iter()
        .map(|f| {
            let mut s = f.kind.key().to_owned();
            if let Some(seg) = f.segment {
                let _ = write!(s, "@{seg}");
            }
            if f.minutes > 0 {
                let _ = write!(s, ":{}", f.minutes);
            }
            if !f.punches.is_empty() {
                let ids: Vec<String> = f.punches.iter().map(|p| format!("#{p}")).collect();
                let _ = write!(s, "[{}]", ids.join(","));
            }
            s
        })
        .collect();
    if !findings.is_empty() {
        let _ = write!(out, " | {}", findings.join(" "));
    }
    out
}

/// The used and ignored punches of a result, one per line, for trace snapshots.
pub fn punch_trace(r: &DayResult) -> String {
    use kaoqin_core::engine::Step;
    let mut out = String::new();
    for step in &r.trace {
        match step {
            Step::PunchUsed { punch, at, role } => {
                let _ = writeln!(out, "#{punch} {at} used {role:?}");
            }
            Step::PunchIgnored { punch, at, why } => {
                let _ = writeln!(out, "#{punch} {at} ignored {why:?}");
            }
            Step::DaySpan { from, to, .. } => {
                let _ = writeln!(out, "span {from} .. {to}");
            }
            _ => {}
        }
    }
    out
}
