-- Timetables (班次), attendance groups (考勤组), rotations (轮班规律) and group membership.
--
-- A timetable's and a group's rules are effective-dated: each version row holds the rules from
-- its date on as JSON (the kaoqin-core types), so a past month is computed with the rules that
-- applied then. Codes and names live on the parent row and are not versioned.

CREATE TABLE timetable (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 8),
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 30),
    color       TEXT,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
) STRICT;

CREATE TABLE timetable_version (
    timetable_id    INTEGER NOT NULL REFERENCES timetable (id) ON DELETE CASCADE,
    effective_from  TEXT NOT NULL CHECK (date(effective_from) IS effective_from),
    definition      TEXT NOT NULL CHECK (json_valid(definition)),
    saved_at        TEXT NOT NULL,
    saved_by        TEXT NOT NULL,
    PRIMARY KEY (timetable_id, effective_from)
) STRICT;

CREATE TABLE attendance_group (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 30),
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL
) STRICT;

CREATE TABLE attendance_group_version (
    group_id        INTEGER NOT NULL REFERENCES attendance_group (id) ON DELETE CASCADE,
    effective_from  TEXT NOT NULL CHECK (date(effective_from) IS effective_from),
    definition      TEXT NOT NULL CHECK (json_valid(definition)),
    saved_at        TEXT NOT NULL,
    saved_by        TEXT NOT NULL,
    PRIMARY KEY (group_id, effective_from)
) STRICT;

CREATE TABLE rotation (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 30),
    -- JSON array: a timetable id per day, null for rest.
    days        TEXT NOT NULL CHECK (json_valid(days) AND json_type(days) = 'array'),
    saved_at    TEXT NOT NULL,
    saved_by    TEXT NOT NULL
) STRICT;

-- "From this date, this department (with its sub-departments) or this person is in this group";
-- a null group ends the assignment. One row per target and date.
CREATE TABLE group_membership (
    id              INTEGER PRIMARY KEY,
    department_id   INTEGER REFERENCES department (id) ON DELETE CASCADE,
    employee_id     INTEGER REFERENCES employee (id) ON DELETE CASCADE,
    group_id        INTEGER REFERENCES attendance_group (id) ON DELETE RESTRICT,
    effective_from  TEXT NOT NULL CHECK (date(effective_from) IS effective_from),
    saved_at        TEXT NOT NULL,
    saved_by        TEXT NOT NULL,
    CHECK ((department_id IS NULL) <> (employee_id IS NULL))
) STRICT;

CREATE UNIQUE INDEX group_membership_department
    ON group_membership (department_id, effective_from) WHERE department_id IS NOT NULL;
CREATE UNIQUE INDEX group_membership_employee
    ON group_membership (employee_id, effective_from) WHERE employee_id IS NOT NULL;
CREATE INDEX group_membership_group ON group_membership (group_id);
