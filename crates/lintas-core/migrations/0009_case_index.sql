-- Lintas schema version 9: per-case index rows that lists, search and duplicate checks read
-- instead of scanning the whole store (found by lintas-bench at 100,000 cases).
-- Never edit this file once released: add a new numbered migration instead.
--
-- The rows of these tables are derived from the view by `case_index::refresh` in the
-- transaction of every op batch that touches a case; migration 9 fills them with the same
-- function after this file has run (migrate.rs), so their definition lives in one place.

-- The consent of a case, looked up for every case a bundle may carry.
CREATE INDEX consent_by_case ON consent (case_id);

-- The last case number of a district and year (`6503-2019-` and a serial that grows past four
-- digits), read from the end of this index rather than from every case number of the year.
CREATE INDEX case_by_serial ON case_file (substr(case_number, 1, 10), CAST(substr(case_number, 11) AS INTEGER));

-- case_summary was a view joining every case to its victim, so a count, a filter on
-- `is_child` or a filtered list walked both tables. It becomes a table with one row per case.
DROP VIEW case_summary;
CREATE TABLE case_summary (
    id                      TEXT PRIMARY KEY,
    case_number             TEXT,
    district                TEXT,
    status                  TEXT,
    trafficking_status      TEXT,
    intake_date             TEXT,
    type_of_exploitation    TEXT,
    country_of_exploitation TEXT,
    first_name              TEXT,
    second_name             TEXT,
    gender                  TEXT,
    birthdate               TEXT,
    is_child                INTEGER NOT NULL
);
CREATE INDEX summary_by_intake ON case_summary (intake_date DESC, case_number DESC);
CREATE INDEX summary_by_status ON case_summary (status, intake_date DESC, case_number DESC);
CREATE INDEX summary_by_child ON case_summary (is_child, intake_date DESC, case_number DESC);

-- The types of exploitation of each case, one row each, so a filter on one is an index lookup
-- rather than a text search through every case.
CREATE TABLE case_exploitation (
    code    TEXT NOT NULL,
    case_id TEXT NOT NULL,
    PRIMARY KEY (code, case_id)
) WITHOUT ROWID;
CREATE INDEX exploitation_by_case ON case_exploitation (case_id);

-- The search index is made again with prefix indexes: a search types the first letters of
-- a name ("mar tae"), and without them FTS5 merges the lists of every word that starts so.
-- migrate::after fills it again.
DROP TABLE case_search;
CREATE VIRTUAL TABLE case_search USING fts5 (
    case_id UNINDEXED,
    body,
    tokenize = "unicode61 remove_diacritics 2",
    prefix = '2 3'
);

-- The FTS5 row of each case. FTS5 can only find a row quickly by its rowid; deleting by the
-- UNINDEXED case_id column read the whole index at every change.
CREATE TABLE case_search_key (
    row     INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE
);

-- Keys that group victims for duplicate detection: the NIK, the birth date and each
-- normalised name token of each case's victim ("nik:…", "born:…", "name:…").
CREATE TABLE victim_key (
    key     TEXT NOT NULL,
    case_id TEXT NOT NULL,
    PRIMARY KEY (key, case_id)
) WITHOUT ROWID;
CREATE INDEX victim_key_by_case ON victim_key (case_id);

-- What the duplicate score reads of each case's victim, in one small row (name tokens already
-- normalised): scoring a new case's neighbours used to read their person rows, spread over
-- the largest table of the store, each page decrypted again.
CREATE TABLE victim_card (
    case_id         TEXT PRIMARY KEY,
    person_id       TEXT NOT NULL,
    case_number     TEXT,
    district        TEXT,
    name            TEXT NOT NULL,
    tokens          TEXT NOT NULL,
    identity_number TEXT,
    birthdate       TEXT,
    address_regency TEXT,
    address_village TEXT
) WITHOUT ROWID;
