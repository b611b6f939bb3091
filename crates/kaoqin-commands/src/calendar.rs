//! The working calendar's use cases: which years are loaded, a year's dates with their classes,
//! loading a new year's State Council notice (from a TOML file or typed in), and the company's
//! own days off and working days.
//!
//! Years 2025 and 2026 ship inside the program (`calendar/cn-YYYY.toml`, with their source
//! notices); a year loaded by a clerk replaces the shipped one, and removing it brings the shipped
//! one back. Every loaded year carries the SHA-256 of its canonical text, checked whenever the
//! calendar is read, so rows changed outside Kaoqin are refused rather than used.
//! The file format is documented in the README ("节假日文件 / Calendar files").

use chrono::{Datelike, NaiveDate};
use kaoqin_core::calendar::{
    self as core_cal, Calendar, CalendarDay, CompanyDay, NoticeDayForm, YearCalendar, YearForm,
};
use kaoqin_core::{Field, Problem, date};
use kaoqin_store::{Db, Store};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::Ctx;
use crate::actor::Action;
use crate::company::local_today;
use crate::dto::{
    CalendarDayDto, CalendarLoadResult, CalendarSource, CalendarStatusDto, CalendarYearDetail,
    CalendarYearDto, CalendarYearInput, CompanyDayInput,
};
use crate::error::{Entity, Error, FileKind, Result};

/// The years shipped with Kaoqin: (year, file text).
pub const BUILTIN_YEARS: &[(i32, &str)] = &[
    (2025, include_str!("../calendar/cn-2025.toml")),
    (2026, include_str!("../calendar/cn-2026.toml")),
];

/// A calendar year file (TOML).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: Scalar,
    notice: String,
    issued_on: Scalar,
    url: String,
    #[serde(default)]
    document_no: String,
    #[serde(default)]
    days: Vec<DayFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DayFile {
    date: Scalar,
    kind: String,
    #[serde(default)]
    festival: String,
    #[serde(default)]
    swapped_with: Option<Scalar>,
}

/// A value a clerk may write quoted or bare: `"2026-01-01"` or `2026-01-01`, `2026` or `"2026"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Integer(i64),
    Date(toml::value::Datetime),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.clone(),
            Scalar::Integer(i) => i.to_string(),
            Scalar::Date(d) => d.to_string(),
        }
    }
}

