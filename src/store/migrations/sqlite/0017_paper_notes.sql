-- 0017 content notes on papers (issue 21, point 3): a paper's own note of
-- hard content, shown before it wherever it appears; a paper without one
-- shows its agenda item's.
ALTER TABLE papers ADD COLUMN content_note TEXT NOT NULL DEFAULT '';
