//! The company's attendance rule settings: duplicate window, missing punches, overtime.
//! Timetables hold what is per shift (windows, grace, breaks, pairing); these hold the rest.
//! Every field has a default a Chinese factory would start from, and the what-if runs the engine
//! with a changed copy.

use serde::{Deserialize, Serialize};

use crate::validation::{Field, FieldError, Problem};

/// How a segment with one of its two punches missing is counted until a make-up punch arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingPunch {
    /// 缺卡: its own figure; not absent, not worked (the default).
    #[default]
    Missing,
    /// 缺卡按旷工: counted as absent.
    Absent,
}

/// Which overtime counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OvertimeSource {
    /// Time punched beyond the shift (the default).
    #[default]
    Punches,
    /// Only approved overtime, as approved.
    Approved,
    /// Approved overtime, as far as punches cover it.
    ApprovedWithinPunches,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rounding {
    /// Whole units only: 50 minutes in 30-minute units is 30 (the default).
    #[default]
    Down,
    Nearest,
    Up,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OvertimeRules {
    pub source: OvertimeSource,
    /// Less than this is not overtime at all.
    pub min_minutes: u32,
    /// Overtime is counted in units of this many minutes.
    pub unit_minutes: u32,
    pub rounding: Rounding,
    /// Arriving before the shift counts as overtime too.
    pub count_before_shift: bool,
    /// Rest-day overtime is given back as 调休 instead of 200% pay.
    pub rest_day_to_time_off: bool,
    /// Break taken off presence on a rest day once it is longer than `rest_day_break_after`.
    pub rest_day_break_minutes: u32,
    pub rest_day_break_after_minutes: u32,
    /// Warnings, never cuts: Labour Law art. 41 (3 hours a day, 36 hours a month).
    pub daily_cap_minutes: u32,
    pub monthly_cap_minutes: u32,
}

impl Default for OvertimeRules {
    fn default() -> Self {
        OvertimeRules {
            source: OvertimeSource::Punches,
            min_minutes: 30,
            unit_minutes: 30,
            rounding: Rounding::Down,
            count_before_shift: false,
            rest_day_to_time_off: false,
            rest_day_break_minutes: 60,
            rest_day_break_after_minutes: 300,
            daily_cap_minutes: 180,
            monthly_cap_minutes: 2160,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rules {
    /// Punches closer than this to the previous one are double taps (default 60 s).
    pub duplicate_seconds: u32,
    pub missing_punch: MissingPunch,
    pub overtime: OvertimeRules,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            duplicate_seconds: 60,
            missing_punch: MissingPunch::Missing,
            overtime: OvertimeRules::default(),
        }
    }
}

impl Rules {
    /// Checks the ranges a form can get wrong; every problem at once.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut within = |field: Field, value: u32, min: u32, max: u32| {
            if value < min || value > max {
                let problem = Problem::OutOfRange { min: i64::from(min), max: i64::from(max) };
                errors.push(FieldError::new(field, problem, value.to_string()));
            }
        };
        within(Field::DuplicateSeconds, self.duplicate_seconds, 0, 600);
        let ot = &self.overtime;
        within(Field::OvertimeMinMinutes, ot.min_minutes, 0, 480);
        within(Field::OvertimeUnitMinutes, ot.unit_minutes, 1, 240);
        within(Field::RestDayBreakMinutes, ot.rest_day_break_minutes, 0, 240);
        within(Field::RestDayBreakAfterMinutes, ot.rest_day_break_after_minutes, 0, 1440);
        within(Field::DailyCapMinutes, ot.daily_cap_minutes, 0, 1440);
        within(Field::MonthlyCapMinutes, ot.monthly_cap_minutes, 0, 44_640);
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }

    /// Overtime minutes after the minimum and the unit rounding.
    pub fn round_overtime(&self, raw: u32) -> u32 {
        let ot = &self.overtime;
        if raw < ot.min_minutes || raw == 0 {
            return 0;
        }
        let unit = ot.unit_minutes.max(1);
        match ot.rounding {
            Rounding::Down => raw / unit * unit,
            Rounding::Nearest => (raw + unit / 2) / unit * unit,
            Rounding::Up => raw.div_ceil(unit) * unit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Rounding, Rules};

    #[test]
    fn overtime_rounds_in_units_after_the_minimum() {
        let mut rules = Rules::default();
        assert_eq!(rules.round_overtime(29), 0);
        assert_eq!(rules.round_overtime(30), 30);
        assert_eq!(rules.round_overtime(59), 30);
        assert_eq!(rules.round_overtime(61), 60);
        rules.overtime.rounding = Rounding::Nearest;
        assert_eq!(rules.round_overtime(45), 60);
        assert_eq!(rules.round_overtime(44), 30);
        rules.overtime.rounding = Rounding::Up;
        assert_eq!(rules.round_overtime(31), 60);
        rules.overtime.min_minutes = 0;
        rules.overtime.unit_minutes = 1;
        assert_eq!(rules.round_overtime(7), 7);
    }

    #[test]
    fn out_of_range_settings_are_refused_all_at_once() {
        let mut rules = Rules { duplicate_seconds: 601, ..Rules::default() };
        rules.overtime.unit_minutes = 0;
        assert_eq!(rules.validate().map_err(|e| e.len()), Err(2));
        assert_eq!(Rules::default().validate(), Ok(()));
    }
}
