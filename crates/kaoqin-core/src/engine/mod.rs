//! The attendance engine: punches + plan + leave + rules → one explainable result per person
//! and work date, and monthly totals.
//!
//! How a month is evaluated for one person ([`evaluate_period`]):
//! 1. **Which work date a punch belongs to** ([`days`]): every date gets a span of wall-clock time
//!    from its timetable's windows, and neighbouring spans are split so that a night shift keeps
//!    the punches after midnight (the check-out of a 22:00–06:00 shift is never taken as the next
//!    day's check-in). Rest days take what is left.
//! 2. **Double taps** within the duplicate window (default 60 s, any terminal) are collapsed; the
//!    first punch is kept. Raw punches are never dropped: ignored ones stay in the trace.
//! 3. **The day** ([`fixed`], [`flexible`]): punches are matched to segments by their check-in and
//!    check-out windows (the terminal's state key is only a hint unless a terminal is set to be
//!    trusted), first-in/last-out or every pair as the timetable says; then late, early leave,
//!    missing punches, absence, breaks, leave and overtime ([`overtime`]).
//! 4. Every rule that fired is a [`Step`] in the result's trace, with the minutes it produced:
//!    the clerk's "为什么?" panel is the trace rendered in words.
//!
//! The minute accounting of a scheduled day always balances:
//! `worked + on_duty + late + early + away + absent + missing + leave = scheduled`
//! (late and early are the minutes missed, overtime is outside the sum). Property tests hold the
//! engine to it. All times are wall-clock times in the company's zone; a minute starts at :00
//! seconds and a punch at 08:05:59 is 08:05.
//!
//! Pure: no clock (the caller says how far terminals are synced), no I/O.

mod corrections;
mod days;
mod fixed;
mod flexible;
mod leave;
mod overtime;
mod rules;
mod spans;
mod totals;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::calendar::DayClass;
use crate::employee::EmployeeId;
use crate::group::HoursSystem;
use crate::leave::LeaveSpan;
use crate::schedule::PlanSource;
use crate::timetable::{Timetable, TimetableId};

pub use corrections::{Correction, Fix, made_up_punch};
pub use rules::{MissingPunch, OvertimeRules, OvertimeSource, Rounding, Rules};
pub use totals::{LeaveTotal, MonthTotals, month_totals};

/// Surrogate key of a raw punch row, for the trace; a make-up punch (补卡) has the negated id
/// of its correction.
pub type PunchId = i64;

/// What a terminal's state key says about a punch, and how far it is believed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    In,
    Out,
}

/// The state key as the terminal's setting lets the engine use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "kind", content = "direction", rename_all = "snake_case")]
pub enum StateKey {
    /// Ignored (the default: people leave terminals on 上班签到 all day).
    #[default]
    None,
    /// Used only to pair punches in every-pair mode.
    Hint(Direction),
    /// A check-out punch is never taken as a check-in, and the other way round.
    Trust(Direction),
}

/// One punch as the engine sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Punch {
    pub id: PunchId,
    /// Wall-clock time in the company's zone.
    pub at: NaiveDateTime,
    pub state: StateKey,
}

/// One date of a person's plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayPlan<'a> {
    pub date: NaiveDate,
    /// `None` when the calendar has no data for the year: overtime cannot be classified.
    pub class: Option<DayClass>,
    pub source: PlanSource,
    pub timetable: Option<(TimetableId, &'a Timetable)>,
    /// The group's 工时制度 on the date.
    pub hours: HoursSystem,
}

/// A leave record as the engine needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeaveTaken {
    pub record: i64,
    pub type_id: i64,
    /// Shown in the trace (年假, 外出 …).
    pub type_name: String,
    /// 外出/出差: on duty elsewhere, counted as attended.
    pub on_duty: bool,
    pub counts_rest_days: bool,
    pub span: LeaveSpan,
}

/// Overtime approved before or after the fact, as wall-clock spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OvertimeApproval {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
}

/// Everything needed to evaluate one person over consecutive dates.
#[derive(Debug, Clone)]
pub struct PeriodInput<'a> {
    pub employee: EmployeeId,
    pub hired_on: Option<NaiveDate>,
    pub left_on: Option<NaiveDate>,
    /// The plans of the dates just outside the period: they decide where a night shift ends.
    pub before: Option<DayPlan<'a>>,
    pub days: Vec<DayPlan<'a>>,
    pub after: Option<DayPlan<'a>>,
    /// The person's punches around the period (from the day before to the day after); order
    /// does not matter.
    pub punches: &'a [Punch],
    pub leave: &'a [LeaveTaken],
    pub approvals: &'a [OvertimeApproval],
    /// The clerk's corrections in force on the period's dates (undone ones left out).
    pub corrections: &'a [Correction],
    /// Every terminal this person may use has been read up to this time (`None`: nothing
    /// read yet). A day whose span ends later is provisional.
    pub synced_until: Option<NaiveDateTime>,
    pub rules: &'a Rules,
}

