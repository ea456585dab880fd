/* Case studies (app.h): writing a project up, naming people only once
 * they agree, publishing, and the public library's search. */
#include <sodium.h>
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"

enum { ROLE_MAX = 80, SEARCH_MAX = 200, LIBRARY_LIMIT = 100 };

const struct input_field case_inputs[CASE_INPUTS] = {
	[CASE_IN_PROJECT] = { .name = "project_id", .kind = IN_ID,
	                      .wrong = N_("Choose one of the panel's projects.") },
	/* a new one takes its project's title when it is not given */
	[CASE_IN_TITLE] = { .name = "title", .kind = IN_LINE, .max = CASE_TITLE_MAX,
	                    .missing = N_("Give the case study a title.") },
	[CASE_IN_BRIEF] = { .name = "brief", .kind = IN_TEXT, .max = CASE_BRIEF_MAX,
	                    .blank_ok = true },
	[CASE_IN_PROBLEMS] = { .name = "problems", .kind = IN_TEXT, .max = CASE_SECTION_MAX,
	                       .blank_ok = true },
	[CASE_IN_BACKGROUND] = { .name = "background", .kind = IN_TEXT, .max = CASE_SECTION_MAX,
	                         .blank_ok = true },
	[CASE_IN_ORGANISERS] = { .name = "organisers", .kind = IN_TEXT, .max = CASE_SECTION_MAX,
	                         .blank_ok = true },
	[CASE_IN_RECRUITMENT] = { .name = "recruitment", .kind = IN_TEXT, .max = CASE_SECTION_MAX,
	                          .blank_ok = true },
	[CASE_IN_METHODS] = { .name = "methods", .kind = IN_TEXT, .max = CASE_SECTION_MAX,
	                      .blank_ok = true },
	[CASE_IN_WHAT_HAPPENED] = { .name = "what_happened", .kind = IN_TEXT,
	                            .max = CASE_SECTION_MAX, .blank_ok = true },
	[CASE_IN_INFLUENCE] = { .name = "influence", .kind = IN_TEXT, .max = CASE_SECTION_MAX,
	                        .blank_ok = true },
	[CASE_IN_LESSONS] = { .name = "lessons", .kind = IN_TEXT, .max = CASE_SECTION_MAX,
	                      .blank_ok = true },
	[CASE_IN_ISSUES] = { .name = "issues", .kind = IN_CHOICES, .choice = case_issue_is,
	                     .blank_ok = true, .wrong = N_("Choose issues from the list.") },
	[CASE_IN_APPROACHES] = { .name = "approaches", .kind = IN_CHOICES,
	                         .choice = case_approach_is, .blank_ok = true,
	                         .wrong = N_("Choose approaches from the list.") },
	[CASE_IN_RUNG] = { .name = "rung", .kind = IN_INT, .min = 1, .max = 7,
	                   .wrong = N_("Choose a rung of the ladder from 1 to 7, or none.") },
	[CASE_IN_PARTICIPANTS] = { .name = "participants", .kind = IN_INT, .min = 0,
	                           .max = 10000000,
	                           .wrong = N_("Enter how many people took part, as a whole "
	                                       "number.") },
	[CASE_IN_STARTS_ON] = { .name = "starts_on", .kind = IN_DATE,
	                        .wrong = N_("Enter when it started as a date, such as 1/4/2025.") },
	[CASE_IN_ENDS_ON] = { .name = "ends_on", .kind = IN_DATE,
	                      .wrong = N_("Enter when it ended as a date, such as 31/3/2026.") },
	[CASE_IN_VERSION] = { .name = "version", .kind = IN_INT, .min = 1, .max = INT64_MAX,
	                      .wrong = N_("Reload the page and save again.") },
};

const struct input_field case_person_inputs[CASE_PERSON_INPUTS] = {
	[CASE_PERSON_USER] = { .name = "user_id", .kind = IN_ID, .required = true,
	                       .missing = N_("Choose who to ask."),
	                       .wrong = N_("Choose someone on the panel.") },
	[CASE_PERSON_ROLE] = { .name = "role", .kind = IN_LINE, .max = ROLE_MAX, .blank_ok = true },
};

