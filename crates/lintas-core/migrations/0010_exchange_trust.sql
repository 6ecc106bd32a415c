-- Lintas schema version 10: every op authenticated to its author device, every refusal an alert
-- a person can act on (issue 11).
-- Never edit this file once released: add a new numbered migration instead.

-- Seals: a device's Ed25519 signature over the hashes of up to 256 consecutive ops of its own
-- chain, made when the batch that wrote them commits. A seal travels in bundles beside the ops
-- it covers, also when another district relays them, so that every receiver can check that
-- the author device wrote exactly these ops. Holds hashes only, never op content.
CREATE TABLE op_seals (
    device    TEXT    NOT NULL,
    first_seq INTEGER NOT NULL,
    last_seq  INTEGER NOT NULL,
    hashes    BLOB    NOT NULL,
    signature BLOB    NOT NULL,
    PRIMARY KEY (device, first_seq)
) WITHOUT ROWID;

-- Alerts name what a person must act on: the rule that refused an op or a bundle, the district
-- the op or bundle came from, the district whose bundle carried it, the record it concerned, and
-- when a person dealt with it. An op's alert is raised once however often the op is offered
-- again (`bundle` is empty); a whole bundle's alert once per bundle. Rebuilt to change the
-- uniqueness; alerts recorded before keep their kind as their rule.
CREATE TABLE alerts_v10 (
    id           INTEGER PRIMARY KEY,
    at           TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    rule         TEXT    NOT NULL,
    device       TEXT    NOT NULL,
    seq          INTEGER NOT NULL,
    bundle       TEXT    NOT NULL DEFAULT '',
    district     TEXT,
    sender       TEXT,
    entity       TEXT,
    entity_id    TEXT,
    dismissed_at TEXT,
    UNIQUE (rule, device, seq, bundle)
);
INSERT INTO alerts_v10 (id, at, kind, rule, device, seq) SELECT id, at, kind, kind, device, seq FROM alerts;
DROP TABLE alerts;
ALTER TABLE alerts_v10 RENAME TO alerts;
CREATE INDEX alerts_open ON alerts (dismissed_at);

-- Waiting ops are bounded per sending district and expire.
ALTER TABLE pending_ops ADD COLUMN sender TEXT;
ALTER TABLE pending_ops ADD COLUMN received_at TEXT;
CREATE INDEX pending_by_sender ON pending_ops (sender);

-- An import keeps only the attachment contents that an attachment names: it asks by hash.
CREATE INDEX attachment_by_sha256 ON attachment (sha256);
