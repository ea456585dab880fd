-- 0024 safeguarding records sealed at rest. A concern's texts (both parts)
-- and its chronology's texts are kept sealed with the installation's
-- sealing key (the file beside the database that seals bank details; never
-- in the database), so that a copy of the database or a backup alone does
-- not hold them. seal_key_id: the id of the key that sealed the row's texts;
-- NULL for rows written before this migration, still in the clear, which
-- the server seals as soon as it starts (app_sg_seal_clear). An empty text
-- stays empty.
ALTER TABLE safeguarding_concerns ADD COLUMN seal_key_id TEXT;
ALTER TABLE safeguarding_entries ADD COLUMN seal_key_id TEXT;
