//! The working calendar through its use cases: the shipped 2025 and 2026 notices checked date by
//! date against the labour-rules reference, the explicit error for a year with no notice,
//! loading and removing a year, company days, and rows changed outside Kaoqin.

use kaoqin_commands::calendar::{self, BUILTIN_YEARS};
use kaoqin_commands::dto::{
    CalendarSource, CalendarYearInput, CompanyDayInput, DayClass, DaySource,
};
use kaoqin_commands::{Error, Store, company};
use kaoqin_testkit::{TempDb, at, snapshot};

use crate::{ctx, refused};

fn store() -> Store {
    let mut store = kaoqin_testkit::memory_store();
    company::initialize(&mut store, &ctx(), None, None).expect("init");
    store
}

fn class_of(store: &Store, date: &str) -> DayClass {
    calendar::get_calendar_day(store, &ctx(), date)
        .unwrap_or_else(|e| panic!("{date}: {e:?}"))
        .class
}

use DayClass::{MakeUpWorkday as W, RestDay as R, Statutory as S};

/// china-labour-rules.md §4.3, "Every non-ordinary date, classified": every row, weekends too.
const REFERENCE_2026: &[(&str, DayClass)] = &[
    ("2026-01-01", S),
    ("2026-01-02", R),
    ("2026-01-03", R),
    ("2026-01-04", W),
    ("2026-02-14", W),
    ("2026-02-15", R),
    ("2026-02-16", S),
    ("2026-02-17", S),
    ("2026-02-18", S),
    ("2026-02-19", S),
    ("2026-02-20", R),
    ("2026-02-21", R),
    ("2026-02-22", R),
    ("2026-02-23", R),
    ("2026-02-28", W),
    ("2026-04-04", R),
    ("2026-04-05", S),
    ("2026-04-06", R),
    ("2026-05-01", S),
    ("2026-05-02", S),
    ("2026-05-03", R),
    ("2026-05-04", R),
    ("2026-05-05", R),
    ("2026-05-09", W),
    ("2026-06-19", S),
    ("2026-06-20", R),
    ("2026-06-21", R),
    ("2026-09-20", W),
    ("2026-09-25", S),
    ("2026-09-26", R),
    ("2026-09-27", R),
    ("2026-10-01", S),
    ("2026-10-02", S),
    ("2026-10-03", S),
    ("2026-10-04", R),
    ("2026-10-05", R),
    ("2026-10-06", R),
    ("2026-10-07", R),
    ("2026-10-10", W),
];

/// The same table for 2025.
const REFERENCE_2025: &[(&str, DayClass)] = &[
    ("2025-01-01", S),
    ("2025-01-26", W),
    ("2025-01-28", S),
    ("2025-01-29", S),
    ("2025-01-30", S),
    ("2025-01-31", S),
    ("2025-02-01", R),
    ("2025-02-02", R),
    ("2025-02-03", R),
    ("2025-02-04", R),
    ("2025-02-08", W),
    ("2025-04-04", S),
    ("2025-04-05", R),
    ("2025-04-06", R),
    ("2025-04-27", W),
    ("2025-05-01", S),
    ("2025-05-02", S),
    ("2025-05-03", R),
    ("2025-05-04", R),
    ("2025-05-05", R),
    ("2025-05-31", S),
    ("2025-06-01", R),
    ("2025-06-02", R),
    ("2025-09-28", W),
    ("2025-10-01", S),
    ("2025-10-02", S),
    ("2025-10-03", S),
    ("2025-10-04", R),
    ("2025-10-05", R),
    ("2025-10-06", S),
    ("2025-10-07", R),
    ("2025-10-08", R),
    ("2025-10-11", W),
];

