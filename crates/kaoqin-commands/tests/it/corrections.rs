//! The exception inbox, resolutions and their undo, and closing a month, on 王五's October
//! (office hours 09:00–18:00, lunch 12–13). Every changed figure is stated next to the step.

use kaoqin_commands::attendance::{self, ComputeRequest};
use kaoqin_commands::dto::{
    ExceptionQuery, PunchDirection, ResolutionInput, ResolutionTarget, ResolveInput,
};
use kaoqin_commands::{Error, Store, audit, corrections, period};
use kaoqin_testkit::snapshot;

use crate::ctx;
use crate::schedule::{Site, site};

/// 10-12 missing check-out, 10-13 no punch (absent), 10-14 serious late; every other working
/// day of October complete, and everything read up to November.
fn october() -> (Store, i64) {
    let Site { mut store, people: [_zhang, _li, wang] } = site();
    let mut rows = vec!["工号,姓名,打卡时间".to_owned()];
    for d in [8, 9, 10, 12, 14, 15, 16, 19, 20, 21, 22, 23, 26, 27, 28, 29, 30] {
        let day = format!("2026-10-{d:02}");
        match d {
            12 => rows.push(format!("1003,王五,{day} 08:59:00")),
            14 => {
                rows.push(format!("1003,王五,{day} 09:40:00"));
                rows.push(format!("1003,王五,{day} 18:00:00"));
            }
            _ => {
                rows.push(format!("1003,王五,{day} 08:55:00"));
                rows.push(format!("1003,王五,{day} 18:05:00"));
            }
        }
    }
    rows.push("1003,王五,2026-11-02 08:55:00".into());
    attendance::import_punches(&mut store, &ctx(), "p.csv", rows.join("\n").as_bytes(), false)
        .expect("import");
    compute(&mut store).expect("compute");
    (store, wang)
}

fn compute(store: &mut Store) -> kaoqin_commands::Result<()> {
    let request =
        ComputeRequest { month: "2026-10".into(), employee_no: None, department_id: None };
    attendance::compute(store, &ctx(), &request, &mut |_, _| {}).map(|_| ())
}

/// 王五's open findings as `date kind minutes`.
fn inbox(store: &Store) -> Vec<String> {
    let q = ExceptionQuery {
        month: "2026-10".into(),
        employee_no: Some("1003".into()),
        ..ExceptionQuery::default()
    };
    let list = corrections::list_exceptions(store, &ctx(), &q).expect("inbox");
    let mut rows: Vec<String> =
        list.rows.iter().map(|r| format!("{} {} {}", r.date, r.kind, r.minutes)).collect();
    rows.sort();
    rows
}

fn day(store: &mut Store, wang: i64, date: &str) -> (String, u32, Vec<String>) {
    let d = attendance::get_day_detail(store, &ctx(), wang, date).expect("day");
    (d.row.status, d.row.worked_minutes, d.ledger.into_iter().map(|l| l.zh).collect())
}

fn resolve(
    store: &mut Store,
    wang: i64,
    dates: &[&str],
    resolution: ResolutionInput,
) -> kaoqin_commands::Result<kaoqin_commands::dto::ResolveReport> {
    corrections::resolve(
        store,
        &ctx(),
        ResolveInput {
            targets: dates
                .iter()
                .map(|d| ResolutionTarget { employee_id: wang, date: (*d).into() })
                .collect(),
            resolution,
            reason: "考勤机故障，主管确认".into(),
            attachment: "补卡单 2026-118".into(),
        },
    )
}

