/* The "you said, we did" table as CSV, for a project or a meeting: one row
 * per contribution with its latest response, UTF-8 with a byte-order mark
 * (core/csv.h), dates in the panel's zone.
 *
 * The rows come from the same store reads as the pages, so the anonymity
 * rule holds here as it does there: "Said by" is said_by()'s text, which
 * names only named contributions (and tells the author alone which
 * anonymous ones are theirs). A guest gets only the rows they could see on
 * the page (those they answer). */
#include <stdlib.h>
#include <string.h>

#include "core/civil_time.h"
#include "core/csv.h"
#include "core/lang.h"
#include "web/http/handlers.h"
#include "web/ui/layout.h"
#include "web/voice/voice_ui.h"

enum { EXPORT_PAGE = 500 };

/* "2026-03-03", or "" for no time. */
static const char *local_date(struct request *req, int64_t t)
{
	if (!t) return "";
	struct civil c;
	civil_from_utc(t, req->panel->time_zone, &c);
	return arena_printf(&req->arena, "%04d-%02d-%02d", c.year, c.month, c.day);
}

static void header_row(struct buf *b)
{
	/* The columns' headings, as the page's words (translated). */
	static const char *const cols[] = {
		N_("Said on"), N_("Kind"), N_("What was said"), N_("Said by"), N_("Project"),
		N_("Meeting"), N_("Status"), N_("What was done"), N_("Reason"), N_("Referred to"),
		N_("Who decided"), N_("Decided on"), N_("Due by"), N_("Overdue") };
	for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) csv_field(b, _(cols[i]));
	csv_end_row(b);
}

static void contribution_row(struct request *req, struct buf *b, const struct contribution *c)
{
	csv_field(b, local_date(req, c->created_at));
	csv_field(b, _(kind_label(c->kind)));
	csv_field(b, c->body);
	csv_field(b, said_by(req, c));
	csv_field(b, c->project_title);
	csv_field(b, c->meeting_title);
	csv_field(b, _(response_status_label(c->status)));
	csv_field(b, c->what_done);
	csv_field(b, c->reason);
	csv_field(b, c->referred_to);
	csv_field(b, c->decided_by);
	csv_field(b, local_date(req, c->decided_at));
	csv_field(b, c->answered_at ? "" : local_date(req, c->due_at));
	/* TRANSLATORS: in the table's "Overdue" column */
	csv_field(b, contribution_overdue(c->status, c->due_at, req->now) ? _("Yes") : _("No"));
	csv_end_row(b);
}

/* Writes every contribution of scope/key as rows, reading a page at a
 * time. Lists come newest first, except a meeting's, whose pages are each
 * oldest first (the order things were said) going back a page at a time:
 * those pages are written last page first, so the file reads in order. */
static bool write_rows(struct request *req, enum contribution_scope scope, int64_t key)
{
	struct buf *pages = NULL;
	size_t npages = 0;
	int64_t before = 0;
	bool ok = true;
	for (bool more = true; more && ok;) {
		struct contribution *c;
		size_t n;
		struct arena page = {0};
		ok = store_contributions_list(req->store, scope, key, req->user->id, before,
		                              EXPORT_PAGE, &page, &c, &n) == ST_OK;
		more = ok && n == EXPORT_PAGE;
		if (more) before = scope == CS_MEETING ? c[0].id : c[n - 1].id;
		if (ok) {
			pages = xrealloc(pages, (npages + 1) * sizeof *pages);
			pages[npages] = (struct buf){0};
			for (size_t i = 0; i < n; i++)
				if (policy_can_see_contribution(&req->actor, c[i].owner_id == req->user->id))
					contribution_row(req, &pages[npages], &c[i]);
			npages++;
		}
		arena_free(&page);
	}
	for (size_t k = 0; k < npages; k++) {
		struct buf *pg = &pages[scope == CS_MEETING ? npages - 1 - k : k];
		if (ok && pg->len) buf_put(&req->out, pg->data, pg->len);
		buf_free(pg);
	}
	free(pages);
	return ok;
}

static void send_csv(struct request *req, enum contribution_scope scope, int64_t key,
                     const char *name)
{
	csv_begin(&req->out);
	header_row(&req->out);
	if (!write_rows(req, scope, key)) {
		buf_reset(&req->out);
		respond_error(req, 500, "internal", _("We could not make the table. Try again."));
		return;
	}
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
	respond_header(req, "Content-Disposition",
	               arena_printf(&req->arena, "attachment; filename=\"%s\"", name));
}

void project_csv_get(struct request *req)
{
	struct project p = *req->project;
	send_csv(req, CS_PROJECT, p.id,
	         arena_printf(&req->arena, "you-said-we-did-project-%lld.csv", (long long)p.id));
}

void meeting_csv_get(struct request *req)
{
	struct meeting m = *req->meeting;
	send_csv(req, CS_MEETING, m.id,
	         arena_printf(&req->arena, "you-said-we-did-meeting-%lld.csv", (long long)m.id));
}
