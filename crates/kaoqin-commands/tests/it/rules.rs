//! Timetables, attendance groups, rotations and setup files through their use cases, on a real
//! SQLite store: the example factory set-up imported, exported and re-imported unchanged,
//! effective-dated versions, who is in which group on which date, and refusals that list every
//! problem and write nothing.

use kaoqin_commands::dto::{
    AssignGroupInput, GroupInput, SaveGroupInput, SaveTimetableInput, SegmentInput, TimetableInput,
};
use kaoqin_commands::{Error, groups, setup, timetables};
use kaoqin_testkit::snapshot;

use crate::{ctx, refused, seeded};

const FACTORY: &str = include_str!("../../../../assets/examples/factory-setup.toml");

fn section<'a>(
    r: &'a kaoqin_commands::dto::SetupImportResult,
    name: &str,
) -> &'a kaoqin_commands::dto::SetupSectionResult {
    r.sections.iter().find(|s| s.section == name).unwrap_or_else(|| panic!("no section {name}"))
}

fn messages(e: &Error) -> Vec<String> {
    e.to_dto().fields.into_iter().map(|f| format!("{} | {}", f.field, f.message.zh)).collect()
}

#[test]
fn factory_setup_imports_exports_and_reimports_unchanged() {
    let (mut store, _hq, prod, _fin) = seeded();
    let before = snapshot(&store);
    let dry = setup::import_setup(&mut store, &ctx(), FACTORY, true).expect("dry run");
    assert_eq!(snapshot(&store), before, "a dry run writes nothing");
    assert_eq!(section(&dry, "timetable").added, ["班", "早", "中", "夜"]);
    assert_eq!(section(&dry, "rotation").added, ["三班倒", "做二休一"]);
    assert_eq!(section(&dry, "group").added, ["行政", "车间三班"]);

    let done = setup::import_setup(&mut store, &ctx(), FACTORY, false).expect("import");
    assert_eq!(done.sections, dry.sections, "the dry run said exactly what the import did");
    let list = timetables::list_timetables(&store, &ctx()).expect("list");
    let night = list.iter().find(|t| t.code == "夜").expect("night shift");
    assert_eq!(night.summary.zh, "22:00–06:00+1 · 满 6 小时扣 30 分钟（带薪） · 8 小时");
    let office = list.iter().find(|t| t.code == "班").expect("office");
    assert_eq!(office.summary.zh, "09:00–18:00 · 休息 12:00–13:00 · 8 小时");
    assert_eq!(office.used_by, ["考勤组「行政」", "轮班「做二休一」"]);

    // Assign 生产部 to the shift group and export: the file names departments by path.
    let group = groups::list_groups(&store, &ctx(), None).expect("groups");
    let shift = group.groups.iter().find(|g| g.name == "车间三班").expect("group");
    groups::assign_group(
        &mut store,
        &ctx(),
        AssignGroupInput {
            target_kind: "department".into(),
            target_id: prod,
            group_id: Some(shift.id),
            effective_from: "2026-10-01".into(),
        },
    )
    .expect("assign");
    let exported = setup::export_setup(&store, &ctx()).expect("export");
    assert!(exported.contains("department = \"总部/生产部\""), "{exported}");
    assert!(exported.contains("off = \"06:00+1\""), "{exported}");

    let again = setup::import_setup(&mut store, &ctx(), &exported, false).expect("re-import");
    for s in &again.sections {
        assert!(s.added.is_empty() && s.changed.is_empty(), "re-importing changes nothing: {s:?}");
    }
    assert_eq!(setup::export_setup(&store, &ctx()).expect("export"), exported);
}