#[test]
fn each_resolution_changes_the_day_and_undoes_cleanly() {
    let (mut store, wang) = october();
    assert_eq!(
        inbox(&store),
        ["2026-10-12 missing_check_out 480", "2026-10-13 absent 480", "2026-10-14 serious_late 40"]
    );
    let before = snapshot(&store);
    let untouched = day(&mut store, wang, "2026-10-12");

    // 补卡 18:01 out: the 12th is a normal full day, and its ledger says why.
    let made = resolve(
        &mut store,
        wang,
        &["2026-10-12"],
        ResolutionInput::MakeUp {
            time: "18:01".into(),
            next_day: false,
            direction: PunchDirection::Out,
        },
    )
    .expect("make-up");
    assert_eq!(made.changed_days, 1);
    let (status, worked, ledger) = day(&mut store, wang, "2026-10-12");
    assert_eq!((status.as_str(), worked), ("normal", 480));
    assert!(
        ledger.contains(&"补卡（更正 #1） 10-12 18:01:00：作为第 1 段下班卡".to_owned()),
        "{ledger:#?}"
    );
    assert!(
        ledger.contains(&"考勤员更正 #1：补卡 10-12 18:01:00（下班卡）".to_owned()),
        "{ledger:#?}"
    );
    assert_eq!(inbox(&store), ["2026-10-13 absent 480", "2026-10-14 serious_late 40"]);

    // Ignore the late 09:40 punch: the 14th loses its check-in instead of being late.
    let punch = store
        .read()
        .list_raw_punches(
            chrono::NaiveDate::from_ymd_opt(2026, 10, 14)
                .expect("d")
                .and_hms_opt(0, 0, 0)
                .expect("t"),
            chrono::NaiveDate::from_ymd_opt(2026, 10, 15)
                .expect("d")
                .and_hms_opt(0, 0, 0)
                .expect("t"),
        )
        .expect("punches")[0]
        .id;
    resolve(&mut store, wang, &["2026-10-14"], ResolutionInput::IgnorePunch { punch_id: punch })
        .expect("ignore");
    assert_eq!(
        inbox(&store),
        ["2026-10-13 absent 480", "2026-10-14 missing_check_in 480"],
        "09:00–18:00 has no check-in now"
    );

    // 按出勤处理 on the 13th (a company event): worked 480, nothing left open that day.
    resolve(&mut store, wang, &["2026-10-13"], ResolutionInput::AcceptWorked).expect("accept");
    assert_eq!(day(&mut store, wang, "2026-10-13").1, 480);
    assert_eq!(inbox(&store), ["2026-10-14 missing_check_in 480"]);

    // A note reviews the 14th without changing its figures.
    let noted_before = day(&mut store, wang, "2026-10-14").1;
    resolve(&mut store, wang, &["2026-10-14"], ResolutionInput::Note).expect("note");
    assert_eq!(day(&mut store, wang, "2026-10-14").1, noted_before);
    assert!(inbox(&store).is_empty());

    // Undo all of it, newest first: the month is as it was, corrections and audit aside.
    let list = corrections::list_corrections(&store, &ctx(), "2026-10", None).expect("list");
    assert_eq!(list.len(), 4);
    assert!(list.iter().all(|c| c.reason == "考勤机故障，主管确认" && c.created_by == "admin"));
    for c in list.iter().rev() {
        corrections::undo(&mut store, &ctx(), c.id, "录入错误").expect("undo");
    }
    assert_eq!(day(&mut store, wang, "2026-10-12"), untouched);
    assert_eq!(
        inbox(&store),
        ["2026-10-12 missing_check_out 480", "2026-10-13 absent 480", "2026-10-14 serious_late 40"]
    );
    let undone = corrections::list_corrections(&store, &ctx(), "2026-10", None).expect("list");
    assert!(undone.iter().all(|c| c.undo_reason.as_deref() == Some("录入错误")));
    let again = corrections::undo(&mut store, &ctx(), list[0].id, "再次撤销");
    assert!(matches!(again, Err(Error::AlreadyUndone { .. })), "{again:?}");
    // Results are derived: the day_result rows are back to what they were.
    let results =
        |s: &str| s.lines().filter(|l| l.contains("day_result")).collect::<Vec<_>>().join("\n");
    assert_eq!(results(&snapshot(&store)), results(&before));
}

