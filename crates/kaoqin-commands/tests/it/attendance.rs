//! From punch files to the month's summary, on a real store, for October 2026 of the example
//! factory. The expected totals were worked out by hand; the working is next to each figure.

use kaoqin_commands::attendance::{self, ComputeRequest};
use kaoqin_commands::dto::{LeaveInput, ScheduleEdit};
use kaoqin_commands::{Error, Store, leave, schedule};
use kaoqin_testkit::snapshot;

use crate::refused;
use crate::schedule::{Site, cell, code_id, site};

/// 王五 (1003, office 09:00–18:00, lunch 12–13, grace 5) and 张三 (1001, night shifts).
fn punches() -> String {
    let mut rows = vec!["工号,姓名,打卡时间".to_owned()];
    let mut add = |no: &str, at: &str| rows.push(format!("{no},x,{at}"));
    // The 18 working days of October: 10-08, 09, 10 (调休上班), 12–16, 19–23, 26–30.
    let working = [8, 9, 10, 12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30];
    for d in working {
        let day = format!("2026-10-{d:02}");
        match d {
            8 => {
                add("1003", &format!("{day} 09:12:00"));
                add("1003", &format!("{day} 18:00:00"))
            } // late 12
            9 => {
                add("1003", &format!("{day} 08:58:00"));
                add("1003", &format!("{day} 17:30:00"))
            } // early 30
            10 => {
                add("1003", &format!("{day} 08:50:00"));
                add("1003", &format!("{day} 19:45:00"))
            } // OT 105 → 90
            12 => add("1003", &format!("{day} 08:59:00")), // missing check-out
            13 => {}                                       // absent
            14 => {
                add("1003", &format!("{day} 09:40:00"));
                add("1003", &format!("{day} 18:00:00"))
            } // serious late 40
            15 => {
                add("1003", &format!("{day} 13:55:00"));
                add("1003", &format!("{day} 18:02:00"))
            } // sick leave AM
            16 => {
                add("1003", &format!("{day} 08:57:00"));
                add("1003", &format!("{day} 14:01:00"))
            } // 外出 14–18
            21 => {
                add("1003", &format!("{day} 08:55:00"));
                add("1003", &format!("{day} 21:40:00"))
            } // OT 220 → 210, over 3 h
            _ => {
                add("1003", &format!("{day} 08:55:00"));
                add("1003", &format!("{day} 18:05:00"))
            }
        }
    }
    // A Saturday (rest day, 200%) and 国庆 (statutory, 300%).
    add("1003", "2026-10-17 09:00:00");
    add("1003", "2026-10-17 15:00:00"); // 360 − 60 break = 300
    add("1003", "2026-10-01 09:00:00");
    add("1003", "2026-10-01 13:00:00"); // 240
    // 张三: nights 10-26 to 10-31, 22:00–06:00; on 10-30 he stays until 07:10 (70 → 60).
    for d in 26..=31 {
        add("1001", &format!("2026-10-{d:02} 21:50:00"));
        let out = if d == 30 { "07:10:00" } else { "06:05:00" };
        let next = if d == 31 { "2026-11-01".to_owned() } else { format!("2026-10-{:02}", d + 1) };
        add("1001", &format!("{next} {out}"));
    }
    rows.join("\r\n")
}

fn type_id(store: &Store, code: &str) -> i64 {
    leave::list_leave_types(store, &crate::ctx())
        .expect("types")
        .into_iter()
        .find(|t| t.leave_type.code == code)
        .map(|t| t.id)
        .expect(code)
}

fn month(store: &mut Store) -> Vec<String> {
    let summary =
        attendance::month_summary(store, &crate::ctx(), "2026-10", None).expect("summary");
    summary
        .rows
        .iter()
        .map(|r| {
            format!(
                "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{} | exceptions {} provisional {}",
                r.employee_no,
                r.name,
                r.department,
                r.scheduled_days,
                r.attended_days,
                r.late_count,
                r.late_minutes,
                r.early_count,
                r.early_minutes,
                r.missing_punch_count,
                r.absent_days,
                r.leave_minutes,
                r.ot_workday_minutes,
                r.ot_restday_minutes,
                r.ot_holiday_minutes,
                r.exception_days,
                r.provisional_days,
            )
        })
        .collect()
}

