-- Lintas schema version 2: district handoff (keys, trust, bundles, merge, referrals).
-- Never edit this file once released: add a new numbered migration instead.

-- This installation's own device keys: an Ed25519 signing seed and an X25519 (age) secret.
-- Inside the encrypted database, so they are as safe as the records they protect.
CREATE TABLE device_keys (
    device_id  TEXT PRIMARY KEY,
    sign_seed  BLOB NOT NULL,
    age_secret BLOB NOT NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Devices of other districts (and other laptops of this one) whose identity cards were
-- trusted after comparing fingerprints, or that a trusted device announced in a bundle.
CREATE TABLE trusted_devices (
    device_id     TEXT PRIMARY KEY,
    district      TEXT NOT NULL,
    district_name TEXT NOT NULL,
    signing_key   BLOB NOT NULL,
    age_recipient TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    added_via     TEXT NOT NULL,
    revoked_at    TEXT
);
CREATE INDEX trusted_by_district ON trusted_devices (district);

-- What each peer district holds, from the signed receipt in its latest bundle: per device, a
-- JSON list of [from, to] seq ranges. Exports send only what is not covered.
CREATE TABLE peer_receipts (
    district   TEXT PRIMARY KEY,
    ranges     TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Ops that arrived before the entity they change; applied when it arrives.
CREATE TABLE pending_ops (
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    body   BLOB    NOT NULL,
    prev   BLOB    NOT NULL,
    hash   BLOB    NOT NULL,
    PRIMARY KEY (device, seq)
) WITHOUT ROWID;

-- Things a person must look at: equivocation (one op id, two contents), a clock far in the
-- future, a referral decision from a district that may not make it.
CREATE TABLE alerts (
    id     INTEGER PRIMARY KEY,
    at     TEXT    NOT NULL,
    kind   TEXT    NOT NULL,
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    UNIQUE (kind, device, seq)
);

-- Bundles imported, for the audit trail and to tell a repeated import apart.
CREATE TABLE bundles_imported (
    bundle_id     TEXT PRIMARY KEY,
    sender_device TEXT NOT NULL,
    imported_at   TEXT NOT NULL,
    ops_new       INTEGER NOT NULL
);

-- Materialised view, continued.
CREATE TABLE referral (
    id                 TEXT PRIMARY KEY,
    case_id            TEXT,
    from_district      TEXT,
    to_district        TEXT,
    reason             TEXT,
    details            TEXT,
    services_requested TEXT,
    consent_override   TEXT,
    status             TEXT,
    response_note      TEXT
);
CREATE INDEX referral_by_case ON referral (case_id);
CREATE INDEX referral_by_to ON referral (to_district);

CREATE TABLE share (
    id               TEXT PRIMARY KEY,
    case_id          TEXT,
    district         TEXT,
    reason           TEXT,
    consent_override TEXT
);
CREATE INDEX share_by_case ON share (case_id);

-- The heads of each field: writes not yet overwritten by a later write that named them as its
-- base (or merged them). Two or more heads on a sensitive field is a conflict for review.
-- A function of the set of ops, not of their arrival order, so every district agrees.
CREATE TABLE field_heads (
    kind   TEXT    NOT NULL,
    id     TEXT    NOT NULL,
    field  TEXT    NOT NULL,
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (kind, id, field, device, seq)
) WITHOUT ROWID;

-- Which writes of a field later writes named as their base or merged.
CREATE TABLE field_refs (
    kind   TEXT    NOT NULL,
    id     TEXT    NOT NULL,
    field  TEXT    NOT NULL,
    device TEXT    NOT NULL,
    seq    INTEGER NOT NULL,
    PRIMARY KEY (kind, id, field, device, seq)
) WITHOUT ROWID;
