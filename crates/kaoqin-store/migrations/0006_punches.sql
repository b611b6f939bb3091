-- Punches and results.
--
-- raw_punch is append-only: every punch a terminal sent or a file held, exactly as given — the
-- terminal's wall-clock time as written, the zone it is in, and the instant derived from both.
-- A re-sent or re-imported punch is ignored by its natural key. Nothing ever edits or deletes a
-- raw punch (triggers refuse it); corrections will be rows of their own.
--
-- day_result is derived: the engine's result per person and work date, replaced whenever a
-- range is computed again.

CREATE TABLE punch_batch (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('csv', 'attlog')),
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,
    lines           INTEGER NOT NULL,
    added           INTEGER NOT NULL,
    imported_at     TEXT NOT NULL,
    imported_by     TEXT NOT NULL
) STRICT;

CREATE TABLE raw_punch (
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
    UNIQUE (terminal, who_kind, who, term_local, verify_mode, state)
) STRICT;

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

CREATE TABLE day_result (
    employee_id     INTEGER NOT NULL REFERENCES employee (id) ON DELETE CASCADE,
    date            TEXT NOT NULL CHECK (date(date) IS date),
    status          TEXT NOT NULL,
    provisional     INTEGER NOT NULL CHECK (provisional IN (0, 1)),
    -- The whole result (minutes, findings, trace) as JSON.
    result          TEXT NOT NULL,
    PRIMARY KEY (employee_id, date)
) STRICT;

CREATE INDEX day_result_date ON day_result (date);

-- The company's attendance rule settings (duplicate window, missing punches, overtime) as JSON:
-- one row, replaced when the clerk saves; every save is in the audit log.
CREATE TABLE attendance_rules (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    rules           TEXT NOT NULL,
    saved_at        TEXT NOT NULL,
    saved_by        TEXT NOT NULL
) STRICT;
