//! Integration tests of the store against real SQLite files in a temporary directory: the
//! configuration guard, the version and identity guards, migrations, and the queries.

mod audit;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use kaoqin_core::employee::EmployeeStatus;
use kaoqin_store::{AuditEvent, EmployeeFilter, EmployeeWrite, Error, SCHEMA_VERSION, Store};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).single().expect("valid instant")
}

fn employee(no: &str, dept: i64, pin: Option<&str>) -> EmployeeWrite {
    EmployeeWrite {
        employee_no: no.into(),
        name: format!("员工{no}"),
        department_id: dept,
        position: None,
        hired_on: NaiveDate::from_ymd_opt(2024, 1, 2).expect("date"),
        left_on: None,
        id_number: None,
        phone: None,
        pin: pin.map(Into::into),
        card_no: None,
        status: EmployeeStatus::Active,
    }
}

#[test]
fn pragmas_are_set_on_every_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub").join("k.db");
    drop(Store::open(&path).expect("create"));
    let store = Store::open(&path).expect("reopen");
    let pragmas: std::collections::HashMap<_, _> =
        store.pragmas().expect("pragmas").into_iter().collect();
    assert_eq!(pragmas["journal_mode"], "wal");
    assert_eq!(
        pragmas["synchronous"], "2",
        "FULL: punches cannot be recreated after a terminal is cleared"
    );
    assert_eq!(pragmas["foreign_keys"], "1");
    assert_eq!(pragmas["trusted_schema"], "0");
    assert_eq!(pragmas["application_id"], kaoqin_store::APPLICATION_ID.to_string());
    assert_eq!(pragmas["user_version"], SCHEMA_VERSION.to_string());
    let v: Vec<u32> =
        pragmas["sqlite_version"].split('.').map(|p| p.parse().unwrap_or(0)).collect();
    assert!(v >= vec![3, 51, 3], "bundled SQLite {v:?} must have the WAL-reset fix");
}

#[test]
fn a_newer_database_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    drop(Store::open(&path).expect("create"));
    let raw = rusqlite::Connection::open(&path).expect("raw open");
    raw.pragma_update(None, "user_version", SCHEMA_VERSION + 7).expect("bump");
    drop(raw);
    let err = Store::open(&path).err().expect("must refuse");
    assert!(matches!(err, Error::DatabaseTooNew { db_version, app_version }
        if db_version == SCHEMA_VERSION + 7 && app_version == SCHEMA_VERSION));
    let msg = err.to_string();
    assert!(
        msg.contains(&(SCHEMA_VERSION + 7).to_string())
            && msg.contains(&SCHEMA_VERSION.to_string()),
        "{msg}"
    );
}

#[test]
fn foreign_sqlite_files_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.db");
    let raw = rusqlite::Connection::open(&path).expect("raw open");
    raw.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").expect("seed");
    drop(raw);
    assert!(matches!(Store::open(&path), Err(Error::NotKaoqinDatabase { .. })));
    let raw = rusqlite::Connection::open(&path).expect("raw open");
    let tables: i64 =
        raw.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).expect("count");
    assert_eq!(tables, 1, "nothing may be added to a file that is not ours");
}

#[test]
fn an_edited_migration_is_detected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    drop(Store::open(&path).expect("create"));
    let raw = rusqlite::Connection::open(&path).expect("raw open");
    raw.execute("UPDATE schema_migration SET sha256 = 'x' WHERE version = 1", []).expect("tamper");
    drop(raw);
    assert!(matches!(Store::open(&path), Err(Error::MigrationChanged { version: 1, .. })));
}

#[test]
fn open_existing_does_not_create() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("missing.db");
    assert!(matches!(Store::open_existing(&path), Err(Error::NoDatabase { .. })));
    assert!(!path.exists());
}

