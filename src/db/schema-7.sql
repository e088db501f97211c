-- Schema 7: the dashboard's orders.  Active contracts come
-- first, then the order the reader chose: start date, end date, title or
-- the other side's name.  One index per order, in that order, so that a
-- page of 25 is read straight from the index however many lines the user
-- has; the names sort without regard to case.
CREATE INDEX dashboard_lines_by_start ON dashboard_lines(user_id,
    status <> 'active', started_at DESC, contract_id DESC, side DESC);
CREATE INDEX dashboard_lines_by_end ON dashboard_lines(user_id,
    status <> 'active', ended_at DESC, started_at DESC, contract_id DESC, side DESC);
CREATE INDEX dashboard_lines_by_title ON dashboard_lines(user_id,
    status <> 'active', title COLLATE NOCASE, contract_id, side);
CREATE INDEX dashboard_lines_by_other ON dashboard_lines(user_id,
    status <> 'active', other_name COLLATE NOCASE, contract_id, side);
