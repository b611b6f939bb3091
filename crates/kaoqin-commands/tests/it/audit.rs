//! The audit log with its key in a real OS keyring (gnome-keyring under `scripts/with-keyring.sh`
//! in `make test`): unlocking, anchoring, verifying a file edited behind the app's back, the
//! viewer's filters and the export.

use kaoqin_commands::dto::{AuditQuery, DepartmentInput};
use kaoqin_commands::{Error, Store, audit, company, departments};

use crate::ctx;

/// A database file opened the way the desktop and the CLI open it.
fn open(path: &std::path::Path) -> Store {
    let mut store = Store::open(path).expect("store");
    audit::unlock(&mut store).expect("unlock with the keyring");
    store
}

fn add_departments(store: &mut Store, from: usize, n: usize) {
    for i in from..from + n {
        departments::add_department(
            store,
            &ctx(),
            DepartmentInput { name: format!("部门{i}"), parent_id: None },
        )
        .expect("department");
    }
}

#[test]
fn a_database_gets_its_own_key_and_keeps_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let mut anchor = audit::Anchor::default();
    {
        let mut store = open(&path);
        company::initialize(&mut store, &ctx(), Some("示例电子厂"), None).expect("init");
        add_departments(&mut store, 0, 3);
        anchor.save(&store).expect("anchor");
    }
    // Reopened: the same key from the keyring, so the chain goes on and verifies.
    let mut store = open(&path);
    add_departments(&mut store, 3, 2);
    anchor.save(&store).expect("anchor");
    let v = audit::verify(&store, &ctx()).expect("verify");
    assert!(v.ok, "{:?}", v.message);
    assert_eq!((v.signed, v.unsigned), (6, 0), "init and five departments");
    assert_eq!((v.head_seq, v.anchor_seq), (Some(6), Some(6)));
    assert!(v.message.zh.contains("审计记录完整"), "{}", v.message.zh);

    // Another database on the same PC has another key: copying one's events into the other
    // does not verify.
    let other = dir.path().join("other.db");
    let mut second = open(&other);
    company::initialize(&mut second, &ctx(), None, None).expect("init");
    let a = store.read().database_uid().expect("uid");
    let b = second.read().database_uid().expect("uid");
    assert_ne!(a, b);
    assert_ne!(
        kaoqin_commands::secrets::get_audit_key(&a).expect("key").map(|k| k.0),
        kaoqin_commands::secrets::get_audit_key(&b).expect("key").map(|k| k.0)
    );
}

#[test]
fn a_signed_log_without_its_key_is_refused_not_re_keyed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).expect("store");
    // Signed with a key this PC's keyring does not have (another PC's).
    store.set_audit_key(kaoqin_testkit::test_audit_key());
    company::initialize(&mut store, &ctx(), None, None).expect("init");
    drop(store);
    let mut store = Store::open(&path).expect("store");
    let err = audit::unlock(&mut store).expect_err("must refuse");
    assert!(matches!(err, Error::AuditKeyLost), "{err:?}");
    assert!(err.message().zh.contains("没有它的签名密钥"), "{}", err.message().zh);
    let write = departments::add_department(
        &mut store,
        &ctx(),
        DepartmentInput { name: "生产部".into(), parent_id: None },
    );
    assert!(write.is_err(), "nothing is written unsigned");
}

#[test]
fn verify_names_the_first_bad_event_of_an_edited_or_shortened_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    let mut anchor = audit::Anchor::default();
    {
        let mut store = open(&path);
        company::initialize(&mut store, &ctx(), None, None).expect("init");
        add_departments(&mut store, 0, 7);
        anchor.save(&store).expect("anchor");
    }
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute_batch(
        "DROP TRIGGER audit_event_append_only_update;
         DROP TRIGGER audit_event_append_only_delete;
         UPDATE audit_event SET actor = 'nobody' WHERE seq = 4;",
    )
    .expect("edit");
    let store = open(&path);
    let v = audit::verify(&store, &ctx()).expect("verify");
    assert_eq!((v.ok, v.broken_seq), (false, Some(4)));
    assert!(v.message.zh.contains("第 4 条审计记录被改动过"), "{}", v.message.zh);
    drop(store);

    raw.execute_batch("UPDATE audit_event SET actor = 'admin' WHERE seq = 4; DELETE FROM audit_event WHERE seq > 5;")
        .expect("truncate");
    let store = open(&path);
    let v = audit::verify(&store, &ctx()).expect("verify");
    assert_eq!((v.ok, v.broken_seq, v.anchor_seq), (false, Some(6), Some(8)));
    assert!(v.message.zh.contains("审计记录被截断"), "{}", v.message.zh);
    assert!(v.message.zh.contains("第 6–8 条已被删除"), "{}", v.message.zh);
}

#[test]
fn the_viewer_filters_and_the_export_is_itself_logged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = open(&dir.path().join("k.db"));
    company::initialize(&mut store, &ctx(), None, None).expect("init");
    add_departments(&mut store, 0, 3);
    let page = audit::list(
        &store,
        &ctx(),
        AuditQuery { action: Some("department".into()), page_size: Some(2), ..Default::default() },
    )
    .expect("list");
    assert_eq!((page.total, page.rows.len()), (3, 2));
    assert_eq!(page.rows[0].action, "department.add");
    assert!(page.rows[0].seq > page.rows[1].seq, "newest first");
    assert!(page.rows.iter().all(|r| r.signed));
    // 01:30 UTC is 09:30 in Shanghai, on 2026-11-23.
    assert_eq!(page.rows[0].at_local, "2026-11-23 09:30:00");
    let none = audit::list(
        &store,
        &ctx(),
        AuditQuery { from: Some("2026-11-24".into()), ..Default::default() },
    )
    .expect("list");
    assert_eq!(none.total, 0);
    let bad =
        audit::list(&store, &ctx(), AuditQuery { to: Some("11/24".into()), ..Default::default() });
    assert!(matches!(bad, Err(Error::Invalid(_))), "{bad:?}");

    let export = audit::export(&mut store, &ctx(), AuditQuery::default()).expect("export");
    assert_eq!(export.rows, 4);
    let lines: Vec<&str> = export.csv.lines().collect();
    assert_eq!(lines.len(), 5, "header and 4 events: {}", export.csv);
    assert!(lines[0].starts_with("\u{feff}序号,时间"));
    assert!(lines[1].starts_with("1,2026-11-23 09:30:00"), "oldest first: {}", lines[1]);
    let logged = audit::list(&store, &ctx(), AuditQuery::default()).expect("list");
    assert_eq!(logged.rows[0].action, "audit.export");
    assert!(logged.rows[0].detail.contains("\"rows\":4"), "{}", logged.rows[0].detail);
    assert!(audit::verify(&store, &ctx()).expect("verify").ok);
}
