/* Funder reports (app/reports.c): the list, a new draft, a report as a
 * printable page with its sections to edit and share, and its CSV and
 * JSON. Every output is made from the one document app_report_view gives,
 * walked the same way (walk()), so the page and the files never disagree. */
#include <string.h>

#include "app/app.h"
#include "core/civil_time.h"
#include "core/csv.h"
#include "core/lang.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/http/inputs.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

static const char *reports_path(struct request *req)
{
	return arena_printf(&req->arena, "/panels/%lld/reports", (long long)req->panel->id);
}

static const char *report_path(struct request *req, int64_t id)
{
	return arena_printf(&req->arena, "/panels/%lld/reports/%lld", (long long)req->panel->id,
	                    (long long)id);
}

/* ---- walking the document ---- */

/* One figure: its section's title, its label and its value in words. */
typedef void (*emit_fn)(struct request *req, void *ctx, const char *section, const char *label,
                        const char *value);

struct walk {
	struct request *req;
	emit_fn emit;
	void *ctx;
	const char *section;
};

static const char *not_shown(void)
{
	return _("Not shown");
}

static void row(struct walk *w, const char *label, const char *value)
{
	w->emit(w->req, w->ctx, w->section, label, value);
}

/* A whole number, or "Not shown" for null. */
static void count_row(struct walk *w, const char *label, json_t *v)
{
	row(w, label, json_is_integer(v)
	              ? arena_printf(&w->req->arena, "%lld", (long long)json_integer_value(v))
	              : not_shown());
}

static void text_row(struct walk *w, const char *label, json_t *v)
{
	row(w, label, json_is_string(v) ? json_string_value(v) : not_shown());
}

static const char *date_words(struct request *req, json_t *v)
{
	int y, m, d;
	if (!json_is_string(v) || !civil_parse_date(json_string_value(v), &y, &m, &d))
		return "";
	return format_day(req, civil_day(y, m, d));
}

static void answers_rows(struct walk *w, const char *question, json_t *v)
{
	struct arena *a = &w->req->arena;
	row(w, question,
	    arena_printf(a, _("yes %lld, partly %lld, no %lld"),
	                 (long long)json_integer_value(json_object_get(v, "yes")),
	                 (long long)json_integer_value(json_object_get(v, "partly")),
	                 (long long)json_integer_value(json_object_get(v, "no"))));
}

static void pay_rows(struct walk *w, json_t *pay)
{
	struct request *req = w->req;
	struct arena *a = &req->arena;
	if (!json_is_object(pay)) {
		row(w, _("Pay"), _("The panel has no pay policy yet."));
		return;
	}
	const char *currency = json_string_value(json_object_get(pay, "currency"));
	json_t *ways = json_object_get(pay, "by_way");
	for (int m = -1; m < METHOD__COUNT; m++) {
		json_t *c = m < 0 ? json_object_get(pay, "total")
		                  : json_object_get(ways, pay_method_key((enum pay_method)m));
		const char *way = m < 0 ? _("All ways") : _(pay_method_label((enum pay_method)m));
		count_row(w, arena_printf(a, _("%s: people paid"), way), json_object_get(c, "people"));
		count_row(w, arena_printf(a, _("%s: payments"), way), json_object_get(c, "payments"));
		json_t *amount = json_object_get(c, "amount_minor");
		row(w, arena_printf(a, _("%s: amount"), way),
		    json_is_integer(amount) ? money_format(a, currency, json_integer_value(amount))
		                            : not_shown());
	}
	/* with no payment there is nothing held back: say so */
	bool none = json_integer_value(json_object_get(json_object_get(pay, "total"), "payments")) ==
	                    0 &&
	            json_is_integer(json_object_get(json_object_get(pay, "total"), "payments"));
	if (none)
		row(w, _("Median days from claim to payment"), _("No payments"));
	else
		count_row(w, _("Median days from claim to payment"),
		          json_object_get(pay, "median_days_to_pay"));
	long long target = (long long)json_integer_value(json_object_get(pay, "target_days"));
	json_t *late = json_object_get(pay, "paid_late");
	count_row(w, arena_printf(a, _("People paid later than the target of %lld days"), target),
	          json_object_get(late, "people"));
	count_row(w, arena_printf(a, _("Payments later than the target of %lld days"), target),
	          json_object_get(late, "payments"));
	json_t *share = json_object_get(late, "percent_of_payments");
	row(w, _("Share of payments made late"),
	    json_is_integer(share) ? arena_printf(a, "%lld%%", (long long)json_integer_value(share))
	    : none                 ? _("No payments")
	                           : not_shown());
}