#[test]
fn audit_log_is_append_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).expect("store");
    let refused = store.write(|db| {
        db.append_audit(&AuditEvent {
            at: at(),
            actor: "admin",
            action: "department.add",
            entity: "department",
            entity_id: None,
            detail: serde_json::json!({}),
        })
    });
    assert!(matches!(refused, Err(Error::AuditKeyMissing)), "no key, no event: {refused:?}");
    store.set_audit_key(kaoqin_store::AuditKey([7; 32]));
    let event = |action| AuditEvent {
        at: at(),
        actor: "admin",
        action,
        entity: "department",
        entity_id: Some(1),
        detail: serde_json::json!({"name": "生产部"}),
    };
    store.write(|db| db.append_audit(&event("department.add"))).expect("append");
    let rolled_back = store.write(|db| -> Result<(), Error> {
        db.append_audit(&event("department.rename"))?;
        Err(Error::Corrupt("force a rollback".into()))
    });
    assert!(rolled_back.is_err());
    assert_eq!(
        store.read().list_audit(10).expect("list").len(),
        1,
        "a failed write leaves nothing"
    );
    drop(store);

    let raw = rusqlite::Connection::open(&path).expect("raw open");
    let update = raw.execute("UPDATE audit_event SET actor = 'someone else'", []);
    let delete = raw.execute("DELETE FROM audit_event", []);
    for (what, result) in [("UPDATE", update), ("DELETE", delete)] {
        let err = result.err().unwrap_or_else(|| panic!("{what} on audit_event must be refused"));
        assert!(err.to_string().contains("append-only"), "{what}: {err}");
    }
}

#[test]
fn departments_refuse_deletion_while_referenced() {
    let mut store = Store::open_in_memory().expect("store");
    let (top, child) = store
        .write(|db| {
            let top = db.insert_department(None, "总部", at())?;
            let child = db.insert_department(Some(top), "生产部", at())?;
            db.insert_employee(&employee("1001", child, Some("1001")), at())?;
            Ok::<_, Error>((top, child))
        })
        .expect("seed");
    assert!(store.write(|db| db.delete_department(child)).is_err(), "an employee references it");
    assert!(store.write(|db| db.delete_department(top)).is_err(), "a child references it");
    let dup = store.write(|db| db.insert_department(Some(top), "生产部", at()));
    assert!(dup.is_err(), "sibling names are unique");
    let rows = store.read().list_departments().expect("list");
    assert_eq!(rows.len(), 2);
    let prod = rows.iter().find(|d| d.id == child).expect("生产部");
    assert_eq!((prod.employee_count, prod.active_employee_count, prod.child_count), (1, 1, 0));
}

#[test]
fn employee_list_pages_searches_and_scopes_in_sql() {
    let mut store = Store::open_in_memory().expect("store");
    let (a, b) = store
        .write(|db| {
            let a = db.insert_department(None, "甲", at())?;
            let b = db.insert_department(None, "乙", at())?;
            for n in 1..=25 {
                let dept = if n % 2 == 0 { a } else { b };
                db.insert_employee(
                    &employee(&n.to_string(), dept, Some(&(100 + n).to_string())),
                    at(),
                )?;
            }
            Ok::<_, Error>((a, b))
        })
        .expect("seed");
    let db = store.read();
    let page = |f: EmployeeFilter| db.list_employees(&f).expect("list");

    let (rows, total) = page(EmployeeFilter { limit: 10, offset: 10, ..Default::default() });
    assert_eq!(total, 25);
    let nos: Vec<_> = rows.iter().map(|r| r.employee_no.as_str()).collect();
    assert_eq!(nos, ["11", "12", "13", "14", "15", "16", "17", "18", "19", "20"], "numeric order");

    let (rows, total) =
        page(EmployeeFilter { departments: Some(vec![a]), limit: 100, ..Default::default() });
    assert_eq!(total, 12);
    assert!(rows.iter().all(|r| r.department_id == a), "scope is applied in SQL");
    let (_, total) =
        page(EmployeeFilter { departments: Some(vec![]), limit: 100, ..Default::default() });
    assert_eq!(total, 0, "an empty scope sees nobody");

    let (rows, _) =
        page(EmployeeFilter { search: Some("107".into()), limit: 100, ..Default::default() });
    assert_eq!(rows.len(), 1, "search matches an exact PIN");
    assert_eq!(rows[0].employee_no, "7");
    let (_, total) =
        page(EmployeeFilter { search: Some("%".into()), limit: 100, ..Default::default() });
    assert_eq!(total, 0, "LIKE wildcards in the search text are literal");
    let (_, total) = page(EmployeeFilter {
        search: Some("1".into()),
        departments: Some(vec![b]),
        status: Some(EmployeeStatus::Active),
        limit: 100,
        offset: 0,
    });
    assert_eq!(total, 7, "odd 工号 containing 1: 1, 11, 13, 15, 17, 19, 21");
}
