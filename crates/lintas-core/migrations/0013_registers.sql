-- Lintas schema version 13: the task force's other work (issue 16) — prevention activities,
-- trainings with their participants by agency and sex, empowerment programmes — and the
-- placement agency, the verdict and the programme a case's records name.
-- Never edit this file once released: add a new numbered migration instead.

-- No personal data: counts of participants, never names.
CREATE TABLE activity (
    id                TEXT PRIMARY KEY,
    kind              TEXT,
    title             TEXT,
    date              TEXT,
    end_date          TEXT,
    province          TEXT,
    regency           TEXT,
    subdistrict       TEXT,
    village           TEXT,
    organiser_id      TEXT,
    partner_ids       TEXT,
    audience          TEXT,
    female_children   INTEGER,
    male_children     INTEGER,
    female_adults     INTEGER,
    male_adults       INTEGER,
    topics            TEXT,
    regulation_status TEXT,
    materials         TEXT,
    follow_up         TEXT,
    share_districts   TEXT
);
CREATE INDEX activity_by_date ON activity (date);

CREATE TABLE training (
    id              TEXT PRIMARY KEY,
    title           TEXT,
    topics          TEXT,
    organiser_id    TEXT,
    start_date      TEXT,
    end_date        TEXT,
    province        TEXT,
    regency         TEXT,
    place           TEXT,
    notes           TEXT,
    share_districts TEXT
);
CREATE INDEX training_by_date ON training (start_date);

CREATE TABLE training_group (
    id          TEXT PRIMARY KEY,
    training_id TEXT,
    agency      TEXT,
    female      INTEGER,
    male        INTEGER
);
CREATE INDEX training_group_by_training ON training_group (training_id);

CREATE TABLE programme (
    id              TEXT PRIMARY KEY,
    name            TEXT,
    kind            TEXT,
    organisation_id TEXT,
    offers          TEXT,
    province        TEXT,
    regency         TEXT,
    capacity        INTEGER,
    start_date      TEXT,
    end_date        TEXT,
    notes           TEXT,
    share_districts TEXT
);

ALTER TABLE organisation ADD COLUMN licence_number TEXT;
ALTER TABLE case_file ADD COLUMN placement_agency_id TEXT;
ALTER TABLE case_file ADD COLUMN law_enforcement_verdict TEXT;
ALTER TABLE plan ADD COLUMN programme_id TEXT;
CREATE INDEX plan_by_programme ON plan (programme_id) WHERE programme_id IS NOT NULL;