#[test]
fn the_shipped_years_match_the_reference_date_by_date() {
    let store = store();
    for (reference, year) in [(REFERENCE_2025, 2025), (REFERENCE_2026, 2026)] {
        for (date, want) in reference {
            assert_eq!(class_of(&store, date), *want, "{date} in the {year} notice");
        }
        let detail = calendar::get_calendar_year(&store, &ctx(), year).expect("year");
        assert_eq!(
            detail.year.statutory_days, 13,
            "{year} has the 13 statutory days of the 2024 revision"
        );
        // Every date not in the reference is an ordinary weekday or weekend.
        for d in &detail.days {
            if reference.iter().all(|(r, _)| *r != d.date) {
                let want = if d.weekday >= 6 { R } else { DayClass::Workday };
                assert_eq!(d.class, want, "{} is not in the notice, so it is ordinary", d.date);
                assert!(matches!(d.source, DaySource::Weekday | DaySource::Weekend));
            }
        }
    }
    // The worked example of §5.
    let day = calendar::get_calendar_day(&store, &ctx(), "2026-10-05").expect("day");
    assert_eq!((day.source, day.festival.as_deref()), (DaySource::Substitute, Some("国庆节")));
    let day = calendar::get_calendar_day(&store, &ctx(), "2026/10/10").expect("day");
    assert_eq!(
        (day.source, day.swapped_with.as_deref()),
        (DaySource::MakeUpWorkday, Some("2026-10-07"))
    );
}

#[test]
fn a_year_without_a_notice_is_an_explicit_error() {
    let store = store();
    for date in ["2027-01-01", "2027-06-15", "2027-12-31", "2024-05-01"] {
        let err = calendar::get_calendar_day(&store, &ctx(), date).expect_err(date);
        let year: i32 = date[..4].parse().expect("year");
        assert!(
            matches!(err, Error::CalendarYearMissing { year: y } if y == year),
            "{date}: {err:?}"
        );
        let zh = err.to_dto().message.zh;
        assert!(
            zh.contains(&format!("{year} 年节假日安排尚未载入")) && zh.contains("设置 → 节假日"),
            "{zh}"
        );
    }
    let err = calendar::get_calendar_year(&store, &ctx(), 2027).expect_err("2027");
    assert_eq!(err.to_dto().message.en.split(':').next(), Some("2027 calendar not loaded"));
}

#[test]
fn next_year_is_missed_from_october_in_the_company_time_zone() {
    let store = store();
    let status = calendar::get_calendar_status(&store, &ctx()).expect("status");
    assert_eq!((status.today.as_str(), status.missing_next_year), ("2026-11-23", Some(2027)));
    assert_eq!(
        status.years.iter().map(|y| (y.year, y.source)).collect::<Vec<_>>(),
        vec![(2025, CalendarSource::Builtin), (2026, CalendarSource::Builtin)]
    );
    // 2026-09-30 16:30 UTC is already 10-01 00:30 in Beijing.
    let late_sept = kaoqin_commands::Ctx::new(ctx().actor, at(2026, 9, 30, 16, 30));
    let status = calendar::get_calendar_status(&store, &late_sept).expect("status");
    assert_eq!((status.today.as_str(), status.missing_next_year), ("2026-10-01", Some(2027)));
    let summer = kaoqin_commands::Ctx::new(ctx().actor, at(2026, 7, 1, 0, 0));
    assert_eq!(
        calendar::get_calendar_status(&store, &summer).expect("status").missing_next_year,
        None
    );
}

const NOTICE_2027: &str = r#"
year = 2027
notice = "国务院办公厅关于2027年部分节假日安排的通知（测试用）"
issued_on = "2026-11-20"
url = "https://example.invalid/2027"
days = [
  { date = "2027-01-01", kind = "statutory",       festival = "元旦" },
  { date = "2027-02-05", kind = "statutory",       festival = "春节" },
  { date = "2027-02-08", kind = "swapped_rest",    festival = "春节", swapped_with = "2027-02-20" },
  { date = "2027-02-20", kind = "make_up_workday", festival = "春节", swapped_with = "2027-02-08" },
]
"#;

