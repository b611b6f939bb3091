-- The 排班 grid: one row per person and date that the clerk painted, filled from a rotation or
-- swapped. A null timetable is a planned rest day. Dates without a row follow the person's group.

CREATE TABLE schedule_entry (
    employee_id     INTEGER NOT NULL REFERENCES employee (id) ON DELETE CASCADE,
    date            TEXT NOT NULL CHECK (date(date) IS date),
    timetable_id    INTEGER REFERENCES timetable (id) ON DELETE RESTRICT,
    source          TEXT NOT NULL CHECK (source IN ('paint', 'rotation', 'swap')),
    saved_at        TEXT NOT NULL,
    saved_by        TEXT NOT NULL,
    PRIMARY KEY (employee_id, date)
) STRICT;

CREATE INDEX schedule_entry_date ON schedule_entry (date);
CREATE INDEX schedule_entry_timetable ON schedule_entry (timetable_id);