#[test]
fn a_bad_setup_file_lists_every_problem_and_writes_nothing() {
    let (mut store, ..) = seeded();
    let text = r#"
format = "kaoqin-setup/1"

[[timetable]]
code = "夜"
name = "夜班"
kind = "fixed"
  [[timetable.segments]]
  on = "22:00"
  off = "06:00"

[[timetable]]
code = "D"
name = "白班"
kind = "fixed"
  [[timetable.segments]]
  on = "09:00"
  off = "18:00"
  late_grace_minutes = 10
  serious_late_minutes = 5

[[group]]
name = "行政"
kind = "fixed"
week = ["D", "D", "X", "D", "D", "休", "休"]

[[membership]]
department = "总部/不存在"
group = "行政"
from = "2026-10-01"

[[company_day]]
date = "2026-10-01"
kind = "working_day"
note = "国庆加班"
"#;
    let err = refused(&mut store, |s| setup::import_setup(s, &ctx(), text, false));
    assert_eq!(
        messages(&err),
        [
            "timetable.0.segments.0.off | [[timetable]] 第 1 项「夜班」：第 1 段：下班时间 06:00 应晚于上班时间 22:00：跨过午夜的时间写成 06:00+1（次日）",
            "timetable.1.segments.0.serious_late_minutes | [[timetable]] 第 2 项「白班」：第 1 段：严重迟到（分钟） 5 应大于迟到宽限（分钟） 10",
            "group.0.week.2.timetable | [[group]] 第 1 项「行政」：周三：班次「X」不存在",
            "membership.0.department_id | [[membership]] 第 1 项「总部/不存在」：部门「总部/不存在」不存在",
            "company_day.0.date | [[company_day]] 第 1 项「2026-10-01」：2026-10-01 是法定节假日，由法律规定，不能改为工作日或公司休息日（当天上班按 3 倍工资计）",
        ],
        "every problem once, located; a timetable or group refused earlier is not reported \
         again as missing where the file names it"
    );

    let syntax = refused(&mut store, |s| {
        setup::import_setup(s, &ctx(), "format = \"kaoqin-setup/1\"\n[[timetable]\n", false)
    });
    assert!(
        matches!(syntax, Error::BadFile { line: 2, .. }),
        "a syntax error names its line: {syntax:?}"
    );
    let unknown = refused(&mut store, |s| {
        setup::import_setup(
            s,
            &ctx(),
            "format = \"kaoqin-setup/1\"\n[[timetable]]\ncode = \"D\"\nshift = 1\n",
            false,
        )
    });
    assert!(
        matches!(unknown, Error::BadFile { line: 4, .. }),
        "unknown keys are refused: {unknown:?}"
    );
}

fn day(on: &str, off: &str) -> TimetableInput {
    TimetableInput {
        code: "D".into(),
        name: "白班".into(),
        kind: "fixed".into(),
        segments: vec![SegmentInput { on: on.into(), off: off.into(), ..Default::default() }],
        ..Default::default()
    }
}

#[test]
fn timetable_versions_and_refusals() {
    let (mut store, ..) = seeded();
    let save = |store: &mut kaoqin_commands::Store, id, from: &str, t: TimetableInput, dry_run| {
        timetables::save_timetable(
            store,
            &ctx(),
            SaveTimetableInput { id, effective_from: from.into(), timetable: t, dry_run },
        )
    };
    let before = snapshot(&store);
    let preview = save(&mut store, None, "", day("09:00", "18:00"), true).expect("dry run");
    assert_eq!(snapshot(&store), before, "a dry run writes nothing");
    assert_eq!(preview.form.segments[0].check_in_before_minutes, Some(120), "defaults shown");
    assert_eq!(preview.form.day_change, "07:00");

    let first = save(&mut store, None, "", day("09:00", "18:00"), false).expect("create");
    let id = first.id.expect("saved");
    assert_eq!(first.versions, ["2000-01-01"], "a new timetable applies to every date");
    let changed =
        save(&mut store, Some(id), "2026-11-01", day("08:30", "17:30"), false).expect("change");
    assert_eq!(changed.versions, ["2000-01-01", "2026-11-01"], "the earlier rules are kept");
    let fixed = save(&mut store, Some(id), "", day("08:00", "17:00"), false).expect("correct");
    assert_eq!(fixed.versions, ["2000-01-01", "2026-11-01"], "no date corrects the rules in force");
    assert_eq!(fixed.summary.zh, "08:00–17:00 · 9 小时");

    let mut twin = day("10:00", "19:00");
    twin.code = "D".into();
    let err = refused(&mut store, |s| save(s, None, "", twin, false));
    assert_eq!(
        messages(&err),
        ["code | 简称 D 已被 班次「白班」 使用", "name | 名称 白班 已被 班次「白班」 使用"]
            .map(|m| m.replace("名称", "姓名"))
    );

    let week = ["D", "D", "D", "D", "D", "休", "休"].map(String::from).to_vec();
    groups::save_group(
        &mut store,
        &ctx(),
        SaveGroupInput {
            id: None,
            group: GroupInput {
                name: "行政".into(),
                kind: "fixed".into(),
                week,
                ..Default::default()
            },
        },
    )
    .expect("group");
    let err = refused(&mut store, |s| timetables::delete_timetable(s, &ctx(), id));
    assert_eq!(
        messages(&err),
        ["timetable | 班次「白班」正在被 考勤组「行政」 使用，不能删除：先把它们改掉"]
    );
}

