-- Lintas schema version 6: several operators on one laptop, each with a role.
-- Never edit this file once released: add a new numbered migration instead.

-- An operator's role (code list `operator_role`) and whether they may still unlock the store.
-- Operators written before this version have neither; the one who set the store up is its
-- coordinator (roles.rs), and there were no others.
ALTER TABLE operator ADD COLUMN role TEXT;
ALTER TABLE operator ADD COLUMN active INTEGER;
