-- Lintas schema version 12: the key of the spreadsheet row a case was imported from (issue 15),
-- so that importing the same file again adds nothing.
-- Never edit this file once released: add a new numbered migration instead.

ALTER TABLE case_file ADD COLUMN source_key TEXT;
CREATE INDEX case_by_source_key ON case_file (source_key) WHERE source_key IS NOT NULL;