#[test]
fn a_person_is_in_one_group_per_date_person_over_department() {
    let (mut store, hq, prod, _fin) = seeded();
    setup::import_setup(&mut store, &ctx(), FACTORY, false).expect("import");
    let list = groups::list_groups(&store, &ctx(), None).expect("groups");
    let id = |name: &str| list.groups.iter().find(|g| g.name == name).expect(name).id;
    let (office, shifts) = (id("行政"), id("车间三班"));
    let assign = |store: &mut kaoqin_commands::Store, kind: &str, target, group, from: &str| {
        groups::assign_group(
            store,
            &ctx(),
            AssignGroupInput {
                target_kind: kind.into(),
                target_id: target,
                group_id: group,
                effective_from: from.into(),
            },
        )
        .expect("assign")
    };
    assign(&mut store, "department", hq, Some(office), "2026-01-01");
    assign(&mut store, "department", prod, Some(shifts), "2026-11-10");
    let people = groups::list_group_members(&store, &ctx(), None, false, Some("2026-11-15"))
        .expect("members");
    let zhang = people.iter().find(|p| p.employee_no == "1001").expect("张三 is on the books");
    assert_eq!(zhang.group_name.as_deref(), Some("车间三班"));
    let via = zhang.via.as_ref().expect("why");
    assert_eq!(
        (via.target_label.as_str(), via.effective_from.as_str()),
        ("总部/生产部", "2026-11-10")
    );
    let on = |store: &kaoqin_commands::Store, d: &str| {
        groups::employee_group(store, &ctx(), zhang.employee_id, Some(d)).expect("group").group_name
    };
    assert_eq!(on(&store, "2026-11-09").as_deref(), Some("行政"), "before, 总部's group applied");

    assign(&mut store, "employee", zhang.employee_id, Some(office), "2026-11-20");
    assert_eq!(on(&store, "2026-11-19").as_deref(), Some("车间三班"));
    assert_eq!(
        on(&store, "2026-11-20").as_deref(),
        Some("行政"),
        "the person's own assignment wins"
    );
    assign(&mut store, "employee", zhang.employee_id, None, "2026-11-25");
    assert_eq!(on(&store, "2026-11-25").as_deref(), Some("车间三班"), "ending it falls back");

    let err = refused(&mut store, |s| groups::delete_group(s, &ctx(), office));
    assert!(messages(&err)[0].contains("不能删除"), "{:?}", messages(&err));
    let counted = groups::list_groups(&store, &ctx(), Some("2026-11-20")).expect("groups");
    assert_eq!(counted.unassigned_count, 0);
    let office_now = counted.groups.iter().find(|g| g.id == office).expect("office");
    assert_eq!(office_now.member_count, 1, "张三 is the only person on the books");
    // Each assignment says until when it runs and what follows: 张三's own one in 行政 ends on
    // 11-24 (the row of 11-25 ends it without a group); 总部's has nothing after it.
    let until: Vec<(&str, &str, Option<&str>, Option<&str>)> = office_now
        .assignments
        .iter()
        .map(|a| {
            (
                a.target_label.as_str(),
                a.effective_from.as_str(),
                a.until.as_deref(),
                a.next_group_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        until,
        [("总部", "2026-01-01", None, None), ("1001 张三", "2026-11-20", Some("2026-11-24"), None)]
    );
}

#[test]
fn the_readme_example_setup_file_is_valid() {
    let readme = include_str!("../../../../README.md");
    let start =
        readme.find("```toml\nformat = \"kaoqin-setup/1\"").expect("README has the example");
    let body = &readme[start + "```toml\n".len()..];
    let example = &body[..body.find("```").expect("closed")];
    let (mut store, ..) = seeded();
    let r = setup::import_setup(&mut store, &ctx(), example, false)
        .unwrap_or_else(|e| panic!("{}", e.message().zh));
    let added: Vec<usize> = r.sections.iter().map(|s| s.added.len()).collect();
    assert_eq!(
        added,
        [2, 1, 1, 1, 1, 1],
        "timetables, rotation, group, membership, company day, leave type"
    );
}
