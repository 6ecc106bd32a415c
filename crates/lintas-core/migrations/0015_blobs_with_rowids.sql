-- Attachment contents move to a table with rowids, keyed by an index on their SHA-256.
--
-- In the WITHOUT ROWID table of migration 1, the whole row (hash and content) was the key, and
-- SQLite compares a key that overflows its page by reading it whole: finding one scan read the
-- hundreds of kilobytes of every scan its search compared on the way, page by page, decrypted.
-- With rowids, the search reads the small index and then only the scan asked for.
CREATE TABLE blobs_by_rowid (
    sha256 TEXT PRIMARY KEY,
    data   BLOB NOT NULL
);
INSERT INTO blobs_by_rowid (sha256, data) SELECT sha256, data FROM blobs;
DROP TABLE blobs;
ALTER TABLE blobs_by_rowid RENAME TO blobs;
