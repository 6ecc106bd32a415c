-- Lintas schema version 1.
-- Never edit this file once released: add a new numbered migration instead.

-- Store-level facts about this installation (device id, district). Not case data.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- The op log: the one write path. `body` holds the exact canonical bytes that were hashed, so
-- verification never depends on re-serialising; the other columns are copies for indexing,
-- checked against the body by `audit verify`. `prev` is the hash of the same device's previous
-- op: hash = SHA-256(prev || body), so an op received without its predecessors can still be
-- checked on its own, and linked once they arrive.
CREATE TABLE ops (
    device    TEXT    NOT NULL,
    seq       INTEGER NOT NULL,
    hlc_ms    INTEGER NOT NULL,
    hlc_c     INTEGER NOT NULL,
    author    TEXT    NOT NULL,
    action    TEXT    NOT NULL,
    entity    TEXT    NOT NULL,
    entity_id TEXT    NOT NULL,
    field     TEXT,
    body      BLOB    NOT NULL,
    prev      BLOB    NOT NULL,
    hash      BLOB    NOT NULL,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;
CREATE INDEX ops_by_time ON ops (hlc_ms, hlc_c, device, seq);
CREATE INDEX ops_by_entity ON ops (entity_id);

-- Which op created each entity, and which op last set each field: the `base` of the next edit.
CREATE TABLE entities (
    kind   TEXT    NOT NULL,
    id     TEXT    NOT NULL,
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) WITHOUT ROWID;

CREATE TABLE field_versions (
    kind   TEXT    NOT NULL,
    id     TEXT    NOT NULL,
    field  TEXT    NOT NULL,
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    hlc_ms INTEGER NOT NULL,
    hlc_c  INTEGER NOT NULL,
    PRIMARY KEY (kind, id, field)
) WITHOUT ROWID;

-- Attachment contents, addressed by their SHA-256. Written only in the transaction of the op
-- that references them; never changed.
CREATE TABLE blobs (
    sha256 TEXT PRIMARY KEY,
    data   BLOB NOT NULL
) WITHOUT ROWID;

-- Materialised view of the op log. Column names equal the field names in schema.rs.
CREATE TABLE operator (
    id       TEXT PRIMARY KEY,
    name     TEXT,
    district TEXT
);

CREATE TABLE person (
    id                  TEXT PRIMARY KEY,
    first_name          TEXT,
    middle_name         TEXT,
    second_name         TEXT,
    aliases             TEXT,
    gender              TEXT,
    birthdate           TEXT,
    citizenship         TEXT,
    identity_number     TEXT,
    passport_number     TEXT,
    phone               TEXT,
    marital_status      TEXT,
    education           TEXT,
    primary_language    TEXT,
    address_province    TEXT,
    address_regency     TEXT,
    address_subdistrict TEXT,
    address_village     TEXT,
    address_street      TEXT,
    deceased            INTEGER
);
CREATE INDEX person_by_nik ON person (identity_number);

CREATE TABLE case_file (
    id                            TEXT PRIMARY KEY,
    case_number                   TEXT,
    district                      TEXT,
    victim_id                     TEXT,
    status                        TEXT,
    trafficking_status            TEXT,
    status_decided_by             TEXT,
    type_of_exploitation          TEXT,
    forced_labour_industry        TEXT,
    type_of_sex_exploitation      TEXT,
    means_of_control              TEXT,
    method_of_recruitment         TEXT,
    recruitment_apps              TEXT,
    relationship_to_trafficker    TEXT,
    age_when_trafficked           INTEGER,
    vulnerabilities               TEXT,
    country_of_exploitation       TEXT,
    intake_date                   TEXT,
    intake_place                  TEXT,
    intake_deportee_status        TEXT,
    intake_deported_from          TEXT,
    placement_agency              TEXT,
    document_misuse               TEXT,
    law_enforcement_stage         TEXT,
    law_enforcement_report_number TEXT,
    law_enforcement_report_date   TEXT,
    closure_reason                TEXT
);
CREATE UNIQUE INDEX case_by_number ON case_file (case_number);
CREATE INDEX case_by_intake ON case_file (intake_date DESC, case_number DESC);
CREATE INDEX case_by_status ON case_file (status, intake_date DESC);

CREATE TABLE party (
    id              TEXT PRIMARY KEY,
    case_id         TEXT,
    person_id       TEXT,
    role            TEXT,
    statement       TEXT,
    relationship    TEXT,
    role_in_process TEXT,
    role_details    TEXT
);
CREATE INDEX party_by_case ON party (case_id);
CREATE INDEX party_by_person ON party (person_id);

CREATE TABLE event (
    id          TEXT PRIMARY KEY,
    case_id     TEXT,
    type        TEXT,
    date        TEXT,
    place       TEXT,
    country     TEXT,
    regency     TEXT,
    description TEXT
);
CREATE INDEX event_by_case ON event (case_id);

CREATE TABLE service (
    id               TEXT PRIMARY KEY,
    case_id          TEXT,
    type             TEXT,
    status           TEXT,
    provider         TEXT,
    objectives       TEXT,
    action_plan      TEXT,
    planned_end_date TEXT,
    actual_end_date  TEXT
);
CREATE INDEX service_by_case ON service (case_id);

CREATE TABLE followup (
    id         TEXT PRIMARY KEY,
    case_id    TEXT,
    due_date   TEXT,
    visit_date TEXT,
    status     TEXT,
    visited_by TEXT,
    notes      TEXT
);
CREATE INDEX followup_by_case ON followup (case_id);

CREATE TABLE note (
    id         TEXT PRIMARY KEY,
    case_id    TEXT,
    body       TEXT,
    written_at TEXT
);
CREATE INDEX note_by_case ON note (case_id);

CREATE TABLE consent (
    id                  TEXT PRIMARY KEY,
    case_id             TEXT,
    interview           INTEGER,
    informed_purpose    INTEGER,
    informed_use        INTEGER,
    informed_research   INTEGER,
    informed_access     INTEGER,
    informed_retention  INTEGER,
    informed_withdrawal INTEGER,
    share_districts     TEXT,
    recorded_on         TEXT,
    withdrawn_on        TEXT
);

CREATE TABLE attachment (
    id          TEXT PRIMARY KEY,
    case_id     TEXT,
    name        TEXT,
    mime        TEXT,
    size        INTEGER,
    sha256      TEXT,
    description TEXT
);
CREATE INDEX attachment_by_case ON attachment (case_id);

-- Full-text search over names, aliases, places and notes; one row per case. unicode61 with
-- remove_diacritics makes "José" and "jose" the same word. Lives inside the encrypted database.
CREATE VIRTUAL TABLE case_search USING fts5 (
    case_id UNINDEXED,
    body,
    tokenize = "unicode61 remove_diacritics 2"
);

-- A child is under 18 at intake, or was under 18 when trafficked. One definition, used by
-- lists, filters and reports alike.
CREATE VIEW case_summary AS
SELECT c.id, c.case_number, c.district, c.status, c.trafficking_status, c.intake_date,
       c.type_of_exploitation, c.country_of_exploitation,
       p.first_name, p.second_name, p.gender, p.birthdate,
       CASE
           WHEN c.age_when_trafficked IS NOT NULL AND c.age_when_trafficked < 18 THEN 1
           WHEN p.birthdate IS NOT NULL AND c.intake_date IS NOT NULL
                AND p.birthdate > date(c.intake_date, '-18 years') THEN 1
           ELSE 0
       END AS is_child
FROM case_file c LEFT JOIN person p ON p.id = c.victim_id;
