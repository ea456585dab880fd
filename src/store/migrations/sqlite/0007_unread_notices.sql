-- 0007 unread notices (issue 18). The menu on every page says how many notices are new: an index of only
-- the unread ones keeps that a short read however many a person has read.
CREATE INDEX notices_unread ON notices(user_id) WHERE read_at IS NULL;
