//! Departments and employees: the happy paths, each refusal with its field and message, undo.

use kaoqin_commands::dto::*;
use kaoqin_commands::{bindings, company, departments, employees};
use kaoqin_testkit::snapshot;

use crate::{ctx, input, refused, seeded};

fn fields(e: &kaoqin_commands::Error) -> Vec<(String, String, String)> {
    e.to_dto().fields.into_iter().map(|f| (f.field, f.problem, f.message.zh)).collect()
}

#[test]
fn the_acceptance_errors_are_specific_and_write_nothing() {
    let (mut store, _, prod, _) = seeded();
    let c = ctx();

    let e = refused(&mut store, |s| {
        employees::add_employee(
            s,
            &c,
            EmployeeInput { pin: Some("1099".into()), ..input("1001", "李四", prod) },
        )
    });
    assert_eq!(
        fields(&e),
        [("employee_no".into(), "duplicate".into(), "工号 1001 已被 1001 张三 使用".into())]
    );

    let e = refused(&mut store, |s| employees::add_employee(s, &c, input("1002", "李四", 9999)));
    assert_eq!(
        fields(&e),
        [("department_id".into(), "not_found".into(), "部门「9999」不存在".into())]
    );

    let e = refused(&mut store, |s| employees::add_employee(s, &c, input("1003", "", prod)));
    assert_eq!(fields(&e), [("name".into(), "required".into(), "姓名不能为空".into())]);

    let e = refused(&mut store, |s| {
        employees::add_employee(
            s,
            &c,
            EmployeeInput { pin: Some("1001".into()), ..input("1004", "王五", prod) },
        )
    });
    assert_eq!(
        fields(&e),
        [("pin".into(), "duplicate".into(), "考勤机工号 1001 已被 1001 张三 使用".into())]
    );

    let e = refused(&mut store, |s| {
        employees::add_employee(
            s,
            &c,
            EmployeeInput { hired_on: "2026-02-30".into(), ..input("1005", "赵六", prod) },
        )
    });
    assert_eq!(
        fields(&e),
        [(
            "hired_on".into(),
            "bad_date".into(),
            "入职日期「2026-02-30」不是有效日期，请写成 2026-03-01 这样的格式".into()
        )]
    );
    assert_eq!(e.to_dto().code, ErrorCode::InvalidInput);
}

#[test]
fn all_problems_are_reported_together_in_form_order() {
    let (mut store, _, _, _) = seeded();
    let c = ctx();
    let bad = EmployeeInput {
        employee_no: "1001".into(),
        name: " 李四".into(),
        department_id: None,
        hired_on: "".into(),
        id_number: Some("110105194912310021".into()),
        phone: Some("12345".into()),
        pin: Some("0012".into()),
        card_no: Some("99999999999".into()),
        ..EmployeeInput::default()
    };
    let e = refused(&mut store, |s| employees::add_employee(s, &c, bad));
    let got: Vec<_> = fields(&e).into_iter().map(|(f, p, _)| format!("{f}:{p}")).collect();
    assert_eq!(
        got,
        [
            "employee_no:duplicate",
            "name:surrounding_space",
            "department_id:required",
            "hired_on:required",
            "id_number:bad_id_number_checksum",
            "phone:bad_phone",
            "pin:bad_pin",
            "card_no:bad_card_no",
        ]
    );
    let dto = e.to_dto();
    let id_field = dto.fields.iter().find(|f| f.field == "id_number").expect("id_number problem");
    assert_eq!(id_field.value, "1101**********0021", "ID numbers are masked even in errors");
    assert!(
        !dto.message.zh.contains("110105194912310021")
            && !dto.message.en.contains("110105194912310021")
    );
}

#[test]
fn id_numbers_are_stored_but_only_shown_masked() {
    let (mut store, _, prod, _) = seeded();
    let c = ctx();
    let e = employees::add_employee(
        &mut store,
        &c,
        EmployeeInput {
            id_number: Some("11010519491231002x".into()),
            ..input("1002", "李四", prod)
        },
    )
    .expect("valid ID number");
    assert_eq!(e.id_number_masked.as_deref(), Some("1101**********002X"));
    let json = serde_json::to_string(&employees::get_employee(&mut store, &c, e.id).expect("show"))
        .expect("json");
    assert!(
        !json.contains("11010519491231002"),
        "the full number never leaves the backend: {json}"
    );
    assert!(
        snapshot(&store).contains("11010519491231002X"),
        "the full number is stored, canonical upper-case X"
    );
}