/// The kind of a day's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    Normal,
    Exception,
    Leave,
    Rest,
    Holiday,
    NotYetHired,
    Left,
}

impl DayStatus {
    pub fn key(self) -> &'static str {
        match self {
            DayStatus::Normal => "normal",
            DayStatus::Exception => "exception",
            DayStatus::Leave => "leave",
            DayStatus::Rest => "rest",
            DayStatus::Holiday => "holiday",
            DayStatus::NotYetHired => "not_yet_hired",
            DayStatus::Left => "left",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// What the engine found that a clerk may need to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    Late,
    SeriousLate,
    /// Late beyond the timetable's threshold: the segment counts as absent.
    LateAbsent,
    EarlyLeave,
    EarlyAbsent,
    MissingCheckIn,
    MissingCheckOut,
    /// A punch around a break: between two segments, or a must-punch break.
    MissingBreakPunch,
    Absent,
    /// Time away inside a segment (every-pair mode).
    Away,
    /// A punch that matched nothing; kept and shown, not counted.
    StrayPunch,
    /// Punches on a date with nothing planned.
    WorkOnRestDay,
    WorkOnHoliday,
    /// The person is in no attendance group, or a 排班制 group left the date empty, and punched.
    UnscheduledPunches,
    /// More than 3 hours of overtime on the day (Labour Law art. 41).
    OvertimeOverDailyCap,
    /// The calendar has no data for the year: overtime is not classified.
    NoCalendar,
    /// Punches before the hire date or after the leave date.
    PunchOutsideEmployment,
}

impl FindingKind {
    pub fn key(self) -> &'static str {
        match self {
            FindingKind::Late => "late",
            FindingKind::SeriousLate => "serious_late",
            FindingKind::LateAbsent => "late_absent",
            FindingKind::EarlyLeave => "early_leave",
            FindingKind::EarlyAbsent => "early_absent",
            FindingKind::MissingCheckIn => "missing_check_in",
            FindingKind::MissingCheckOut => "missing_check_out",
            FindingKind::MissingBreakPunch => "missing_break_punch",
            FindingKind::Absent => "absent",
            FindingKind::Away => "away",
            FindingKind::StrayPunch => "stray_punch",
            FindingKind::WorkOnRestDay => "work_on_rest_day",
            FindingKind::WorkOnHoliday => "work_on_holiday",
            FindingKind::UnscheduledPunches => "unscheduled_punches",
            FindingKind::OvertimeOverDailyCap => "overtime_over_daily_cap",
            FindingKind::NoCalendar => "no_calendar",
            FindingKind::PunchOutsideEmployment => "punch_outside_employment",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            FindingKind::StrayPunch
            | FindingKind::WorkOnRestDay
            | FindingKind::WorkOnHoliday
            | FindingKind::PunchOutsideEmployment => Severity::Info,
            FindingKind::Late
            | FindingKind::EarlyLeave
            | FindingKind::Away
            | FindingKind::UnscheduledPunches
            | FindingKind::OvertimeOverDailyCap => Severity::Warning,
            FindingKind::SeriousLate
            | FindingKind::LateAbsent
            | FindingKind::EarlyAbsent
            | FindingKind::MissingCheckIn
            | FindingKind::MissingCheckOut
            | FindingKind::MissingBreakPunch
            | FindingKind::Absent
            | FindingKind::NoCalendar => Severity::Error,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// 1-based segment of the timetable, when the finding concerns one.
    pub segment: Option<u8>,
    pub minutes: u32,
    pub punches: Vec<PunchId>,
}

/// A minute of a work day: minutes after the work date's midnight (negative before it, 1440
/// and more on the next calendar day), as in [`crate::timetable::DayTime`].
pub type DayMinute = i64;

/// Why a punch was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IgnoredWhy {
    /// Within the duplicate window of an earlier punch.
    Duplicate { of: PunchId, seconds: u32 },
    /// In no check-in or check-out window.
    OutsideWindows,
    /// A second punch in a window where first-in/last-out keeps only one.
    NotFirstOrLast { segment: u8 },
    /// The terminal is trusted and says the punch goes the other way.
    WrongDirection { direction: Direction },
    /// Before the hire date or after the leave date.
    OutsideEmployment,
    /// The only punch of a day with nothing planned: no span to count.
    Single,
    /// Between the first and the last punch of a day read first-in/last-out without windows.
    Between,
    /// The clerk's correction says to leave it out.
    Corrected { correction: i64 },
}

/// What a used punch was taken as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PunchRole {
    CheckIn {
        segment: u8,
    },
    CheckOut {
        segment: u8,
    },
    BreakOut,
    BreakIn,
    /// Start or end of a span of presence (every-pair mode, flexible and free days, rest days).
    PairStart,
    PairEnd,
}

