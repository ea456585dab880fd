-- 0011 representation (issue 20): each panel's groups and targets for the
-- characteristics members may describe for representation (core/profile.c's
-- fields with a consent purpose), the groups members of a self-described
-- characteristic count themselves in, and the ledger of figures about
-- groups that have been shown (docs/privacy.md, "the atom rule").

-- A group of one characteristic, with the panel's target for it. For a
-- choice characteristic (age band, disability) the group is one of its
-- options (answer); for a self-described one (gender, ethnicity, area) it
-- is the steward's words (label, answer NULL) and members choose whether
-- it counts them. Targets: a count of people or a whole percent; either
-- end may be absent. The reference share is in tenths of a percent.
CREATE TABLE representation_groups (
  id                 INTEGER PRIMARY KEY,
  panel_id           INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  characteristic     TEXT NOT NULL,
  answer             TEXT,
  label              TEXT NOT NULL DEFAULT '',
  unit               TEXT NOT NULL DEFAULT 'people' CHECK (unit IN ('people', 'percent')),
  target_min         INTEGER CHECK (target_min >= 0),
  target_max         INTEGER CHECK (target_max >= 0),
  reference_permille INTEGER CHECK (reference_permille BETWEEN 0 AND 1000),
  reference_source   TEXT NOT NULL DEFAULT '',
  reference_day      INTEGER,
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  CHECK (target_min IS NULL OR target_max IS NULL OR target_min <= target_max)
);
CREATE UNIQUE INDEX representation_groups_answer
  ON representation_groups(panel_id, characteristic, answer);

-- Which of a panel's groups a member counts themself in, for a
-- self-described characteristic. Counted only while the member's consent
-- for that characteristic stands and their answer is kept.
CREATE TABLE representation_choices (
  panel_id       INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  characteristic TEXT NOT NULL,
  group_id       INTEGER NOT NULL REFERENCES representation_groups(id) ON DELETE CASCADE,
  updated_at     INTEGER NOT NULL,
  PRIMARY KEY (panel_id, user_id, characteristic)
);
CREATE INDEX representation_choices_group ON representation_choices(group_id);

-- Figures about groups as they were shown. A publication is one
-- characteristic's figures shown together; a figure's key names its scope
-- and group ("panel:answer:yes", "meeting:7:group:12", "panel:unanswered");
-- n is its count, NULL when it was held back; ordinal numbers the figures
-- shown with a count (representation_marks); support_hash identifies the
-- set of people it counted, so that an unchanged report is not published
-- twice.
CREATE TABLE representation_releases (
  id             INTEGER PRIMARY KEY,
  panel_id       INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  characteristic TEXT NOT NULL,
  publication    INTEGER NOT NULL,
  figure         TEXT NOT NULL,
  n              INTEGER CHECK (n >= 0),
  ordinal        INTEGER,
  support_hash   INTEGER NOT NULL,
  released_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX representation_releases_publication
  ON representation_releases(panel_id, characteristic, publication, figure);

-- For each person on the panel counted in a shown figure: which ones, as
-- a hexadecimal bit string over the figures' ordinals (bit k of the
-- number: the k-th figure shown with a count, the panel's size aside). It
-- is how the rule knows what was shown before (core/representation.h);
-- it holds no answer.
CREATE TABLE representation_marks (
  panel_id       INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  characteristic TEXT NOT NULL,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  past           TEXT NOT NULL,
  PRIMARY KEY (panel_id, characteristic, user_id)
);

-- When each characteristic's figures were last decided (published or
-- not): with serve --figures-every, a panel's figures are decided again
-- only once that long has passed.
CREATE TABLE representation_checks (
  panel_id       INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  characteristic TEXT NOT NULL,
  checked_at     INTEGER NOT NULL,
  PRIMARY KEY (panel_id, characteristic)
);
