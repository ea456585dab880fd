# bench/lib/contributions.sh: the demo data with a million contributions
# (SQLite), for bench/influence and bench/report. Sourced; needs BIN, TMP,
# MEMBERS, CONTRIBUTIONS, OVERDUE_PERMILLE, PROJECT_TITLE and EMAIL set and
# die() defined; sets DB, q(), PROJECT, ME, NOW, MEETING, MEETING_START,
# MEETING_END, PANEL and SEED_SECS, and stops (die) unless the triggers'
# counts equal a recount. What the data is, and why: bench/influence's
# header.
mkdir -m 700 "$TMP/db"
DB=$TMP/db/bench.db
EMPTYCHAIR_PWHASH=minimum timeout 120 "$BIN" --db "$DB" demo --members "$MEMBERS" \
	>"$TMP/demo.out" 2>&1 || { cat "$TMP/demo.out" >&2; die "demo data failed"; }
q() { timeout 120 sqlite3 -batch -bail "$DB" "$@"; }
PROJECT=$(q "SELECT id FROM projects WHERE title = '$PROJECT_TITLE'") || die "cannot read the demo data"
ME=$(q "SELECT id FROM users WHERE email = '$EMAIL'")
NOW=$(date +%s)
read -r MEETING MEETING_START MEETING_END < <(q -separator ' ' "SELECT id, starts_at, ends_at
	FROM meetings WHERE project_id = $PROJECT AND ends_at < $NOW ORDER BY starts_at LIMIT 1") || true
[ -n "$PROJECT" ] && [ -n "$ME" ] && [ -n "${MEETING:-}" ] ||
	die "the demo data has no project, past meeting or $EMAIL"
[ "$(q "SELECT COUNT(*) FROM panels WHERE id IN (1, 2)")" = 2 ] &&
[ "$(q "SELECT panel_id FROM projects WHERE id = $PROJECT")" = 1 ] ||
	die "the demo data's panels are not 1 and 2 with the project in panel 1"
PANEL=1

# The seeding, in one transaction. Parameters: @n contributions, @now, @span
# (seconds they are spread over), @project (the project under test), @me
# (amira), @meeting with @meeting_start and @meeting_end (the project's past
# meeting: what was said to the project during it was said there), @overdue
# (per thousand). Panels 1 and 2 are the demo's two (checked above).
# Hashes: hk of the row number k (its own choices), hb and hb2 of its block
# b = k / 3 (one response per block: the panel, project, status and
# decision are the block's).
cat >"$TMP/seed.sql" <<'SQL'
BEGIN;
INSERT INTO projects (panel_id, title, purpose, decision_maker, stage, created_by,
                      created_at, updated_at)
WITH RECURSIVE p(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM p WHERE i < 8)
SELECT CASE WHEN i < 6 THEN 1 ELSE 2 END,
       CASE i % 5 WHEN 0 THEN 'Fair housing allocations' WHEN 1 THEN 'Interpreters at the GP'
                  WHEN 2 THEN 'A crisis line that answers' WHEN 3 THEN 'Jobs fair for new arrivals'
                  ELSE 'Waiting room redesign' END || ' ' || (i + 1),
       'What we are changing together.', 'The council', 'delivery',
       (SELECT user_id FROM memberships WHERE panel_id = CASE WHEN i < 6 THEN 1 ELSE 2 END
        AND role = 'steward' ORDER BY joined_at, user_id LIMIT 1), @now - @span, @now - @span
FROM p;
-- The other projects, numbered 0.. in panel 1 and 100.. in panel 2.
CREATE TEMP TABLE bench_projects (j INTEGER PRIMARY KEY, id INTEGER NOT NULL);
INSERT INTO bench_projects (j, id)
  SELECT row_number() OVER (ORDER BY id) - 1, id FROM projects
  WHERE panel_id = 1 AND id <> @project;
INSERT INTO bench_projects (j, id)
  SELECT 100 + row_number() OVER (ORDER BY id) - 1, id FROM projects WHERE panel_id = 2;
-- Who may say something, numbered 0.. in panel 1 and 1000000.. in panel 2:
-- each panel's co-creators and stewards but amira, who has every 300th.
CREATE TEMP TABLE bench_authors (j INTEGER PRIMARY KEY, user_id INTEGER NOT NULL);
INSERT INTO bench_authors (j, user_id)
  SELECT row_number() OVER (ORDER BY user_id) - 1, user_id FROM memberships
  WHERE panel_id = 1 AND role IN ('co_creator', 'steward') AND user_id <> @me;
INSERT INTO bench_authors (j, user_id)
  SELECT 1000000 + row_number() OVER (ORDER BY user_id) - 1, user_id FROM memberships
  WHERE panel_id = 2 AND role IN ('co_creator', 'steward') AND user_id <> @me;
-- Each panel's default owner of contributions (store_panel_default_owner),
-- who also records and answers them here.
CREATE TEMP TABLE bench_owner (panel_id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL);
INSERT INTO bench_owner (panel_id, user_id)
  SELECT p.id, (SELECT user_id FROM memberships WHERE panel_id = p.id AND role = 'steward'
                AND status = 'active' ORDER BY joined_at, user_id LIMIT 1)
  FROM panels p;
CREATE TEMP TABLE bench_plan AS
WITH RECURSIVE
  n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k + 1 < @n),
  t AS (SELECT k, k / 3 AS b,
               @now - @span + k * @span / @n AS created,
               -- the block's last contribution: its response comes after it
               @now - @span + min(k / 3 * 3 + 2, @n - 1) * @span / @n AS block_created,
               (k + 1) * 1103515245 % 2147483647 AS hk,
               (k / 3 + 1) * 337897 % 2147483647 AS hb,
               (k / 3 + 1) * 69621 % 2147483647 AS hb2
        FROM n),
  s AS (SELECT t.*, hb % 100 AS place,
               (block_created / 86400 + 29) * 86400 - 1 < @now AS past_due,
               hb / 100 % 1000 AS r,
               min(block_created + (1 + hb2 / 10 % 45) * 86400 + hb2 / 1000 % 3600,
                   @now - 60) AS decided
        FROM t),
  u AS (SELECT s.*,
               CASE WHEN place < 70 OR place BETWEEN 85 AND 92 THEN 1 ELSE 2 END AS panel,
               CASE WHEN place < 40 THEN @project
                    WHEN place < 70 THEN (SELECT id FROM bench_projects WHERE j = hb2 % 6)
                    WHEN place < 85 THEN (SELECT id FROM bench_projects WHERE j = 100 + hb2 % 3)
                    END AS project,
               CASE WHEN past_due THEN
                      CASE WHEN r < @overdue * 2 / 4 THEN 'awaiting'
                           WHEN r < @overdue * 3 / 4 THEN 'received'
                           WHEN r < @overdue THEN 'under_consideration'
                           WHEN (r - @overdue) * 100 / (1000 - @overdue) < 35 THEN 'adopted'
                           WHEN (r - @overdue) * 100 / (1000 - @overdue) < 60 THEN 'adopted_in_part'
                           WHEN (r - @overdue) * 100 / (1000 - @overdue) < 85 THEN 'not_adopted'
                           ELSE 'referred' END
                    ELSE
                      CASE WHEN r < 500 THEN 'awaiting' WHEN r < 600 THEN 'received'
                           WHEN r < 700 THEN 'under_consideration' WHEN r < 800 THEN 'adopted'
                           WHEN r < 870 THEN 'adopted_in_part' WHEN r < 950 THEN 'not_adopted'
                           ELSE 'referred' END
               END AS status
        FROM s)
