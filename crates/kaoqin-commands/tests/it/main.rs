//! Use-case tests on a real SQLite store: the foundation's roster features end to end below the
//! UI, every refusal leaving the database byte-for-byte unchanged, scope and audit.

mod attendance;
mod audit;
mod calendar;
mod corrections;
mod faults;
mod import;
mod leave;
mod push;
mod roster;
mod rules;
mod schedule;
mod scope;
mod terminals;

use kaoqin_commands::dto::{DepartmentInput, EmployeeInput};
use kaoqin_commands::{Actor, Ctx, Store, company, departments, employees};
use kaoqin_testkit::{at, snapshot};

fn ctx() -> Ctx {
    Ctx::new(Actor::builtin_admin(), at(2026, 11, 23, 1, 30))
}

/// A store with a company, 总部/生产部/一车间 and 财务部, and employee 1001 张三 in 生产部.
fn seeded() -> (Store, i64, i64, i64) {
    let mut store = kaoqin_testkit::memory_store();
    let c = ctx();
    company::initialize(&mut store, &c, Some("示例电子厂"), None).expect("init");
    let dept = |store: &mut Store, name: &str, parent| {
        departments::add_department(
            store,
            &c,
            DepartmentInput { name: name.into(), parent_id: parent },
        )
        .expect("department")
        .id
    };
    let hq = dept(&mut store, "总部", None);
    let prod = dept(&mut store, "生产部", Some(hq));
    let _shop = dept(&mut store, "一车间", Some(prod));
    let fin = dept(&mut store, "财务部", Some(hq));
    employees::add_employee(&mut store, &c, input("1001", "张三", prod)).expect("employee");
    (store, hq, prod, fin)
}

fn input(no: &str, name: &str, dept: i64) -> EmployeeInput {
    EmployeeInput {
        employee_no: no.into(),
        name: name.into(),
        department_id: Some(dept),
        hired_on: "2026-11-01".into(),
        pin: Some(no.into()),
        ..EmployeeInput::default()
    }
}

/// Runs `f`, expects it to be refused, and checks that nothing in the database changed.
fn refused<T: std::fmt::Debug>(
    store: &mut Store,
    f: impl FnOnce(&mut Store) -> kaoqin_commands::Result<T>,
) -> kaoqin_commands::Error {
    let before = snapshot(store);
    let err = match f(store) {
        Ok(v) => panic!("expected a refusal, got {v:?}"),
        Err(e) => e,
    };
    assert_eq!(snapshot(store), before, "a refused command must not write anything: {err:?}");
    err
}
