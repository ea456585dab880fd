-- 0008 delivery (issue 19). Messages leave through an SMTP relay. Each
-- row now says what it is and for which panel (a steward sees what could
-- not be delivered to theirs); who holds it for sending and until when (a
-- lease: of several servers one sends it, and one killed while sending
-- leaves it to be taken again when the lease ends); when to try next; and
-- what became of it. Every attempt is kept, with the relay's reply.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'notice'
  CHECK (kind IN ('invitation', 'reset', 'notice', 'sign_in', 'digest'));
ALTER TABLE outbox ADD COLUMN panel_id INTEGER REFERENCES panels(id) ON DELETE SET NULL;
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN lease_by TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN failed_at INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT NOT NULL DEFAULT '';

CREATE INDEX outbox_due ON outbox(next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_panel ON outbox(panel_id, id) WHERE panel_id IS NOT NULL;

CREATE TABLE delivery_attempts (
  id         INTEGER PRIMARY KEY,
  outbox_id  INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  code       INTEGER NOT NULL,          -- the relay's reply code; 0 when none came
  outcome    TEXT NOT NULL CHECK (outcome IN ('sent', 'retry', 'refused', 'given_up')),
  detail     TEXT NOT NULL
);
CREATE INDEX delivery_attempts_message ON delivery_attempts(outbox_id, id);