const struct input_field case_publish_inputs[CASE_PUBLISH_INPUTS] = {
	[CASE_PUBLISH_VERSION] = { .name = "version", .kind = IN_INT, .required = true, .min = 1,
	                           .max = INT64_MAX,
	                           .missing = N_("Reload the page and try again."),
	                           .wrong = N_("Reload the page and try again.") },
	[CASE_PUBLISH_PUBLISHED] = { .name = "published", .kind = IN_BOOL, .required = true,
	                             .missing = N_("Say whether it is published."),
	                             .wrong = N_("Say whether it is published.") },
};

const struct input_field case_naming_inputs[CASE_NAMING_INPUTS] = {
	[CASE_NAMING_AGREE] = { .name = "agree", .kind = IN_BOOL, .required = true,
	                        .missing = N_("Choose yes or no."),
	                        .wrong = N_("Choose yes or no.") },
};

const struct input_field case_search_inputs[CASE_SEARCH_INPUTS] = {
	[CASE_SEARCH_Q] = { .name = "q", .kind = IN_LINE, .max = SEARCH_MAX },
	[CASE_SEARCH_ISSUE] = { .name = "issue", .kind = IN_CHOICE, .choice = case_issue_is,
	                        .wrong = N_("Choose an issue from the list.") },
	[CASE_SEARCH_APPROACH] = { .name = "approach", .kind = IN_CHOICE,
	                           .choice = case_approach_is,
	                           .wrong = N_("Choose an approach from the list.") },
	[CASE_SEARCH_RUNG] = { .name = "rung", .kind = IN_INT, .min = 1, .max = 7,
	                       .wrong = N_("Choose a rung of the ladder from 1 to 7.") },
};

/* 403 unless the actor may write case studies (PA_WRITE_CASE_STUDIES). */
static bool writes(const struct panel_actor *actor, struct app_error *err)
{
	return policy_allows(actor, PA_WRITE_CASE_STUDIES) ||
	       app_fail(err, 403, "forbidden", NULL,
	                _("Only the panel's active co-creators and stewards write case studies."));
}

static bool no_such(struct app_error *err)
{
	return app_fail(err, 404, "not_found", NULL,
	                _("There is no such case study on this panel."));
}

/* The panel's case study id into *c: 404 for another panel's. */
static bool case_of(struct store *s, const struct panel *p, int64_t id, struct arena *a,
                    struct case_study *c, struct app_error *err)
{
	enum store_rc rc = store_case_get(s, id, a, c);
	if (rc == ST_NOT_FOUND || (rc == ST_OK && c->panel_id != p->id)) return no_such(err);
	return rc == ST_OK || app_internal(err);
}

/* ",a,b," from IN_CHOICES' "a,b". */
static const char *tag_list(const struct input_value *v, struct arena *a)
{
	return v->given && *v->text ? arena_printf(a, ",%s,", v->text) : ",";
}

/* The fields of in given (all on a create) onto c; 400 for what does not
 * fit together. */
static bool apply(struct case_study *c, const struct input_value *in, struct arena *a,
                  struct app_error *err)
{
	const char *texts[CASE_IN_LESSONS - CASE_IN_TITLE + 1];
	for (int k = CASE_IN_TITLE; k <= CASE_IN_LESSONS; k++)
		texts[k - CASE_IN_TITLE] = in[k].given ? in[k].text : "";
	if (!app_texts_fit(&case_inputs[CASE_IN_TITLE], texts, CASE_IN_LESSONS - CASE_IN_TITLE + 1,
	                   err))
		return false;
	if (in[CASE_IN_TITLE].given) c->title = in[CASE_IN_TITLE].text;
	if (!c->title || !*c->title)
		return app_fail(err, 400, "missing", "title", _(case_inputs[CASE_IN_TITLE].missing));
	if (in[CASE_IN_BRIEF].given) c->brief = in[CASE_IN_BRIEF].text;
	for (int k = 0; k < CASE__SECTIONS; k++)
		if (in[CASE_IN_PROBLEMS + k].given) c->sections[k] = in[CASE_IN_PROBLEMS + k].text;
	if (in[CASE_IN_ISSUES].given) c->issues = tag_list(&in[CASE_IN_ISSUES], a);
	if (in[CASE_IN_APPROACHES].given) c->approaches = tag_list(&in[CASE_IN_APPROACHES], a);
	c->rung = in[CASE_IN_RUNG].given ? in[CASE_IN_RUNG].number : 0;
	c->participants = in[CASE_IN_PARTICIPANTS].given ? in[CASE_IN_PARTICIPANTS].number : -1;
	c->starts_on = in[CASE_IN_STARTS_ON].given ? in[CASE_IN_STARTS_ON].number : 0;
	c->ends_on = in[CASE_IN_ENDS_ON].given ? in[CASE_IN_ENDS_ON].number : 0;
	if (c->starts_on && c->ends_on && c->ends_on < c->starts_on)
		return app_fail(err, 400, "invalid", "ends_on",
		                _("It ends before it starts. Check the dates."));
	return true;
}

