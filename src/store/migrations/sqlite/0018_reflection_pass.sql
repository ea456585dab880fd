-- 0018 the right to pass (issue 21, point 3): each question of a
-- reflection may be passed without saying why, kept as NULL. SQLite cannot
-- drop NOT NULL, so the table is made again with the same rows.
CREATE TABLE reflections_new (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  user_id       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  felt_heard    INTEGER CHECK (felt_heard BETWEEN 1 AND 5),
  info_in_time  TEXT CHECK (info_in_time IN ('yes', 'partly', 'no')),
  felt_safe     TEXT CHECK (felt_safe IN ('yes', 'partly', 'no')),
  should_change TEXT NOT NULL DEFAULT ''
);
INSERT INTO reflections_new (id, meeting_id, user_id, felt_heard, info_in_time, felt_safe,
                             should_change)
  SELECT id, meeting_id, user_id, felt_heard, info_in_time, felt_safe, should_change
  FROM reflections;
DROP TABLE reflections;
ALTER TABLE reflections_new RENAME TO reflections;
CREATE INDEX reflections_meeting ON reflections(meeting_id);
