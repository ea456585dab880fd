-- 0007 lookups (issue 18). The menu on every page says how many notices
-- are new: an index of only the unread ones keeps that a short read however
-- many a person has read.
CREATE INDEX notices_unread ON notices(user_id) WHERE read_at IS NULL;

-- A new invitation replaces any still pending for the same address: the
-- lookup goes by address, reading those rows alone, not the whole table.
CREATE INDEX invitations_pending ON invitations(panel_id, email)
  WHERE accepted_at IS NULL AND revoked_at IS NULL;
