-- 0002 (PostgreSQL): counts of a panel's members by role and status, kept
-- by a trigger in the same transaction as every change to memberships, as
-- in migrations/sqlite/0002 (which says why). Two transactions that change
-- the same panel's counts at once conflict on the count row; under
-- SERIALIZABLE one of them is refused and store_tx runs it again.
CREATE INDEX memberships_panel_role ON memberships(panel_id, role, status);

CREATE TABLE panel_member_counts (
  panel_id BIGINT NOT NULL REFERENCES panels(id) ON DELETE CASCADE,
  role     TEXT NOT NULL,
  status   TEXT NOT NULL,
  n        BIGINT NOT NULL,
  PRIMARY KEY (panel_id, role, status)
);

INSERT INTO panel_member_counts (panel_id, role, status, n)
  SELECT panel_id, role, status, COUNT(*) FROM memberships
  GROUP BY panel_id, role, status;

CREATE FUNCTION memberships_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE panel_member_counts SET n = n - 1
      WHERE panel_id = OLD.panel_id AND role = OLD.role AND status = OLD.status;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO panel_member_counts AS c (panel_id, role, status, n)
      VALUES (NEW.panel_id, NEW.role, NEW.status, 1)
      ON CONFLICT (panel_id, role, status) DO UPDATE SET n = c.n + 1;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER memberships_count_insert_delete AFTER INSERT OR DELETE ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_count();

-- Only when a counted column changes, as on SQLite ("UPDATE OF").
CREATE TRIGGER memberships_count_update AFTER UPDATE OF panel_id, role, status ON memberships
  FOR EACH ROW EXECUTE FUNCTION memberships_count();
