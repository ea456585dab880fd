-- 0018 the right to pass (issue 21, point 3): each question of a
-- reflection may be passed without saying why, kept as NULL (the checks
-- let NULL through).
ALTER TABLE reflections ALTER COLUMN felt_heard DROP NOT NULL;
ALTER TABLE reflections ALTER COLUMN info_in_time DROP NOT NULL;
ALTER TABLE reflections ALTER COLUMN felt_safe DROP NOT NULL;
