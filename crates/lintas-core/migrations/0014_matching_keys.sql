-- Lintas schema version 14: duplicate matching under other spellings (issue 17). The victims'
-- matching keys gained how each whole name sounds, so the derived index is rebuilt by today's
-- code after this upgrade, as after every upgrade (`log::upgrade`); and how many victims hold
-- each normalised name token is kept, so that a common name weighs less in the score without
-- counting the store for every new case.
-- Never edit this file once released: add a new numbered migration instead.

CREATE TABLE name_count (
    token TEXT PRIMARY KEY,
    n     INTEGER NOT NULL
) WITHOUT ROWID;
