-- 0013 my limits (issue 21): each person's own limits on how much they take
-- on, and a pause until a day, across all their panels. Nobody but the
-- person sees them; others are told only "has reached their own limit" or
-- "paused" (app/limits.c).
CREATE TABLE member_limits (
  user_id               INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  hours_month           INTEGER CHECK (hours_month BETWEEN 0 AND 744),
  meetings_month        INTEGER CHECK (meetings_month BETWEEN 0 AND 100),
  opportunities_at_once INTEGER CHECK (opportunities_at_once BETWEEN 0 AND 20),
  paused_until          INTEGER,             -- a day number (UTC days), inclusive
  share_signals         INTEGER NOT NULL DEFAULT 0 CHECK (share_signals IN (0, 1)),
  updated_at            INTEGER NOT NULL
);
