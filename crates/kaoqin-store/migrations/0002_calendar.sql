-- The China working calendar: State Council notices loaded by the clerk (years shipped with
-- Kaoqin live in the program, not here; a loaded year replaces the shipped one), and the
-- company's own days off and working days.

CREATE TABLE calendar_year (
    year               INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2099),
    notice             TEXT NOT NULL CHECK (notice <> ''),
    issued_on          TEXT NOT NULL CHECK (date(issued_on) IS issued_on),
    url                TEXT NOT NULL CHECK (url <> ''),
    document_no        TEXT,
    -- SHA-256 of the year's canonical text: proves the rows are the ones that were loaded.
    checksum           TEXT NOT NULL CHECK (length(checksum) = 64),
    loaded_at          TEXT NOT NULL,
    loaded_by          TEXT NOT NULL
) STRICT;

CREATE TABLE calendar_day (
    date               TEXT PRIMARY KEY CHECK (date(date) IS date),
    year               INTEGER NOT NULL REFERENCES calendar_year (year) ON DELETE CASCADE,
    kind               TEXT NOT NULL
                       CHECK (kind IN ('statutory', 'substitute', 'swapped_rest', 'make_up_workday')),
    festival           TEXT NOT NULL CHECK (festival <> ''),
    swapped_with       TEXT CHECK (swapped_with IS NULL OR date(swapped_with) IS swapped_with),
    CHECK (CAST(substr(date, 1, 4) AS INTEGER) = year)
) STRICT;

CREATE INDEX calendar_day_year ON calendar_day (year);

CREATE TABLE company_day (
    date               TEXT PRIMARY KEY CHECK (date(date) IS date),
    kind               TEXT NOT NULL CHECK (kind IN ('day_off', 'working_day')),
    note               TEXT NOT NULL CHECK (note <> ''),
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL
) STRICT;
