-- 0019 standards self-assessment (issue 22, point 1): each co-creator and
-- steward rates each standard of a project (core/standards.c) once a
-- calendar quarter (in the panel's zone), with a comment. Ratings are
-- anonymous to everyone else and kept as history; figures about them are
-- released as reflections' are, in whole groups of five of a project,
-- standard and quarter, the first by the order they came in.
CREATE TABLE standard_ratings (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  standard    TEXT NOT NULL,
  quarter     INTEGER NOT NULL,            -- year * 4 + (0..3)
  rating      INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment     TEXT NOT NULL DEFAULT '',
  rated_at    INTEGER NOT NULL,
  UNIQUE (project_id, standard, quarter, user_id)
);
CREATE INDEX standard_ratings_user ON standard_ratings(user_id);