#[test]
fn bulk_leave_and_overtime_and_mark_absent() {
    let (mut store, wang) = october();
    // 病假 for the 13th through the leave use case: the correction points at the record.
    let sick = |from: &str, to: &str| ResolutionInput::Leave {
        leave_type: "病假".into(),
        from_time: from.into(),
        to_time: to.into(),
    };
    let made = resolve(&mut store, wang, &["2026-10-13"], sick("", "")).expect("leave");
    let d = attendance::get_day_detail(&mut store, &ctx(), wang, "2026-10-13").expect("day");
    assert_eq!((d.row.status.as_str(), d.row.leave_minutes), ("leave", 480));
    corrections::undo(&mut store, &ctx(), made.corrections[0], "请错了").expect("undo");
    let d = attendance::get_day_detail(&mut store, &ctx(), wang, "2026-10-13").expect("day");
    assert_eq!(
        (d.row.status.as_str(), d.row.leave_minutes, d.row.absent_minutes),
        ("exception", 0, 480)
    );

    // One resolution for two days at once, in one batch; 按旷工处理 on a worked day.
    let bulk =
        resolve(&mut store, wang, &["2026-10-19", "2026-10-20"], ResolutionInput::MarkAbsent)
            .expect("bulk");
    assert_eq!((bulk.corrections.len(), bulk.changed_days), (2, 2));
    let list = corrections::list_corrections(&store, &ctx(), "2026-10", Some(wang)).expect("list");
    let batches: Vec<Option<i64>> =
        list.iter().filter(|c| c.kind == "mark_absent").map(|c| c.batch).collect();
    assert!(batches[0].is_some() && batches[0] == batches[1], "{batches:?}");
    let d = attendance::get_day_detail(&mut store, &ctx(), wang, "2026-10-20").expect("day");
    assert_eq!((d.row.worked_minutes, d.row.absent_minutes), (0, 480));

    // All or none: one bad target refuses the whole bulk, and nothing is written.
    let before = snapshot(&store);
    let refused = resolve(&mut store, wang, &["2026-10-21", "2026-10-32"], ResolutionInput::Note);
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    let blank = corrections::resolve(
        &mut store,
        &ctx(),
        ResolveInput {
            targets: vec![ResolutionTarget { employee_id: wang, date: "2026-10-21".into() }],
            resolution: ResolutionInput::Note,
            reason: "  ".into(),
            attachment: String::new(),
        },
    );
    assert!(matches!(blank, Err(Error::Invalid(_))), "a reason is required: {blank:?}");
    // A punch of someone else cannot be ignored on 王五's day.
    let other = resolve(
        &mut store,
        wang,
        &["2026-10-21"],
        ResolutionInput::IgnorePunch { punch_id: 999_999 },
    );
    assert!(matches!(other, Err(Error::Invalid(_))), "{other:?}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_closed_month_is_frozen_until_re_opened_with_a_reason() {
    let (mut store, wang) = october();
    let status = period::status(&store, &ctx(), "2026-10").expect("status");
    let failed: Vec<&str> =
        status.checks.iter().filter(|c| !c.ok).map(|c| c.key.as_str()).collect();
    assert_eq!(failed, ["exceptions"], "{:#?}", status.checks);
    let refused = period::close(&mut store, &ctx(), "2026-10", false, "");
    let Err(Error::CloseChecksFailed { failed, .. }) = &refused else { panic!("{refused:?}") };
    assert!(failed[0].text.zh.contains("未处理的严重异常"), "{:?}", failed[0].text);
    assert!(
        Error::CloseChecksFailed { month: "2026-10".into(), failed: failed.clone() }
            .message()
            .zh
            .contains("填写原因强制结账")
    );

    // Clear what blocks it: 补卡 for the 12th, 按出勤处理 for the 13th, the 14th stays a
    // serious late (an error): the close is forced with a reason.
    resolve(
        &mut store,
        wang,
        &["2026-10-12"],
        ResolutionInput::MakeUp {
            time: "18:00".into(),
            next_day: false,
            direction: PunchDirection::Out,
        },
    )
    .expect("make-up");
    resolve(&mut store, wang, &["2026-10-13"], ResolutionInput::AcceptWorked).expect("accept");
    let closed =
        period::close(&mut store, &ctx(), "2026-10", true, "迟到按制度处理").expect("close");
    assert!(closed.closed);
    let head = store.read().audit_head().expect("head").expect("a head");
    assert_eq!(closed.events[0].audit_seq, Some(head.seq), "the close stores the log's head");
    assert_eq!(closed.events[0].audit_head.as_deref(), Some(head.short().as_str()));

    // Frozen: no correction, no undo, no recompute.
    let before = snapshot(&store);
    let correction = resolve(&mut store, wang, &["2026-10-14"], ResolutionInput::Note);
    assert!(matches!(correction, Err(Error::MonthClosed { .. })), "{correction:?}");
    assert!(correction.unwrap_err().message().zh.contains("2026-10 已结账"));
    let first = corrections::list_corrections(&store, &ctx(), "2026-10", None).expect("list")[0].id;
    assert!(matches!(
        corrections::undo(&mut store, &ctx(), first, "x"),
        Err(Error::MonthClosed { .. })
    ));
    assert!(matches!(compute(&mut store), Err(Error::MonthClosed { .. })));
    assert!(matches!(period::reopen(&mut store, &ctx(), "2026-10", " "), Err(Error::Invalid(_))));
    assert_eq!(snapshot(&store), before);

    let reopened = period::reopen(&mut store, &ctx(), "2026-10", "补发 10 月加班").expect("reopen");
    assert!(!reopened.closed);
    assert_eq!(
        reopened.events.iter().map(|e| (e.action.as_str(), e.reason.as_str())).collect::<Vec<_>>(),
        [("close", "迟到按制度处理"), ("reopen", "补发 10 月加班")]
    );
    resolve(&mut store, wang, &["2026-10-14"], ResolutionInput::Note).expect("open again");
    let log = audit::list(
        &store,
        &ctx(),
        kaoqin_commands::dto::AuditQuery { action: Some("period".into()), ..Default::default() },
    )
    .expect("audit");
    assert_eq!(
        log.rows.iter().map(|r| r.action.as_str()).collect::<Vec<_>>(),
        ["period.reopen", "period.close"]
    );
    assert!(log.rows[0].detail.contains("补发 10 月加班"));
    let again = period::reopen(&mut store, &ctx(), "2026-10", "again");
    assert!(matches!(again, Err(Error::MonthNotClosed { .. })), "{again:?}");
}

#[test]
fn review_flags_name_the_punches_and_are_dismissed_with_a_reason() {
    let Site { mut store, people: [_zhang, _li, _wang] } = site();
    // 10-12 08:00: 张三, 李四, 王五 seconds apart on one terminal (the file's).
    let rows = [
        "工号,姓名,打卡时间",
        "1001,张三,2026-10-12 08:00:01",
        "1002,李四,2026-10-12 08:00:04",
        "1003,王五,2026-10-12 08:00:06",
        "1003,王五,2026-10-12 18:00:00",
    ];
    attendance::import_punches(&mut store, &ctx(), "p.csv", rows.join("\n").as_bytes(), false)
        .expect("import");
    let flags = kaoqin_commands::flags::list_flags(&store, &ctx(), "2026-10").expect("flags");
    assert_eq!(flags.len(), 1, "{flags:#?}");
    let f = &flags[0];
    assert_eq!((f.kind.as_str(), f.date.as_str()), ("buddy_chain", "2026-10-12"));
    assert_eq!(f.people, ["1001 张三", "1002 李四", "1003 王五"]);
    assert!(f.text.zh.contains("3 人在考勤机 导入文件 上 5 秒内接连打卡"), "{}", f.text.zh);

    let refused = kaoqin_commands::flags::dismiss_flag(&mut store, &ctx(), "2026-10", &f.key, " ");
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    let unknown =
        kaoqin_commands::flags::dismiss_flag(&mut store, &ctx(), "2026-10", "buddy_chain:9", "x");
    assert!(matches!(unknown, Err(Error::NotFound { .. })), "{unknown:?}");
    kaoqin_commands::flags::dismiss_flag(
        &mut store,
        &ctx(),
        "2026-10",
        &f.key,
        "三人同车到达，主管确认",
    )
    .expect("dismiss");
    let after = kaoqin_commands::flags::list_flags(&store, &ctx(), "2026-10").expect("flags");
    assert_eq!(after[0].dismissed_reason.as_deref(), Some("三人同车到达，主管确认"));
    let log = audit::list(
        &store,
        &ctx(),
        kaoqin_commands::dto::AuditQuery { action: Some("flag".into()), ..Default::default() },
    )
    .expect("audit");
    assert_eq!(log.total, 1);
}
