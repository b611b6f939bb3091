//! The audit chain against a real file edited behind the app's back (triggers dropped, as
//! someone with the file could): every kind of tampering is found at the right event.

use chrono::{TimeZone, Utc};
use kaoqin_store::{AuditBreak, AuditEvent, AuditHead, AuditKey, Store};

const KEY: AuditKey = AuditKey([42; 32]);
const EVENTS: i64 = 12;

/// A database with `EVENTS` signed events; returns its path and the head after the last one.
fn chained(dir: &tempfile::TempDir) -> (std::path::PathBuf, AuditHead) {
    let path = dir.path().join("k.db");
    let mut store = Store::open(&path).expect("store");
    store.set_audit_key(KEY);
    for i in 1..=EVENTS {
        store
            .write(|db| {
                db.append_audit(&AuditEvent {
                    at: Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, i as u32).single().expect("at"),
                    actor: if i % 2 == 0 { "clerk" } else { "admin" },
                    action: "correction.add",
                    entity: "correction",
                    entity_id: (i % 3 != 0).then_some(i * 10),
                    detail: serde_json::json!({ "n": i, "reason": "补卡" }),
                })
            })
            .expect("append");
    }
    let head = store.read().audit_head().expect("head").expect("a head");
    assert_eq!(head.seq, EVENTS);
    (path, head)
}

/// Opens the file raw and drops the append-only triggers, as an editor of the file could.
fn tamper(path: &std::path::Path, sql: &str) {
    let raw = rusqlite::Connection::open(path).expect("raw open");
    raw.execute_batch(
        "DROP TRIGGER audit_event_append_only_update; DROP TRIGGER audit_event_append_only_delete;",
    )
    .expect("drop triggers");
    raw.execute_batch(sql).expect("tamper");
}

fn verdict(path: &std::path::Path, anchor: Option<AuditHead>) -> Option<AuditBreak> {
    let store = Store::open(path).expect("reopen");
    store.read().verify_audit(&KEY, anchor).expect("verify").broken
}

#[test]
fn an_untouched_log_verifies_up_to_its_anchor() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, head) = chained(&dir);
    let store = Store::open(&path).expect("reopen");
    let v = store.read().verify_audit(&KEY, Some(head)).expect("verify");
    assert_eq!((v.signed, v.unsigned, v.broken, v.head), (EVENTS as u64, 0, None, Some(head)));
    assert_eq!(AuditHead::decode(&head.encode()), Some(head), "anchors round-trip as text");
    let wrong = store.read().verify_audit(&AuditKey([1; 32]), None).expect("verify");
    assert_eq!(wrong.broken, Some(AuditBreak::Altered { seq: 1 }), "another key signs nothing");
}

#[test]
fn an_edit_anywhere_is_found_at_that_event() {
    for seq in 1..=EVENTS {
        for column in [
            "detail = json_object('n', 0)",
            "actor = 'x'",
            "at_utc = '2026-01-01T00:00:00Z'",
            "entity_id = 999",
        ] {
            let dir = tempfile::tempdir().expect("tempdir");
            let (path, head) = chained(&dir);
            tamper(&path, &format!("UPDATE audit_event SET {column} WHERE seq = {seq};"));
            assert_eq!(
                verdict(&path, Some(head)),
                Some(AuditBreak::Altered { seq }),
                "edited {column} at {seq}"
            );
        }
    }
}

#[test]
fn a_deleted_event_is_found_where_it_is_missing() {
    for seq in 1..EVENTS {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, head) = chained(&dir);
        tamper(&path, &format!("DELETE FROM audit_event WHERE seq = {seq};"));
        let expected = if seq == 1 {
            // The log now starts at 2: its first link does not hold.
            AuditBreak::Altered { seq: 2 }
        } else {
            AuditBreak::Missing { expected: seq, found: seq + 1 }
        };
        assert_eq!(verdict(&path, Some(head)), Some(expected), "deleted {seq}");
    }
    // Deleted and renumbered to close the gap: the first moved event no longer holds.
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, head) = chained(&dir);
    tamper(
        &path,
        "DELETE FROM audit_event WHERE seq = 5;
         UPDATE audit_event SET seq = -seq WHERE seq > 5;
         UPDATE audit_event SET seq = -seq - 1 WHERE seq < 0;",
    );
    assert_eq!(verdict(&path, Some(head)), Some(AuditBreak::Altered { seq: 5 }));
}

#[test]
fn swapped_events_are_found_at_the_first_of_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, head) = chained(&dir);
    tamper(
        &path,
        "UPDATE audit_event SET seq = -3 WHERE seq = 3;
         UPDATE audit_event SET seq = 3 WHERE seq = 7;
         UPDATE audit_event SET seq = 7 WHERE seq = -3;",
    );
    assert_eq!(verdict(&path, Some(head)), Some(AuditBreak::Altered { seq: 3 }));
}