/// One line of the ledger ("为什么?"): the rule that fired and what it produced.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// The plan of the date and where it came from.
    Plan {
        timetable: Option<String>,
        source: PlanSource,
        class: Option<DayClass>,
    },
    /// The wall-clock span whose punches belong to this work date.
    DaySpan {
        from: NaiveDateTime,
        to: NaiveDateTime,
        split_with_night_shift: bool,
    },
    /// A segment's duty and the windows its punches are taken from.
    Windows {
        segment: u8,
        on: DayMinute,
        off: DayMinute,
        check_in: (DayMinute, DayMinute),
        check_out: (DayMinute, DayMinute),
    },
    PunchUsed {
        punch: PunchId,
        at: NaiveDateTime,
        role: PunchRole,
    },
    PunchIgnored {
        punch: PunchId,
        at: NaiveDateTime,
        why: IgnoredWhy,
    },
    /// Late or early within the grace: forgiven.
    Grace {
        segment: u8,
        late: bool,
        minutes: u32,
        grace: u32,
    },
    Late {
        segment: u8,
        minutes: u32,
        serious: bool,
    },
    Early {
        segment: u8,
        minutes: u32,
    },
    /// Late or early beyond the threshold: the segment's duty counts as absent.
    SegmentAbsent {
        segment: u8,
        minutes: u32,
        because: FindingKind,
    },
    Missing {
        segment: u8,
        kind: FindingKind,
        minutes: u32,
        counted_as_absent: bool,
    },
    Away {
        segment: u8,
        minutes: u32,
    },
    BreakDeducted {
        minutes: u32,
        auto: bool,
        paid: bool,
    },
    /// An auto-deducted break that was not reached by the worked time: taken off the shortfall.
    BreakFromShortfall {
        minutes: u32,
    },
    Leave {
        type_name: String,
        minutes: u32,
        on_duty: bool,
    },
    /// Leave on a date with nothing planned, of a type that does not count rest days.
    LeaveNotCounted {
        type_name: String,
    },
    Worked {
        minutes: u32,
    },
    FlexibleArrival {
        arrived: DayMinute,
        latest: DayMinute,
        counted_from: DayMinute,
    },
    Overtime {
        raw_minutes: u32,
        minutes: u32,
        class: Option<DayClass>,
        to_time_off: bool,
        reason: OvertimeWhy,
    },
    OvertimeBelowMinimum {
        raw_minutes: u32,
        minimum: u32,
    },
    OvertimeCap {
        minutes: u32,
        cap: u32,
    },
    /// 综合计算工时: time outside the plan counts towards the settlement period instead.
    PeriodMinutes {
        minutes: u32,
        reason: OvertimeWhy,
    },
    /// 不定时工作制: no overtime is computed.
    NoOvertime {
        raw_minutes: u32,
    },
    Provisional {
        synced_until: Option<NaiveDateTime>,
        needed: NaiveDateTime,
    },
    /// A correction of the clerk's applies to the day.
    Corrected {
        correction: i64,
        fix: Fix,
    },
}

/// Where overtime minutes come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OvertimeWhy {
    AfterShift,
    BeforeShift,
    /// Flexible or free hours beyond the required time.
    BeyondRequired,
    /// Presence on a date with nothing planned.
    RestDayPresence,
    /// A scheduled shift on a statutory holiday: all worked time pays 300%.
    HolidayShift,
    Approved,
    ApprovedWithinPunches,
}

/// Overtime minutes by day class.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overtime {
    pub workday: u32,
    pub rest_day: u32,
    pub holiday: u32,
    /// Rest-day overtime given back as 调休 instead of 200% pay.
    pub time_off: u32,
    /// 综合计算工时: minutes outside the plan, counted towards the settlement period (not paid
    /// by the day; see the monthly totals).
    #[serde(default)]
    pub period: u32,
}

impl Overtime {
    pub fn total(&self) -> u32 {
        self.workday + self.rest_day + self.holiday + self.time_off
    }
}

/// Leave minutes of one type on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveMinutes {
    pub type_id: i64,
    pub minutes: u32,
    pub on_duty: bool,
    /// Whole days on a date with nothing planned, for types that count rest days (产假 …).
    pub rest_days: u32,
}