SELECT k, (SELECT MAX(id) FROM contributions) + 1 + k AS id, b, panel, project, created,
       (created / 86400 + 29) * 86400 - 1 AS due,
       CASE WHEN project = @project AND created BETWEEN @meeting_start AND @meeting_end
            THEN @meeting END AS meeting,
       CASE hk / 7 % 4 WHEN 0 THEN 'idea' WHEN 1 THEN 'concern' WHEN 2 THEN 'question'
                       ELSE 'recommendation' END AS kind,
       hk / 31 % 8 AS body,
       CASE WHEN hk / 97 % 10 < 6 THEN 'named' WHEN hk / 97 % 10 < 9 THEN 'anonymous'
            ELSE 'group' END AS attribution,
       CASE WHEN k % 300 = 7 THEN @me
            ELSE (SELECT user_id FROM bench_authors WHERE j = CASE panel
                    WHEN 1 THEN hk / 1009 % (SELECT COUNT(*) FROM bench_authors WHERE j < 1000000)
                    ELSE 1000000 + hk / 1009 %
                         (SELECT COUNT(*) FROM bench_authors WHERE j >= 1000000) END) END
         AS author,
       (SELECT user_id FROM bench_owner WHERE panel_id = panel) AS owner,
       CASE WHEN hk / 13 % 5 = 0 THEN (SELECT user_id FROM bench_owner WHERE panel_id = panel)
            END AS recorded_by,
       status,
       CASE WHEN status <> 'awaiting' THEN (SELECT MAX(id) FROM responses) + 1 + b END AS rid,
       CASE WHEN status IN ('adopted', 'adopted_in_part', 'not_adopted', 'referred')
            THEN decided END AS answered,
       decided,
       hb2 / 7 % 4 AS words
