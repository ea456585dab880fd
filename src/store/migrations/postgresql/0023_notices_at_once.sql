-- 0023 notices at once. Someone who chose to hear of "each notice as it
-- happens" (mail_notices 'immediately', the default) was e-mailed only the
-- answers to what they said in their own name; every other notice (a
-- meeting planned, an agenda or a paper out, a check-in ...) stayed on the
-- site. A notice to be e-mailed soon is now marked mail_soon when it is
-- made for such a person; the mail worker sends what is marked, one message
-- a person a pass, and takes the mark off in the same transaction. A
-- response to something they said anonymously is never marked (it waits
-- for the digest: mail_pending, 0009).
ALTER TABLE notices ADD COLUMN mail_soon SMALLINT NOT NULL DEFAULT 0
  CHECK (mail_soon IN (0, 1));
CREATE INDEX notices_mail_soon ON notices(user_id, id) WHERE mail_soon = 1;
