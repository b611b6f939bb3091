//! Monthly totals of one person, summed from the day results: 应出勤, 实出勤, late, early,
//! missing punches, absence, leave by type and overtime by class. Days are thousandths (a half
//! day is 500), so sums never drift; minutes are whole minutes.

use serde::{Deserialize, Serialize};

use super::{DayResult, DayStatus, Overtime, Rules};
use crate::calendar::DayClass;
use crate::employee::EmployeeId;
use crate::group::{HoursSystem, SettlementPeriod};

/// 综合计算工时 over the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodTotals {
    pub period: SettlementPeriod,
    /// Towards the period: worked, on duty, leave, and time outside the plan.
    pub worked_minutes: u32,
    /// The standard: 8 hours for each national working day on the books.
    pub standard_minutes: u32,
    /// For a monthly period, the excess over the standard after the unit rounding: overtime at
    /// 150%, included in `overtime.workday`. Longer periods settle at their end (`None`).
    pub excess_minutes: Option<u32>,
}

/// Leave of one type over the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaveTotal {
    pub type_id: i64,
    pub minutes: u32,
    /// Thousandths of a day: each day's leave minutes over its scheduled minutes, plus whole
    /// rest days for types that count them.
    pub days: u32,
    pub on_duty: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthTotals {
    pub employee: EmployeeId,
    /// 应出勤天数, thousandths.
    pub scheduled_days: u32,
    /// 实出勤天数, thousandths.
    pub attended_days: u32,
    pub scheduled_minutes: u32,
    pub worked_minutes: u32,
    pub late_count: u32,
    pub late_minutes: u32,
    pub early_count: u32,
    pub early_minutes: u32,
    pub missing_punch_count: u32,
    pub absent_days: u32,
    pub absent_minutes: u32,
    /// Leave that is not on duty (外出 and 出差 are attendance, counted in `on_duty_minutes`).
    pub leave_minutes: u32,
    pub on_duty_minutes: u32,
    pub leave: Vec<LeaveTotal>,
    pub overtime: Overtime,
    /// Overtime beyond the monthly cap (36 hours by default): a warning, nothing is cut.
    pub over_monthly_cap: bool,
    pub exception_days: u32,
    pub provisional_days: u32,
    /// Present when the person's group is on 综合计算工时 during the month.
    pub period: Option<PeriodTotals>,
}

/// Sums the day results of one person (results of other people are ignored).
pub fn month_totals(employee: EmployeeId, days: &[DayResult], rules: &Rules) -> MonthTotals {
    let mut t = MonthTotals { employee, ..MonthTotals::default() };
    for d in days.iter().filter(|d| d.employee == employee) {
        t.scheduled_days += d.day_value;
        t.attended_days += d.attended_days();
        t.scheduled_minutes += d.scheduled_minutes;
        t.worked_minutes += d.worked_minutes;
        t.late_count += d.late_count;
        t.late_minutes += d.late_minutes;
        t.early_count += d.early_count;
        t.early_minutes += d.early_minutes;
        t.missing_punch_count += d.missing_count;
        t.absent_days += d.absent_days();
        t.absent_minutes += d.absent_minutes;
        t.leave_minutes += d.leave_minutes;
        t.on_duty_minutes += d.on_duty_minutes;
        t.overtime.workday += d.overtime.workday;
        t.overtime.rest_day += d.overtime.rest_day;
        t.overtime.holiday += d.overtime.holiday;
        t.overtime.time_off += d.overtime.time_off;
        t.exception_days += u32::from(d.status == DayStatus::Exception);
        t.provisional_days += u32::from(d.provisional);
        for l in &d.leave {
            let days = l.rest_days * 1000
                + if d.scheduled_minutes == 0 {
                    0
                } else {
                    (u64::from(d.day_value) * u64::from(l.minutes) / u64::from(d.scheduled_minutes))
                        as u32
                };
            match t.leave.iter_mut().find(|x| x.type_id == l.type_id) {
                Some(x) => {
                    x.minutes += l.minutes;
                    x.days += days;
                }
                None => t.leave.push(LeaveTotal {
                    type_id: l.type_id,
                    minutes: l.minutes,
                    days,
                    on_duty: l.on_duty,
                }),
            }
        }
    }
    t.leave.sort_by_key(|l| l.type_id);
    t.period = period_totals(employee, days, rules);
    if let Some(excess) = t.period.as_ref().and_then(|p| p.excess_minutes) {
        t.overtime.workday += excess;
    }
    let cap = rules.overtime.monthly_cap_minutes;
    t.over_monthly_cap =
        cap > 0 && t.overtime.workday + t.overtime.rest_day + t.overtime.time_off > cap;
    t
}

const STANDARD_DAY_MINUTES: u32 = 480;

fn period_totals(employee: EmployeeId, days: &[DayResult], rules: &Rules) -> Option<PeriodTotals> {
    let mut totals: Option<PeriodTotals> = None;
    for d in days.iter().filter(|d| d.employee == employee) {
        let HoursSystem::Comprehensive(period) = d.hours else { continue };
        let on_books = !matches!(d.status, DayStatus::NotYetHired | DayStatus::Left);
        let t = totals.get_or_insert(PeriodTotals {
            period,
            worked_minutes: 0,
            standard_minutes: 0,
            excess_minutes: None,
        });
        t.period = period;
        t.worked_minutes +=
            d.worked_minutes + d.on_duty_minutes + d.leave_minutes + d.overtime.period;
        let working = matches!(d.class, Some(DayClass::Workday | DayClass::MakeUpWorkday));
        if working && on_books {
            t.standard_minutes += STANDARD_DAY_MINUTES;
        }
    }
    if let Some(t) = totals.as_mut()
        && t.period == SettlementPeriod::Month
    {
        t.excess_minutes =
            Some(rules.round_overtime(t.worked_minutes.saturating_sub(t.standard_minutes)));
    }
    totals
}