FROM u;
INSERT INTO responses (id, panel_id, status, what_done, reason, referred_to, decided_by,
                       decided_at, written_by, created_at)
SELECT rid, panel, status,
       CASE WHEN status IN ('adopted', 'adopted_in_part') THEN
         CASE words WHEN 0 THEN 'The leaflet now says this on its first page.'
                    WHEN 1 THEN 'Reception staff have been trained and the sign is up.'
                    WHEN 2 THEN 'The form has been shortened to one page, in plain English.'
                    ELSE 'Interpreters are booked for every appointment from next month.' END
       ELSE '' END,
       CASE WHEN status = 'not_adopted' THEN
         CASE words WHEN 0 THEN 'This year''s budget is already committed; we will raise it again in April.'
                    WHEN 1 THEN 'The law does not allow us to share this information.'
                    WHEN 2 THEN 'Most members at the meeting preferred the other option.'
                    ELSE 'The contract with the provider runs until next year.' END
       ELSE '' END,
       CASE WHEN status = 'referred' THEN
         CASE words WHEN 0 THEN 'The Home Office' WHEN 1 THEN 'The hospital trust'
                    WHEN 2 THEN 'The housing association' ELSE 'The county council' END
       ELSE '' END,
       CASE words WHEN 0 THEN 'Resettlement team manager' WHEN 1 THEN 'The steering group'
                  WHEN 2 THEN 'Head of service' ELSE 'The panel, by vote' END,
       decided, owner, decided
FROM bench_plan WHERE rid IS NOT NULL AND k = b * 3;
INSERT INTO contributions (id, panel_id, project_id, meeting_id, item_id, kind, body,
                           attribution, group_name, author_id, recorded_by, created_at,
                           owner_id, due_at, status, response_id, answered_at, updated_at,
                           version)
SELECT id, panel, project, meeting, NULL, kind,
       CASE body WHEN 0 THEN 'The letters come in English only, and by the time someone translates them the deadline has passed.'
                 WHEN 1 THEN 'Could there be a drop-in session in the evening, for people who work during the day?'
                 WHEN 2 THEN 'Please ask us before changing the waiting room again; the last change made it harder for wheelchair users.'
                 WHEN 3 THEN 'I was told three different things by three different people about the same form.'
                 WHEN 4 THEN 'Put the phone number for the crisis line on the front of every letter.'
                 WHEN 5 THEN 'Why does the housing list not say where you are on it?'
                 WHEN 6 THEN 'Pay people for their time at meetings on the day, in cash or by bank transfer, as they choose.'
                 ELSE 'Peer supporters should be in the room when decisions about the service are made.' END,
       attribution,
       CASE WHEN attribution = 'group' THEN
         CASE body % 3 WHEN 0 THEN 'Eritrean women''s group' WHEN 1 THEN 'Carers'' circle'
                       ELSE 'Young people''s forum' END
       ELSE '' END,
       author, recorded_by, created, owner, due, status, rid, answered,
       CASE WHEN rid IS NULL THEN created ELSE decided END,
       CASE WHEN rid IS NULL THEN 1 ELSE 2 END
