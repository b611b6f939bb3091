//! The 排班 grid through its use cases on a real store: October 2026 with the example factory
//! (a fixed office group around 国庆, a three-shift crew filled from a rotation), conflicts,
//! paint / swap / copy / clear, and undo by restoring what an edit returned.

use kaoqin_commands::dto::{
    AssignGroupInput, ScheduleCellRef, ScheduleEdit, ScheduleGridDto, ScheduleQuery,
};
use kaoqin_commands::{Store, employees, groups, schedule, setup, timetables};
use kaoqin_testkit::snapshot;

use crate::{ctx, input, refused, seeded};

const FACTORY: &str = include_str!("../../../../assets/examples/factory-setup.toml");

pub(crate) struct Site {
    pub store: Store,
    /// 张三 (shift crew), 李四 (shift crew), 王五 (office).
    pub people: [i64; 3],
}

pub(crate) fn site() -> Site {
    let (mut store, hq, prod, fin) = seeded();
    setup::import_setup(&mut store, &ctx(), FACTORY, false).expect("setup");
    let mut add = |no: &str, name: &str, dept| {
        let mut i = input(no, name, dept);
        i.hired_on = "2026-01-05".into();
        i.pin = None;
        employees::add_employee(&mut store, &ctx(), i).expect("employee").id
    };
    let li = add("1002", "李四", prod);
    let wang = add("1003", "王五", fin);
    let zhang = employees::find_by_employee_no(&store, &ctx(), "1001").expect("张三");
    // 张三 was hired 2026-11-01 in the seed; move his hire date back for October.
    let mut patch = kaoqin_commands::dto::EmployeePatch { id: zhang, ..Default::default() };
    patch.hired_on = Some("2026-01-05".into());
    employees::edit_employee(&mut store, &ctx(), patch).expect("hire date");
    let list = groups::list_groups(&store, &ctx(), None).expect("groups");
    let group = |name: &str| list.groups.iter().find(|g| g.name == name).expect(name).id;
    let assign = |store: &mut Store, target, g| {
        groups::assign_group(
            store,
            &ctx(),
            AssignGroupInput {
                target_kind: "department".into(),
                target_id: target,
                group_id: Some(g),
                effective_from: "2026-01-01".into(),
            },
        )
        .expect("assign");
    };
    assign(&mut store, hq, group("行政"));
    assign(&mut store, prod, group("车间三班"));
    let _ = fin;
    Site { store, people: [zhang, li, wang] }
}

fn grid(store: &Store) -> ScheduleGridDto {
    schedule::get_schedule(
        store,
        &ctx(),
        ScheduleQuery { month: "2026-10".into(), ..Default::default() },
    )
    .expect("grid")
}

/// A person's month as a line: timetable codes, 休 for rest, · for nothing planned.
fn line(g: &ScheduleGridDto, employee: i64) -> String {
    let row = g.rows.iter().find(|r| r.employee_id == employee).expect("row");
    row.cells
        .iter()
        .map(|c| match c.timetable_id {
            Some(t) => g.timetables.iter().find(|x| x.id == t).expect("chip").code.clone(),
            None if c.source == "unscheduled" => "·".into(),
            None => "休".into(),
        })
        .collect()
}

pub(crate) fn cell(employee: i64, date: &str) -> ScheduleCellRef {
    ScheduleCellRef { employee_id: employee, date: date.into() }
}

pub(crate) fn code_id(store: &Store, code: &str) -> i64 {
    timetables::list_timetables(store, &ctx())
        .expect("list")
        .into_iter()
        .find(|t| t.code == code)
        .and_then(|t| t.id)
        .expect(code)
}

