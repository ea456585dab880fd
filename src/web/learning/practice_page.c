/* "How are we doing?" (app/practice.c): the signals of tokenism for the
 * panel or one of its projects, each a fact in plain words with how it is
 * worked out and the seed it comes from. */
#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"
#include "web/http/form.h"
#include "web/http/handlers.h"
#include "web/ui/answers.h"
#include "web/ui/html.h"
#include "web/ui/layout.h"

/* The fact a signal states, in a sentence made from its figures. */
static const char *fact(struct request *req, const struct practice_signal *x, int64_t agenda_days)
{
	struct arena *a = &req->arena;
	const struct practice_figures *f = &x->f;
	long long n = (long long)f->n, of = (long long)f->of;
	bool none = x->state == PRACTICE_NO_DATA;
	switch (x->key) {
	case PS_AGENDA:
		return none ? _("No agenda has been published yet.")
		            : arena_printf(a, _("%lld of %lld items on published agendas were proposed "
		                                "by co-creators."), n, of);
	case PS_PAPERS_LATE:
		return none ? _("No paper has been published yet.")
		            : arena_printf(a, ngettext("%lld of %lld papers came out later than %lld day "
		                                       "before their meeting.",
		                                       "%lld of %lld papers came out later than %lld days "
		                                       "before their meeting.",
		                                       (unsigned long)agenda_days),
		                           n, of, (long long)agenda_days);
	case PS_OVERDUE:
		return none ? _("Nobody has said anything here yet.")
		            : arena_printf(a, _("%lld of %lld contributions are past the time to answer, "
		                                "with no outcome yet."), n, of);
	case PS_ADOPTED:
		return none ? _("No contribution has been answered yet.")
		            : arena_printf(a, _("%lld of %lld answered contributions were adopted in "
		                                "full or in part."), n, of);
	case PS_PAY_LATE: {
		if (none) return _("Nobody has been paid yet.");
		const char *paid = of >= PRACTICE_MIN
		                   ? arena_printf(a, ngettext("%lld of %lld payments came later than the "
		                                              "target of %lld day.",
		                                              "%lld of %lld payments came later than the "
		                                              "target of %lld days.",
		                                              (unsigned long)f->before),
		                                  n, of, (long long)f->before)
		                   : _("Fewer than 5 payments so far.");
		if (!f->value) return paid;
		return arena_printf(a, "%s %s", paid,
		                    arena_printf(a, ngettext("%lld claim is waiting past the target.",
		                                             "%lld claims are waiting past the target.",
		                                             (unsigned long)f->value),
		                                 (long long)f->value));
	}
	case PS_CONCENTRATION:
		return none ? _("No places in opportunities have been given yet.")
		            : arena_printf(a, _("%lld of %lld active members have had a place; the Gini "
		                                "coefficient is %s."), n, of,
		                           arena_printf(a, "%lld.%03lld", (long long)(f->value / 1000),
		                                        (long long)(f->value % 1000)));
	case PS_LATE_START:
		return none ? _("There are no projects yet.")
		            : arena_printf(a, _("%lld of %lld projects involved people only from "
		                                "delivery or evaluation."), n, of);
	case PS_FELT_HEARD: {
		if (none)
			return _("Not enough answers yet: a quarter needs 5 who answered.");
		const char *q = format_quarter(req, f->n);
		const char *now = arena_printf(a, _("On average %lld.%lld out of 5 in %s."),
		                               (long long)(f->value / 10), (long long)(f->value % 10), q);
		if (f->before < 0) return now;
		return arena_printf(a, "%s %s", now,
		                    arena_printf(a, _("The quarter with answers before it: %lld.%lld."),
		                                 (long long)(f->before / 10),
		                                 (long long)(f->before % 10)));
	}
	case PS_NO_CLOSING:
		return none ? _("No project is at the evaluation stage.")
		            : arena_printf(a, _("%lld of %lld projects at the evaluation stage have no "
		                                "closing reflection."), n, of);
	case PS_NO_EVIDENCE:
		return none ? _("No project has a rung of 5 or more recorded.")
		            : arena_printf(a, _("%lld of %lld projects with a rung of 5 or more have no "
		                                "meeting held and no contribution."), n, of);
	case PS__COUNT:
		break;
	}
	return "";
}

void practice_get(struct request *req)
{
	struct arena *a = &req->arena;
	int64_t project_id = 0;
	const char *pid = form_get(&req->query, "project_id");
	if (pid && *pid && !parse_i64(pid, 1, INT64_MAX, &project_id)) {
		respond_error_field(req, 400, "invalid", "project_id", _("Choose a project from the list."));
		return;
	}
	struct practice_view v;
	struct app_error err;
	struct project *pr;
	size_t np;
	if (!app_practice(req->store, req->panel, project_id, req->now, a, &v, &err)) {
		respond_app_error(req, &err);
		return;
	}
	if (store_projects_list(req->store, req->panel->id, a, &pr, &np) != ST_OK) np = 0;
	struct buf *b = &req->out;
	page_begin(req, _("How are we doing?"), NULL);
	html(b, "<a class=\"back-link\" href=\"/panels/%l\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1>",
	     req->panel->id, _("Back to the panel"), req->panel->name, _("How are we doing?"));
	html(b, "<p>%t</p>",
	     _("Facts from what the panel has done, each with how it is worked out and why it "
	       "matters. None of them is a score: they are there to talk about."));
	if (np) {
		struct field_option *opts = arena_alloc(a, (np + 2) * sizeof *opts);
		opts[0] = (struct field_option){ "", N_("The whole panel") };
		for (size_t i = 0; i < np; i++)
			opts[i + 1] = (struct field_option){ arena_printf(a, "%lld", (long long)pr[i].id),
			                                     option_theirs(a, pr[i].title) };
		html(b, "<form method=\"get\" action=\"/panels/%l/how-are-we-doing\" class=\"form\">",
		     req->panel->id);
		ui_select(req, NULL, "project_id", _("For"), opts, pid ? pid : "");
		ui_button(req, _("Show"), "secondary");
		html(b, "</form>");
	}
	if (project_id)
		html(b, "<h2 class=\"heading-m\"><bdi>%t</bdi></h2>", v.project.title);
	for (size_t i = 0; i < v.n; i++) {
		const struct practice_signal *x = &v.signals[i];
		const struct practice_def *d = &practice_defs[x->key];
		html(b, "<section class=\"practice\" aria-labelledby=\"ps-%t\"><h2 class=\"heading-s\" "
		        "id=\"ps-%t\">%t", d->key, d->key, _(d->title));
		if (x->state == PRACTICE_LOOK)
			html(b, " <strong class=\"tag tag-orange\">%t</strong>", _("Worth a look"));
		html(b, "</h2><p>%t</p><p class=\"hint\">%t</p><p class=\"quote\">%t</p></section>",
		     fact(req, x, req->panel->agenda_days), _(d->rule), _(d->seed));
	}
	html(b, "<p><a href=\"/api/v1/panels/%l/practice%r%t\">%t</a></p>", req->panel->id,
	     project_id ? "?project_id=" : "",
	     project_id ? arena_printf(a, "%lld", (long long)project_id) : "",
	     _("The same figures as JSON"));
	page_end(req);
}
