-- migrate: foreign_keys off
--
-- Terminals on the LAN and every pull from them.
--
-- terminal: one row per device the clerk added. Its comm key is never here: it lives in the OS
-- keyring under key_ref, and has_comm_key says whether one was set.
--
-- pull_run: one row per attempt to pull a terminal, written when the pull starts and finished
-- when it ends, so a pull cut short (a crash, a kill, a power cut) stays visible as 'running'
-- and is never mistaken for a complete one. Its figures are the sync log and the evidence the
-- clear-terminal rule asks for: the terminal's own count, what was read, what was new.
--
-- pull_blob: the raw attendance bytes of a pull, kept once per distinct content, so a parser fix
-- can re-read them without the terminal (which may have been cleared since).
--
-- punch_quarantine: records whose time cannot be a real moment (30 February, an unset clock).
-- Kept with the raw value and the reason, shown to the clerk, never dropped; append-only.
--
-- push_device / push_inbox: terminals that push over ADMS (HTTP). A device is allowed when a
-- terminal row carries its serial; any other device that calls is listed for the clerk to
-- approve, and everything it sent waits in push_inbox (never lost) until then. push_receiver is
-- whether the desktop app runs the receiver, and on which address.
--
-- punch_batch is rebuilt so a batch can be a terminal pull or a push as well as a file; every
-- existing row keeps its id (raw_punch points at them).
--
-- raw_punch is rebuilt with its natural key ordered terminal, time, person: a terminal's log is
-- in time order, so a pull appends at the end of the key instead of writing into hundreds of
-- places (one per person) — half the time to store a pull. Every row keeps its id.

CREATE TABLE terminal (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    host            TEXT NOT NULL CHECK (length(trim(host)) > 0),
    port            INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    -- auto: TCP first, UDP when TCP fails (the one that worked is remembered in last_transport);
    -- push: the terminal sends its punches over ADMS and is never pulled.
    transport       TEXT NOT NULL CHECK (transport IN ('auto', 'tcp', 'udp', 'push')),
    last_transport  TEXT CHECK (last_transport IN ('tcp', 'udp')),
    -- Learned from the device at the first successful test or pull; the punches' terminal key.
    serial          TEXT UNIQUE,
    -- IANA zone of the terminal's wall clock.
    tz              TEXT NOT NULL,
    location        TEXT NOT NULL,
    -- How the terminal's 上班/下班 key is used: none, hint or trust.
    state_key       TEXT NOT NULL CHECK (state_key IN ('none', 'hint', 'trust')),
    -- How the terminal encodes names: gbk, utf8, windows1252, windows1251, windows1256.
    name_codec      TEXT NOT NULL,
    has_comm_key    INTEGER NOT NULL CHECK (has_comm_key IN (0, 1)),
    -- The keyring entry's name (unique per database and terminal).
    key_ref         TEXT NOT NULL UNIQUE,
    -- Clear the terminal's log after a verified, backed-up pull. Off unless the clerk turns it on.
    clear_after_pull INTEGER NOT NULL CHECK (clear_after_pull IN (0, 1)),
    -- Scheduled pulls: every N minutes (NULL = no interval) and at fixed times "HH:MM,HH:MM".
    every_minutes   INTEGER CHECK (every_minutes IS NULL OR every_minutes BETWEEN 1 AND 1440),
    at_times        TEXT NOT NULL,
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- The last ADMS ATTLOG stamp stored (a pushing device resends from it).
    push_stamp      TEXT,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
) STRICT;

-- Which attendance groups punch on a terminal (informational; a punch counts wherever it is).
CREATE TABLE terminal_group (
    terminal_id     INTEGER NOT NULL REFERENCES terminal (id) ON DELETE CASCADE,
    group_id        INTEGER NOT NULL REFERENCES attendance_group (id) ON DELETE CASCADE,
    PRIMARY KEY (terminal_id, group_id)
) STRICT;

CREATE TABLE punch_batch_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('csv', 'attlog', 'pull', 'push')),
    -- The file's name, or the terminal's name for a pull or a push.
    file_name       TEXT NOT NULL,
    -- The file's bytes, or the pulled attendance bytes.
    sha256          TEXT NOT NULL,
    lines           INTEGER NOT NULL,
    added           INTEGER NOT NULL,
    imported_at     TEXT NOT NULL,
    imported_by     TEXT NOT NULL
) STRICT;

INSERT INTO punch_batch_new (id, kind, file_name, sha256, lines, added, imported_at, imported_by)
SELECT id, kind, file_name, sha256, lines, added, imported_at, imported_by FROM punch_batch;

DROP TABLE punch_batch;
ALTER TABLE punch_batch_new RENAME TO punch_batch;

CREATE TABLE raw_punch_new (
    id              INTEGER PRIMARY KEY,
    -- The terminal's id as the source names it; '' when a file names none.
    terminal        TEXT NOT NULL,
    -- Who: a terminal PIN (考勤号码) or an employee number (工号), as given.
    who_kind        TEXT NOT NULL CHECK (who_kind IN ('pin', 'employee_no')),
    who             TEXT NOT NULL,
    term_local      TEXT NOT NULL CHECK (datetime(term_local) IS term_local),
    term_tz         TEXT NOT NULL,
    instant_utc     TEXT NOT NULL,
    -- -1: not given.
    verify_mode     INTEGER NOT NULL,
    state           INTEGER NOT NULL,
    work_code       TEXT NOT NULL,
    batch_id        INTEGER NOT NULL REFERENCES punch_batch (id),
    UNIQUE (terminal, term_local, who, who_kind, verify_mode, state)
) STRICT;

