-- 0008_audit_chain: the audit log becomes tamper-evident, and the database gets an identity.
--
-- Each event carries the HMAC-SHA256 of the previous event's hash and its own fields
-- (kaoqin-store/src/audit.rs gives the byte layout); the key lives in the OS keyring under the
-- database's identity, never here. Events written before this migration have no hashes: they
-- are allowed only before the first signed one, and verification counts them as unsigned.

ALTER TABLE audit_event ADD COLUMN prev_hash BLOB;
ALTER TABLE audit_event ADD COLUMN entry_hash BLOB;

-- A random identity, made once: the keyring entries (audit key, anchor) are named after it, so
-- two databases on one PC never share them, and a backup restored keeps its own.
CREATE TABLE database_identity (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    uid         TEXT NOT NULL CHECK (length(uid) = 32)
) STRICT;
INSERT INTO database_identity (id, uid) VALUES (1, lower(hex(randomblob(16))));
CREATE TRIGGER database_identity_fixed_update BEFORE UPDATE ON database_identity
BEGIN
    SELECT RAISE(ABORT, 'database_identity is fixed');
END;
CREATE TRIGGER database_identity_fixed_delete BEFORE DELETE ON database_identity
BEGIN
    SELECT RAISE(ABORT, 'database_identity is fixed');
END;
