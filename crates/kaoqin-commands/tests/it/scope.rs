//! Roles and department scope: a department manager sees only their subtree, and only reads.

use kaoqin_commands::dto::*;
use kaoqin_commands::{Actor, Ctx, Role, departments, employees};

use crate::{ctx, input, refused, seeded};

fn manager_of(dept: i64) -> Ctx {
    Ctx::new(
        Actor { login: "mgr".into(), role: Role::DeptManager, departments: vec![dept] },
        ctx().now,
    )
}

#[test]
fn a_manager_sees_only_their_subtree() {
    let (mut store, _, prod, fin) = seeded();
    employees::add_employee(&mut store, &ctx(), input("2001", "钱七", fin))
        .expect("finance employee");
    let m = manager_of(prod);
    let depts: Vec<_> = departments::list_departments(&store, &m)
        .expect("list")
        .into_iter()
        .map(|d| d.path)
        .collect();
    assert_eq!(depts, ["总部/生产部", "总部/生产部/一车间"]);
    let page = employees::list_employees(&store, &m, EmployeeQuery::default()).expect("list");
    assert_eq!(
        page.rows.iter().map(|e| e.employee_no.as_str()).collect::<Vec<_>>(),
        ["1001"],
        "scope applied in SQL"
    );
    assert_eq!(page.total, 1, "the total counts only in-scope rows too");
    let asked_for_finance = employees::list_employees(
        &store,
        &m,
        EmployeeQuery { department_id: Some(fin), ..Default::default() },
    )
    .expect("list");
    assert_eq!(asked_for_finance.total, 0, "asking for another department shows nobody");
    let other = employees::find_by_employee_no(&store, &ctx(), "2001").expect("find");
    let e = refused(&mut store, |s| employees::get_employee(s, &m, other));
    assert_eq!(e.to_dto().code, ErrorCode::Forbidden);
}

#[test]
fn read_only_roles_cannot_write() {
    let (mut store, _, prod, _) = seeded();
    for role in [Role::DeptManager, Role::Auditor] {
        let c = Ctx::new(Actor { login: "x".into(), role, departments: vec![prod] }, ctx().now);
        let e =
            refused(&mut store, |s| employees::add_employee(s, &c, input("3001", "孙八", prod)));
        assert_eq!(e.to_dto().code, ErrorCode::Forbidden, "{role:?}");
        let e = refused(&mut store, |s| {
            departments::add_department(
                s,
                &c,
                DepartmentInput { name: "x".into(), parent_id: None },
            )
        });
        assert_eq!(e.to_dto().code, ErrorCode::Forbidden, "{role:?}");
    }
    let auditor =
        Ctx::new(Actor { login: "a".into(), role: Role::Auditor, departments: vec![] }, ctx().now);
    let e = employees::list_employees(&store, &auditor, EmployeeQuery::default())
        .expect_err("auditor has no roster access");
    assert_eq!(e.message().zh, "当前用户（审计员）无权查看人员");
}
