-- 0009 mail choices (issue 19). Each person chooses which notices come by
-- e-mail: each at once, a daily digest, or none (invitations and password
-- resets always come). A notice to be mailed in the next digest is marked
-- mail_pending: every notice of someone who chose the digest, and, for
-- anyone who takes mail, a response to something they said anonymously,
-- which is never mailed at once (its time beside the response could name
-- them to whoever reads the outbox). digest_sent_at: when the person's
-- last digest was made; at most one a day.
ALTER TABLE users ADD COLUMN mail_notices TEXT NOT NULL DEFAULT 'immediately'
  CHECK (mail_notices IN ('immediately', 'daily', 'none'));
ALTER TABLE users ADD COLUMN digest_sent_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN mail_pending SMALLINT NOT NULL DEFAULT 0
  CHECK (mail_pending IN (0, 1));
CREATE INDEX notices_mail_pending ON notices(user_id, id) WHERE mail_pending = 1;