bool app_cases_of_panel(struct store *s, const struct panel *p, struct arena *a,
                        struct case_study **out, size_t *n, struct app_error *err)
{
	return store_cases_of_panel(s, p->id, a, out, n) == ST_OK || app_internal(err);
}

bool app_case_create(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t user_id, const struct input_value *in, int64_t now,
                     struct arena *a, int64_t *id, struct app_error *err)
{
	if (!writes(actor, err)) return false;
	if (!in[CASE_IN_PROJECT].given)
		return app_fail(err, 400, "missing", "project_id",
		                _("Choose the project the case study is about."));
	struct project pr;
	enum store_rc rc = store_project_get(s, p->id, in[CASE_IN_PROJECT].number, a, &pr);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", "project_id",
		                _("There is no such project on this panel."));
	if (rc != ST_OK) return app_internal(err);
	unsigned char raw[16];
	char uid[sizeof raw * 2 + 1];
	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(uid, sizeof uid, raw, sizeof raw);
	struct case_study c = { .panel_id = p->id, .project_id = pr.id, .uid = uid,
	                        .title = pr.title, .brief = "", .issues = ",", .approaches = ",",
	                        .participants = -1, .created_by = user_id };
	/* from the project: its purpose, and the highest rung it recorded */
	for (int k = 0; k < CASE__SECTIONS; k++) c.sections[k] = "";
	c.sections[CASE_PROBLEMS] = pr.purpose;
	struct project_rung *rungs;
	size_t nr;
	if (store_project_rungs(s, pr.id, a, &rungs, &nr) != ST_OK) return app_internal(err);
	if (!apply(&c, in, a, err)) return false;
	if (!in[CASE_IN_RUNG].given)
		for (size_t i = 0; i < nr; i++)
			if (rungs[i].rung > c.rung) c.rung = rungs[i].rung;
	return store_case_add(s, &c, now, id) == ST_OK || app_internal(err);
}

bool app_case_view(struct store *s, const struct panel_actor *actor, const struct panel *p,
                   int64_t id, int64_t user_id, struct arena *a, struct case_view *v,
                   struct app_error *err)
{
	*v = (struct case_view){ 0 };
	if (p) {
		if (!case_of(s, p, id, a, &v->c, err)) return false;
		v->may_write = policy_allows(actor, PA_WRITE_CASE_STUDIES);
		v->may_publish = policy_allows(actor, PA_PUBLISH_CASE_STUDIES);
	} else {
		/* the public library: published ones only */
		enum store_rc rc = store_case_get(s, id, a, &v->c);
		if (rc == ST_NOT_FOUND || (rc == ST_OK && !v->c.published_at))
			return app_fail(err, 404, "not_found", NULL, _("There is no such case study."));
		if (rc != ST_OK) return app_internal(err);
	}
	struct case_person *people;
	size_t n;
	if (store_case_people(s, v->c.id, a, &people, &n) != ST_OK) return app_internal(err);
	/* the panel sees who was asked and how they answered; the public,
	 * only those who agreed */
	v->people = arena_alloc(a, (n + 1) * sizeof *v->people);
	for (size_t i = 0; i < n; i++) {
		if (user_id && people[i].user_id == user_id) v->mine = &people[i];
		if (p || people[i].agreed_at) v->people[v->n_people++] = people[i];
	}
	return true;
}

struct edit_ctx {
	const struct panel *p;
	int64_t id, now;
	const struct input_value *in;
	struct arena *a;
	struct app_error *err;
	bool failed;
};