INSERT INTO raw_punch_new (id, terminal, who_kind, who, term_local, term_tz, instant_utc,
                           verify_mode, state, work_code, batch_id)
SELECT id, terminal, who_kind, who, term_local, term_tz, instant_utc, verify_mode, state,
       work_code, batch_id
FROM raw_punch ORDER BY id;

DROP TABLE raw_punch;
ALTER TABLE raw_punch_new RENAME TO raw_punch;

-- Covers what evaluating a month reads, so a month is read from the index alone.
CREATE INDEX raw_punch_local ON raw_punch (term_local, who_kind, who, term_tz, state);

CREATE TRIGGER raw_punch_no_update BEFORE UPDATE ON raw_punch
BEGIN
    SELECT RAISE(ABORT, 'raw punches are append-only');
END;

CREATE TRIGGER raw_punch_no_delete BEFORE DELETE ON raw_punch
BEGIN
    SELECT RAISE(ABORT, 'raw punches are append-only');
END;

CREATE TABLE pull_run (
    id              INTEGER PRIMARY KEY,
    terminal_id     INTEGER NOT NULL REFERENCES terminal (id),
    -- Set once records were read: the batch their punches belong to.
    batch_id        INTEGER REFERENCES punch_batch (id),
    started_at      TEXT NOT NULL,
    finished_at     TEXT,
    outcome         TEXT NOT NULL CHECK (outcome IN ('running', 'ok', 'failed')),
    -- What went wrong, in the clerk's words, when outcome is failed.
    error           TEXT,
    started_by      TEXT NOT NULL,
    transport       TEXT CHECK (transport IN ('tcp', 'udp')),
    serial          TEXT,
    firmware        TEXT,
    -- The terminal's clock minus the PC's, in seconds, read at the start of the pull.
    skew_seconds    INTEGER,
    device_time     TEXT,
    -- The terminal's own counts (GET_FREE_SIZES), before the read.
    device_records  INTEGER,
    device_users    INTEGER,
    record_size     INTEGER,
    bytes           INTEGER,
    -- Records read, stored as new punches, already stored, and quarantined.
    records_read    INTEGER,
    added           INTEGER,
    quarantined     INTEGER,
    -- Set when the terminal's log was cleared after this pull.
    cleared_at      TEXT
) STRICT;

CREATE INDEX pull_run_terminal ON pull_run (terminal_id, id);

CREATE TABLE pull_blob (
    sha256          TEXT PRIMARY KEY,
    terminal_id     INTEGER NOT NULL REFERENCES terminal (id),
    first_pull_id   INTEGER NOT NULL REFERENCES pull_run (id),
    record_size     INTEGER NOT NULL,
    bytes           BLOB NOT NULL
) STRICT;

CREATE TABLE punch_quarantine (
    id              INTEGER PRIMARY KEY,
    terminal        TEXT NOT NULL,
    who             TEXT NOT NULL,
    -- The packed time exactly as the terminal sent it, and its fields as decoded.
    raw_time        INTEGER NOT NULL,
    fields          TEXT NOT NULL,
    reason          TEXT NOT NULL,
    verify_mode     INTEGER NOT NULL,
    state           INTEGER NOT NULL,
    batch_id        INTEGER NOT NULL REFERENCES punch_batch (id),
    UNIQUE (terminal, who, raw_time, verify_mode, state)
) STRICT;

CREATE TRIGGER punch_quarantine_no_update BEFORE UPDATE ON punch_quarantine
BEGIN
    SELECT RAISE(ABORT, 'quarantined punches are append-only');
END;

CREATE TRIGGER punch_quarantine_no_delete BEFORE DELETE ON punch_quarantine
BEGIN
    SELECT RAISE(ABORT, 'quarantined punches are append-only');
END;

CREATE TABLE push_device (
    serial          TEXT PRIMARY KEY,
    remote          TEXT NOT NULL,
    first_seen      TEXT NOT NULL,
    last_seen       TEXT NOT NULL,
    requests        INTEGER NOT NULL
) STRICT;

CREATE TABLE push_inbox (
    id              INTEGER PRIMARY KEY,
    serial          TEXT NOT NULL,
    remote          TEXT NOT NULL,
    received_at     TEXT NOT NULL,
    -- ATTLOG, OPERLOG … as the device named it.
    table_name      TEXT NOT NULL,
    body            BLOB NOT NULL,
    -- Set once the device was approved and the body's punches stored.
    stored_batch    INTEGER REFERENCES punch_batch (id)
) STRICT;

CREATE INDEX push_inbox_serial ON push_inbox (serial, id);

CREATE TABLE push_receiver (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    enabled         INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    -- ip:port, e.g. 0.0.0.0:8081 (every address of this PC) or one LAN address.
    listen          TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
