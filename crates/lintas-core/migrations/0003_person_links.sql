-- Lintas schema version 3: reversible links between records of the same person.
-- Never edit this file once released: add a new numbered migration instead.

-- A person's decision that two victim records (often one per district) are the same person,
-- or, once unlinked, that they are not. Never made automatically.
CREATE TABLE person_link (
    id       TEXT PRIMARY KEY,
    person_a TEXT,
    person_b TEXT,
    status   TEXT,
    reason   TEXT
);
CREATE INDEX person_link_a ON person_link (person_a);
CREATE INDEX person_link_b ON person_link (person_b);
