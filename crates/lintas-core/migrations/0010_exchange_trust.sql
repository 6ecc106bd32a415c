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
-- the op or bundle claimed to come from, and the district whose bundle carried it.
ALTER TABLE alerts ADD COLUMN rule TEXT;
ALTER TABLE alerts ADD COLUMN district TEXT;
ALTER TABLE alerts ADD COLUMN sender TEXT;
ALTER TABLE alerts ADD COLUMN entity TEXT;
ALTER TABLE alerts ADD COLUMN entity_id TEXT;
-- Set when a person has dealt with the alert; the navigation counts those not yet dealt with.
ALTER TABLE alerts ADD COLUMN dismissed_at TEXT;

-- Waiting ops are bounded per sending district and expire.
ALTER TABLE pending_ops ADD COLUMN sender TEXT;
ALTER TABLE pending_ops ADD COLUMN received_at TEXT;
CREATE INDEX pending_by_sender ON pending_ops (sender);
