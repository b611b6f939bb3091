//! Leave through its use cases on a real store: the shipped leave types, amounts that skip the
//! days a person would not work (国庆 and 调休上班 included), balances granted pro rata, overlaps
//! and overdrawn balances refused with nothing written, cancelling, carry-over that expires.

use kaoqin_commands::dto::{CancelLeaveInput, GrantAnnualInput, LeaveInput, LeaveQuery};
use kaoqin_commands::{Store, leave};

use crate::refused;
use crate::schedule::{Site, site};

fn ctx() -> kaoqin_commands::Ctx {
    crate::ctx()
}

fn type_id(store: &Store, code: &str) -> i64 {
    leave::list_leave_types(store, &ctx())
        .expect("types")
        .into_iter()
        .find(|t| t.leave_type.code == code)
        .map(|t| t.id)
        .expect(code)
}

fn messages(e: &kaoqin_commands::Error) -> Vec<String> {
    e.to_dto().fields.into_iter().map(|f| f.message.zh).collect()
}

fn annual_leave(who: i64, t: i64) -> LeaveInput {
    LeaveInput {
        employee_ids: vec![who],
        leave_type_id: t,
        start_date: "2026-10-08".into(),
        start_half: "pm".into(),
        end_date: "2026-10-12".into(),
        end_half: "am".into(),
        note: "回老家".into(),
        ..Default::default()
    }
}

#[test]
fn annual_leave_from_grant_to_carry_over() {
    let Site { mut store, people: [_, _, wang] } = site();
    let names: Vec<String> = leave::list_leave_types(&store, &ctx())
        .expect("types")
        .into_iter()
        .map(|t| t.leave_type.name)
        .collect();
    assert_eq!(
        names,
        ["年假", "病假", "事假", "婚假", "产假", "陪产假", "丧假", "调休假", "外出", "出差"]
    );
    let annual = type_id(&store, "annual");

    let err = refused(&mut store, |s| leave::add_leave(s, &ctx(), annual_leave(wang, annual)));
    assert_eq!(messages(&err), ["1003 王五：余额只剩 0 天，这次需要 3 天"], "no grant yet");

    let grant = |store: &mut Store, year, dry_run| {
        leave::grant_annual_leave(
            store,
            &ctx(),
            GrantAnnualInput { leave_type_id: annual, year, dry_run },
        )
        .expect("grant")
    };
    let dry = grant(&mut store, 2026, true);
    assert_eq!(
        (dry.granted_people, dry.granted_total),
        (3, 12.0),
        "hired 2026-01-05: 361/365 × 5 → 4 days each"
    );
    let done = grant(&mut store, 2026, false);
    assert_eq!(done.granted_total, 12.0);
    assert_eq!(grant(&mut store, 2026, false).already_granted, 3, "granting twice grants nothing");

    // 10-08 afternoon to 10-12 morning: Thursday ½, Friday, 调休上班 Saturday, Monday ½; Sunday is
    // a rest day and does not count.
    let dry = leave::add_leave(
        &mut store,
        &ctx(),
        LeaveInput { dry_run: true, ..annual_leave(wang, annual) },
    )
    .expect("dry run");
    assert_eq!(
        (dry[0].id, dry[0].amount, dry[0].when.zh.as_str()),
        (0, 3.0, "2026-10-08 下午 至 2026-10-12 上午")
    );
    let saved = leave::add_leave(&mut store, &ctx(), annual_leave(wang, annual)).expect("leave");
    let balance = |store: &Store, as_of: &str| {
        leave::leave_balances(store, &ctx(), annual, as_of)
            .expect("balances")
            .into_iter()
            .find(|b| b.employee_id == wang)
            .map(|b| (b.granted, b.taken, b.expired, b.remaining))
            .expect("王五")
    };
    assert_eq!(balance(&store, "2026-10-31"), (4.0, 3.0, 0.0, 1.0));

    let personal = type_id(&store, "personal");
    let hours = LeaveInput {
        employee_ids: vec![wang],
        leave_type_id: personal,
        start_date: "2026-10-09".into(),
        from_time: "14:00".into(),
        to_time: "15:30".into(),
        ..Default::default()
    };
    let err = refused(&mut store, |s| leave::add_leave(s, &ctx(), hours.clone()));
    assert_eq!(
        messages(&err),
        [
            "1003 王五 与已登记的请假 年假 2026-10-08 下午 至 2026-10-12 上午 时间重叠：先撤销那条，或改时间"
        ]
    );

    leave::cancel_leave(
        &mut store,
        &ctx(),
        CancelLeaveInput { id: saved[0].id, reason: "行程取消".into() },
    )
    .expect("cancel");
    let added = leave::add_leave(&mut store, &ctx(), hours).expect("now it fits");
    assert_eq!(added[0].amount, 1.5);
    let all = |include_cancelled| {
        let q = LeaveQuery {
            from: "2026-10-01".into(),
            to: "2026-10-31".into(),
            include_cancelled,
            ..Default::default()
        };
        leave::list_leave(&store, &ctx(), q).expect("list")
    };
    assert_eq!(all(false).len(), 1);
    let cancelled = all(true).into_iter().find(|r| r.cancelled).expect("kept");
    assert_eq!(
        cancelled.cancel_reason.as_deref(),
        Some("行程取消"),
        "a cancelled leave stays, with its reason"
    );
    assert_eq!(
        balance(&store, "2026-10-31"),
        (4.0, 0.0, 0.0, 4.0),
        "cancelling gives the days back"
    );

    // 2027: 4 days carried over until 03-31, then lost; 5 new days.
    let next = grant(&mut store, 2027, false);
    assert_eq!((next.carried_people, next.carried_total, next.granted_total), (3, 12.0, 15.0));
    assert_eq!(balance(&store, "2027-03-31"), (9.0, 0.0, 0.0, 9.0));
    assert_eq!(balance(&store, "2027-04-01"), (9.0, 0.0, 4.0, 5.0));
}