FROM bench_plan ORDER BY k;
INSERT INTO response_links (response_id, contribution_id)
  SELECT rid, id FROM bench_plan WHERE rid IS NOT NULL;
COMMIT;
SQL
seed_t0=$(date +%s.%N)
# PRAGMAs first: changing temp_store drops the parameters' temp table.
timeout 600 sqlite3 -batch -bail "$DB" >"$TMP/seed.out" 2>&1 <<EOF || { cat "$TMP/seed.out" >&2; die "seeding failed"; }
PRAGMA foreign_keys = ON;
PRAGMA temp_store = MEMORY;
PRAGMA cache_size = -262144;
.parameter init
.parameter set @n $CONTRIBUTIONS
.parameter set @now $NOW
.parameter set @span $(( 3 * 365 * 86400 ))
.parameter set @project $PROJECT
.parameter set @me $ME
.parameter set @meeting $MEETING
.parameter set @meeting_start $MEETING_START
.parameter set @meeting_end $MEETING_END
.parameter set @overdue $OVERDUE_PERMILLE
.read $TMP/seed.sql
EOF
SEED_SECS=$(awk -v a="$seed_t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')

# The triggers' counts must equal a recount, both ways.
mismatch=$(q "SELECT
  (SELECT COUNT(*) FROM (
     SELECT panel_id, COALESCE(project_id, 0), status, COUNT(*) FROM contributions GROUP BY 1, 2, 3
     EXCEPT SELECT panel_id, project_id, status, n FROM influence_counts)) +
  (SELECT COUNT(*) FROM (
     SELECT panel_id, project_id, status, n FROM influence_counts
     EXCEPT SELECT panel_id, COALESCE(project_id, 0), status, COUNT(*) FROM contributions GROUP BY 1, 2, 3)) +
  (SELECT COUNT(*) FROM (
     SELECT panel_id, COALESCE(project_id, 0), (answered_at - created_at) / 86400, COUNT(*)
     FROM contributions WHERE answered_at IS NOT NULL GROUP BY 1, 2, 3
     EXCEPT SELECT panel_id, project_id, days, n FROM influence_days)) +
  (SELECT COUNT(*) FROM (
     SELECT panel_id, project_id, days, n FROM influence_days
     EXCEPT SELECT panel_id, COALESCE(project_id, 0), (answered_at - created_at) / 86400, COUNT(*)
     FROM contributions WHERE answered_at IS NOT NULL GROUP BY 1, 2, 3)) +
  (SELECT COUNT(*) FROM (
     SELECT panel_id, COALESCE(project_id, 0), due_at, COUNT(*) FROM contributions
     WHERE answered_at IS NULL GROUP BY 1, 2, 3
     UNION ALL SELECT panel_id, COALESCE(project_id, 0), 0, COUNT(*) FROM contributions
     WHERE answered_at IS NULL GROUP BY 1, 2
     EXCEPT SELECT panel_id, project_id, due_at, n FROM influence_open)) +
  (SELECT COUNT(*) FROM (
     SELECT panel_id, project_id, due_at, n FROM influence_open
     EXCEPT SELECT * FROM (
       SELECT panel_id, COALESCE(project_id, 0), due_at, COUNT(*) FROM contributions
       WHERE answered_at IS NULL GROUP BY 1, 2, 3
       UNION ALL SELECT panel_id, COALESCE(project_id, 0), 0, COUNT(*) FROM contributions
       WHERE answered_at IS NULL GROUP BY 1, 2)))") ||
	die "cannot recount the influence figures"
[ "$mismatch" = 0 ] || die "influence_counts/influence_days/influence_open differ from a recount ($mismatch rows)"
