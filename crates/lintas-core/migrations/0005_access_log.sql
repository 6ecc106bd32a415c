-- Lintas schema version 5: the access log.
-- Never edit this file once released: add a new numbered migration instead.

-- Who viewed or exported what, and when, in a hash chain of its own:
-- hash = SHA-256(prev || body), body the canonical JSON of (seq, at, operator, action, target).
-- Targets are ids and district codes, never personal data.
CREATE TABLE access_log (
    seq      INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    operator TEXT NOT NULL,
    action   TEXT NOT NULL,
    target   TEXT NOT NULL,
    prev     BLOB NOT NULL,
    hash     BLOB NOT NULL
);
