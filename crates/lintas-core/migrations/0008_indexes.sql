-- Lintas schema version 8: indexes for lookups that grew with the store.
-- Never edit this file once released: add a new numbered migration instead.

-- Every op on a person asks which cases it touches (their search text is rebuilt); without
-- this index that question read the whole case table, so writing slowed as the store grew.
CREATE INDEX case_by_victim ON case_file (victim_id);
-- The cases a district may receive, picked at every export.
CREATE INDEX case_by_district ON case_file (district);
CREATE INDEX share_by_district ON share (district);
-- Erase ops go to every district with every export; emptied ops are checked by the audit.
CREATE INDEX ops_erase ON ops (entity_id) WHERE action = 'erase';
CREATE INDEX ops_emptied ON ops (erased_by) WHERE erased_by IS NOT NULL;
