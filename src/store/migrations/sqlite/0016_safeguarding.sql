-- 0016 the safeguarding record (issue 21, point 5). A panel names its
-- safeguarding leads; anyone on the panel may raise a concern (part 1);
-- only the leads read concerns and write part 2, the status and the
-- chronology, and every time they do it is in the audit of reads. Nothing
-- here is shown anywhere else. Records closed or transferred longer ago
-- than the panel's retention period are purged (app/safeguarding.c),
-- leaving only a tombstone: when, and how many.
CREATE TABLE safeguarding_leads (
  panel_id   INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  named_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  named_at   INTEGER NOT NULL,
  PRIMARY KEY (panel_id, user_id)
);
CREATE TABLE safeguarding_settings (
  panel_id        INTEGER PRIMARY KEY REFERENCES panels(id) ON DELETE CASCADE,
  retention_years INTEGER NOT NULL CHECK (retention_years BETWEEN 1 AND 75)
);
CREATE TABLE safeguarding_concerns (
  id               INTEGER PRIMARY KEY,
  panel_id         INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  raised_by        INTEGER REFERENCES users(id) ON DELETE SET NULL,
  raised_at        INTEGER NOT NULL,
  happened_on      INTEGER NOT NULL,          -- a day number (the panel's zone)
  what_happened    TEXT NOT NULL,
  who_involved     TEXT NOT NULL DEFAULT '',
  done_straight_away TEXT NOT NULL DEFAULT '',
  advice_sought    TEXT NOT NULL DEFAULT '',
  decision         TEXT NOT NULL DEFAULT '',
  referrals        TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT 'open'
                   CHECK (status IN ('open', 'closed', 'transferred')),
  status_at        INTEGER NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX safeguarding_concerns_panel ON safeguarding_concerns(panel_id, status, status_at);
CREATE INDEX safeguarding_concerns_raiser ON safeguarding_concerns(raised_by);
CREATE TABLE safeguarding_entries (
  id          INTEGER PRIMARY KEY,
  concern_id  INTEGER NOT NULL REFERENCES safeguarding_concerns(id) ON DELETE CASCADE,
  at          INTEGER NOT NULL,
  by_user     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('raised', 'part2', 'status', 'note')),
  text        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX safeguarding_entries_concern ON safeguarding_entries(concern_id, at);
CREATE TABLE safeguarding_reads (
  id          INTEGER PRIMARY KEY,
  concern_id  INTEGER NOT NULL REFERENCES safeguarding_concerns(id) ON DELETE CASCADE,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  at          INTEGER NOT NULL,
  action      TEXT NOT NULL CHECK (action IN ('read', 'wrote'))
);
CREATE INDEX safeguarding_reads_concern ON safeguarding_reads(concern_id, at);
CREATE TABLE safeguarding_purges (
  id          INTEGER PRIMARY KEY,
  panel_id    INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  purged_at   INTEGER NOT NULL,
  n           INTEGER NOT NULL
);
