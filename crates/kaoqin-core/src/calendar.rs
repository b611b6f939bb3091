//! The China working calendar: which of the four day classes a date belongs to, from the State
//! Council's yearly holiday notice plus the company's own extra days off and working days.
//!
//! The four classes decide overtime pay (china-labour-rules §5): a statutory holiday day
//! (法定节假日, ×3, time off cannot replace the pay), a rest day (休息日: weekends, 调休 rest
//! weekdays and 补假 days, ×2 unless time off is given), a make-up working day (调休上班, a normal
//! working day) and a normal working day. The class is stored per date from the notice and never
//! guessed from the weekday, and a year without a loaded notice is an error, never "normal".
//!
//! Not here: reading notice files (kaoqin-commands parses TOML into [`YearForm`]), storage, and
//! an attendance group's own weekly rest pattern (the group layer sits on top of this one).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::date;
use crate::validation::{Field, FieldError, Problem, text};

/// The pay class of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayClass {
    /// 法定节假日: work pays at least 300%, time off cannot replace the pay.
    Statutory,
    /// 休息日: work pays at least 200%, or is given back as time off (调休假).
    RestDay,
    /// 调休上班: a weekend day the notice turned into a working day; normal pay.
    MakeUpWorkday,
    /// 工作日: a normal working day.
    Workday,
}

impl DayClass {
    pub fn key(self) -> &'static str {
        match self {
            DayClass::Statutory => "statutory",
            DayClass::RestDay => "rest_day",
            DayClass::MakeUpWorkday => "make_up_workday",
            DayClass::Workday => "workday",
        }
    }

    /// True for the two classes on which people are expected at work.
    pub fn is_working_day(self) -> bool {
        matches!(self, DayClass::MakeUpWorkday | DayClass::Workday)
    }
}

/// Why a notice lists a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeDayKind {
    /// One of the 13 statutory days, even when it falls on a weekend.
    Statutory,
    /// 补假: a weekday off given because a statutory day fell on a weekend.
    Substitute,
    /// 调休休息日: a weekday off swapped with a make-up working day.
    SwappedRest,
    /// 调休上班: a weekend day worked in exchange for a swapped rest day.
    MakeUpWorkday,
}

impl NoticeDayKind {
    pub const ALL: [NoticeDayKind; 4] = [
        NoticeDayKind::Statutory,
        NoticeDayKind::Substitute,
        NoticeDayKind::SwappedRest,
        NoticeDayKind::MakeUpWorkday,
    ];
    /// The keys accepted in files, for messages.
    pub const KEYS: &'static [&'static str] =
        &["statutory", "substitute", "swapped_rest", "make_up_workday"];

    pub fn key(self) -> &'static str {
        match self {
            NoticeDayKind::Statutory => "statutory",
            NoticeDayKind::Substitute => "substitute",
            NoticeDayKind::SwappedRest => "swapped_rest",
            NoticeDayKind::MakeUpWorkday => "make_up_workday",
        }
    }

    pub fn from_key(key: &str) -> Option<NoticeDayKind> {
        NoticeDayKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn class(self) -> DayClass {
        match self {
            NoticeDayKind::Statutory => DayClass::Statutory,
            NoticeDayKind::Substitute | NoticeDayKind::SwappedRest => DayClass::RestDay,
            NoticeDayKind::MakeUpWorkday => DayClass::MakeUpWorkday,
        }
    }
}

/// The notice a year's data comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub title: String,
    pub issued_on: NaiveDate,
    pub url: String,
    pub document_no: Option<String>,
}

/// One date the notice names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeDay {
    pub date: NaiveDate,
    pub kind: NoticeDayKind,
    /// The festival the date belongs to (元旦, 春节, …).
    pub festival: String,
    /// For 调休 pairs, the date it was swapped with.
    pub swapped_with: Option<NaiveDate>,
}

/// A validated year of national calendar data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearCalendar {
    pub year: i32,
    pub notice: Notice,
    /// Sorted by date, one entry per date.
    pub days: Vec<NoticeDay>,
}

impl YearCalendar {
    pub fn statutory_days(&self) -> usize {
        self.days.iter().filter(|d| d.kind == NoticeDayKind::Statutory).count()
    }

