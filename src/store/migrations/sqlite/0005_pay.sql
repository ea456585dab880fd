-- 0005 fair pay: each panel's pay policy, claims, an append-only ledger,
-- payment runs, earnings limits (reference data), members' declared limits
-- and, where a panel stores them, sealed bank details.
--
-- Money is INTEGER minor units (pence). Dates that people think of as
-- dates (when work was done, when a payment is made, when a limit takes
-- effect) are day numbers: days since 1970-01-01, in the panel's zone
-- (core/civil_time.h). Instants are seconds since the epoch, UTC.

-- No row: the panel has not set pay up, and no fee claims are made.
CREATE TABLE pay_policies (
  panel_id           INTEGER PRIMARY KEY REFERENCES panels(id) ON DELETE CASCADE,
  currency           TEXT NOT NULL DEFAULT 'GBP',
  rate_hour          INTEGER NOT NULL DEFAULT 0 CHECK (rate_hour >= 0),
  rate_half_day      INTEGER NOT NULL DEFAULT 0 CHECK (rate_half_day >= 0),
  rate_day           INTEGER NOT NULL DEFAULT 0 CHECK (rate_day >= 0),
  meeting_unit       TEXT NOT NULL DEFAULT 'hour'
                     CHECK (meeting_unit IN ('hour', 'half_day', 'day')),
  prep_minutes       INTEGER NOT NULL DEFAULT 0 CHECK (prep_minutes >= 0), -- paid per meeting, at the hourly rate
  target_days        INTEGER NOT NULL DEFAULT 14 CHECK (target_days > 0),  -- from claim to payment
  expense_categories TEXT NOT NULL DEFAULT 'travel,care,meals,phone',
  csv_columns        TEXT NOT NULL DEFAULT 'reference,payee,method,amount,claims',
  advice_name        TEXT NOT NULL DEFAULT '',   -- the benefits advice the panel points to
  advice_url         TEXT NOT NULL DEFAULT '',
  store_bank_details INTEGER NOT NULL DEFAULT 0,
  updated_at         INTEGER NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1
);

-- Reference data, editable by an administrator: a rule's amount from a
-- date. The amount in force for a period is the latest one dated on or
-- before the period's first day (core/pay.h, limit_in_force).
CREATE TABLE earnings_limits (
  id             INTEGER PRIMARY KEY,
  rule           TEXT NOT NULL,
  name           TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('cliff', 'taper')),
  period         TEXT NOT NULL CHECK (period IN ('week', 'month')),
  amount         INTEGER NOT NULL CHECK (amount >= 0),
  taper_percent  INTEGER NOT NULL DEFAULT 0 CHECK (taper_percent BETWEEN 0 AND 100),
  effective_from INTEGER NOT NULL,
  source         TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  updated_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  updated_at     INTEGER NOT NULL,
  UNIQUE (rule, effective_from)
);

-- The limit a member says applies to them: a rule of the table, or their
-- own amount and period. anchor_day: weeks begin on its weekday, monthly
-- periods on its day of the month.
CREATE TABLE pay_declarations (
  user_id       INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  rule          TEXT,
  custom_amount INTEGER CHECK (custom_amount >= 0),
  custom_period TEXT CHECK (custom_period IN ('week', 'month')),
  anchor_day    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  CHECK ((rule IS NULL) = (custom_amount IS NOT NULL)),
  CHECK ((custom_amount IS NULL) = (custom_period IS NULL))
);

CREATE TABLE pay_runs (
  id              INTEGER PRIMARY KEY,
  panel_id        INTEGER NOT NULL REFERENCES panels(id),
  reference       TEXT NOT NULL UNIQUE,
  claims          INTEGER NOT NULL,
  total           INTEGER NOT NULL,
  created_by      INTEGER REFERENCES users(id),
  created_at      INTEGER NOT NULL,
  paid_day        INTEGER,
  paid_at         INTEGER,
  paid_by         INTEGER REFERENCES users(id),
  idempotency_key TEXT NOT NULL UNIQUE,  -- the request that made the run
  paid_key        TEXT UNIQUE            -- the request that marked it paid
);
CREATE INDEX pay_runs_panel ON pay_runs(panel_id, created_at);

