-- 0003 voice and influence: projects and the co-production rung reached at
-- each stage, meetings and replies, agendas set by members, papers,
-- contributions, responses ("you said, we did"), notices, reflections and
-- private calendar feeds. Times are INTEGER seconds since 1970-01-01 UTC.

-- How long a panel gives itself to answer a contribution, and how many
-- days before a meeting its agenda is published.
ALTER TABLE panels ADD COLUMN response_days INTEGER NOT NULL DEFAULT 28
  CHECK (response_days BETWEEN 1 AND 365);
ALTER TABLE panels ADD COLUMN agenda_days INTEGER NOT NULL DEFAULT 7
  CHECK (agenda_days BETWEEN 0 AND 60);
-- A guest the panel names as responsible for answering contributions.
ALTER TABLE memberships ADD COLUMN responder INTEGER NOT NULL DEFAULT 0
  CHECK (responder IN (0, 1));

CREATE TABLE projects (
  id                 INTEGER PRIMARY KEY,
  panel_id           INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  title              TEXT NOT NULL,
  purpose            TEXT NOT NULL DEFAULT '',
  decision_maker     TEXT NOT NULL DEFAULT '',   -- who makes the final decision
  stage              TEXT NOT NULL DEFAULT 'shaping'
                     CHECK (stage IN ('shaping', 'design', 'delivery', 'evaluation')),
  closing_reflection TEXT NOT NULL DEFAULT '',   -- Markdown, written at the end
  closed_at          INTEGER,
  created_by         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX projects_panel ON projects(panel_id, id);

-- The rung of the TLAP ladder (1 coercion .. 7 co-production) reached at
-- each stage of a project, with the evidence for it.
CREATE TABLE project_rungs (
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  stage       TEXT NOT NULL
              CHECK (stage IN ('shaping', 'design', 'delivery', 'evaluation')),
  rung        INTEGER NOT NULL CHECK (rung BETWEEN 1 AND 7),
  evidence    TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  recorded_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, stage)
);

CREATE TABLE meetings (
  id                  INTEGER PRIMARY KEY,
  panel_id            INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  project_id          INTEGER REFERENCES projects(id) ON DELETE SET NULL,
  title               TEXT NOT NULL,
  starts_at           INTEGER NOT NULL,
  ends_at             INTEGER NOT NULL,
  place               TEXT NOT NULL DEFAULT '',
  place_access        TEXT NOT NULL DEFAULT '',  -- step-free? hearing loop? toilets?
  online_url          TEXT NOT NULL DEFAULT '',
  agenda_due_at       INTEGER NOT NULL,          -- publish the agenda by then
  agenda_published_at INTEGER,
  what_we_will_change TEXT NOT NULL DEFAULT '',  -- stewards' answer to reflections
  cancelled_at        INTEGER,
  created_by          INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  CHECK (ends_at > starts_at)
);
CREATE INDEX meetings_panel ON meetings(panel_id, starts_at);
CREATE INDEX meetings_project ON meetings(project_id, starts_at);

-- Guests see a meeting only when invited to it; co-creators and stewards
-- may attend every meeting of their panel.
CREATE TABLE meeting_guests (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  invited_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_guests_user ON meeting_guests(user_id);

CREATE TABLE meeting_replies (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  reply      TEXT CHECK (reply IN ('coming', 'not_coming', 'maybe')),
  replied_at INTEGER,
  attended   INTEGER CHECK (attended IN (0, 1)),  -- NULL until recorded
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, user_id)
);
CREATE INDEX meeting_replies_user ON meeting_replies(user_id);