    /// The year as plain text, the same for the same data: what a checksum is computed over.
    pub fn canonical_text(&self) -> String {
        let n = &self.notice;
        let mut out = format!(
            "year={}\ntitle={}\nissued_on={}\nurl={}\ndocument_no={}\n",
            self.year,
            n.title,
            n.issued_on,
            n.url,
            n.document_no.as_deref().unwrap_or("")
        );
        for d in &self.days {
            let swapped = d.swapped_with.map(|s| s.to_string()).unwrap_or_default();
            out.push_str(&format!("{}|{}|{}|{}\n", d.date, d.kind.key(), d.festival, swapped));
        }
        out
    }
}

/// A year of notice data as text, the way a file or a form gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearForm {
    pub year: String,
    pub notice_title: String,
    pub notice_issued_on: String,
    pub notice_url: String,
    pub notice_document_no: String,
    pub days: Vec<NoticeDayForm>,
}

/// One date of a [`YearForm`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeDayForm {
    pub date: String,
    pub kind: String,
    pub festival: String,
    pub swapped_with: String,
}

/// Years Kaoqin accepts calendar data for.
pub const MIN_YEAR: i32 = 2000;
pub const MAX_YEAR: i32 = 2099;

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Checks a year's notice data: every date inside the year and listed once, 补假 and 调休 rest
/// days on weekdays, make-up working days on weekends, and every 调休 pair pointing both ways.
/// Every problem is reported, each naming the date as its value.
pub fn validate_year(form: &YearForm) -> Result<YearCalendar, Vec<FieldError>> {
    let mut errors = Vec::new();
    let year = match form.year.trim() {
        "" => {
            errors.push(FieldError::new(Field::Year, Problem::Required, &form.year));
            None
        }
        given => match given.parse::<i32>() {
            Ok(y) if (MIN_YEAR..=MAX_YEAR).contains(&y) => Some(y),
            _ => {
                let range = Problem::OutOfRange { min: MIN_YEAR.into(), max: MAX_YEAR.into() };
                errors.push(FieldError::new(Field::Year, range, &form.year));
                None
            }
        },
    };
    let title = text(Field::NoticeTitle, &form.notice_title, true, 200, &mut errors);
    let url = text(Field::NoticeUrl, &form.notice_url, true, 500, &mut errors);
    let document_no =
        text(Field::NoticeDocumentNo, &form.notice_document_no, false, 100, &mut errors);
    let issued_on = date::field(Field::NoticeIssuedOn, &form.notice_issued_on, true, &mut errors);
    if let (Some(y), Some(issued)) = (year, issued_on)
        && issued.year() > y
    {
        errors.push(FieldError::new(
            Field::NoticeIssuedOn,
            Problem::NotInYear { year: y },
            &form.notice_issued_on,
        ));
    }

    let mut days: BTreeMap<NaiveDate, NoticeDay> = BTreeMap::new();
    for d in &form.days {
        let mut day_errors = Vec::new();
        let date = date::field(Field::Date, &d.date, true, &mut day_errors);
        let kind = match NoticeDayKind::from_key(d.kind.trim()) {
            Some(k) => Some(k),
            None => {
                let problem = if d.kind.trim().is_empty() {
                    Problem::Required
                } else {
                    Problem::NotOneOf { choices: NoticeDayKind::KEYS }
                };
                day_errors.push(FieldError::new(Field::DayKind, problem, &d.kind));
                None
            }
        };
        let festival = text(Field::Festival, &d.festival, true, 20, &mut day_errors);
        let swapped_with = date::field(Field::SwappedWith, &d.swapped_with, false, &mut day_errors);
        if let (Some(date), Some(y)) = (date, year)
            && date.year() != y
        {
            day_errors.push(FieldError::new(Field::Date, Problem::NotInYear { year: y }, &d.date));
        }
        if let (Some(date), Some(kind)) = (date, kind) {
            match kind {
                NoticeDayKind::Substitute | NoticeDayKind::SwappedRest if is_weekend(date) => {
                    day_errors.push(FieldError::new(Field::Date, Problem::MustBeWeekday, &d.date));
                }
                NoticeDayKind::MakeUpWorkday if !is_weekend(date) => {
                    day_errors.push(FieldError::new(Field::Date, Problem::MustBeWeekend, &d.date));
                }
                _ => {}
            }
            let needs_pair =
                matches!(kind, NoticeDayKind::SwappedRest | NoticeDayKind::MakeUpWorkday);
            if needs_pair && d.swapped_with.trim().is_empty() {
                day_errors.push(FieldError::new(
                    Field::SwappedWith,
                    Problem::Required,
                    format!("{date}"),
                ));
            }
            if !needs_pair && !d.swapped_with.trim().is_empty() {
                day_errors.push(FieldError::new(
                    Field::SwappedWith,
                    Problem::NotAllowedFor { day_kind: kind.key() },
                    &d.swapped_with,
                ));
            }
            if days.contains_key(&date) {
                day_errors.push(FieldError::new(
                    Field::Date,
                    Problem::Duplicate { holder: date.to_string() },
                    &d.date,
                ));
            }
        }
        match (date, kind, festival, day_errors.is_empty()) {
            (Some(date), Some(kind), Some(festival), true) => {
                days.insert(date, NoticeDay { date, kind, festival, swapped_with });
            }
            _ => errors.extend(day_errors),
        }
    }

    // 调休 pairs point at each other: a rest day at a make-up working day and back.
    for d in days.values() {
        let Some(other) = d.swapped_with else { continue };
        let Some(y) = year else { continue };
        if other.year() != y {
            continue; // a pair across New Year: the other half is in the neighbouring year's data
        }
        let partner_ok = days.get(&other).is_some_and(|o| {
            o.swapped_with == Some(d.date)
                && matches!(
                    (d.kind, o.kind),
                    (NoticeDayKind::SwappedRest, NoticeDayKind::MakeUpWorkday)
                        | (NoticeDayKind::MakeUpWorkday, NoticeDayKind::SwappedRest)
                )
        });
        if !partner_ok {
            errors.push(FieldError::new(
                Field::SwappedWith,
                Problem::SwapNotMatched { date: d.date.to_string() },
                other.to_string(),
            ));
        }
    }

    match (year, title, url, issued_on, errors.is_empty()) {
        (Some(year), Some(title), Some(url), Some(issued_on), true) => Ok(YearCalendar {
            year,
            notice: Notice { title, issued_on, url, document_no },
            days: days.into_values().collect(),
        }),
        _ => Err(errors),
    }
}