-- A claim: what it is for. Where it is (state, pay_day, method, run_id) is
-- kept by the ledger's triggers below; nothing else writes those columns
-- but a payment run, which sets run_id on approved claims it takes.
CREATE TABLE pay_claims (
  id             INTEGER PRIMARY KEY,
  panel_id       INTEGER NOT NULL REFERENCES panels(id),
  user_id        INTEGER NOT NULL REFERENCES users(id),  -- the payee
  kind           TEXT NOT NULL CHECK (kind IN ('fee', 'prep', 'work', 'expense')),
  meeting_id     INTEGER REFERENCES meetings(id),
  description    TEXT NOT NULL,
  work_day       INTEGER NOT NULL,
  unit           TEXT CHECK (unit IN ('hour', 'half_day', 'day')),
  quantity       INTEGER CHECK (quantity > 0),           -- minutes, or half days or days
  category       TEXT CHECK (category IN ('travel', 'care', 'meals', 'phone')),
  amount         INTEGER NOT NULL CHECK (amount > 0),
  currency       TEXT NOT NULL,
  receipt_sha256 TEXT,
  receipt_name   TEXT,
  receipt_kind   TEXT,
  receipt_size   INTEGER,
  created_by     INTEGER REFERENCES users(id),           -- NULL: made by recording attendance
  created_at     INTEGER NOT NULL,
  claimed_day    INTEGER NOT NULL,                       -- created_at's date in the panel's zone
  state          TEXT NOT NULL DEFAULT 'claimed'
                 CHECK (state IN ('claimed', 'approved', 'paid', 'declined')),
  pay_day        INTEGER,     -- approved: when it is expected to be paid; paid: when it was
  method         TEXT,
  run_id         INTEGER REFERENCES pay_runs(id),
  asked_at       INTEGER,     -- the member was asked how they want it paid
  CHECK ((kind = 'expense') = (category IS NOT NULL)),
  CHECK ((kind = 'expense') = (unit IS NULL))
);
-- One fee and one preparation claim per person per meeting.
CREATE UNIQUE INDEX pay_claims_meeting ON pay_claims(meeting_id, user_id, kind)
  WHERE kind IN ('fee', 'prep');
CREATE INDEX pay_claims_panel ON pay_claims(panel_id, id);
CREATE INDEX pay_claims_panel_state ON pay_claims(panel_id, state, id);
CREATE INDEX pay_claims_user ON pay_claims(user_id, pay_day);
CREATE INDEX pay_claims_run ON pay_claims(run_id) WHERE run_id IS NOT NULL;

-- The ledger: every change of a claim's money, never changed or deleted.
-- A correction is a reversal: an entry with the negative amount of the one
-- it reverses (each entry is reversed at most once). Every entry has a key
-- that makes a repeated request write nothing (idempotency).
CREATE TABLE pay_ledger (
  id              INTEGER PRIMARY KEY,
  claim_id        INTEGER NOT NULL REFERENCES pay_claims(id),
  panel_id        INTEGER NOT NULL REFERENCES panels(id),
  user_id         INTEGER NOT NULL REFERENCES users(id),
  kind            TEXT NOT NULL CHECK (kind IN ('claim', 'approval', 'payment', 'reversal')),
  amount          INTEGER NOT NULL,
  reverses_id     INTEGER UNIQUE REFERENCES pay_ledger(id),
  run_id          INTEGER REFERENCES pay_runs(id),
  method          TEXT,
  pay_day         INTEGER,
  reason          TEXT NOT NULL DEFAULT '',
  over_limit      INTEGER NOT NULL DEFAULT 0,  -- approved although over the member's limit
  by_user         INTEGER REFERENCES users(id),
  at              INTEGER NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  CHECK ((kind = 'reversal') = (reverses_id IS NOT NULL))
);
CREATE INDEX pay_ledger_claim ON pay_ledger(claim_id, id);
CREATE INDEX pay_ledger_user ON pay_ledger(user_id, panel_id);
CREATE INDEX pay_ledger_run ON pay_ledger(run_id) WHERE run_id IS NOT NULL;

CREATE TRIGGER pay_ledger_no_update BEFORE UPDATE ON pay_ledger BEGIN
  SELECT RAISE(ABORT, 'the pay ledger is append-only');
END;
CREATE TRIGGER pay_ledger_no_delete BEFORE DELETE ON pay_ledger BEGIN
  SELECT RAISE(ABORT, 'the pay ledger is append-only');
END;

CREATE TRIGGER pay_ledger_approval AFTER INSERT ON pay_ledger
WHEN NEW.kind = 'approval' BEGIN
  UPDATE pay_claims SET state = 'approved', pay_day = NEW.pay_day, method = NEW.method
    WHERE id = NEW.claim_id;
END;
CREATE TRIGGER pay_ledger_payment AFTER INSERT ON pay_ledger
WHEN NEW.kind = 'payment' BEGIN
  UPDATE pay_claims SET state = 'paid', pay_day = NEW.pay_day, run_id = NEW.run_id
    WHERE id = NEW.claim_id;
END;
-- Reversing a claim declines it; an approval, sends it back for approval;
-- a payment, makes it approved again at the approval's date. Either of the
-- last two takes it out of its run.
CREATE TRIGGER pay_ledger_reversal AFTER INSERT ON pay_ledger
WHEN NEW.kind = 'reversal' BEGIN
  UPDATE pay_claims SET
    state = CASE (SELECT kind FROM pay_ledger WHERE id = NEW.reverses_id)
              WHEN 'claim' THEN 'declined' WHEN 'approval' THEN 'claimed' ELSE 'approved' END,
    pay_day = CASE (SELECT kind FROM pay_ledger WHERE id = NEW.reverses_id)
              WHEN 'payment' THEN (SELECT pay_day FROM pay_ledger WHERE claim_id = NEW.claim_id
                                   AND kind = 'approval' ORDER BY id DESC LIMIT 1)
              ELSE NULL END,
    method = CASE (SELECT kind FROM pay_ledger WHERE id = NEW.reverses_id)
              WHEN 'payment' THEN method ELSE NULL END,
    run_id = NULL
  WHERE id = NEW.claim_id;
