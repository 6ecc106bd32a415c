-- Lintas schema version 11: support and reintegration plans, risk and best-interest
-- assessments, and the directory of organisations that services and plans name (issue 14).
-- Never edit this file once released: add a new numbered migration instead.

-- Service providers and partners. No personal data.
CREATE TABLE organisation (
    id       TEXT PRIMARY KEY,
    name     TEXT,
    type     TEXT,
    province TEXT,
    regency  TEXT,
    address  TEXT,
    phone    TEXT,
    services TEXT,
    notes    TEXT
);
CREATE INDEX organisation_by_regency ON organisation (regency);

-- The stage of victim handling a service belongs to, and the organisation providing it (the
-- free-text provider stays for what was written before).
ALTER TABLE service ADD COLUMN stage TEXT;
ALTER TABLE service ADD COLUMN organisation_id TEXT;

CREATE TABLE plan (
    id               TEXT PRIMARY KEY,
    case_id          TEXT,
    kind             TEXT,
    type             TEXT,
    stage            TEXT,
    objectives       TEXT,
    goals            TEXT,
    action_plan      TEXT,
    organisation_id  TEXT,
    start_date       TEXT,
    planned_end_date TEXT,
    actual_end_date  TEXT,
    progress         TEXT,
    progress_note    TEXT,
    outcome          TEXT,
    outcome_note     TEXT
);
CREATE INDEX plan_by_case ON plan (case_id);
CREATE INDEX plan_by_planned_end ON plan (planned_end_date) WHERE actual_end_date IS NULL;

CREATE TABLE assessment (
    id              TEXT PRIMARY KEY,
    case_id         TEXT,
    kind            TEXT,
    date            TEXT,
    risk_level      TEXT,
    findings        TEXT,
    recommendations TEXT,
    next_due        TEXT,
    approved_by     TEXT,
    approved_on     TEXT
);
CREATE INDEX assessment_by_case ON assessment (case_id);