#[test]
fn a_new_year_is_loaded_checked_first_and_removed_again() {
    let mut store = store();
    let c = ctx();
    let before = snapshot(&store);
    let preview =
        calendar::import_calendar_year(&mut store, &c, NOTICE_2027, true).expect("dry run");
    assert!(preview.dry_run && preview.replaced.is_none());
    assert_eq!(preview.year.statutory_days, 2);
    assert_eq!(snapshot(&store), before, "a dry run writes nothing");
    assert!(calendar::get_calendar_day(&store, &c, "2027-02-08").is_err());

    let done = calendar::import_calendar_year(&mut store, &c, NOTICE_2027, false).expect("load");
    assert_eq!(
        (done.year.source, done.year.loaded_by.as_deref()),
        (CalendarSource::Loaded, Some("admin"))
    );
    assert_eq!(class_of(&store, "2027-02-08"), R);
    assert_eq!(class_of(&store, "2027-02-20"), W);
    assert_eq!(class_of(&store, "2027-02-05"), S);
    let status = calendar::get_calendar_status(&store, &c).expect("status");
    assert_eq!(status.missing_next_year, None);

    // Loading the same file again changes no date.
    let again = calendar::import_calendar_year(&mut store, &c, NOTICE_2027, false).expect("reload");
    assert_eq!((again.replaced, again.changed_days.len()), (Some(CalendarSource::Loaded), 0));

    // The exported text loads back to the same data.
    let exported = calendar::export_calendar_year(&store, &c, 2027).expect("export");
    let same = calendar::import_calendar_year(&mut store, &c, &exported, true).expect("re-read");
    assert_eq!(same.year.checksum, done.year.checksum);

    calendar::delete_calendar_year(&mut store, &c, 2027).expect("delete");
    assert!(matches!(
        calendar::get_calendar_day(&store, &c, "2027-02-08"),
        Err(Error::CalendarYearMissing { year: 2027 })
    ));
    let err = refused(&mut store, |s| calendar::delete_calendar_year(s, &c, 2027));
    assert!(matches!(err, Error::NotFound { .. }));
    let err = refused(&mut store, |s| calendar::delete_calendar_year(s, &c, 2026));
    assert!(matches!(err, Error::NotFound { .. }), "a shipped year cannot be removed");
}

#[test]
fn a_loaded_year_replaces_the_shipped_one_and_says_what_changed() {
    let mut store = store();
    let c = ctx();
    // A corrected 2026 in which 10-10 is an ordinary Saturday and 10-07 a working day.
    let shipped = BUILTIN_YEARS.iter().find(|(y, _)| *y == 2026).expect("2026").1;
    let corrected: String = shipped
        .lines()
        .filter(|l| !l.contains("\"2026-10-07\", kind") && !l.contains("\"2026-10-10\", kind"))
        .map(|l| format!("{l}\n"))
        .collect();
    let result = calendar::import_calendar_year(&mut store, &c, &corrected, false).expect("load");
    assert_eq!(result.replaced, Some(CalendarSource::Builtin));
    let changed: Vec<_> = result.changed_days.iter().map(|d| (d.date.as_str(), d.class)).collect();
    assert_eq!(changed, vec![("2026-10-07", DayClass::Workday), ("2026-10-10", R)]);
    assert_eq!(class_of(&store, "2026-10-07"), DayClass::Workday);

    calendar::delete_calendar_year(&mut store, &c, 2026).expect("back to the shipped year");
    assert_eq!(class_of(&store, "2026-10-07"), R);
}

#[test]
fn a_bad_file_names_the_line_and_changes_nothing() {
    let mut store = store();
    let c = ctx();
    let err = refused(&mut store, |s| {
        calendar::import_calendar_year(s, &c, "year = 2027\nnotice = \"x\"\nissued_on = \n", false)
    });
    let Error::BadFile { line, .. } = &err else { panic!("{err:?}") };
    assert_eq!(*line, 3);
    assert!(err.to_dto().message.zh.contains("第 3 行"), "{}", err.to_dto().message.zh);

    let err = refused(&mut store, |s| {
        calendar::import_calendar_year(s, &c, &NOTICE_2027.replace("festival", "holiday"), false)
    });
    assert!(matches!(err, Error::BadFile { line: 7, .. }), "an unknown key is named: {err:?}");

    // Well-formed but wrong: every problem is listed.
    let wrong = NOTICE_2027
        .replace("\"2027-02-20\", kind", "\"2027-02-19\", kind")
        .replace("\"2027-01-01\"", "\"2026-12-31\"");
    let err = refused(&mut store, |s| calendar::import_calendar_year(s, &c, &wrong, false));
    let problems: Vec<String> = err
        .field_errors()
        .into_iter()
        .map(|f| format!("{} {} {}", f.field, f.problem, f.value))
        .collect();
    assert_eq!(
        problems,
        vec![
            "date not_in_year 2026-12-31",
            "date must_be_weekend 2027-02-19",
            "swapped_with swap_not_matched 2027-02-20",
        ],
        "{err:?}"
    );
}