#[test]
fn october_from_a_punch_file_to_the_summary() {
    let Site { mut store, people: [zhang, _li, wang] } = site();
    let c = crate::ctx();
    let night = code_id(&store, "夜");
    let cells = (26..=31).map(|d| cell(zhang, &format!("2026-10-{d}"))).collect();
    schedule::edit_schedule(
        &mut store,
        &c,
        ScheduleEdit::Paint { cells, timetable_id: Some(night) },
    )
    .expect("paint");
    let leave_on =
        |store: &mut Store, code: &str, date: &str, end_half: &str, from: &str, to: &str| {
            let input = LeaveInput {
                employee_ids: vec![wang],
                leave_type_id: type_id(store, code),
                start_date: date.into(),
                start_half: "am".into(),
                end_date: date.into(),
                end_half: end_half.into(),
                from_time: from.into(),
                to_time: to.into(),
                note: String::new(),
                dry_run: false,
            };
            leave::add_leave(store, &crate::ctx(), input).expect("leave");
        };
    leave_on(&mut store, "sick", "2026-10-15", "am", "", "");
    leave_on(&mut store, "outing", "2026-10-16", "pm", "14:00", "18:00");

    let err = refused(&mut store, |s| attendance::month_summary(s, &crate::ctx(), "2026-10", None));
    assert!(matches!(err, Error::NotComputed { .. }), "{err:?}");

    let file = punches();
    let report = attendance::import_punches(&mut store, &c, "october.csv", file.as_bytes(), false)
        .expect("import");
    // 王五: 16 days × 2 + 10-12's one + 4 on the Saturday and 国庆 = 37; 张三: 6 nights × 2 = 12.
    assert_eq!((report.punches, report.added, report.unknown.len()), (49, 49, 0));
    let again = attendance::import_punches(&mut store, &c, "october.csv", file.as_bytes(), false)
        .expect("import again");
    assert_eq!((again.added, again.already_stored), (0, 49), "re-importing adds nothing");

    let request = ComputeRequest { month: "2026-10".into(), ..ComputeRequest::default() };
    let mut seen = Vec::new();
    let computed =
        attendance::compute(&mut store, &c, &request, &mut |done, total| seen.push((done, total)))
            .expect("compute");
    assert_eq!((computed.employees, computed.days), (3, 93));
    assert_eq!(seen.last(), Some(&(3, 3)), "progress reaches the end");

    // 王五: 18 working days; absent 10-13 (1 day); sick leave on the morning of 10-15 = the first
    // 240 of 480 duty minutes (0.5 day); attended 18 − 1 − 0.5 = 16.5 (外出 counts as attended).
    // Late: 10-08 12 min, 10-14 40 min → 2, 52. Early: 10-09 30 min. Missing: 10-12's check-out.
    // Overtime on working days: 10-10 105 → 90 (30-minute units, rounded down) and 10-21 220 →
    // 210 = 300; Saturday 10-17 9:00–15:00 = 360 less a 60-minute break = 300; 国庆 10-01 240.
    // Exception days: 10-08, 09, 12, 13, 14 and 10-21 (over 3 hours of overtime) = 6.
    // 张三: six nights (10-26 to 31), all worked; 10-30's 07:10 check-out is 70 → 60 minutes of
    // overtime. 10-31's night may still have punches until 11-01 10:00 (its check-out window)
    // while punches were read up to 11-01 06:05: provisional.
    // 李四: in the shift crew with nothing painted: no scheduled day.
    assert_eq!(
        month(&mut store),
        [
            "1001,张三,总部/生产部,6,6,0,0,0,0,0,0,0,60,0,0 | exceptions 0 provisional 1",
            "1002,李四,总部/生产部,0,0,0,0,0,0,0,0,0,0,0,0 | exceptions 0 provisional 0",
            "1003,王五,总部/财务部,18,16.5,2,52,1,30,1,1,240,300,300,240 | exceptions 6 provisional 0",
        ]
    );

    // Results are derived: computing again gives the same rows, byte for byte.
    let results = |store: &Store| {
        let all = snapshot(store);
        let start = all.find("# day_result\n").expect("day_result section");
        let rest = &all[start + 1..];
        rest[..rest.find("\n# ").unwrap_or(rest.len())].to_owned()
    };
    let before = results(&store);
    assert!(before.lines().count() > 90, "{before}");
    attendance::compute(&mut store, &c, &request, &mut |_, _| {}).expect("compute again");
    assert_eq!(results(&store), before);

    // The ledger of a late day reads as sentences.
    let day = attendance::get_day_detail(&mut store, &c, wang, "2026-10-14").expect("day");
    assert_eq!((day.row.status.as_str(), day.row.late_minutes), ("exception", 40));
    let lines: Vec<&str> = day.ledger.iter().map(|l| l.zh.as_str()).collect();
    assert!(lines.contains(&"第 1 段严重迟到 40 分钟（从上班时间算起）"), "{lines:#?}");
    let month = attendance::get_person_month(&mut store, &c, zhang, "2026-10").expect("month");
    let nights: Vec<(&str, Option<&str>, u32)> = month.days[25..]
        .iter()
        .map(|d| (d.status.as_str(), d.timetable.as_deref(), d.overtime_minutes))
        .collect();
    assert_eq!(
        nights,
        [
            ("normal", Some("夜"), 0),
            ("normal", Some("夜"), 0),
            ("normal", Some("夜"), 0),
            ("normal", Some("夜"), 0),
            ("normal", Some("夜"), 60),
            ("normal", Some("夜"), 0),
        ]
    );
    assert!(month.days[30].provisional && !month.days[29].provisional);
}

#[test]
fn a_punch_file_with_a_bad_line_imports_nothing() {
    let Site { mut store, .. } = site();
    let file = "工号,打卡时间\r\n1003,2026-10-08 08:55:00\r\n1003,2026-10-32 18:00:00\r\n,2026-10-09 08:00\r\n";
    let err = refused(&mut store, |s| {
        attendance::import_punches(s, &crate::ctx(), "bad.csv", file.as_bytes(), false)
    });
    let Error::PunchFileInvalid(lines) = &err else { panic!("{err:?}") };
    assert_eq!(lines.iter().map(|l| l.line).collect::<Vec<_>>(), [3, 4]);
    let message = err.to_dto().message.zh;
    assert!(message.contains("第 3 行「打卡时间」"), "{message}");
}