#[test]
fn an_inserted_event_is_found_where_it_was_put() {
    // In the middle, with later events renumbered and a hash copied from a real event.
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, head) = chained(&dir);
    tamper(
        &path,
        "UPDATE audit_event SET seq = -seq WHERE seq >= 6;
         UPDATE audit_event SET seq = -seq + 1 WHERE seq < 0;
         INSERT INTO audit_event (seq, at_utc, actor, action, entity, entity_id, detail, prev_hash, entry_hash)
           SELECT 6, at_utc, 'admin', 'correction.add', 'correction', 1, '{}', prev_hash, entry_hash
           FROM audit_event WHERE seq = 7;",
    );
    assert_eq!(verdict(&path, Some(head)), Some(AuditBreak::Altered { seq: 6 }));
    // At the end: without the key its hash cannot be right.
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, head) = chained(&dir);
    tamper(
        &path,
        "INSERT INTO audit_event (seq, at_utc, actor, action, entity, entity_id, detail, prev_hash, entry_hash)
         SELECT seq + 1, at_utc, actor, action, entity, entity_id, detail, entry_hash, entry_hash
         FROM audit_event WHERE seq = 12;",
    );
    assert_eq!(verdict(&path, Some(head)), Some(AuditBreak::Altered { seq: EVENTS + 1 }));
    // Unsigned, after the chain began.
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, head) = chained(&dir);
    tamper(
        &path,
        "INSERT INTO audit_event (seq, at_utc, actor, action, entity, detail)
         VALUES (13, '2026-11-24T09:00:00Z', 'admin', 'x', 'y', '{}');",
    );
    assert_eq!(verdict(&path, Some(head)), Some(AuditBreak::Unsigned { seq: EVENTS + 1 }));
}

#[test]
fn a_truncated_tail_is_found_against_the_anchor() {
    for keep in 0..EVENTS {
        let dir = tempfile::tempdir().expect("tempdir");
        let (path, head) = chained(&dir);
        tamper(&path, &format!("DELETE FROM audit_event WHERE seq > {keep};"));
        assert_eq!(
            verdict(&path, Some(head)),
            Some(AuditBreak::Truncated { last: keep, anchor: EVENTS }),
            "kept {keep}"
        );
        assert_eq!(verdict(&path, None), None, "without an anchor a shorter chain is valid");
    }
    // Truncated and new events appended with the key (an admin with the key and the file):
    // the anchored event is not the one there now.
    let dir = tempfile::tempdir().expect("tempdir");
    let (path, head) = chained(&dir);
    tamper(&path, "DELETE FROM audit_event WHERE seq > 9;");
    let mut store = Store::open(&path).expect("reopen");
    store.set_audit_key(KEY);
    for _ in 0..5 {
        store
            .write(|db| {
                db.append_audit(&AuditEvent {
                    at: Utc.with_ymd_and_hms(2026, 11, 25, 8, 0, 0).single().expect("at"),
                    actor: "admin",
                    action: "period.reopen",
                    entity: "period",
                    entity_id: None,
                    detail: serde_json::json!({}),
                })
            })
            .expect("append");
    }
    drop(store);
    assert_eq!(verdict(&path, Some(head)), Some(AuditBreak::AnchorMismatch { seq: EVENTS }));
}

#[test]
fn events_before_the_chain_are_counted_as_unsigned_not_broken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("k.db");
    drop(Store::open(&path).expect("create"));
    let raw = rusqlite::Connection::open(&path).expect("raw");
    raw.execute_batch(
        "INSERT INTO audit_event (seq, at_utc, actor, action, entity, detail)
         VALUES (1, '2026-11-01T00:00:00Z', 'admin', 'company.init', 'company', '{}'),
                (2, '2026-11-01T00:00:01Z', 'admin', 'employee.add', 'employee', '{}');",
    )
    .expect("legacy rows");
    drop(raw);
    let mut store = Store::open(&path).expect("reopen");
    store.set_audit_key(KEY);
    store
        .write(|db| {
            db.append_audit(&AuditEvent {
                at: Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).single().expect("at"),
                actor: "admin",
                action: "employee.add",
                entity: "employee",
                entity_id: Some(3),
                detail: serde_json::json!({}),
            })
        })
        .expect("append");
    let v = store.read().verify_audit(&KEY, None).expect("verify");
    assert_eq!((v.unsigned, v.signed, v.broken), (2, 1, None));
    assert_eq!(v.head.map(|h| h.seq), Some(3));
}