#[test]
fn october_with_holidays_rotation_and_conflicts() {
    let Site { mut store, people: [zhang, li, wang] } = site();
    let g = grid(&store);
    assert_eq!(g.days.len(), 31);
    assert_eq!(
        line(&g, wang),
        "休休休休休休休班班班休班班班班班休休班班班班班休休班班班班班休",
        "国庆 1–7 off, 10-10 (Sat) is a make-up day worked with 班, other weekends off"
    );
    let wang_row = g.rows.iter().find(|r| r.employee_id == wang).expect("row");
    assert_eq!(wang_row.cells[0].source, "holiday");
    assert_eq!(wang_row.cells[9].source, "make_up");
    assert_eq!(line(&g, zhang), "·".repeat(31), "a 排班制 crew has nothing planned yet");
    assert_eq!(g.unscheduled_count, 62);

    let rotation = timetables::list_rotations(&store, &ctx())
        .expect("rotations")
        .into_iter()
        .find(|r| r.name == "三班倒")
        .expect("rotation");
    let fill = ScheduleEdit::FillRotation {
        employee_ids: vec![zhang, li],
        rotation_id: rotation.id,
        anchor: "2026-10-01".into(),
        from: "2026-10-01".into(),
        to: "2026-10-31".into(),
        offset_per_person: 2,
    };
    let filled = schedule::edit_schedule(&mut store, &ctx(), fill).expect("fill");
    assert_eq!(filled.changed, 62);
    let g = grid(&store);
    assert_eq!(line(&g, zhang), "早早中中夜夜休休早早中中夜夜休休早早中中夜夜休休早早中中夜夜休");
    assert_eq!(
        line(&g, li),
        "休休早早中中夜夜休休早早中中夜夜休休早早中中夜夜休休早早中中夜",
        "the rotation's day 1 falls two days later for the second person"
    );
    assert_eq!(g.conflict_count, 0, "the rotation itself rests enough");

    // An early shift right after a night shift: no rest at all.
    let before = snapshot(&store);
    let early = code_id(&store, "早");
    let paint =
        ScheduleEdit::Paint { cells: vec![cell(zhang, "2026-10-07")], timetable_id: Some(early) };
    let painted = schedule::edit_schedule(&mut store, &ctx(), paint).expect("paint");
    let g = grid(&store);
    let conflicts =
        &g.rows.iter().find(|r| r.employee_id == zhang).expect("row").cells[6].conflicts;
    let messages: Vec<&str> = conflicts.iter().map(|c| c.message.zh.as_str()).collect();
    assert_eq!(
        messages,
        ["连续上班第 7 天，超过 6 天", "与前一班只间隔 0 小时，考勤组要求至少 8 小时"],
        "the rest day was the seventh day of the run, and the night shift ends at 06:00"
    );

    // Undo puts the rotation's rest day back: the grid's rows are as they were.
    let undo = ScheduleEdit::Restore { cells: painted.undo };
    schedule::edit_schedule(&mut store, &ctx(), undo).expect("undo");
    assert_eq!(
        line(&grid(&store), zhang),
        "早早中中夜夜休休早早中中夜夜休休早早中中夜夜休休早早中中夜夜休"
    );
    let entries = |dump: &str| {
        let start = dump.find("# schedule_entry").expect("table");
        let rest = &dump[start + 1..];
        rest[..rest.find("\n#").unwrap_or(rest.len())].to_owned()
    };
    assert_eq!(entries(&snapshot(&store)), entries(&before), "undo restores the rows");

    // Eight early shifts over a weekend: the run of working days grows past six.
    let cells = (1..=8).map(|d| cell(wang, &format!("2026-10-{:02}", 11 + d))).collect();
    schedule::edit_schedule(
        &mut store,
        &ctx(),
        ScheduleEdit::Paint { cells, timetable_id: Some(early) },
    )
    .expect("paint");
    let g = grid(&store);
    let flagged: Vec<String> = g
        .rows
        .iter()
        .find(|r| r.employee_id == wang)
        .expect("row")
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| c.conflicts.iter().any(|x| x.kind == "too_many_days"))
        .map(|(i, _)| format!("10-{:02}", i + 1))
        .collect();
    // Painted 10-12 … 10-19 (Monday to Monday), then the pattern's 班 goes on Tuesday to
    // Friday: twelve days in a row, the 7th (10-18) onwards flagged until the weekend.
    assert_eq!(flagged, ["10-18", "10-19", "10-20", "10-21", "10-22", "10-23"]);
}

#[test]
fn swap_copy_clear_and_refusals() {
    let Site { mut store, people: [zhang, li, wang] } = site();
    let (early, late) = (code_id(&store, "早"), code_id(&store, "中"));
    let paint = |store: &mut Store, e, d: &str, t| {
        let edit = ScheduleEdit::Paint { cells: vec![cell(e, d)], timetable_id: Some(t) };
        schedule::edit_schedule(store, &ctx(), edit).expect("paint");
    };
    paint(&mut store, zhang, "2026-10-12", early);
    paint(&mut store, li, "2026-10-12", late);
    let swap = ScheduleEdit::Swap { a: cell(zhang, "2026-10-12"), b: cell(li, "2026-10-12") };
    schedule::edit_schedule(&mut store, &ctx(), swap).expect("swap");
    let g = grid(&store);
    let code = |e: i64, i: usize| line(&g, e).chars().nth(i).expect("day");
    assert_eq!((code(zhang, 11), code(li, 11)), ('中', '早'), "swapped");
    let zhang_row = g.rows.iter().find(|r| r.employee_id == zhang).expect("row");
    assert_eq!(zhang_row.cells[11].source, "swap");

    // Copy 王五's week of 10-12 (five 班, a weekend) onto his weeks of 10-19 and 10-26.
    let copy = ScheduleEdit::CopyWeek {
        employee_ids: vec![wang],
        from_week: "2026-10-14".into(),
        to_weeks: vec!["2026-10-19".into(), "2026-10-26".into()],
    };
    let r = schedule::edit_schedule(&mut store, &ctx(), copy).expect("copy");
    assert_eq!(r.changed, 14, "two weeks of seven days, rest days included");
    let clear =
        ScheduleEdit::Clear { cells: vec![cell(zhang, "2026-10-12"), cell(li, "2026-10-12")] };
    assert_eq!(schedule::edit_schedule(&mut store, &ctx(), clear).expect("clear").changed, 2);
    assert_eq!(line(&grid(&store), zhang), "·".repeat(31));

    let bad = ScheduleEdit::Paint {
        cells: vec![cell(999, "2026-10-01"), cell(zhang, "2026-10-32")],
        timetable_id: Some(4242),
    };
    let err = refused(&mut store, |s| schedule::edit_schedule(s, &ctx(), bad));
    let fields: Vec<String> =
        err.to_dto().fields.into_iter().map(|f| format!("{} {}", f.field, f.value)).collect();
    assert_eq!(fields, ["timetable 4242", "employee_id 999", "date 2026-10-32"]);

    let office = code_id(&store, "班");
    let err = refused(&mut store, |s| timetables::delete_timetable(s, &ctx(), office));
    assert!(
        err.message().zh.contains("考勤组「行政」、轮班「做二休一」、排班表中的 10 天"),
        "{}",
        err.message().zh
    );
    let missing = schedule::get_schedule(
        &store,
        &ctx(),
        ScheduleQuery { month: "2027-01".into(), ..Default::default() },
    );
    assert!(
        matches!(missing, Err(kaoqin_commands::Error::CalendarYearMissing { year: 2027 })),
        "{missing:?}"
    );
}