#[test]
fn batch_sick_leave_follows_each_persons_plan() {
    let Site { mut store, people: [zhang, li, _] } = site();
    let sick = type_id(&store, "sick");
    let rotation = kaoqin_commands::timetables::list_rotations(&store, &ctx())
        .expect("rotations")
        .into_iter()
        .find(|r| r.name == "三班倒")
        .expect("rotation");
    kaoqin_commands::schedule::edit_schedule(
        &mut store,
        &ctx(),
        kaoqin_commands::dto::ScheduleEdit::FillRotation {
            employee_ids: vec![zhang, li],
            rotation_id: rotation.id,
            anchor: "2026-10-01".into(),
            from: "2026-10-01".into(),
            to: "2026-10-31".into(),
            offset_per_person: 2,
        },
    )
    .expect("fill");
    // 10-05..10-08: 张三 夜 夜 休 休 (2 days); 李四 中 中 夜 夜 (4 days); 国庆 does not matter to
    // a shift crew, only their own plan does.
    let input = LeaveInput {
        employee_ids: vec![zhang, li],
        leave_type_id: sick,
        start_date: "2026-10-05".into(),
        end_date: "2026-10-08".into(),
        ..Default::default()
    };
    let saved = leave::add_leave(&mut store, &ctx(), input).expect("batch");
    let amounts: Vec<(String, f64)> = saved.iter().map(|r| (r.name.clone(), r.amount)).collect();
    assert_eq!(amounts, [("张三".to_owned(), 2.0), ("李四".to_owned(), 4.0)]);
    let bad = LeaveInput {
        employee_ids: vec![zhang, 999],
        leave_type_id: sick,
        start_date: "2026-10-20".into(),
        end_date: "2026-10-19".into(),
        ..Default::default()
    };
    let err = refused(&mut store, |s| leave::add_leave(s, &ctx(), bad));
    assert_eq!(messages(&err), ["员工「999」不存在", "结束 2026-10-19 早于开始 2026-10-20"]);
}