/// Reads a calendar file into a form; syntax errors name the line and column.
pub fn parse_year_file(text: &str) -> Result<YearForm> {
    let file: YearFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map(|s| s.start).unwrap_or(0);
        let (line, column) = line_column(text, offset);
        Error::BadFile {
            what: FileKind::CalendarYear,
            line,
            column,
            detail: e.message().to_owned(),
        }
    })?;
    Ok(YearForm {
        year: file.year.text(),
        notice_title: file.notice,
        notice_issued_on: file.issued_on.text(),
        notice_url: file.url,
        notice_document_no: file.document_no,
        days: file
            .days
            .into_iter()
            .map(|d| NoticeDayForm {
                date: d.date.text(),
                kind: d.kind,
                festival: d.festival,
                swapped_with: d.swapped_with.map(|s| s.text()).unwrap_or_default(),
            })
            .collect(),
    })
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Writes a year in the file format [`parse_year_file`] reads.
pub fn year_file_text(year: &YearCalendar) -> String {
    let n = &year.notice;
    let mut out = format!(
        "# {} — Kaoqin calendar file (README: \"Calendar files\").\n\
         # kind: statutory 法定节假日 · substitute 补假 · swapped_rest 调休休息日 · make_up_workday 调休上班\n\
         year = {}\nnotice = {}\nissued_on = \"{}\"\nurl = {}\n",
        n.title,
        year.year,
        toml_string(&n.title),
        n.issued_on,
        toml_string(&n.url),
    );
    if let Some(no) = &n.document_no {
        out.push_str(&format!("document_no = {}\n", toml_string(no)));
    }
    out.push_str("\ndays = [\n");
    for d in &year.days {
        let swapped =
            d.swapped_with.map(|s| format!(", swapped_with = \"{s}\"")).unwrap_or_default();
        out.push_str(&format!(
            "  {{ date = \"{}\", kind = \"{}\", festival = {}{swapped} }},\n",
            d.date,
            d.kind.key(),
            toml_string(&d.festival)
        ));
    }
    out.push_str("]\n");
    out
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn checksum(year: &YearCalendar) -> String {
    Sha256::digest(year.canonical_text().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The shipped years, parsed once per process. They are checked by tests, so a failure here is
/// a build defect; it is still reported as an error rather than a panic.
fn builtin_years() -> Result<Vec<YearCalendar>> {
    static PARSED: std::sync::OnceLock<std::result::Result<Vec<YearCalendar>, String>> =
        std::sync::OnceLock::new();
    PARSED
        .get_or_init(|| {
            BUILTIN_YEARS
                .iter()
                .map(|(year, text)| {
                    let form = parse_year_file(text).map_err(|e| format!("{year}: {e}"))?;
                    core_cal::validate_year(&form).map_err(|e| format!("{year}: {e:?}"))
                })
                .collect()
        })
        .clone()
        .map_err(|e| Error::Internal(format!("shipped calendar data is invalid ({e})")))
}

/// The calendar in force, and where each year comes from.
struct Loaded {
    calendar: Calendar,
    years: Vec<CalendarYearDto>,
}

fn year_dto(
    y: &YearCalendar,
    source: CalendarSource,
    loaded: Option<(&str, &str)>,
) -> CalendarYearDto {
    CalendarYearDto {
        year: y.year,
        source,
        notice: y.notice.title.clone(),
        issued_on: y.notice.issued_on.to_string(),
        url: y.notice.url.clone(),
        document_no: y.notice.document_no.clone(),
        checksum: checksum(y),
        statutory_days: u32::try_from(y.statutory_days()).unwrap_or(u32::MAX),
        notice_days: u32::try_from(y.days.len()).unwrap_or(u32::MAX),
        loaded_at: loaded.map(|(at, _)| at.to_owned()),
        loaded_by: loaded.map(|(_, by)| by.to_owned()),
    }
}

/// Reads the calendar: shipped years, replaced by loaded ones, plus the company days.
fn load(db: &Db<'_>) -> Result<Loaded> {
    let mut years: std::collections::BTreeMap<i32, (YearCalendar, CalendarYearDto)> =
        builtin_years()?
            .into_iter()
            .map(|y| {
                let dto = year_dto(&y, CalendarSource::Builtin, None);
                (y.year, (y, dto))
            })
            .collect();
    for row in db.list_calendar_years()? {
        if checksum(&row.calendar) != row.checksum {
            return Err(Error::CalendarChanged { year: row.calendar.year });
        }
        let dto =
            year_dto(&row.calendar, CalendarSource::Loaded, Some((&row.loaded_at, &row.loaded_by)));
        years.insert(row.calendar.year, (row.calendar, dto));
    }
    let (calendars, dtos): (Vec<_>, Vec<_>) = years.into_values().unzip();
    Ok(Loaded { calendar: Calendar::new(calendars, db.list_company_days()?), years: dtos })
}

/// The calendar in force, for other use cases (the engine, the schedule grid).
pub fn calendar(store: &Store) -> Result<Calendar> {
    Ok(load(&store.read())?.calendar)
}

pub fn day_dto(d: &CalendarDay) -> CalendarDayDto {
    CalendarDayDto {
        date: date::iso(d.date),
        weekday: u8::try_from(d.date.weekday().number_from_monday()).unwrap_or(1),
        class: d.class.into(),
        source: d.source.into(),
        festival: d.festival.clone(),
        swapped_with: d.swapped_with.map(date::iso),
        note: d.note.clone(),
    }
}

pub fn get_calendar_status(store: &Store, ctx: &Ctx) -> Result<CalendarStatusDto> {
    ctx.actor.require(Action::ViewSettings)?;
    let today = local_today(store, ctx)?;
    let loaded = load(&store.read())?;
    Ok(CalendarStatusDto {
        today: date::iso(today),
        missing_next_year: loaded.calendar.missing_next_year(today),
        years: loaded.years,
    })
}

pub fn get_calendar_year(store: &Store, ctx: &Ctx, year: i32) -> Result<CalendarYearDetail> {
    ctx.actor.require(Action::ViewSettings)?;
    let loaded = load(&store.read())?;
    let info = loaded
        .years
        .into_iter()
        .find(|y| y.year == year)
        .ok_or(Error::CalendarYearMissing { year })?;
    let days = loaded.calendar.year_days(year)?.iter().map(day_dto).collect();
    Ok(CalendarYearDetail { year: info, days })
}

/// The class of one date, as typed (any accepted date format).
pub fn get_calendar_day(store: &Store, ctx: &Ctx, on: &str) -> Result<CalendarDayDto> {
    ctx.actor.require(Action::ViewSettings)?;
    let mut errors = Vec::new();
    let on = date::field(Field::Date, on, true, &mut errors).ok_or(Error::Invalid(errors))?;
    let loaded = load(&store.read())?;
    Ok(day_dto(&loaded.calendar.day(on)?))
}

/// Loads a year from a calendar file's text. With `dry_run`, checks it and reports what would
/// change without writing.
pub fn import_calendar_year(
    store: &mut Store,
    ctx: &Ctx,
    text: &str,
    dry_run: bool,
) -> Result<CalendarLoadResult> {
    ctx.actor.require(Action::EditSettings)?;
    let form = parse_year_file(text)?;
    load_year(store, ctx, &form, dry_run, "file")
}

/// Loads a year typed into 设置 → 节假日.
pub fn save_calendar_year(
    store: &mut Store,
    ctx: &Ctx,
    input: CalendarYearInput,
    dry_run: bool,
) -> Result<CalendarLoadResult> {
    ctx.actor.require(Action::EditSettings)?;
    let form = YearForm {
        year: input.year,
        notice_title: input.notice,
        notice_issued_on: input.issued_on,
        notice_url: input.url,
        notice_document_no: input.document_no,
        days: input
            .days
            .into_iter()
            .map(|d| NoticeDayForm {
                date: d.date,
                kind: d.kind,
                festival: d.festival,
                swapped_with: d.swapped_with,
            })
            .collect(),
    };
    load_year(store, ctx, &form, dry_run, "form")
}

fn load_year(
    store: &mut Store,
    ctx: &Ctx,
    form: &YearForm,
    dry_run: bool,
    via: &str,
) -> Result<CalendarLoadResult> {
    let year = core_cal::validate_year(form).map_err(Error::Invalid)?;
    let sum = checksum(&year);
    let before = load(&store.read())?;
    let replaced = before.years.iter().find(|y| y.year == year.year).map(|y| y.source);
    let company: Vec<CompanyDay> = before.calendar.company_days().cloned().collect();
    let after = Calendar::new([year.clone()], company);
    let new_days = after.year_days(year.year)?;
    let changed_days = match before.calendar.year_days(year.year) {
        Ok(old) => {
            old.iter().zip(&new_days).filter(|(o, n)| o != n).map(|(_, n)| day_dto(n)).collect()
        }
        Err(_) => Vec::new(),
    };
    let mut dto = year_dto(&year, CalendarSource::Loaded, None);
    if !dry_run {
        store.write(|db| {
            db.upsert_calendar_year(&year, &sum, ctx.now, &ctx.actor.login)?;
            ctx.audit(
                db,
                "calendar.load",
                "calendar_year",
                Some(i64::from(year.year)),
                json!({
                    "year": year.year, "checksum": sum, "via": via,
                    "notice": year.notice.title, "replaced": replaced,
                    "changed_days": changed_days.len(),
                }),
            )
        })?;
        let after = load(&store.read())?;
        if let Some(saved) = after.years.into_iter().find(|y| y.year == year.year) {
            dto = saved;
        }
    }
    Ok(CalendarLoadResult { year: dto, replaced, changed_days, dry_run })
}

/// Removes a loaded year; a shipped year of the same number comes back into force.
pub fn delete_calendar_year(store: &mut Store, ctx: &Ctx, year: i32) -> Result<CalendarStatusDto> {
    ctx.actor.require(Action::EditSettings)?;
    store.write(|db| {
        if !db.delete_calendar_year(year)? {
            return Err(Error::NotFound { entity: Entity::CalendarYear, key: year.to_string() });
        }
        ctx.audit(
            db,
            "calendar.delete",
            "calendar_year",
            Some(i64::from(year)),
            json!({ "year": year }),
        )
    })?;
    get_calendar_status(store, ctx)
}

/// A year in the calendar file format, for review or for loading elsewhere.
pub fn export_calendar_year(store: &Store, ctx: &Ctx, year: i32) -> Result<String> {
    ctx.actor.require(Action::ViewSettings)?;
    let loaded = load(&store.read())?;
    let y = loaded.calendar.year(year).ok_or(Error::CalendarYearMissing { year })?;
    Ok(year_file_text(y))
}

/// Adds a company day off or working day.
pub fn add_company_day(
    store: &mut Store,
    ctx: &Ctx,
    input: CompanyDayInput,
) -> Result<CalendarDayDto> {
    ctx.actor.require(Action::EditSettings)?;
    let calendar = load(&store.read())?.calendar;
    let day = core_cal::validate_company_day(&calendar, &input.date, &input.kind, &input.note)?;
    store.write(|db| {
        if let Some(existing) = db.get_company_day(day.date)? {
            return Err(Error::field(
                Field::Date,
                Problem::Duplicate { holder: format!("公司调整日「{}」", existing.note) },
                date::iso(day.date),
            ));
        }
        db.insert_company_day(&day, ctx.now, &ctx.actor.login)?;
        ctx.audit(
            db,
            "company_day.add",
            "company_day",
            None,
            json!({ "date": date::iso(day.date), "kind": day.kind.key(), "note": day.note }),
        )
    })?;
    let after = Calendar::new(calendar.years().cloned(), [day.clone()]);
    Ok(day_dto(&after.day(day.date)?))
}

/// Removes a company day; the date goes back to its national class.
pub fn delete_company_day(store: &mut Store, ctx: &Ctx, on: &str) -> Result<CalendarDayDto> {
    ctx.actor.require(Action::EditSettings)?;
    let mut errors = Vec::new();
    let on: NaiveDate =
        date::field(Field::Date, on, true, &mut errors).ok_or(Error::Invalid(errors))?;
    store.write(|db| {
        let removed = db
            .delete_company_day(on)?
            .ok_or_else(|| Error::NotFound { entity: Entity::CompanyDay, key: date::iso(on) })?;
        ctx.audit(
            db,
            "company_day.delete",
            "company_day",
            None,
            json!({ "date": date::iso(on), "kind": removed.kind.key(), "note": removed.note }),
        )
    })?;
    let loaded = load(&store.read())?;
    Ok(day_dto(&loaded.calendar.day(on)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "year = 2026\nnotice = \"通知\" x\n";
        let offset = text.find('x').expect("x");
        assert_eq!(line_column(text, offset), (2, 15));
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 10_000), (3, 1), "past the end clamps to the end");
    }

    #[test]
    fn the_file_format_round_trips() {
        for (year, text) in BUILTIN_YEARS {
            let parsed = core_cal::validate_year(&parse_year_file(text).expect("parses"))
                .unwrap_or_else(|e| panic!("shipped {year} is invalid: {e:?}"));
            let again = core_cal::validate_year(
                &parse_year_file(&year_file_text(&parsed)).expect("exported text parses"),
            )
            .expect("exported text is valid");
            assert_eq!(parsed, again, "{year} survives export and import unchanged");
        }
    }

    #[test]
    fn bare_toml_dates_and_numbers_are_accepted() {
        let form = parse_year_file(
            "year = \"2027\"\nnotice = \"n\"\nissued_on = 2026-11-20\nurl = \"u\"\n\
             days = [ { date = 2027-01-01, kind = \"statutory\", festival = \"元旦\" } ]\n",
        )
        .expect("parses");
        assert_eq!((form.year.as_str(), form.notice_issued_on.as_str()), ("2027", "2026-11-20"));
        assert_eq!(form.days[0].date, "2027-01-01");
    }
}
