-- 0004 the open contributions, counted by due time, so that "overdue" is
-- read from a few rows instead of counted over every open contribution.
--
-- influence_open holds, per panel and project (0 for none), how many
-- contributions without an outcome (answered_at IS NULL) are due at each
-- due_at, and under due_at 0 how many there are in all. Overdue at time t is
-- then the total minus those due at or after t: the rows read are the
-- total and the coming due times (about the panel's response_days of them),
-- however long the history. Kept by triggers like influence_counts (0003);
-- a count that falls to 0 is deleted.
CREATE TABLE influence_open (
  panel_id   INTEGER NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  project_id INTEGER NOT NULL,
  due_at     INTEGER NOT NULL,   -- 0: all open contributions
  n          INTEGER NOT NULL,
  PRIMARY KEY (panel_id, project_id, due_at)
) WITHOUT ROWID;
-- A panel's figure sums over its projects by due time.
CREATE INDEX influence_open_panel ON influence_open(panel_id, due_at);

CREATE TRIGGER contributions_open_insert AFTER INSERT ON contributions
WHEN NEW.answered_at IS NULL BEGIN
  INSERT INTO influence_open (panel_id, project_id, due_at, n)
    VALUES (NEW.panel_id, COALESCE(NEW.project_id, 0), NEW.due_at, 1),
           (NEW.panel_id, COALESCE(NEW.project_id, 0), 0, 1)
    ON CONFLICT (panel_id, project_id, due_at) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER contributions_open_delete AFTER DELETE ON contributions
WHEN OLD.answered_at IS NULL BEGIN
  UPDATE influence_open SET n = n - 1
    WHERE panel_id = OLD.panel_id AND project_id = COALESCE(OLD.project_id, 0)
      AND due_at IN (OLD.due_at, 0);
  DELETE FROM influence_open
    WHERE panel_id = OLD.panel_id AND project_id = COALESCE(OLD.project_id, 0)
      AND due_at IN (OLD.due_at, 0) AND n = 0;
END;

CREATE TRIGGER contributions_open_update
AFTER UPDATE OF panel_id, project_id, due_at, answered_at ON contributions BEGIN
  UPDATE influence_open SET n = n - 1
    WHERE OLD.answered_at IS NULL AND panel_id = OLD.panel_id
      AND project_id = COALESCE(OLD.project_id, 0) AND due_at IN (OLD.due_at, 0);
  DELETE FROM influence_open
    WHERE OLD.answered_at IS NULL AND panel_id = OLD.panel_id
      AND project_id = COALESCE(OLD.project_id, 0) AND due_at IN (OLD.due_at, 0) AND n = 0;
  INSERT INTO influence_open (panel_id, project_id, due_at, n)
    SELECT NEW.panel_id, COALESCE(NEW.project_id, 0), d, 1
    FROM (SELECT NEW.due_at AS d UNION ALL SELECT 0)
    WHERE NEW.answered_at IS NULL
    ON CONFLICT (panel_id, project_id, due_at) DO UPDATE SET n = n + 1;
END;

INSERT INTO influence_open (panel_id, project_id, due_at, n)
  SELECT panel_id, COALESCE(project_id, 0), due_at, COUNT(*) FROM contributions
  WHERE answered_at IS NULL GROUP BY panel_id, COALESCE(project_id, 0), due_at;
INSERT INTO influence_open (panel_id, project_id, due_at, n)
  SELECT panel_id, COALESCE(project_id, 0), 0, COUNT(*) FROM contributions
  WHERE answered_at IS NULL GROUP BY panel_id, COALESCE(project_id, 0);