/// A company's own change to the national calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompanyDayKind {
    /// 公司休息日: a working day the company gives off (a rest day for pay).
    DayOff,
    /// 公司工作日: a rest day the company works as a normal working day.
    WorkingDay,
}

impl CompanyDayKind {
    pub const KEYS: &'static [&'static str] = &["day_off", "working_day"];

    pub fn key(self) -> &'static str {
        match self {
            CompanyDayKind::DayOff => "day_off",
            CompanyDayKind::WorkingDay => "working_day",
        }
    }

    pub fn from_key(key: &str) -> Option<CompanyDayKind> {
        [CompanyDayKind::DayOff, CompanyDayKind::WorkingDay].into_iter().find(|k| k.key() == key)
    }
}

/// A company day as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyDay {
    pub date: NaiveDate,
    pub kind: CompanyDayKind,
    pub note: String,
}

/// Checks a company day against the national data: it must change the day's class (a day off
/// on a day that is already off says nothing), and statutory holidays cannot be changed.
pub fn validate_company_day(
    calendar: &Calendar,
    date: &str,
    kind: &str,
    note: &str,
) -> Result<CompanyDay, CalendarError> {
    let mut errors = Vec::new();
    let parsed = date::field(Field::Date, date, true, &mut errors);
    let kind_parsed = CompanyDayKind::from_key(kind.trim());
    if kind_parsed.is_none() {
        let problem = if kind.trim().is_empty() {
            Problem::Required
        } else {
            Problem::NotOneOf { choices: CompanyDayKind::KEYS }
        };
        errors.push(FieldError::new(Field::DayKind, problem, kind));
    }
    let note = text(Field::Note, note, true, 50, &mut errors);
    let (Some(date), Some(kind), Some(note)) = (parsed, kind_parsed, note) else {
        return Err(CalendarError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(CalendarError::Invalid(errors));
    }
    let national = calendar.national_day(date)?;
    let problem = match (national.class, kind) {
        (DayClass::Statutory, _) => Some(Problem::StatutoryFixed),
        (DayClass::RestDay, CompanyDayKind::DayOff) => Some(Problem::AlreadyDayOff),
        (DayClass::Workday | DayClass::MakeUpWorkday, CompanyDayKind::WorkingDay) => {
            Some(Problem::AlreadyWorkingDay)
        }
        _ => None,
    };
    if let Some(problem) = problem {
        return Err(CalendarError::Invalid(vec![FieldError::new(
            Field::Date,
            problem,
            date.to_string(),
        )]));
    }
    Ok(CompanyDay { date, kind, note })
}

/// Why a day has its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "source", content = "kind", rename_all = "snake_case")]
pub enum DaySource {
    /// Monday to Friday with nothing special.
    Weekday,
    /// Saturday or Sunday with nothing special.
    Weekend,
    /// Named in the State Council notice.
    Notice(NoticeDayKind),
    /// Changed by the company.
    Company(CompanyDayKind),
}

/// A date with its class and the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: NaiveDate,
    pub class: DayClass,
    pub source: DaySource,
    /// The festival, for dates the notice names.
    pub festival: Option<String>,
    /// For 调休 pairs, the other date.
    pub swapped_with: Option<NaiveDate>,
    /// The company's note, for company days.
    pub note: Option<String>,
}