static const char *standing_words(const char *key)
{
	if (!strcmp(key, "below")) return _("below its target");
	if (!strcmp(key, "within")) return _("within its target");
	if (!strcmp(key, "above")) return _("above its target");
	return NULL;
}

static void representation_rows(struct walk *w, json_t *list)
{
	struct arena *a = &w->req->arena;
	if (!json_array_size(list)) {
		row(w, _("Who is on the panel"), _("No figures have been published yet."));
		return;
	}
	size_t i;
	json_t *sec;
	json_array_foreach(list, i, sec) {
		const char *key = json_string_value(json_object_get(sec, "characteristic"));
		const char *name = key;
		for (int k = 0; rep_characteristic(k); k++)
			if (!strcmp(rep_characteristic(k)->key, key)) name = _(rep_name(rep_characteristic(k)));
		count_row(w, arena_printf(a, _("%s: everyone counted"), name),
		          json_object_get(sec, "total"));
		size_t j;
		json_t *g;
		json_array_foreach(json_object_get(sec, "groups"), j, g) {
			json_t *n = json_object_get(g, "count");
			const char *st = standing_words(json_string_value(json_object_get(g, "standing")));
			const char *v = json_is_integer(n)
			                ? arena_printf(a, "%lld", (long long)json_integer_value(n))
			                : not_shown();
			row(w, arena_printf(a, "%s: %s", name,
			                    json_string_value(json_object_get(g, "label"))),
			    st ? arena_printf(a, "%s (%s)", v, st) : v);
		}
	}
}

static void ladder_rows(struct walk *w, json_t *list)
{
	struct arena *a = &w->req->arena;
	if (!json_array_size(list)) {
		row(w, _("The ladder"), _("There are no projects yet."));
		return;
	}
	size_t i;
	json_t *pr;
	json_array_foreach(list, i, pr) {
		const char *title = json_string_value(json_object_get(pr, "title"));
		json_t *rungs = json_object_get(pr, "rungs");
		if (!json_array_size(rungs)) row(w, title, _("No rung recorded yet."));
		size_t j;
		json_t *r;
		json_array_foreach(rungs, j, r) {
			enum project_stage st = STAGE_SHAPING;
			stage_parse(json_string_value(json_object_get(r, "stage")), &st);
			int rung = (int)json_integer_value(json_object_get(r, "rung"));
			row(w, arena_printf(a, "%s: %s", title, _(stage_label(st))),
			    arena_printf(a, _("Rung %d: %s"), rung, _(rung_label(rung))));
		}
	}
}

static void standards_rows(struct walk *w, json_t *list)
{
	struct arena *a = &w->req->arena;
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		const struct standard *st = standard_find(json_string_value(json_object_get(x, "standard")));
		if (!st) continue;
		json_t *spread = json_object_get(x, "spread");
		const char *label = arena_printf(a, "%s: %s", _(st->framework), _(st->title));
		if (!json_is_object(spread)) {
			row(w, label, _("Fewer than 5 ratings in a quarter of this period."));
			continue;
		}
		json_t *c = json_object_get(spread, "counts");
		row(w, label,
		    arena_printf(a, _("%s, %lld ratings: 1 (not yet) %lld, 2: %lld, 3: %lld, 4: %lld, "
		                      "5 (fully) %lld"),
		                 json_string_value(json_object_get(spread, "quarter")),
		                 (long long)json_integer_value(json_object_get(spread, "counted")),
		                 (long long)json_integer_value(json_array_get(c, 0)),
		                 (long long)json_integer_value(json_array_get(c, 1)),
		                 (long long)json_integer_value(json_array_get(c, 2)),
		                 (long long)json_integer_value(json_array_get(c, 3)),
		                 (long long)json_integer_value(json_array_get(c, 4))));
	}
}

