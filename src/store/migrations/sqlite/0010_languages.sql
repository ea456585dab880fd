-- 0010 languages (issue 19). The language a person chose for their pages
-- and their mail (a code of core/lang.c: "pl"); '' when they chose none,
-- and then their panel's language, or their browser's, is used.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT '';