#[test]
fn a_typed_year_is_checked_like_a_file() {
    let mut store = store();
    let c = ctx();
    let input = CalendarYearInput {
        year: "2027".into(),
        notice: "国务院办公厅关于2027年部分节假日安排的通知".into(),
        issued_on: "2026年11月20日".into(),
        url: "https://example.invalid/2027".into(),
        document_no: String::new(),
        days: vec![kaoqin_commands::dto::NoticeDayInput {
            date: "2027/1/1".into(),
            kind: "statutory".into(),
            festival: "元旦".into(),
            swapped_with: String::new(),
        }],
    };
    let mut missing_url = input.clone();
    missing_url.url.clear();
    let err = refused(&mut store, |s| calendar::save_calendar_year(s, &c, missing_url, false));
    assert_eq!(err.field_errors()[0].message.zh, "通知网址不能为空");
    calendar::save_calendar_year(&mut store, &c, input, false).expect("saved");
    assert_eq!(class_of(&store, "2027-01-01"), S);
}

#[test]
fn company_days_sit_on_top_and_statutory_days_stay() {
    let mut store = store();
    let c = ctx();
    let input = |date: &str, kind: &str, note: &str| CompanyDayInput {
        date: date.into(),
        kind: kind.into(),
        note: note.into(),
    };
    let day = calendar::add_company_day(&mut store, &c, input("2026-12-31", "day_off", "年终盘点"))
        .expect("day off");
    assert_eq!(
        (day.class, day.source, day.note.as_deref()),
        (R, DaySource::CompanyDayOff, Some("年终盘点"))
    );
    let day = calendar::add_company_day(&mut store, &c, input("2026-12-26", "working_day", "赶工"))
        .expect("working day");
    assert_eq!((day.class, day.source), (DayClass::Workday, DaySource::CompanyWorkingDay));

    let err = refused(&mut store, |s| {
        calendar::add_company_day(s, &c, input("2026-10-01", "working_day", "x"))
    });
    assert!(err.to_dto().message.zh.contains("法定节假日"), "{:?}", err.to_dto());
    let err = refused(&mut store, |s| {
        calendar::add_company_day(s, &c, input("2026-12-31", "day_off", "x"))
    });
    assert_eq!(err.field_errors()[0].problem, "duplicate", "one company day per date");
    let err = refused(&mut store, |s| {
        calendar::add_company_day(s, &c, input("2026-12-19", "day_off", "x"))
    });
    assert_eq!(err.field_errors()[0].problem, "already_day_off", "a Saturday is already off");
    let err = refused(&mut store, |s| {
        calendar::add_company_day(s, &c, input("2027-01-05", "day_off", "x"))
    });
    assert!(matches!(err, Error::CalendarYearMissing { year: 2027 }));
    let err = refused(&mut store, |s| {
        calendar::add_company_day(s, &c, input("2026-12-30", "holiday", ""))
    });
    assert_eq!(err.field_errors().len(), 2, "the kind and the empty note: {err:?}");

    let back = calendar::delete_company_day(&mut store, &c, "2026-12-31").expect("delete");
    assert_eq!((back.class, back.source), (DayClass::Workday, DaySource::Weekday));
    let err = refused(&mut store, |s| calendar::delete_company_day(s, &c, "2026-12-31"));
    assert!(matches!(err, Error::NotFound { .. }));
}

#[test]
fn rows_changed_outside_kaoqin_are_refused() {
    let db = TempDb::new();
    let mut store = db.open();
    company::initialize(&mut store, &ctx(), None, None).expect("init");
    calendar::import_calendar_year(&mut store, &ctx(), NOTICE_2027, false).expect("load");
    drop(store);
    let raw = rusqlite::Connection::open(&db.path).expect("raw");
    raw.execute("UPDATE calendar_day SET kind = 'substitute' WHERE date = '2027-02-08'", [])
        .expect("tamper");
    drop(raw);
    let store = db.open();
    let err = calendar::get_calendar_day(&store, &ctx(), "2026-03-02").expect_err("tampered");
    assert!(matches!(err, Error::CalendarChanged { year: 2027 }), "{err:?}");
    assert!(err.to_dto().message.zh.contains("重新导入"));
}