/* Every figure of doc, section by section, in the reader's language. */
static void walk(struct request *req, json_t *doc, emit_fn emit, void *ctx)
{
	struct walk w = { req, emit, ctx, NULL };
	json_t *inv = json_object_get(doc, "involvement");
	w.section = _("Involvement");
	count_row(&w, _("Meetings held"), json_object_get(inv, "meetings"));
	count_row(&w, _("Members who took part"), json_object_get(inv, "people"));
	text_row(&w, _("Hours in meetings, all together"), json_object_get(inv, "hours"));

	json_t *c = json_object_get(doc, "contributions");
	w.section = _("What became of what people said");
	count_row(&w, _("Contributions made"), json_object_get(c, "made"));
	count_row(&w, _("People who made them"), json_object_get(c, "people"));
	count_row(&w, _("Adopted in full"), json_object_get(c, "adopted"));
	count_row(&w, _("Adopted in part"), json_object_get(c, "adopted_in_part"));
	count_row(&w, _("Not adopted"), json_object_get(c, "not_adopted"));
	count_row(&w, _("Referred elsewhere"), json_object_get(c, "referred"));
	count_row(&w, _("Waiting for an answer past the time to give one"),
	          json_object_get(c, "waiting_past_due"));

	if (!json_is_object(json_object_get(json_object_get(doc, "report"), "project"))) {
		w.section = _("Pay");
		pay_rows(&w, json_object_get(doc, "pay"));
	}

	json_t *r = json_object_get(doc, "reflections");
	w.section = _("How meetings felt");
	count_row(&w, _("Reflections counted (whole groups of 5 a meeting)"),
	          json_object_get(r, "released"));
	if (json_is_null(json_object_get(r, "felt_heard_average")))
		row(&w, _("How heard people felt, on average out of 5"), _("No answers counted yet"));
	else
		text_row(&w, _("How heard people felt, on average out of 5"),
		         json_object_get(r, "felt_heard_average"));
	answers_rows(&w, _("Had the information in time"), json_object_get(r, "information_in_time"));
	answers_rows(&w, _("Felt safe to speak"), json_object_get(r, "felt_safe"));

	w.section = _("Who is on the panel, as last published");
	representation_rows(&w, json_object_get(doc, "representation"));
	w.section = _("The ladder of co-production");
	ladder_rows(&w, json_object_get(doc, "ladder"));
	json_t *std = json_object_get(doc, "standards");
	if (json_is_array(std)) {
		w.section = _("Standards self-assessment");
		standards_rows(&w, std);
	}
}

/* ---- the page ---- */

struct table_ctx {
	const char *section;
};

static void html_row(struct request *req, void *ctx, const char *section, const char *label,
                     const char *value)
{
	struct table_ctx *t = ctx;
	struct buf *b = &req->out;
	if (!t->section || strcmp(t->section, section)) {
		if (t->section) html(b, "</tbody></table>");
		t->section = section;
		html(b, "<h2 class=\"heading-m\">%t</h2><table class=\"table report-table\"><thead><tr>"
		        "<th scope=\"col\">%t</th><th scope=\"col\">%t</th></tr></thead><tbody>",
		     section, _("Figure"), _("Value"));
	}
	html(b, "<tr><th scope=\"row\"><bdi>%t</bdi></th><td><bdi>%t</bdi></td></tr>", label, value);
}

static void sections_form(struct request *req, const struct funder_report *r,
                          const struct form_errors *e)
{
	struct buf *b = &req->out;
	bool again = e && e->n;
	html(b, "<div class=\"no-print\"><h2 class=\"heading-m\" id=\"edit\">%t</h2><p>%t</p>",
	     _("Edit the report"),
	     _("The sections follow the GRIPP2 short form for reporting public involvement. They "
	       "start from the figures: add what the figures cannot say, the negative included."));
	ui_form_begin(req, report_path(req, r->id));
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", r->version);
	ui_input(req, e, "title", _("Title"), NULL,
	         again ? (form_get(&req->form, "title") ?: "") : r->title, "text", "off");
	for (int k = 0; k < GRIPP__COUNT; k++) {
		const struct gripp_def *g = &gripp_sections[k];
		ui_textarea(req, e, g->key, _(g->title), _(g->hint),
		            again ? (form_get(&req->form, g->key) ?: "") : r->sections[k]);
	}
	ui_button(req, _("Save the report"), NULL);
	ui_form_end(req);
	html(b, "<h2 class=\"heading-m\">%t</h2><p>%t</p>", _("Share the report"),
	     _("Sharing freezes it: its figures and words stay as they are now, and everyone on the "
	       "panel can read it. A shared report cannot be changed or deleted, and no other report "
	       "may then cover some of its days, so that two reports cannot be set side by side to "
	       "count fewer than 5 people."));
	ui_form_begin(req, arena_printf(&req->arena, "%s/share", report_path(req, r->id)));
	html(b, "<input type=\"hidden\" name=\"version\" value=\"%l\">", r->version);
	ui_button(req, _("Share the report"), NULL);
	ui_form_end(req);
	ui_form_begin(req, arena_printf(&req->arena, "%s/delete", report_path(req, r->id)));
	ui_button(req, _("Delete this draft"), "warning");
	ui_form_end(req);
	html(b, "</div>");
}

