-- 0001 foundation: installation settings, accounts, sessions, panels,
-- memberships, member-owned profiles, consent, audit, outbox.
-- Times are INTEGER seconds since 1970-01-01 UTC everywhere.

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,          -- lower-cased
  display_name  TEXT NOT NULL,
  password_hash TEXT,                          -- argon2id string; NULL until set
  status        TEXT NOT NULL DEFAULT 'active'
                CHECK (status IN ('active', 'disabled', 'erased')),
  is_admin      INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,           -- BLAKE2b of the cookie value
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label        TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at   INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

CREATE TABLE panels (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  description  TEXT NOT NULL DEFAULT '',
  time_zone    TEXT NOT NULL DEFAULT 'Europe/London',
  language     TEXT NOT NULL DEFAULT 'en',
  hosting      TEXT NOT NULL DEFAULT 'organisation'
               CHECK (hosting IN ('organisation', 'user_led')),
  organisation TEXT NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE memberships (
  panel_id   INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role IN ('guest', 'co_creator', 'steward')),
  status     TEXT NOT NULL DEFAULT 'active'
             CHECK (status IN ('active', 'paused', 'removed')),
  joined_at  INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (panel_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE invitations (
  id               INTEGER PRIMARY KEY,
  token_hash       TEXT NOT NULL UNIQUE,
  email            TEXT NOT NULL,
  panel_id         INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  role             TEXT NOT NULL CHECK (role IN ('guest', 'co_creator', 'steward')),
  invited_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at       INTEGER NOT NULL,
  expires_at       INTEGER NOT NULL,
  accepted_at      INTEGER,
  accepted_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
  revoked_at       INTEGER
);
CREATE INDEX invitations_panel ON invitations(panel_id);

CREATE TABLE password_resets (
  id         INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at    INTEGER
);

-- Messages waiting to be sent; a later release delivers them.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  to_email   TEXT NOT NULL,
  subject    TEXT NOT NULL,
  body       TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  sent_at    INTEGER
);

-- One row per answered profile field; the member sets its visibility.
CREATE TABLE profile_values (
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  field      TEXT NOT NULL,
  value      TEXT NOT NULL,
  visibility TEXT NOT NULL CHECK (visibility IN ('self', 'stewards', 'panel')),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, field)
);

-- Consent is a history: the current state of a purpose is its latest row.
CREATE TABLE consents (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose         TEXT NOT NULL,
  wording_version TEXT NOT NULL,
  state           TEXT NOT NULL CHECK (state IN ('given', 'withdrawn')),
  at              INTEGER NOT NULL
);
CREATE INDEX consents_user ON consents(user_id, purpose, id);

-- Every read or change of a person's non-public fields by someone else.
CREATE TABLE audit_log (
  id              INTEGER PRIMARY KEY,
  subject_user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  actor_user_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
  action          TEXT NOT NULL CHECK (action IN ('read', 'change', 'export', 'erase')),
  detail          TEXT NOT NULL,               -- field keys, never values
  at              INTEGER NOT NULL
);
CREATE INDEX audit_subject ON audit_log(subject_user_id, id);

-- Failed sign-ins, keyed by a keyed hash of the account or the address,
-- so that neither is stored in the clear.
CREATE TABLE signin_failures (
  key_hash TEXT NOT NULL,
  at       INTEGER NOT NULL
);
CREATE INDEX signin_failures_key ON signin_failures(key_hash, at);