/// The result of one person on one work date. Derived: recomputed at will, never edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayResult {
    pub employee: EmployeeId,
    pub date: NaiveDate,
    pub status: DayStatus,
    pub class: Option<DayClass>,
    pub timetable: Option<TimetableId>,
    #[serde(default)]
    pub hours: HoursSystem,
    /// Thousandths of a day: what the date counts for in 应出勤天数 (0, 500 or 1000).
    pub day_value: u32,
    pub scheduled_minutes: u32,
    pub worked_minutes: u32,
    pub on_duty_minutes: u32,
    pub late_count: u32,
    pub late_minutes: u32,
    pub early_count: u32,
    pub early_minutes: u32,
    pub away_minutes: u32,
    pub missing_count: u32,
    pub missing_minutes: u32,
    pub absent_minutes: u32,
    pub leave_minutes: u32,
    pub leave: Vec<LeaveMinutes>,
    pub overtime: Overtime,
    pub findings: Vec<Finding>,
    pub trace: Vec<Step>,
    /// Some terminal may still hold punches of this day.
    pub provisional: bool,
}

impl DayResult {
    /// Thousandths of a day absent, in proportion to the scheduled minutes.
    pub fn absent_days(&self) -> u32 {
        self.share(self.absent_minutes)
    }

    /// Thousandths of a day attended: the day less absence and leave (on-duty leave is
    /// attendance; late, early and missing punches do not reduce it).
    pub fn attended_days(&self) -> u32 {
        let off = self.absent_minutes + self.leave_minutes;
        self.day_value - self.share(off).min(self.day_value)
    }

    fn share(&self, minutes: u32) -> u32 {
        if self.scheduled_minutes == 0 {
            return 0;
        }
        let raw =
            u64::from(self.day_value) * u64::from(minutes) / u64::from(self.scheduled_minutes);
        raw as u32
    }

    /// The minutes of the balance: equal to `scheduled_minutes` on every evaluated day.
    pub fn accounted_minutes(&self) -> u32 {
        self.worked_minutes
            + self.on_duty_minutes
            + self.late_minutes
            + self.early_minutes
            + self.away_minutes
            + self.absent_minutes
            + self.missing_minutes
            + self.leave_minutes
    }
}

/// Evaluates every date of `input.days`.
pub fn evaluate_period(input: &PeriodInput<'_>) -> Vec<DayResult> {
    let spans = days::day_spans(input);
    let mut punches = input.punches.to_vec();
    punches.sort_by_key(|p| (p.at, p.id));
    input
        .days
        .iter()
        .zip(spans.iter())
        .map(|(plan, span)| {
            let own: Vec<&Punch> =
                punches.iter().filter(|p| p.at >= span.from && p.at < span.to).collect();
            evaluate_day(input, plan, span, &own)
        })
        .collect()
}

/// The working state of one day while its rules run.
pub(crate) struct Day<'a> {
    pub(crate) input: &'a PeriodInput<'a>,
    pub(crate) plan: &'a DayPlan<'a>,
    pub(crate) span: &'a days::DaySpan,
    pub(crate) result: DayResult,
}

impl Day<'_> {
    pub(crate) fn step(&mut self, step: Step) {
        self.result.trace.push(step);
    }

    pub(crate) fn find(
        &mut self,
        kind: FindingKind,
        segment: Option<u8>,
        minutes: u32,
        punches: Vec<PunchId>,
    ) {
        self.result.findings.push(Finding {
            kind,
            severity: kind.severity(),
            segment,
            minutes,
            punches,
        });
    }

    /// Minutes of the work day for a wall-clock time (seconds dropped).
    pub(crate) fn minute(&self, at: NaiveDateTime) -> DayMinute {
        (at - self.plan.date.and_time(NaiveTime::MIN)).num_seconds().div_euclid(60)
    }

    pub(crate) fn used(&mut self, punch: &Punch, role: PunchRole) {
        self.step(Step::PunchUsed { punch: punch.id, at: punch.at, role });
    }

    pub(crate) fn ignored(&mut self, punch: &Punch, why: IgnoredWhy) {
        self.step(Step::PunchIgnored { punch: punch.id, at: punch.at, why });
        if matches!(
            why,
            IgnoredWhy::OutsideWindows
                | IgnoredWhy::NotFirstOrLast { .. }
                | IgnoredWhy::WrongDirection { .. }
        ) {
            self.find(FindingKind::StrayPunch, None, 0, vec![punch.id]);
        }
    }
}