END;

-- Days from claim to payment, counted per panel and number of days, so a
-- panel's timeliness is read from a few rows. Kept as pay_claims' state
-- enters or leaves 'paid'.
CREATE TABLE pay_paid_days (
  panel_id INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  days     INTEGER NOT NULL,
  n        INTEGER NOT NULL,
  PRIMARY KEY (panel_id, days)
) WITHOUT ROWID;

CREATE TRIGGER pay_claims_paid_days AFTER UPDATE OF state, pay_day ON pay_claims
WHEN OLD.state = 'paid' OR NEW.state = 'paid' BEGIN
  UPDATE pay_paid_days SET n = n - 1
    WHERE OLD.state = 'paid' AND panel_id = OLD.panel_id
      AND days = OLD.pay_day - OLD.claimed_day;
  DELETE FROM pay_paid_days
    WHERE OLD.state = 'paid' AND panel_id = OLD.panel_id
      AND days = OLD.pay_day - OLD.claimed_day AND n = 0;
  INSERT INTO pay_paid_days (panel_id, days, n)
    SELECT NEW.panel_id, NEW.pay_day - NEW.claimed_day, 1 WHERE NEW.state = 'paid'
    ON CONFLICT (panel_id, days) DO UPDATE SET n = n + 1;
END;

-- Bank details, only for panels that store them: sealed with a key kept in
-- a file outside the database (XChaCha20-Poly1305; the user id is the
-- additional data, so a sealed value cannot be moved to another person).
CREATE TABLE pay_bank_details (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  sealed     TEXT NOT NULL,   -- hex: nonce, then ciphertext and tag
  key_id     TEXT NOT NULL,   -- names the key that sealed it
  updated_at INTEGER NOT NULL
);

INSERT INTO earnings_limits (rule, name, kind, period, amount, taper_percent, effective_from,
                             source, note, updated_at) VALUES
  ('esa_permitted_lower', 'ESA permitted work, lower limit', 'cliff', 'week', 2000, 0, 14179,
   'https://www.gov.uk/employment-support-allowance', 'Long-standing; dated from when ESA began (27 October 2008).', 0),
  ('esa_permitted_higher', 'ESA permitted work, higher limit', 'cliff', 'week', 18350, 0, 19821,
   'https://www.gov.uk/employment-support-allowance', 'April 2024: dated to the uprating week beginning 8 April 2024.', 0),
  ('esa_permitted_higher', 'ESA permitted work, higher limit', 'cliff', 'week', 19550, 0, 20185,
   'https://www.gov.uk/employment-support-allowance', 'April 2025: dated to the uprating week beginning 7 April 2025.', 0),
  ('carers_allowance', 'Carer''s Allowance earnings limit (after deductions)', 'cliff', 'week', 15100, 0, 19821,
   'https://www.gov.uk/carers-allowance/eligibility', 'April 2024: dated to the uprating week beginning 8 April 2024.', 0),
  ('carers_allowance', 'Carer''s Allowance earnings limit (after deductions)', 'cliff', 'week', 19600, 0, 20185,
   'https://www.gov.uk/carers-allowance/eligibility', 'From 7 April 2025.', 0),
  ('carers_allowance', 'Carer''s Allowance earnings limit (after deductions)', 'cliff', 'week', 20400, 0, 20549,
   'https://www.gov.uk/carers-allowance/eligibility', 'April 2026: dated to the uprating week beginning 6 April 2026.', 0),
  ('uc_with_housing', 'Universal Credit work allowance, with housing element', 'taper', 'month', 41100, 55, 20185,
   'https://www.gov.uk/universal-credit/how-your-earnings-affect-your-payments', '2025/26. The taper is 55% since 24 November 2021.', 0),
  ('uc_with_housing', 'Universal Credit work allowance, with housing element', 'taper', 'month', 42700, 55, 20549,
   'https://www.gov.uk/universal-credit/how-your-earnings-affect-your-payments', '2026/27.', 0),
  ('uc_without_housing', 'Universal Credit work allowance, without housing element', 'taper', 'month', 68400, 55, 20185,
   'https://www.gov.uk/universal-credit/how-your-earnings-affect-your-payments', '2025/26. The taper is 55% since 24 November 2021.', 0),
  ('uc_without_housing', 'Universal Credit work allowance, without housing element', 'taper', 'month', 71000, 55, 20549,
   'https://www.gov.uk/universal-credit/how-your-earnings-affect-your-payments', '2026/27.', 0),
  ('uc_no_allowance', 'Universal Credit with no work allowance', 'taper', 'month', 0, 55, 18955,
   'https://www.gov.uk/universal-credit/how-your-earnings-affect-your-payments', 'Only some households have a work allowance; without one the 55% taper applies to all earnings.', 0);
