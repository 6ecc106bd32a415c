-- Lintas schema version 4: region names as reference data.
-- Never edit this file once released: add a new numbered migration instead.

-- Kepmendagri kabupaten/kota names imported from a code list (CSV kode,nama). Reference data,
-- not case data: it is not in the op log and does not travel in bundles.
CREATE TABLE region (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;
