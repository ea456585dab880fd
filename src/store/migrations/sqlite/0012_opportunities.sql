-- 0012 opportunities and fair draws (issue 20): paid places a panel fills
-- by a fair, checkable draw among the co-creators who came forward.

-- In a user-led panel, whether its active co-creators may post
-- opportunities and run their draws (otherwise only stewards).
ALTER TABLE panels ADD COLUMN co_creators_post INTEGER NOT NULL DEFAULT 0
  CHECK (co_creators_post IN (0, 1));

-- An opportunity. characteristics: whose representation targets the draw
-- honours (comma-separated characteristic keys, core/representation.h).
-- rotation: people not chosen for the panel's last `rotation`
-- opportunities are drawn first. It closes at closes_at by itself.
CREATE TABLE opportunities (
  id              INTEGER PRIMARY KEY,
  panel_id        INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  title           TEXT NOT NULL,
  asks            TEXT NOT NULL DEFAULT '',
  place           TEXT NOT NULL DEFAULT '',
  starts_at       INTEGER,
  places          INTEGER NOT NULL CHECK (places BETWEEN 1 AND 100),
  pay_unit        TEXT CHECK (pay_unit IN ('hour', 'half_day', 'day')),
  pay_quantity    INTEGER NOT NULL DEFAULT 0 CHECK (pay_quantity >= 0),
  closes_at       INTEGER NOT NULL,
  characteristics TEXT NOT NULL DEFAULT '',
  rotation        INTEGER NOT NULL DEFAULT 0 CHECK (rotation BETWEEN 0 AND 20),
  cancelled_at    INTEGER,
  created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX opportunities_panel ON opportunities(panel_id, closes_at);

-- Who came forward, with what they want the stewards to know; withdrawn
-- is kept so that the draw's record stays whole.
CREATE TABLE opportunity_interest (
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  note           TEXT NOT NULL DEFAULT '',
  at             INTEGER NOT NULL,
  withdrawn_at   INTEGER,
  PRIMARY KEY (opportunity_id, user_id)
);

-- A draw: prepared (everyone's chance and the 1,000 panels), then drawn
-- with a number people present checked; set aside when someone in its pool
-- withdraws before the number. problem holds what the solver
-- was given (people by type, the bounds), so that the draw can be run
-- again and compared; it is never shown.
CREATE TABLE draws (
  id             INTEGER PRIMARY KEY,
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  kind           TEXT NOT NULL CHECK (kind IN ('draw', 'replacement')),
  algorithm      TEXT NOT NULL,
  places         INTEGER NOT NULL,
  seed           INTEGER NOT NULL,
  problem        TEXT NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('ready', 'impossible', 'set_aside')),
  explanation    TEXT NOT NULL DEFAULT '',
  lottery        TEXT NOT NULL DEFAULT '',
  lottery_sha256 TEXT NOT NULL DEFAULT '',
  outsiders      INTEGER NOT NULL DEFAULT 0,
  number         INTEGER CHECK (number BETWEEN 0 AND 999),
  number_note    TEXT NOT NULL DEFAULT '',
  prepared_at    INTEGER NOT NULL,
  prepared_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  drawn_at       INTEGER,
  drawn_by       INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX draws_opportunity ON draws(opportunity_id, id);

-- Each person in a draw's pool: their chance (parts per million, and
-- panels of the 1,000), whether they had priority, whether chosen.
CREATE TABLE draw_people (
  draw_id     INTEGER NOT NULL REFERENCES draws(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  chance_ppm  INTEGER NOT NULL,
  panels      INTEGER NOT NULL,
  priority    INTEGER NOT NULL DEFAULT 0,
  chosen      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (draw_id, user_id)
);

-- Who holds a place, from which draw; dropped_at when they gave it up.
CREATE TABLE opportunity_places (
  opportunity_id INTEGER NOT NULL REFERENCES opportunities(id) ON DELETE CASCADE,
  user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  draw_id        INTEGER NOT NULL REFERENCES draws(id) ON DELETE CASCADE,
  dropped_at     INTEGER,
  PRIMARY KEY (opportunity_id, user_id)
);