/// What can go wrong asking the calendar.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// No notice data for the year: the class of its dates is unknown.
    #[error("{year} calendar not loaded")]
    YearNotLoaded { year: i32 },
    #[error("invalid calendar input")]
    Invalid(Vec<FieldError>),
}

/// National years plus the company layer; answers "what class is this date?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    years: BTreeMap<i32, YearCalendar>,
    notice_days: BTreeMap<NaiveDate, NoticeDay>,
    company: BTreeMap<NaiveDate, CompanyDay>,
}

impl Calendar {
    pub fn new(
        years: impl IntoIterator<Item = YearCalendar>,
        company: impl IntoIterator<Item = CompanyDay>,
    ) -> Calendar {
        let years: BTreeMap<i32, YearCalendar> = years.into_iter().map(|y| (y.year, y)).collect();
        let notice_days =
            years.values().flat_map(|y| &y.days).map(|d| (d.date, d.clone())).collect();
        let company = company.into_iter().map(|d| (d.date, d)).collect();
        Calendar { years, notice_days, company }
    }

    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = &YearCalendar> {
        self.years.values()
    }

    pub fn year(&self, year: i32) -> Option<&YearCalendar> {
        self.years.get(&year)
    }

    pub fn company_days(&self) -> impl Iterator<Item = &CompanyDay> {
        self.company.values()
    }

    /// The national class of a date, without the company layer.
    pub fn national_day(&self, date: NaiveDate) -> Result<CalendarDay, CalendarError> {
        if !self.has_year(date.year()) {
            return Err(CalendarError::YearNotLoaded { year: date.year() });
        }
        Ok(match self.notice_days.get(&date) {
            Some(d) => CalendarDay {
                date,
                class: d.kind.class(),
                source: DaySource::Notice(d.kind),
                festival: Some(d.festival.clone()),
                swapped_with: d.swapped_with,
                note: None,
            },
            None => {
                let (class, source) = if is_weekend(date) {
                    (DayClass::RestDay, DaySource::Weekend)
                } else {
                    (DayClass::Workday, DaySource::Weekday)
                };
                CalendarDay { date, class, source, festival: None, swapped_with: None, note: None }
            }
        })
    }

    /// The class of a date: the national class, changed by a company day if there is one.
    /// A date in a year with no notice data is [`CalendarError::YearNotLoaded`].
    pub fn day(&self, date: NaiveDate) -> Result<CalendarDay, CalendarError> {
        let mut day = self.national_day(date)?;
        if let Some(c) = self.company.get(&date)
            && day.class != DayClass::Statutory
        {
            day.class = match c.kind {
                CompanyDayKind::DayOff => DayClass::RestDay,
                CompanyDayKind::WorkingDay => DayClass::Workday,
            };
            day.source = DaySource::Company(c.kind);
            day.note = Some(c.note.clone());
        }
        Ok(day)
    }

