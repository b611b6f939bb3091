-- 0001_initial: company settings, the department tree, employees, the append-only audit log.
-- Released migrations are never edited: `cargo xtask tidy` checks their hashes (RELEASED).

CREATE TABLE schema_migration (
    version     INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    applied_at  TEXT NOT NULL
) STRICT;

CREATE TABLE company (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    timezone    TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE department (
    id          INTEGER PRIMARY KEY,
    parent_id   INTEGER REFERENCES department (id) ON DELETE RESTRICT,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50 AND instr(name, '/') = 0),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
-- Sibling names are unique; top-level departments count as siblings of each other.
CREATE UNIQUE INDEX department_sibling_name ON department (ifnull(parent_id, 0), name);
CREATE INDEX department_parent ON department (parent_id);

CREATE TABLE employee (
    id              INTEGER PRIMARY KEY,
    employee_no     TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    department_id   INTEGER NOT NULL REFERENCES department (id) ON DELETE RESTRICT,
    position        TEXT,
    hired_on        TEXT NOT NULL,
    left_on         TEXT,
    id_number       TEXT,
    phone           TEXT,
    pin             TEXT UNIQUE,
    card_no         TEXT UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('active', 'inactive')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    -- 离职 is recorded by its date: inactive exactly when a leave date is set.
    CHECK ((status = 'inactive') = (left_on IS NOT NULL)),
    CHECK (left_on IS NULL OR left_on >= hired_on)
) STRICT;
CREATE INDEX employee_department ON employee (department_id, status);

-- Who did what, when. Rows refer to records by surrogate id and never hold personal values
-- (names, ID numbers, phones), so a retention purge of the employee tables leaves it intact.
CREATE TABLE audit_event (
    seq         INTEGER PRIMARY KEY,
    at_utc      TEXT NOT NULL,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   INTEGER,
    detail      TEXT NOT NULL CHECK (json_valid(detail))
) STRICT;
CREATE TRIGGER audit_event_append_only_update BEFORE UPDATE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
CREATE TRIGGER audit_event_append_only_delete BEFORE DELETE ON audit_event
BEGIN
    SELECT RAISE(ABORT, 'audit_event is append-only');
END;
