-- Leave (请假): types, the balance ledger (grants), and leave records entered by the clerk.
-- Amounts are thousandths of the type's unit (1 day = 1000). Grants and records are never
-- deleted: a record is cancelled with who, when and why, so the history stays.

CREATE TABLE leave_type (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20),
    name            TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 20),
    definition      TEXT NOT NULL CHECK (json_valid(definition)),
    saved_at        TEXT NOT NULL,
    saved_by        TEXT NOT NULL
) STRICT;

CREATE TABLE leave_grant (
    id              INTEGER PRIMARY KEY,
    employee_id     INTEGER NOT NULL REFERENCES employee (id) ON DELETE CASCADE,
    leave_type_id   INTEGER NOT NULL REFERENCES leave_type (id) ON DELETE RESTRICT,
    kind            TEXT NOT NULL CHECK (kind IN ('annual', 'carry_over', 'adjust')),
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2099),
    amount          INTEGER NOT NULL,
    valid_from      TEXT NOT NULL CHECK (date(valid_from) IS valid_from),
    expires_on      TEXT CHECK (expires_on IS NULL OR date(expires_on) IS expires_on),
    note            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL
) STRICT;

CREATE INDEX leave_grant_employee ON leave_grant (employee_id, leave_type_id);
CREATE UNIQUE INDEX leave_grant_once_a_year
    ON leave_grant (employee_id, leave_type_id, year, kind) WHERE kind IN ('annual', 'carry_over');

CREATE TABLE leave_record (
    id              INTEGER PRIMARY KEY,
    employee_id     INTEGER NOT NULL REFERENCES employee (id) ON DELETE CASCADE,
    leave_type_id   INTEGER NOT NULL REFERENCES leave_type (id) ON DELETE RESTRICT,
    -- JSON of kaoqin-core::leave::LeaveSpan; first/last date for range queries.
    span            TEXT NOT NULL CHECK (json_valid(span)),
    first_date      TEXT NOT NULL CHECK (date(first_date) IS first_date),
    last_date       TEXT NOT NULL CHECK (date(last_date) IS last_date AND last_date >= first_date),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    note            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    cancelled_at    TEXT,
    cancelled_by    TEXT,
    cancel_reason   TEXT,
    CHECK ((cancelled_at IS NULL) = (cancelled_by IS NULL))
) STRICT;

CREATE INDEX leave_record_employee ON leave_record (employee_id, first_date);
CREATE INDEX leave_record_dates ON leave_record (first_date, last_date);

-- The leave types a clerk expects on day one (they can be changed): rules from
-- china-labour-rules.md §7 (年假 excludes rest days) and common practice.
INSERT INTO leave_type (code, name, definition, saved_at, saved_by) VALUES
 ('annual', '年假', '{"code":"annual","name":"年假","unit":"half_day","counts_rest_days":false,"on_duty":false,"paid":true,"tracks_balance":true,"annual_grant":5000,"max_carry_over":5000,"carry_over_expires":[3,31]}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('sick', '病假', '{"code":"sick","name":"病假","unit":"half_day","counts_rest_days":false,"on_duty":false,"paid":true,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('personal', '事假', '{"code":"personal","name":"事假","unit":"hour","counts_rest_days":false,"on_duty":false,"paid":false,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('marriage', '婚假', '{"code":"marriage","name":"婚假","unit":"day","counts_rest_days":false,"on_duty":false,"paid":true,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('maternity', '产假', '{"code":"maternity","name":"产假","unit":"day","counts_rest_days":true,"on_duty":false,"paid":true,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('paternity', '陪产假', '{"code":"paternity","name":"陪产假","unit":"day","counts_rest_days":true,"on_duty":false,"paid":true,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('bereavement', '丧假', '{"code":"bereavement","name":"丧假","unit":"day","counts_rest_days":false,"on_duty":false,"paid":true,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('time_off', '调休假', '{"code":"time_off","name":"调休假","unit":"hour","counts_rest_days":false,"on_duty":false,"paid":true,"tracks_balance":true,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('outing', '外出', '{"code":"outing","name":"外出","unit":"hour","counts_rest_days":false,"on_duty":true,"paid":true,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin'),
 ('business_trip', '出差', '{"code":"business_trip","name":"出差","unit":"half_day","counts_rest_days":false,"on_duty":true,"paid":true,"tracks_balance":false,"annual_grant":null,"max_carry_over":null,"carry_over_expires":null}', '2026-01-01T00:00:00Z', 'kaoqin');