fn evaluate_day(
    input: &PeriodInput<'_>,
    plan: &DayPlan<'_>,
    span: &days::DaySpan,
    punches: &[&Punch],
) -> DayResult {
    let result = DayResult {
        employee: input.employee,
        date: plan.date,
        status: DayStatus::Normal,
        class: plan.class,
        timetable: plan.timetable.map(|(id, _)| id),
        hours: plan.hours,
        day_value: 0,
        scheduled_minutes: 0,
        worked_minutes: 0,
        on_duty_minutes: 0,
        late_count: 0,
        late_minutes: 0,
        early_count: 0,
        early_minutes: 0,
        away_minutes: 0,
        missing_count: 0,
        missing_minutes: 0,
        absent_minutes: 0,
        leave_minutes: 0,
        leave: Vec::new(),
        overtime: Overtime::default(),
        findings: Vec::new(),
        trace: Vec::new(),
        provisional: false,
    };
    let mut day = Day { input, plan, span, result };
    day.step(Step::Plan {
        timetable: plan.timetable.map(|(_, t)| format!("{} {}", t.code, t.name)),
        source: plan.source,
        class: plan.class,
    });
    day.step(Step::DaySpan {
        from: span.from,
        to: span.to,
        split_with_night_shift: span.split_with_night_shift,
    });

    let employed = input.hired_on.is_none_or(|d| plan.date >= d)
        && input.left_on.is_none_or(|d| plan.date <= d);
    if !employed {
        day.result.status = if input.hired_on.is_some_and(|d| plan.date < d) {
            DayStatus::NotYetHired
        } else {
            DayStatus::Left
        };
        day.result.timetable = None;
        for p in punches {
            day.ignored(p, IgnoredWhy::OutsideEmployment);
        }
        if !punches.is_empty() {
            day.find(
                FindingKind::PunchOutsideEmployment,
                None,
                0,
                punches.iter().map(|p| p.id).collect(),
            );
        }
        return day.result;
    }

    let mut kept = Vec::with_capacity(punches.len());
    for p in punches {
        match corrections::ignoring(input.corrections, p.id) {
            Some(correction) => day.ignored(p, IgnoredWhy::Corrected { correction }),
            None => kept.push(*p),
        }
    }
    let punches = collapse_duplicates(&mut day, &kept);
    match plan.timetable {
        Some((_, timetable)) => match &timetable.rule {
            crate::timetable::TimetableRule::Fixed { .. } => {
                fixed::evaluate(&mut day, timetable, &punches)
            }
            _ => flexible::evaluate(&mut day, timetable, &punches),
        },
        None => overtime::rest_day(&mut day, &punches),
    }
    overtime::daily_cap(&mut day);
    corrections::apply(&mut day);
    finish(&mut day);
    day.result
}

/// Keeps the first of punches closer than the duplicate window (any terminal).
fn collapse_duplicates<'p>(day: &mut Day<'_>, punches: &[&'p Punch]) -> Vec<&'p Punch> {
    let window = i64::from(day.input.rules.duplicate_seconds);
    let mut kept: Vec<&Punch> = Vec::with_capacity(punches.len());
    for p in punches {
        match kept.last() {
            Some(last) if (p.at - last.at).num_seconds() < window => {
                let seconds = (p.at - last.at).num_seconds().max(0) as u32;
                day.ignored(p, IgnoredWhy::Duplicate { of: last.id, seconds });
            }
            _ => kept.push(p),
        }
    }
    kept
}

fn finish(day: &mut Day<'_>) {
    let r = &day.result;
    let exception = r.findings.iter().any(|f| f.severity >= Severity::Warning);
    day.result.status = if day.plan.timetable.is_none() {
        if day.plan.class == Some(DayClass::Statutory) {
            DayStatus::Holiday
        } else {
            DayStatus::Rest
        }
    } else if exception {
        DayStatus::Exception
    } else if r.leave_minutes > 0 && r.leave_minutes == r.scheduled_minutes {
        DayStatus::Leave
    } else {
        DayStatus::Normal
    };
    if day.result.status == DayStatus::Rest || day.result.status == DayStatus::Holiday {
        let unplanned = matches!(day.plan.source, PlanSource::NoGroup | PlanSource::Unscheduled);
        if unplanned
            && day.result.findings.iter().any(|f| f.kind == FindingKind::UnscheduledPunches)
        {
            day.result.status = DayStatus::Exception;
        }
    }
    let needed = day.span.to;
    let provisional = day.input.synced_until.is_none_or(|s| s < needed);
    day.result.provisional = provisional;
    if provisional {
        day.step(Step::Provisional { synced_until: day.input.synced_until, needed });
    }
}
