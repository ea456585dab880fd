-- 0022 case studies (issue 22, point 4): a project written up for others
-- to learn from, with the fields of Participedia's case model that the two
-- share (core/case_study.h), its issues and approaches as ",key,key,"
-- (keys of core/case_study.c's vocabularies), the ladder's rung, how many
-- took part, and when. Drafts are the panel's; published ones are public
-- on the site. uid names one for good (feeds, other installations).
-- Case studies imported from another installation's signed feed
-- (case_sources) have a source instead of a panel and project: who ran
-- them and who they name are kept as the source published them.
-- The people named in one (case_study_people) are shown only once they
-- agree, and stop being shown when they withdraw.
-- Other installations' feeds of case studies that this one imports: the
-- address, the key their signature must verify with, and how the last
-- fetch went (status: what was wrong, '' when it went well).
CREATE TABLE case_sources (
  id            INTEGER PRIMARY KEY,
  url           TEXT NOT NULL UNIQUE,
  public_key    TEXT NOT NULL,
  name          TEXT NOT NULL DEFAULT '',
  added_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  added_at      INTEGER NOT NULL,
  fetched_at    INTEGER,
  ok_at         INTEGER,
  last_modified TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL DEFAULT '',
  items         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE case_studies (
  id            INTEGER PRIMARY KEY,
  panel_id      INTEGER REFERENCES panels(id) ON DELETE CASCADE,
  project_id    INTEGER REFERENCES projects(id) ON DELETE CASCADE,
  source_id     INTEGER REFERENCES case_sources(id) ON DELETE CASCADE,
  source_url    TEXT NOT NULL DEFAULT '',   -- imported: where it is at its source
  organiser     TEXT NOT NULL DEFAULT '',   -- imported: who ran it
  named         TEXT NOT NULL DEFAULT '',   -- imported: who it names, as published
  uid           TEXT NOT NULL,
  title         TEXT NOT NULL,
  brief         TEXT NOT NULL DEFAULT '',
  problems      TEXT NOT NULL DEFAULT '',
  background    TEXT NOT NULL DEFAULT '',
  organisers    TEXT NOT NULL DEFAULT '',
  recruitment   TEXT NOT NULL DEFAULT '',
  methods       TEXT NOT NULL DEFAULT '',
  what_happened TEXT NOT NULL DEFAULT '',
  influence     TEXT NOT NULL DEFAULT '',
  lessons       TEXT NOT NULL DEFAULT '',
  issues        TEXT NOT NULL DEFAULT ',',
  approaches    TEXT NOT NULL DEFAULT ',',
  rung          INTEGER CHECK (rung BETWEEN 1 AND 7),
  participants  INTEGER CHECK (participants >= 0),
  starts_on     INTEGER,
  ends_on       INTEGER,
  published_at  INTEGER,
  created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1,
  CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
  CHECK ((source_id IS NULL) = (panel_id IS NOT NULL AND project_id IS NOT NULL))
);
CREATE UNIQUE INDEX case_studies_uid ON case_studies(COALESCE(source_id, 0), uid);
CREATE INDEX case_studies_panel ON case_studies(panel_id, id);
CREATE INDEX case_studies_published ON case_studies(published_at, id) WHERE published_at IS NOT NULL;

CREATE TABLE case_study_people (
  case_id     INTEGER NOT NULL REFERENCES case_studies(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role        TEXT NOT NULL DEFAULT '',   -- how they are named: "co-chair"
  asked_at    INTEGER NOT NULL,
  agreed_at   INTEGER,                        -- shown only while set
  answered_at INTEGER,
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_study_people_user ON case_study_people(user_id);

-- Full-text search: SQLite's FTS5, words stemmed (Porter, English) and
-- accents folded; kept by the triggers below, so that a copy into SQLite
-- (emptychair copy) fills it too.
CREATE VIRTUAL TABLE case_studies_fts USING fts5(title, brief, body,
  tokenize = 'porter unicode61 remove_diacritics 2');
CREATE TRIGGER case_studies_fts_insert AFTER INSERT ON case_studies BEGIN
  INSERT INTO case_studies_fts (rowid, title, brief, body)
  VALUES (NEW.id, NEW.title, NEW.brief, NEW.problems || ' ' || NEW.background || ' ' || NEW.organisers || ' ' || NEW.recruitment || ' ' || NEW.methods || ' ' || NEW.what_happened || ' ' || NEW.influence || ' ' || NEW.lessons);
END;
CREATE TRIGGER case_studies_fts_update AFTER UPDATE ON case_studies BEGIN
  DELETE FROM case_studies_fts WHERE rowid = OLD.id;
  INSERT INTO case_studies_fts (rowid, title, brief, body)
  VALUES (NEW.id, NEW.title, NEW.brief, NEW.problems || ' ' || NEW.background || ' ' || NEW.organisers || ' ' || NEW.recruitment || ' ' || NEW.methods || ' ' || NEW.what_happened || ' ' || NEW.influence || ' ' || NEW.lessons);
END;
CREATE TRIGGER case_studies_fts_delete AFTER DELETE ON case_studies BEGIN
  DELETE FROM case_studies_fts WHERE rowid = OLD.id;
END;