static enum store_rc edit_tx(struct store *s, void *ctx)
{
	struct edit_ctx *c = ctx;
	struct case_study cs;
	if (!case_of(s, c->p, c->id, c->a, &cs, c->err) || !apply(&cs, c->in, c->a, c->err)) {
		c->failed = true;
		return ST_CONFLICT;
	}
	cs.version = c->in[CASE_IN_VERSION].number;
	enum store_rc rc = store_case_edit(s, &cs, c->now);
	if (rc == ST_CONFLICT) {
		app_fail(c->err, 409, "conflict", NULL,
		         _("Someone saved the case study since you opened it. Reload it to see their "
		           "changes; what you wrote is kept below."));
		c->failed = true;
	}
	return rc;
}

bool app_case_edit(struct store *s, const struct panel_actor *actor, const struct panel *p,
                   int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                   struct app_error *err)
{
	if (!writes(actor, err)) return false;
	if (!in[CASE_IN_VERSION].given)
		return app_fail(err, 400, "missing", "version", _("Reload the page and save again."));
	struct edit_ctx c = { p, id, now, in, a, err, false };
	enum store_rc rc = store_tx(s, edit_tx, &c);
	if (c.failed) return false;
	return rc == ST_OK || app_internal(err);
}

struct publish_ctx {
	const struct panel *p;
	int64_t id, version, now;
	bool publish;
	struct arena *a;
	struct app_error *err;
	bool failed;
};

static enum store_rc publish_tx(struct store *s, void *ctx)
{
	struct publish_ctx *c = ctx;
	struct case_study cs;
	if (!case_of(s, c->p, c->id, c->a, &cs, c->err)) {
		c->failed = true;
		return ST_CONFLICT;
	}
	/* what a reader needs first: a brief, and something under a heading */
	bool told = false;
	for (int k = 0; k < CASE__SECTIONS; k++) told = told || *cs.sections[k];
	if (c->publish && (!*cs.brief || !told)) {
		app_fail(c->err, 400, "incomplete", !*cs.brief ? "brief" : "problems",
		         _("Before it is published, write its brief description and at least one "
		           "part of its story."));
		c->failed = true;
		return ST_CONFLICT;
	}
	enum store_rc rc = store_case_publish(s, c->p->id, c->id, c->version,
	                                      c->publish ? (cs.published_at ? cs.published_at
	                                                                    : c->now)
	                                                 : 0,
	                                      c->now);
	if (rc == ST_CONFLICT) {
		app_fail(c->err, 409, "conflict", NULL,
		         _("Someone saved the case study since you opened it. Reload it and look "
		           "again."));
		c->failed = true;
	}
	return rc;
}

bool app_case_publish(struct store *s, const struct panel_actor *actor, const struct panel *p,
                      int64_t id, int64_t version, bool publish, int64_t now, struct arena *a,
                      struct app_error *err)
{
	if (!policy_allows(actor, PA_PUBLISH_CASE_STUDIES))
		return app_fail(err, 403, "forbidden", NULL,
		                _("Only the panel's active stewards publish case studies."));
	struct publish_ctx c = { p, id, version, now, publish, a, err, false };
	enum store_rc rc = store_tx(s, publish_tx, &c);
	if (c.failed) return false;
	return rc == ST_OK || app_internal(err);
}

bool app_case_delete(struct store *s, const struct panel_actor *actor, const struct panel *p,
                     int64_t id, struct app_error *err)
{
	if (!writes(actor, err)) return false;
	enum store_rc rc = store_case_delete(s, p->id, id);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL,
		                _("There is no draft case study with that number: take a published "
		                  "one back first."));
	return rc == ST_OK || app_internal(err);
}

struct ask_ctx {
	const struct panel *p;
	int64_t id, user_id, now;
	const char *role;
	struct arena *a;
	struct app_error *err;
	bool failed;
};