CREATE TABLE agenda_items (
  id               INTEGER PRIMARY KEY,
  meeting_id       INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  title            TEXT NOT NULL,
  why              TEXT NOT NULL DEFAULT '',
  content_note     TEXT NOT NULL DEFAULT '',     -- warns of difficult content
  proposed_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  proposed_at      INTEGER NOT NULL,
  state            TEXT NOT NULL DEFAULT 'proposed'
                   CHECK (state IN ('proposed', 'agreed', 'not_taken')),
  position         INTEGER NOT NULL DEFAULT 0,   -- order on the published agenda
  not_taken_reason TEXT NOT NULL DEFAULT '',
  updated_at       INTEGER NOT NULL,
  version          INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX agenda_items_meeting ON agenda_items(meeting_id, position, id);

CREATE TABLE agenda_supports (
  item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at      INTEGER NOT NULL,
  PRIMARY KEY (item_id, user_id)
);

-- Attendees who will step out of an item that carries a content note.
CREATE TABLE agenda_step_outs (
  item_id INTEGER NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  at      INTEGER NOT NULL,
  PRIMARY KEY (item_id, user_id)
);

-- A file (stored outside the database under its SHA-256, files/) or
-- Markdown written in the page, with a plain-language summary. Published
-- papers are visible to every co-creator and steward of the panel and to
-- the meeting's guests.
CREATE TABLE papers (
  id           INTEGER PRIMARY KEY,
  meeting_id   INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  item_id      INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
  title        TEXT NOT NULL,
  summary      TEXT NOT NULL,
  markdown     TEXT,                             -- NULL for a file
  file_kind    TEXT,                             -- core/filetype.h's key
  file_name    TEXT,
  file_size    INTEGER,
  file_sha256  TEXT,
  published_at INTEGER,
  created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  CHECK ((markdown IS NULL) <> (file_sha256 IS NULL))
);
CREATE INDEX papers_meeting ON papers(meeting_id, id);

-- A decision answering one or more contributions.
CREATE TABLE responses (
  id          INTEGER PRIMARY KEY,
  panel_id    INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  status      TEXT NOT NULL CHECK (status IN ('received', 'under_consideration', 'adopted',
                                              'adopted_in_part', 'not_adopted', 'referred')),
  what_done   TEXT NOT NULL DEFAULT '',
  reason      TEXT NOT NULL DEFAULT '',          -- required when not adopted
  referred_to TEXT NOT NULL DEFAULT '',          -- required when referred
  decided_by  TEXT NOT NULL DEFAULT '',          -- who decided, in words
  decided_at  INTEGER NOT NULL,
  written_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL
);

-- An idea, concern, question or recommendation. author_id is kept for
-- every attribution so that the author can follow what became of it; when
-- the attribution is not 'named' no page, API answer, export or error
-- shows it to anyone else (store.h says how the store keeps to that).
CREATE TABLE contributions (
  id           INTEGER PRIMARY KEY,
  panel_id     INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  project_id   INTEGER REFERENCES projects(id) ON DELETE SET NULL,
  meeting_id   INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  item_id      INTEGER REFERENCES agenda_items(id) ON DELETE SET NULL,
  kind         TEXT NOT NULL
               CHECK (kind IN ('idea', 'concern', 'question', 'recommendation')),
  body         TEXT NOT NULL,
  attribution  TEXT NOT NULL CHECK (attribution IN ('named', 'anonymous', 'group')),
  group_name   TEXT NOT NULL DEFAULT '',
  author_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  recorded_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,  -- NULL: the author wrote it
  created_at   INTEGER NOT NULL,
  owner_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,  -- who must respond
  due_at       INTEGER NOT NULL,
  status       TEXT NOT NULL DEFAULT 'awaiting'
               CHECK (status IN ('awaiting', 'received', 'under_consideration', 'adopted',
                                 'adopted_in_part', 'not_adopted', 'referred')),
  response_id  INTEGER REFERENCES responses(id) ON DELETE SET NULL, -- the latest
  answered_at  INTEGER,                          -- when it first had an outcome
  updated_at   INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX contributions_panel ON contributions(panel_id, id);
CREATE INDEX contributions_project ON contributions(project_id, id);
CREATE INDEX contributions_meeting ON contributions(meeting_id, id);
CREATE INDEX contributions_author ON contributions(author_id, id);
CREATE INDEX contributions_owner ON contributions(owner_id, answered_at, due_at);
CREATE INDEX contributions_panel_open ON contributions(panel_id, answered_at, due_at);
CREATE INDEX contributions_project_open ON contributions(project_id, answered_at, due_at);

CREATE TABLE response_links (
  response_id     INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  contribution_id INTEGER NOT NULL REFERENCES contributions(id) ON DELETE CASCADE,
  PRIMARY KEY (contribution_id, response_id)
);
CREATE INDEX response_links_response ON response_links(response_id);

-- On-site notices (a response changed...); messages also go to the outbox.
CREATE TABLE notices (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  panel_id   INTEGER REFERENCES panels(id) ON DELETE CASCADE,
  body       TEXT NOT NULL,
  link       TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  read_at    INTEGER
);
CREATE INDEX notices_user ON notices(user_id, id);

-- Reflections after a meeting. user_id is NULL unless the attendee chose
-- to put their name to it; reflection_done records only that someone
-- answered, so each attendee answers once.
CREATE TABLE reflections (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  felt_heard    INTEGER NOT NULL CHECK (felt_heard BETWEEN 1 AND 5),
  info_in_time  TEXT NOT NULL CHECK (info_in_time IN ('yes', 'partly', 'no')),
  felt_safe     TEXT NOT NULL CHECK (felt_safe IN ('yes', 'partly', 'no')),
  should_change TEXT NOT NULL DEFAULT ''
);
CREATE INDEX reflections_meeting ON reflections(meeting_id);

CREATE TABLE reflection_done (
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (meeting_id, user_id)
) WITHOUT ROWID;

-- A person's private calendar feed: the token in its address, hashed.
CREATE TABLE calendar_feeds (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

-- Influence figures kept by triggers, as panel_member_counts is (0002):
-- contributions by status, and days from a contribution to its first
-- outcome, per panel and project (0 for none), so that a page reads a few
-- rows rather than counting a million contributions.
-- A count that falls to 0 is deleted, so that the tables hold exactly the
-- rows the triggers would build from the contributions alone (what
-- store_copy rebuilds and store_table_sums compares).
CREATE TABLE influence_counts (
  panel_id   INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL,
  status     TEXT NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (panel_id, project_id, status)
) WITHOUT ROWID;

CREATE TABLE influence_days (
  panel_id   INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL,
  days       INTEGER NOT NULL,
  n          INTEGER NOT NULL,
  PRIMARY KEY (panel_id, project_id, days)
) WITHOUT ROWID;

CREATE TRIGGER contributions_count_insert AFTER INSERT ON contributions BEGIN
  INSERT INTO influence_counts (panel_id, project_id, status, n)
    VALUES (NEW.panel_id, COALESCE(NEW.project_id, 0), NEW.status, 1)
    ON CONFLICT (panel_id, project_id, status) DO UPDATE SET n = n + 1;
  INSERT INTO influence_days (panel_id, project_id, days, n)
    SELECT NEW.panel_id, COALESCE(NEW.project_id, 0),
           (NEW.answered_at - NEW.created_at) / 86400, 1
    WHERE NEW.answered_at IS NOT NULL
    ON CONFLICT (panel_id, project_id, days) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER contributions_count_delete AFTER DELETE ON contributions BEGIN
  UPDATE influence_counts SET n = n - 1
    WHERE panel_id = OLD.panel_id AND project_id = COALESCE(OLD.project_id, 0)
      AND status = OLD.status;
  DELETE FROM influence_counts
    WHERE panel_id = OLD.panel_id AND project_id = COALESCE(OLD.project_id, 0)
      AND status = OLD.status AND n = 0;
  UPDATE influence_days SET n = n - 1
    WHERE OLD.answered_at IS NOT NULL AND panel_id = OLD.panel_id
      AND project_id = COALESCE(OLD.project_id, 0)
      AND days = (OLD.answered_at - OLD.created_at) / 86400;
  DELETE FROM influence_days
    WHERE OLD.answered_at IS NOT NULL AND panel_id = OLD.panel_id
      AND project_id = COALESCE(OLD.project_id, 0)
      AND days = (OLD.answered_at - OLD.created_at) / 86400 AND n = 0;
END;

CREATE TRIGGER contributions_count_update
AFTER UPDATE OF panel_id, project_id, status, answered_at, created_at ON contributions BEGIN
  UPDATE influence_counts SET n = n - 1
    WHERE panel_id = OLD.panel_id AND project_id = COALESCE(OLD.project_id, 0)
      AND status = OLD.status;
  DELETE FROM influence_counts
    WHERE panel_id = OLD.panel_id AND project_id = COALESCE(OLD.project_id, 0)
      AND status = OLD.status AND n = 0;
  INSERT INTO influence_counts (panel_id, project_id, status, n)
    VALUES (NEW.panel_id, COALESCE(NEW.project_id, 0), NEW.status, 1)
    ON CONFLICT (panel_id, project_id, status) DO UPDATE SET n = n + 1;
  UPDATE influence_days SET n = n - 1
    WHERE OLD.answered_at IS NOT NULL AND panel_id = OLD.panel_id
      AND project_id = COALESCE(OLD.project_id, 0)
      AND days = (OLD.answered_at - OLD.created_at) / 86400;
  DELETE FROM influence_days
    WHERE OLD.answered_at IS NOT NULL AND panel_id = OLD.panel_id
      AND project_id = COALESCE(OLD.project_id, 0)
      AND days = (OLD.answered_at - OLD.created_at) / 86400 AND n = 0;
  INSERT INTO influence_days (panel_id, project_id, days, n)
    SELECT NEW.panel_id, COALESCE(NEW.project_id, 0),
           (NEW.answered_at - NEW.created_at) / 86400, 1
    WHERE NEW.answered_at IS NOT NULL
    ON CONFLICT (panel_id, project_id, days) DO UPDATE SET n = n + 1;
END;
