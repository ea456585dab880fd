-- 0021 funder reports (issue 22, point 3): a report of a panel's work, or
-- one project's, over a period of days in the panel's zone (both days
-- included), with the GRIPP2 short form's sections (core/report.h),
-- pre-filled from the data and edited by stewards. A shared report is
-- frozen: document holds it as it was shared (app/reports.c's JSON), and
-- every door shows that from then on. Drafts have no document.
CREATE TABLE funder_reports (
  id          INTEGER PRIMARY KEY,
  panel_id    INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  project_id  INTEGER REFERENCES projects(id) ON DELETE CASCADE,  -- NULL: the whole panel
  from_day    INTEGER NOT NULL,
  to_day      INTEGER NOT NULL CHECK (to_day >= from_day),
  title       TEXT NOT NULL,
  aim         TEXT NOT NULL DEFAULT '',
  methods     TEXT NOT NULL DEFAULT '',
  results     TEXT NOT NULL DEFAULT '',
  changes     TEXT NOT NULL DEFAULT '',
  reflection  TEXT NOT NULL DEFAULT '',
  document    TEXT,
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  shared_at   INTEGER,
  version     INTEGER NOT NULL DEFAULT 1,
  CHECK ((document IS NULL) = (shared_at IS NULL))
);
CREATE INDEX funder_reports_panel ON funder_reports(panel_id, id);
-- A report counts the contributions made in its days: this index holds
-- what it reads, so that a year of a large panel's is a range, not a scan.
CREATE INDEX contributions_made ON contributions(panel_id, created_at, project_id, status,
                                                 due_at, author_id);
