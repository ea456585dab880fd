-- 0015 check-ins after hard sessions (issue 21, point 4). After a meeting
-- that touched on something hard, each person who came answers privately:
-- fine, get in touch, or point me to support. "Get in touch" makes a
-- follow-up that only the panel's support person sees (its active stewards
-- when it names none). Each panel keeps its list of support contacts, the
-- shipped list (data/support-contacts.csv) until it keeps its own.
CREATE TABLE panel_support (
  panel_id        INTEGER PRIMARY KEY REFERENCES panels(id) ON DELETE CASCADE,
  support_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  own_contacts    INTEGER NOT NULL DEFAULT 0 CHECK (own_contacts IN (0, 1))
);
CREATE TABLE support_contacts (
  id          INTEGER PRIMARY KEY,
  panel_id    INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  helps_with  TEXT NOT NULL DEFAULT '',
  phone       TEXT NOT NULL DEFAULT '',
  text_to     TEXT NOT NULL DEFAULT '',
  web         TEXT NOT NULL DEFAULT '',
  hours       TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL
);
CREATE INDEX support_contacts_panel ON support_contacts(panel_id, position);
CREATE TABLE check_ins (
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  answer      TEXT NOT NULL CHECK (answer IN ('fine', 'contact', 'signpost')),
  answered_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);
CREATE TABLE follow_ups (
  id          INTEGER PRIMARY KEY,
  panel_id    INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  meeting_id  INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  asked_at    INTEGER NOT NULL,
  due_at      INTEGER NOT NULL,
  done_at     INTEGER,
  done_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  done_note   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX follow_ups_panel ON follow_ups(panel_id, done_at, due_at);
CREATE INDEX follow_ups_person ON follow_ups(meeting_id, user_id);