static void report_page(struct request *req, struct report_view *v, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	const struct funder_report *r = &v->report;
	json_t *info = json_object_get(v->doc, "report");
	json_t *project = json_object_get(info, "project");
	page_begin(req, r->title, e);
	html(b, "<a class=\"back-link no-print\" href=\"%a\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\"><bdi>%t</bdi>"
	        "</h1>",
	     reports_path(req), _("Back to the reports"),
	     json_is_object(project) ? json_string_value(json_object_get(project, "title"))
	                             : req->panel->name,
	     json_string_value(json_object_get(info, "title")));
	html(b, "<p>%t</p>",
	     arena_printf(a, _("From %s to %s."), date_words(req, json_object_get(info, "from")),
	                  date_words(req, json_object_get(info, "to"))));
	if (form_get(&req->query, "saved"))
		html(b, "<div class=\"notice no-print\" role=\"status\"><p>%t</p></div>",
		     _("The report is saved."));
	if (r->shared_at)
		html(b, "<p><strong class=\"tag\">%t</strong></p>",
		     arena_printf(a, _("Shared on %s"), format_time(req, r->shared_at,
		                                                     req->panel->time_zone)));
	else
		html(b, "<div class=\"notice\"><p><strong>%t</strong> %t</p></div>", _("Draft."),
		     _("Its figures are worked out afresh each time it is opened, until it is shared."));
	const char *base = report_path(req, r->id);
	html(b, "<ul class=\"list no-print\"><li><a href=\"%a/report.csv\" download>%t</a></li>"
	        "<li><a href=\"%a/report.json\" download>%t</a></li></ul><p class=\"hint no-print\">"
	        "%t</p>",
	     base, _("Download the figures as CSV (for spreadsheets)"), base,
	     _("Download the report as JSON"),
	     _("To print it, or save it as a PDF, use your browser's Print: the page prints "
	       "without its menus and forms."));
	html(b, "<p>%t</p>",
	     _("No figure counts fewer than 5 people. \"Not shown\" means fewer than 5, or that "
	       "showing it would let a smaller group be worked out from the others: both look the "
	       "same, on purpose. The report names nobody."));
	struct table_ctx t = { NULL };
	walk(req, v->doc, html_row, &t);
	if (t.section) html(b, "</tbody></table>");
	json_t *sections = json_object_get(v->doc, "sections");
	html(b, "<h2 class=\"heading-l\">%t</h2>", _("About the involvement"));
	for (int k = 0; k < GRIPP__COUNT; k++) {
		const char *text = json_string_value(json_object_get(sections, gripp_sections[k].key));
		html(b, "<h3 class=\"heading-m\">%t</h3>", _(gripp_sections[k].title));
		if (text && *text)
			html(b, "<p class=\"report-text\" dir=\"auto\">%t</p>", text);
		else
			html(b, "<p class=\"hint\">%t</p>", _("Not written yet."));
	}
	if (v->may_edit) {
		sections_form(req, r, e);
	} else if (e && e->n) {
		/* shared since they opened it: what they wrote, so it is not lost */
		html(b, "<h2 class=\"heading-m no-print\">%t</h2>", _("What you wrote (not saved)"));
		for (int k = 0; k < GRIPP__COUNT; k++) {
			const char *typed = form_get(&req->form, gripp_sections[k].key);
			if (typed && *typed)
				html(b, "<h3 class=\"heading-s no-print\">%t</h3><p class=\"report-text no-print\" "
				        "dir=\"auto\">%t</p>", _(gripp_sections[k].title), typed);
		}
	}
	page_end(req);
}

static bool load(struct request *req, struct report_view *v)
{
	struct app_error err;
	if (app_report_view(req->store, &req->actor, req->panel, req->params[1], req->now,
	                    &req->arena, v, &err))
		return true;
	respond_app_error(req, &err);
	return false;
}

