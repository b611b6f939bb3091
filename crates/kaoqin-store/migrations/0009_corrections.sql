-- 0009_corrections: the clerk's corrections (更正) and the month close.
--
-- A correction never edits a raw punch: it is a record of its own (who, when, why) that the
-- engine applies on top of the raw punches. Corrections are never deleted; undoing one sets its
-- undo columns, once, and leaves the rest as it was.

CREATE TABLE correction (
    id              INTEGER PRIMARY KEY,
    employee_id     INTEGER NOT NULL REFERENCES employee (id),
    -- The work date (YYYY-MM-DD) whose result it changes.
    date            TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind            TEXT NOT NULL CHECK (kind IN (
                        'make_up', 'ignore_punch', 'flip_punch', 'overtime', 'accept_worked',
                        'mark_absent', 'note', 'leave')),
    -- The engine's view of it (kaoqin-core engine::Fix) as JSON; '{}' for leave.
    fix             TEXT NOT NULL CHECK (json_valid(fix)),
    -- The leave record a 'leave' correction made (cancelled when it is undone).
    leave_record_id INTEGER REFERENCES leave_record (id),
    reason          TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    -- What backs it up (a form number, "见请假条"): text only, no file.
    attachment      TEXT NOT NULL DEFAULT '',
    -- Why a 补卡 over the month's quota or after the deadline was still made.
    override_reason TEXT,
    -- Several corrections made in one go (a bulk resolution) share a batch number.
    batch           INTEGER,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    undone_at       TEXT,
    undone_by       TEXT,
    undo_reason     TEXT
) STRICT;
CREATE INDEX correction_employee_date ON correction (employee_id, date);
CREATE INDEX correction_date ON correction (date);

CREATE TRIGGER correction_kept BEFORE DELETE ON correction
BEGIN
    SELECT RAISE(ABORT, 'corrections are kept: undo one instead');
END;
CREATE TRIGGER correction_undo_only BEFORE UPDATE ON correction
WHEN OLD.undone_at IS NOT NULL
  OR NEW.undone_at IS NULL
  OR NEW.id IS NOT OLD.id
  OR NEW.employee_id IS NOT OLD.employee_id
  OR NEW.date IS NOT OLD.date
  OR NEW.kind IS NOT OLD.kind
  OR NEW.fix IS NOT OLD.fix
  OR NEW.leave_record_id IS NOT OLD.leave_record_id
  OR NEW.reason IS NOT OLD.reason
  OR NEW.attachment IS NOT OLD.attachment
  OR NEW.override_reason IS NOT OLD.override_reason
  OR NEW.batch IS NOT OLD.batch
  OR NEW.created_at IS NOT OLD.created_at
  OR NEW.created_by IS NOT OLD.created_by
BEGIN
    SELECT RAISE(ABORT, 'a correction can only be undone, once');
END;

-- Closing and re-opening months: append-only; a month's state is its latest event.
CREATE TABLE period_event (
    seq         INTEGER PRIMARY KEY,
    month       TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'),
    action      TEXT NOT NULL CHECK (action IN ('close', 'reopen')),
    at_utc      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    -- The audit log's head when the month was closed (printed on its timesheets).
    audit_seq   INTEGER,
    audit_head  TEXT
) STRICT;
CREATE INDEX period_event_month ON period_event (month, seq);
CREATE TRIGGER period_event_append_only_update BEFORE UPDATE ON period_event
BEGIN
    SELECT RAISE(ABORT, 'period_event is append-only');
END;
CREATE TRIGGER period_event_append_only_delete BEFORE DELETE ON period_event
BEGIN
    SELECT RAISE(ABORT, 'period_event is append-only');
END;

-- Review flags (可疑打卡) the clerk dismissed, by the flag's key (its kind and punch ids). The
-- flags themselves are computed, never stored.
CREATE TABLE flag_dismissal (
    id          INTEGER PRIMARY KEY,
    flag_key    TEXT NOT NULL UNIQUE,
    reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    at_utc      TEXT NOT NULL,
    actor       TEXT NOT NULL
) STRICT;
CREATE TRIGGER flag_dismissal_kept_update BEFORE UPDATE ON flag_dismissal
BEGIN
    SELECT RAISE(ABORT, 'flag_dismissal is append-only');
END;
CREATE TRIGGER flag_dismissal_kept_delete BEFORE DELETE ON flag_dismissal
BEGIN
    SELECT RAISE(ABORT, 'flag_dismissal is append-only');
END;