#[test]
fn edit_is_a_patch_and_clears_with_empty_strings() {
    let (mut store, _, prod, fin) = seeded();
    let c = ctx();
    let id = employees::find_by_employee_no(&store, &c, "1001").expect("find");
    let e = employees::edit_employee(
        &mut store,
        &c,
        EmployeePatch {
            id,
            phone: Some("13812345678".into()),
            department_id: Some(fin),
            ..EmployeePatch::default()
        },
    )
    .expect("edit");
    assert_eq!(
        (e.phone.as_deref(), e.department_path.as_str(), e.pin.as_deref()),
        (Some("13812345678"), "总部/财务部", Some("1001"))
    );
    let e = employees::edit_employee(
        &mut store,
        &c,
        EmployeePatch { id, phone: Some(String::new()), ..EmployeePatch::default() },
    )
    .expect("clear phone");
    assert_eq!(e.phone, None);
    // Keeping one's own PIN and 工号 is not a duplicate.
    employees::edit_employee(
        &mut store,
        &c,
        EmployeePatch {
            id,
            pin: Some("1001".into()),
            department_id: Some(prod),
            ..EmployeePatch::default()
        },
    )
    .expect("own PIN is fine");
    let e = refused(&mut store, |s| {
        employees::edit_employee(s, &c, EmployeePatch { id: 424242, ..EmployeePatch::default() })
    });
    assert_eq!(e.to_dto().code, ErrorCode::NotFound);
}

#[test]
fn deactivate_and_reactivate_undo_each_other() {
    let (mut store, _, _, _) = seeded();
    let c = ctx();
    let id = employees::find_by_employee_no(&store, &c, "1001").expect("find");
    let before = employees::get_employee(&mut store, &c, id).expect("show");
    let gone = employees::deactivate_employee(
        &mut store,
        &c,
        EmployeeDeactivate { id, left_on: "2026-11-30".into() },
    )
    .expect("deactivate");
    assert_eq!(
        (gone.status, gone.left_on.as_deref()),
        (EmployeeStatus::Inactive, Some("2026-11-30"))
    );
    let active = employees::list_employees(&store, &c, EmployeeQuery::default()).expect("list");
    assert_eq!(active.total, 0, "the default list shows active employees only");
    let all = employees::list_employees(
        &store,
        &c,
        EmployeeQuery { status: Some(EmployeeStatusFilter::All), ..Default::default() },
    )
    .expect("list");
    assert_eq!(all.total, 1);
    let e = refused(&mut store, |s| {
        employees::deactivate_employee(
            s,
            &c,
            EmployeeDeactivate { id, left_on: "2026-10-01".into() },
        )
    });
    assert_eq!(fields(&e)[0].1, "date_before", "leaving before joining (2026-11-01) is refused");
    let back = employees::reactivate_employee(&mut store, &c, id).expect("reactivate");
    assert_eq!(back, before, "reactivate restores the employee exactly");
}

#[test]
fn department_tree_rules() {
    let (mut store, hq, prod, fin) = seeded();
    let c = ctx();
    let list = departments::list_departments(&store, &c).expect("list");
    let paths: Vec<_> = list.iter().map(|d| (d.path.as_str(), d.depth)).collect();
    assert_eq!(
        paths,
        [("总部", 0), ("总部/生产部", 1), ("总部/生产部/一车间", 2), ("总部/财务部", 1)]
    );

    let e = refused(&mut store, |s| {
        departments::move_department(s, &c, DepartmentMove { id: hq, parent_id: Some(prod) })
    });
    assert_eq!(fields(&e)[0].1, "move_into_own_subtree");
    let e = refused(&mut store, |s| {
        departments::add_department(
            s,
            &c,
            DepartmentInput { name: "财务部".into(), parent_id: Some(hq) },
        )
    });
    assert_eq!(fields(&e)[0].2, "同一上级部门下已经有「总部/财务部」，请换一个名称");
    let e = refused(&mut store, |s| {
        departments::rename_department(s, &c, DepartmentRename { id: fin, name: "生产部".into() })
    });
    assert_eq!(fields(&e)[0].1, "duplicate");
    let e = refused(&mut store, |s| {
        departments::add_department(s, &c, DepartmentInput { name: "a/b".into(), parent_id: None })
    });
    assert_eq!(fields(&e)[0].1, "bad_characters");
    let e = refused(&mut store, |s| departments::delete_department(s, &c, prod));
    assert_eq!(e.to_dto().code, ErrorCode::DepartmentNotEmpty);
    assert_eq!(
        e.message().zh,
        "部门「总部/生产部」下还有 1 名员工和 1 个子部门，不能删除：请先把他们移到其他部门"
    );

    let moved =
        departments::move_department(&mut store, &c, DepartmentMove { id: fin, parent_id: None })
            .expect("move to top");
    assert_eq!((moved.path.as_str(), moved.depth), ("财务部", 0));
    departments::delete_department(&mut store, &c, fin).expect("empty department can go");
    assert_eq!(departments::list_departments(&store, &c).expect("list").len(), 3);
}