void report_get(struct request *req)
{
	struct report_view v;
	if (!load(req, &v)) return;
	report_page(req, &v, NULL);
	json_decref(v.doc);
}

void report_edit_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[REPORT_SECTION_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, report_section_inputs, REPORT_SECTION_INPUTS, in, &e);
	if (ok && !(ok = app_report_edit(req->store, &req->actor, req->panel, req->params[1], in,
	                                 req->now, &req->arena, &err))) {
		if (err.status == 409) {
			/* keep what they wrote, beside the report as it is now */
			errors_add(&e, "title", err.message);
			req->status = 409;
		} else if (!app_error_to_form(req, &err, &e)) {
			return;
		}
	}
	if (ok) {
		respond_redirect(req, arena_printf(&req->arena, "%s?saved=1",
		                                   report_path(req, req->params[1])));
		return;
	}
	if (!req->status || req->status < 400) req->status = 400;
	struct report_view v;
	int status = req->status;
	if (!load(req, &v)) return;
	req->status = status;
	report_page(req, &v, &e);
	json_decref(v.doc);
}

void report_share_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[REPORT_SHARE_INPUTS];
	struct app_error err;
	bool ok = form_inputs(req, report_share_inputs, REPORT_SHARE_INPUTS, in, &e);
	if (ok && !(ok = app_report_share(req->store, &req->actor, req->panel, req->params[1],
	                                  in[REPORT_SHARE_VERSION].number, req->now, &req->arena,
	                                  &err))) {
		if (err.status != 409) {
			respond_app_error(req, &err);
			return;
		}
		errors_add(&e, "title", err.message);
	}
	if (!ok) {
		struct report_view v;
		if (!load(req, &v)) return;
		req->status = e.n && !strcmp(e.items[0].field, "version") ? 400 : 409;
		report_page(req, &v, &e);
		json_decref(v.doc);
		return;
	}
	respond_redirect(req, report_path(req, req->params[1]));
}

void report_delete_post(struct request *req)
{
	struct app_error err;
	if (!app_report_delete(req->store, &req->actor, req->panel, req->params[1], &err)) {
		respond_app_error(req, &err);
		return;
	}
	respond_redirect(req, arena_printf(&req->arena, "%s?deleted=1", reports_path(req)));
}

/* ---- the files ---- */

static void csv_row(struct request *req, void *ctx, const char *section, const char *label,
                    const char *value)
{
	(void)ctx;
	csv_field(&req->out, section);
	csv_field(&req->out, label);
	csv_field(&req->out, value);
	csv_end_row(&req->out);
}

static const char *file_name(struct request *req, const char *ext)
{
	return arena_printf(&req->arena, "attachment; filename=\"report-%lld.%s\"",
	                    (long long)req->params[1], ext);
}

void report_csv_get(struct request *req)
{
	struct report_view v;
	if (!load(req, &v)) return;
	struct buf *b = &req->out;
	json_t *info = json_object_get(v.doc, "report");
	csv_begin(b);
	csv_row(req, NULL, _("Section"), _("Figure"), _("Value"));
	const char *about = _("The report");
	csv_row(req, NULL, about, _("Title"), json_string_value(json_object_get(info, "title")));
	csv_row(req, NULL, about, _("First day"), json_string_value(json_object_get(info, "from")));
	csv_row(req, NULL, about, _("Last day"), json_string_value(json_object_get(info, "to")));
	csv_row(req, NULL, about, _("Shared"), v.report.shared_at ? _("Yes") : _("No, a draft"));
	walk(req, v.doc, csv_row, NULL);
	json_t *sections = json_object_get(v.doc, "sections");
	for (int k = 0; k < GRIPP__COUNT; k++)
		csv_row(req, NULL, _("About the involvement"), _(gripp_sections[k].title),
		        json_string_value(json_object_get(sections, gripp_sections[k].key)));
	json_decref(v.doc);
	req->status = 200;
	req->content_type = "text/csv; charset=utf-8";
	respond_header(req, "Content-Disposition", file_name(req, "csv"));
}

void report_json_get(struct request *req)
{
	struct report_view v;
	if (!load(req, &v)) return;
	char *text = json_dumps(v.doc, JSON_INDENT(2));
	json_decref(v.doc);
	if (!text) {
		respond_error(req, 500, "internal", _("We could not make the file. Try again."));
		return;
	}
	buf_puts(&req->out, text);
	buf_puts(&req->out, "\n");
	free(text);
	req->status = 200;
	req->content_type = "application/json";
	respond_header(req, "Content-Disposition", file_name(req, "json"));
}