static enum store_rc ask_tx(struct store *s, void *ctx)
{
	struct ask_ctx *c = ctx;
	struct case_study cs;
	struct membership m;
	if (!case_of(s, c->p, c->id, c->a, &cs, c->err)) {
		c->failed = true;
		return ST_CONFLICT;
	}
	enum store_rc rc = store_membership_get(s, c->p->id, c->user_id, &m);
	/* the panel's own people: guests do not see its work */
	if (rc == ST_NOT_FOUND ||
	    (rc == ST_OK && (m.status == MEMBER_REMOVED || m.role == ROLE_GUEST))) {
		app_fail(c->err, 400, "invalid", "user_id",
		         _("Choose one of the panel's co-creators or stewards."));
		c->failed = true;
		return ST_CONFLICT;
	}
	if (rc != ST_OK) return rc;
	rc = store_case_person_ask(s, c->id, c->user_id, c->role, c->now);
	if (rc == ST_CONFLICT) {
		app_fail(c->err, 409, "already_asked", "user_id", _("They have been asked already."));
		c->failed = true;
		return rc;
	}
	if (rc != ST_OK) return rc;
	return store_notice_add(s, c->user_id, c->p->id,
	                        /* TRANSLATORS: a notice; %s is a case study's title. */
	                        lang_message(c->a, N_("May the case study \"%s\" name you? Nothing "
	                                              "names you until you say yes."), 1,
	                                     cs.title),
	                        arena_printf(c->a, "/panels/%lld/case-studies/%lld#naming",
	                                     (long long)c->p->id, (long long)c->id),
	                        c->now);
}

bool app_case_person_ask(struct store *s, const struct panel_actor *actor, const struct panel *p,
                         int64_t id, const struct input_value *in, int64_t now, struct arena *a,
                         struct app_error *err)
{
	if (!writes(actor, err)) return false;
	const char *role = in[CASE_PERSON_ROLE].given ? in[CASE_PERSON_ROLE].text : "";
	if (!app_texts_fit(&case_person_inputs[CASE_PERSON_ROLE], &role, 1, err)) return false;
	struct ask_ctx c = { p, id, in[CASE_PERSON_USER].number, now, role, a, err, false };
	enum store_rc rc = store_tx(s, ask_tx, &c);
	if (c.failed) return false;
	return rc == ST_OK || app_internal(err);
}

bool app_case_person_answer(struct store *s, const struct panel *p, int64_t id, int64_t user_id,
                            bool agree, int64_t now, struct arena *a, struct app_error *err)
{
	struct case_study cs;
	if (!case_of(s, p, id, a, &cs, err)) return false;
	enum store_rc rc = store_case_person_answer(s, id, user_id, agree, now);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_asked", NULL,
		                _("This case study has not asked to name you."));
	return rc == ST_OK || app_internal(err);
}

bool app_case_person_remove(struct store *s, const struct panel_actor *actor,
                            const struct panel *p, int64_t id, int64_t user_id,
                            struct arena *a, struct app_error *err)
{
	if (!writes(actor, err)) return false;
	struct case_study cs;
	if (!case_of(s, p, id, a, &cs, err)) return false;
	enum store_rc rc = store_case_person_remove(s, id, user_id);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL, _("They are not asked to be named here."));
	return rc == ST_OK || app_internal(err);
}

bool app_cases_search(struct store *s, const struct input_value *in, struct arena *a,
                      struct case_study **out, size_t *n, struct app_error *err)
{
	struct case_query q = {
		.terms = in[CASE_SEARCH_Q].given ? case_search_terms(in[CASE_SEARCH_Q].text, a) : NULL,
		.issue = in[CASE_SEARCH_ISSUE].given ? in[CASE_SEARCH_ISSUE].text : NULL,
		.approach = in[CASE_SEARCH_APPROACH].given ? in[CASE_SEARCH_APPROACH].text : NULL,
		.rung = in[CASE_SEARCH_RUNG].given ? in[CASE_SEARCH_RUNG].number : 0,
		.limit = LIBRARY_LIMIT,
	};
	/* words that hold nothing to search for find nothing, not everything */
	if (in[CASE_SEARCH_Q].given && !q.terms) {
		*n = 0;
		*out = NULL;
		return true;
	}
	return store_cases_search(s, &q, a, out, n) == ST_OK || app_internal(err);
}

bool app_cases_local(struct store *s, int64_t limit, struct arena *a, struct case_study **out,
                     size_t *n, struct app_error *err)
{
	int64_t changed;
	return store_cases_local_published(s, limit, a, out, n, &changed) == ST_OK ||
	       app_internal(err);
}
