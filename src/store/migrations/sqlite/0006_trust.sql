-- 0006 trust (issue 17): the panels a member gave their bank details to.
-- Bank details are one person's, sealed once (0005); a panel's payment run
-- may read them only when the member gave them to that panel. Details saved
-- before this migration are given to no panel: each member says which
-- panels may use them (the My pay page asks), since a panel that turned
-- bank details on after they were saved was never chosen.
CREATE TABLE pay_bank_panels (
  user_id  INTEGER NOT NULL REFERENCES pay_bank_details(user_id) ON DELETE CASCADE,
  panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  given_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, panel_id)
) WITHOUT ROWID;
