-- Lintas schema version 14: no table changes. The victims' matching keys gained how each name
-- sounds (issue 17: "Mariya" meets "Maria"), so the derived index is rebuilt by today's code
-- after this upgrade, as after every upgrade (`log::upgrade`).
-- Never edit this file once released: add a new numbered migration instead.

SELECT 1;