#[test]
fn departments_resolve_by_path_or_unique_name() {
    let (mut store, hq, prod, _) = seeded();
    let c = ctx();
    use kaoqin_commands::core::Field;
    assert_eq!(
        departments::resolve_department(&store, &c, Field::DepartmentId, "总部/生产部")
            .expect("path"),
        prod
    );
    assert_eq!(
        departments::resolve_department(&store, &c, Field::DepartmentId, "生产部")
            .expect("unique name"),
        prod
    );
    departments::add_department(
        &mut store,
        &c,
        DepartmentInput { name: "一车间".into(), parent_id: Some(hq) },
    )
    .expect("second 一车间");
    let e = departments::resolve_department(&store, &c, Field::DepartmentId, "一车间")
        .expect_err("ambiguous");
    assert_eq!(
        fields(&e)[0].2,
        "部门「一车间」有多个：总部/一车间、总部/生产部/一车间，请写完整路径"
    );
}

#[test]
fn paging_and_search() {
    let (mut store, _, prod, _) = seeded();
    let c = ctx();
    for n in 2..=120 {
        employees::add_employee(
            &mut store,
            &c,
            input(&format!("{}", 1000 + n), &format!("员工{n}"), prod),
        )
        .expect("add");
    }
    let page = employees::list_employees(
        &store,
        &c,
        EmployeeQuery { page: Some(3), page_size: Some(50), ..Default::default() },
    )
    .expect("page 3");
    assert_eq!((page.total, page.rows.len(), page.rows[0].employee_no.as_str()), (120, 20, "1101"));
    let found = employees::list_employees(
        &store,
        &c,
        EmployeeQuery { search: Some("张".into()), ..Default::default() },
    )
    .expect("search");
    assert_eq!(found.rows.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(), ["张三"]);
    let e = employees::list_employees(
        &store,
        &c,
        EmployeeQuery { page_size: Some(501), ..Default::default() },
    )
    .expect_err("too big");
    assert_eq!(fields(&e)[0].0, "page_size");
}

#[test]
fn every_change_is_audited_without_personal_values() {
    let (mut store, _, prod, _) = seeded();
    let c = ctx();
    let e = employees::add_employee(
        &mut store,
        &c,
        EmployeeInput { phone: Some("13812345678".into()), ..input("1002", "李四", prod) },
    )
    .expect("add");
    employees::get_employee(&mut store, &c, e.id).expect("view");
    let audit = store.read().list_audit(100).expect("audit");
    let actions: Vec<_> = audit.iter().rev().map(|a| a.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "company.init",
            "department.add",
            "department.add",
            "department.add",
            "department.add",
            "employee.add",
            "employee.add",
            "employee.view"
        ]
    );
    employees::record_export(&mut store, &c, "csv", 2, &EmployeeQuery::default()).expect("export");
    let audit = store.read().list_audit(100).expect("audit");
    assert_eq!(audit[0].action, "employee.export");
    assert_eq!(audit[0].detail["rows"], 2);
    let text = format!("{audit:?}");
    for personal in ["李四", "13812345678", "张三"] {
        assert!(!text.contains(personal), "audit must not hold personal values like {personal}");
    }
}

#[test]
fn company_settings_and_overview() {
    let (mut store, _, _, _) = seeded();
    let c = ctx();
    let e = refused(&mut store, |s| {
        company::update_company(
            s,
            &c,
            CompanyInput { name: "".into(), timezone: "Europe/Paris".into() },
        )
    });
    assert_eq!(
        fields(&e).iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["company_name", "timezone"]
    );
    company::update_company(
        &mut store,
        &c,
        CompanyInput { name: "新名称".into(), timezone: "Asia/Urumqi".into() },
    )
    .expect("update");
    let o = company::get_overview(&store, &c).expect("overview");
    assert_eq!(
        (o.company.name.as_str(), o.department_count, o.active_employee_count),
        ("新名称", 4, 1)
    );
    // 01:30 UTC is 07:30 in Urumqi (UTC+6): still the 23rd.
    assert_eq!(company::local_today(&store, &c).expect("today").to_string(), "2026-11-23");
}

#[test]
fn committed_ui_bindings_match_the_dtos() {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(bindings::BINDINGS_DIR);
    for (name, body) in bindings::typescript_bindings() {
        let committed = std::fs::read_to_string(dir.join(&name)).unwrap_or_default();
        assert_eq!(
            committed, body,
            "ui/src/bindings/{name} drifted from the Rust DTO: run `cargo xtask codegen`"
        );
    }
}