    /// Every date of a year with its class.
    pub fn year_days(&self, year: i32) -> Result<Vec<CalendarDay>, CalendarError> {
        let first =
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or(CalendarError::YearNotLoaded { year })?;
        first.iter_days().take_while(|d| d.year() == year).map(|d| self.day(d)).collect()
    }

    /// The year to warn about on `today`: from October on, next year when it has no data yet.
    pub fn missing_next_year(&self, today: NaiveDate) -> Option<i32> {
        let next = today.year() + 1;
        (today.month() >= 10 && !self.has_year(next)).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        date::parse(s).expect("test date")
    }

    fn day(date: &str, kind: &str, festival: &str, swapped: &str) -> NoticeDayForm {
        NoticeDayForm {
            date: date.into(),
            kind: kind.into(),
            festival: festival.into(),
            swapped_with: swapped.into(),
        }
    }

    fn form(days: Vec<NoticeDayForm>) -> YearForm {
        YearForm {
            year: "2026".into(),
            notice_title: "国务院办公厅关于2026年部分节假日安排的通知".into(),
            notice_issued_on: "2025-11-04".into(),
            notice_url: "https://example.invalid/notice".into(),
            notice_document_no: String::new(),
            days,
        }
    }

    fn new_year_2026() -> YearCalendar {
        validate_year(&form(vec![
            day("2026-01-01", "statutory", "元旦", ""),
            day("2026-01-02", "swapped_rest", "元旦", "2026-01-04"),
            day("2026-01-04", "make_up_workday", "元旦", "2026-01-02"),
            day("2026-10-03", "statutory", "国庆节", ""),
            day("2026-10-05", "substitute", "国庆节", ""),
        ]))
        .expect("valid year")
    }

    fn problems(f: YearForm) -> Vec<(Field, Problem, String)> {
        validate_year(&f)
            .expect_err("invalid")
            .into_iter()
            .map(|e| (e.field, e.problem, e.value))
            .collect()
    }

    #[test]
    fn classes_come_from_the_notice_not_the_weekday() {
        let cal = Calendar::new([new_year_2026()], []);
        let class = |s: &str| cal.day(d(s)).expect("loaded").class;
        assert_eq!(class("2026-01-01"), DayClass::Statutory);
        assert_eq!(class("2026-01-02"), DayClass::RestDay, "a Friday off by 调休");
        assert_eq!(class("2026-01-03"), DayClass::RestDay, "a plain Saturday");
        assert_eq!(class("2026-01-04"), DayClass::MakeUpWorkday, "a Sunday worked by 调休");
        assert_eq!(class("2026-01-05"), DayClass::Workday);
        assert_eq!(class("2026-10-03"), DayClass::Statutory, "a Saturday keeps its 300% class");
        assert_eq!(class("2026-10-05"), DayClass::RestDay, "补假 is a rest day, not statutory");
    }

    #[test]
    fn a_year_without_data_is_an_error() {
        let cal = Calendar::new([new_year_2026()], []);
        assert_eq!(cal.day(d("2027-01-04")), Err(CalendarError::YearNotLoaded { year: 2027 }));
        assert_eq!(
            cal.year_days(2027).map(|v| v.len()),
            Err(CalendarError::YearNotLoaded { year: 2027 })
        );
        assert_eq!(cal.year_days(2026).map(|v| v.len()), Ok(365));
    }

