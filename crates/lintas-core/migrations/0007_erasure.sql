-- Lintas schema version 7: erasure of a person.
-- Never edit this file once released: add a new numbered migration instead.

-- An erased op keeps its place in its device's hash chain (seq, prev, hash) but not its body:
-- `body` is emptied and `erased_by` names the erase op ("device:seq") that took it out.
ALTER TABLE ops ADD COLUMN erased_by TEXT;

-- Every entity erased here, and by which erase op. Ops about these entities that arrive later
-- (from a district that had not yet heard of the erasure) are stored without their body.
CREATE TABLE erased (
    id       TEXT PRIMARY KEY,
    erase_op TEXT NOT NULL
) WITHOUT ROWID;
