-- 0014 content notes (issue 21): a meeting's own note of hard content,
-- shown before the meeting everywhere it appears (its page, lists, the
-- calendar); agenda items have theirs since 0003.
ALTER TABLE meetings ADD COLUMN content_note TEXT NOT NULL DEFAULT '';