    #[test]
    fn company_days_change_everything_but_statutory_days() {
        let national = Calendar::new([new_year_2026()], []);
        let off = validate_company_day(&national, "2026-03-06", "day_off", "厂庆").expect("ok");
        let work =
            validate_company_day(&national, "2026-03-07", "working_day", "补课").expect("ok");
        let cal = Calendar::new([new_year_2026()], [off, work]);
        let got = cal.day(d("2026-03-06")).expect("loaded");
        assert_eq!((got.class, got.note.as_deref()), (DayClass::RestDay, Some("厂庆")));
        assert_eq!(got.source, DaySource::Company(CompanyDayKind::DayOff));
        assert_eq!(cal.day(d("2026-03-07")).expect("loaded").class, DayClass::Workday);

        let refused =
            |date: &str, kind: &str| match validate_company_day(&national, date, kind, "x") {
                Err(CalendarError::Invalid(e)) => e[0].problem.clone(),
                other => panic!("{date} {kind} should be refused, got {other:?}"),
            };
        assert_eq!(refused("2026-01-01", "working_day"), Problem::StatutoryFixed);
        assert_eq!(refused("2026-01-03", "day_off"), Problem::AlreadyDayOff);
        assert_eq!(refused("2026-01-04", "working_day"), Problem::AlreadyWorkingDay);
        assert!(matches!(
            validate_company_day(&national, "2027-01-05", "day_off", "x"),
            Err(CalendarError::YearNotLoaded { year: 2027 })
        ));
    }

    #[test]
    fn every_problem_in_a_notice_is_reported() {
        let got = problems(form(vec![
            day("2025-12-31", "statutory", "元旦", ""),
            day("2026-01-03", "swapped_rest", "元旦", "2026-01-04"),
            day("2026-01-05", "make_up_workday", "元旦", "2026-01-02"),
            day("2026-02-30", "statutory", "春节", ""),
            day("2026-05-01", "holiday", "劳动节", ""),
            day("2026-05-02", "statutory", "", ""),
            day("2026-06-19", "statutory", "端午节", ""),
            day("2026-06-19", "statutory", "端午节", ""),
            day("2026-09-25", "statutory", "中秋节", "2026-09-20"),
            day("2026-09-20", "make_up_workday", "国庆节", ""),
        ]));
        let fields: Vec<(Field, &str)> = got.iter().map(|(f, _, v)| (*f, v.as_str())).collect();
        assert_eq!(
            fields,
            vec![
                (Field::Date, "2025-12-31"),
                (Field::Date, "2026-01-03"),
                (Field::Date, "2026-01-05"),
                (Field::Date, "2026-02-30"),
                (Field::DayKind, "holiday"),
                (Field::Festival, ""),
                (Field::Date, "2026-06-19"),
                (Field::SwappedWith, "2026-09-20"),
                (Field::SwappedWith, "2026-09-20"),
            ],
            "{got:#?}"
        );
        assert_eq!(got[0].1, Problem::NotInYear { year: 2026 });
        assert_eq!(got[1].1, Problem::MustBeWeekday);
        assert_eq!(got[2].1, Problem::MustBeWeekend);
        assert!(matches!(got[6].1, Problem::Duplicate { .. }));
        assert_eq!(got[7].1, Problem::NotAllowedFor { day_kind: "statutory" });
        assert_eq!(got[8].1, Problem::Required);
    }

    #[test]
    fn a_swap_must_point_both_ways() {
        let got = problems(form(vec![
            day("2026-01-02", "swapped_rest", "元旦", "2026-01-04"),
            day("2026-01-04", "make_up_workday", "元旦", "2026-01-03"),
        ]));
        assert_eq!(
            got.iter().map(|(_, p, _)| p.clone()).collect::<Vec<_>>(),
            vec![
                Problem::SwapNotMatched { date: "2026-01-02".into() },
                Problem::SwapNotMatched { date: "2026-01-04".into() },
            ]
        );
    }

    #[test]
    fn next_year_is_missed_from_october() {
        let cal = Calendar::new([new_year_2026()], []);
        assert_eq!(cal.missing_next_year(d("2026-09-30")), None);
        assert_eq!(cal.missing_next_year(d("2026-10-01")), Some(2027));
        assert_eq!(cal.missing_next_year(d("2025-10-01")), None, "2026 is loaded");
    }

    #[test]
    fn canonical_text_is_stable() {
        expect_test::expect![[r#"
            year=2026
            title=国务院办公厅关于2026年部分节假日安排的通知
            issued_on=2025-11-04
            url=https://example.invalid/notice
            document_no=
            2026-01-01|statutory|元旦|
            2026-01-02|swapped_rest|元旦|2026-01-04
            2026-01-04|make_up_workday|元旦|2026-01-02
            2026-10-03|statutory|国庆节|
            2026-10-05|substitute|国庆节|
        "#]]
        .assert_eq(&new_year_2026().canonical_text());
    }
}