/* ---- the list, and a new draft ---- */

static void reports_page(struct request *req, const struct form_errors *e)
{
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	struct funder_report *list;
	size_t n;
	struct app_error err;
	if (!app_reports(req->store, &req->actor, req->panel, a, &list, &n, &err)) {
		respond_app_error(req, &err);
		return;
	}
	page_begin(req, _("Reports for funders"), e);
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1><p>%t</p>",
	     req->panel->id, _("Back to the panel"), req->panel->name, _("Reports for funders"),
	     _("A report of the panel's work, or one project's, over a period: involvement, pay, "
	       "what became of what people said, how meetings felt, who is on the panel, the ladder "
	       "and the standards, with the GRIPP2 short form's sections. It names nobody, and no "
	       "figure counts fewer than 5 people."));
	if (form_get(&req->query, "deleted"))
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>", _("The draft is deleted."));
	if (!n) {
		html(b, "<p>%t</p>", _("There are no reports yet."));
	} else {
		html(b, "<table class=\"table\"><caption class=\"visually-hidden\">%t</caption><thead>"
		        "<tr><th scope=\"col\">%t</th><th scope=\"col\">%t</th><th scope=\"col\">%t</th>"
		        "</tr></thead><tbody>",
		     _("Reports for funders"), _("Report"), _("Days it covers"), _("State"));
		for (size_t i = 0; i < n; i++)
			html(b, "<tr><td><a href=\"%a\"><bdi>%t</bdi></a></td><td>%t</td><td>%t</td></tr>",
			     report_path(req, list[i].id), list[i].title,
			     arena_printf(a, _("%s to %s"), format_day(req, list[i].from_day),
			                  format_day(req, list[i].to_day)),
			     list[i].shared_at ? _("Shared") : _("Draft"));
		html(b, "</tbody></table>");
	}
	if (!policy_allows(&req->actor, PA_MANAGE_REPORTS)) {
		page_end(req);
		return;
	}
	struct project *pr;
	size_t np;
	if (store_projects_list(req->store, req->panel->id, a, &pr, &np) != ST_OK) np = 0;
	struct field_option *opts = arena_alloc(a, (np + 2) * sizeof *opts);
	opts[0] = (struct field_option){ "", N_("The whole panel") };
	for (size_t i = 0; i < np; i++)
		opts[i + 1] = (struct field_option){ arena_printf(a, "%lld", (long long)pr[i].id),
		                                     option_theirs(a, pr[i].title) };
	opts[np + 1] = (struct field_option){ 0, 0 };
	bool again = e && e->n;
	html(b, "<h2 class=\"heading-m\">%t</h2>", _("Start a report"));
	ui_form_begin(req, reports_path(req));
	ui_input(req, e, "title", _("Title"), _("For example the funder's name and the period."),
	         again ? form_get(&req->form, "title") : "", "text", "off");
	ui_select(req, e, "project_id", _("About"), opts,
	          again ? form_get(&req->form, "project_id") : "");
	ui_input(req, e, "from", _("First day"), _("For example 1/4/2026 or 1 April 2026."),
	         again ? form_get(&req->form, "from") : "", "text", "off");
	ui_input(req, e, "to", _("Last day"), _("No later than today."),
	         again ? form_get(&req->form, "to") : "", "text", "off");
	ui_button(req, _("Start the report"), NULL);
	ui_form_end(req);
	page_end(req);
}

void reports_get(struct request *req)
{
	reports_page(req, NULL);
}

void report_new_post(struct request *req)
{
	struct form_errors e = { 0 };
	struct input_value in[REPORT_INPUTS];
	struct app_error err;
	int64_t id = 0;
	bool ok = form_inputs(req, report_inputs, REPORT_INPUTS, in, &e);
	if (ok && !(ok = app_report_create(req->store, &req->actor, req->panel, req->user->id, in,
	                                   req->now, &req->arena, &id, &err))) {
		if (!app_error_to_form(req, &err, &e)) return;
	}
	if (!ok) {
		if (!req->status || req->status < 400) req->status = 400;
		reports_page(req, &e);
		return;
	}
	respond_redirect(req, report_path(req, id));
}
