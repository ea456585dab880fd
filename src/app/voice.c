/* Voice-and-influence use cases (app.h): meetings, contributions,
 * responses and agenda proposals, with the checks that depend on rows
 * rather than on the asker's role alone. */
#include <string.h>

#include "app/app_private.h"
#include "core/civil_time.h"
#include "core/text.h"
#include "store/files.h"

/* ---- declared inputs (core/input.h) ---- */

const struct input_field project_inputs[PROJECT_INPUTS] = {
	[PROJECT_TITLE] = { .name = "title", .kind = IN_LINE, .required = true, .max = 200,
	                    .missing = N_("Enter the project's title.") },
	[PROJECT_PURPOSE] = { .name = "purpose", .kind = IN_TEXT, .max = 5000 },
	[PROJECT_DECISION_MAKER] = { .name = "decision_maker", .kind = IN_LINE, .max = 200 },
	[PROJECT_STAGE] = { .name = "stage", .kind = IN_CHOICE, .choice = stage_is,
	                    .wrong = N_("Choose the stage: shaping, design, delivery or evaluation.") },
};

const struct input_field meeting_inputs[MEETING_INPUTS] = {
	[MEETING_TITLE] = { .name = "title", .kind = IN_LINE, .required = true, .max = 200,
	                    .missing = N_("Enter the meeting's title.") },
	[MEETING_PROJECT] = { .name = "project_id", .kind = IN_ID,
	                      .wrong = N_("Choose a project from the list.") },
	[MEETING_DATE] = { .name = "date", .kind = IN_DATE },
	[MEETING_START_TIME] = { .name = "start_time", .kind = IN_TIME },
	[MEETING_END_TIME] = { .name = "end_time", .kind = IN_TIME },
	[MEETING_STARTS_AT] = { .name = "starts_at", .kind = IN_LINE, .max = 40 },
	[MEETING_ENDS_AT] = { .name = "ends_at", .kind = IN_LINE, .max = 40 },
	[MEETING_PLACE] = { .name = "place", .kind = IN_LINE, .max = 200 },
	[MEETING_PLACE_ACCESS] = { .name = "place_access", .kind = IN_TEXT, .max = 2000 },
	[MEETING_ONLINE_URL] = { .name = "online_url", .kind = IN_LINE, .max = 500 },
	[MEETING_CONTENT_NOTE] = { .name = "content_note", .kind = IN_LINE, .max = 300 },
};

const struct input_field item_inputs[ITEM_INPUTS] = {
	[ITEM_TITLE] = { .name = "title", .kind = IN_LINE, .required = true, .max = 200,
	                 .missing = N_("Enter a short title for the item.") },
	[ITEM_WHY] = { .name = "why", .kind = IN_TEXT, .required = true, .max = 2000,
	               .missing = N_("Say why it matters.") },
	[ITEM_CONTENT_NOTE] = { .name = "content_note", .kind = IN_LINE, .max = 300 },
};

const struct input_field rung_inputs[RUNG_INPUTS] = {
	[RUNG_STAGE] = { .name = "stage", .kind = IN_CHOICE, .required = true, .choice = stage_is,
	                 .missing = N_("Choose the stage."),
	                 .wrong = N_("Choose the stage: shaping, design, delivery or evaluation.") },
	[RUNG_RUNG] = { .name = "rung", .kind = IN_INT, .required = true, .min = RUNG_MIN,
	                .max = RUNG_MAX, .missing = N_("Choose a rung from 1 to 7."),
	                .wrong = N_("Choose a rung from 1 to 7.") },
	[RUNG_EVIDENCE] = { .name = "evidence", .kind = IN_TEXT, .required = true, .max = 2000,
	                    .missing = N_("Give the evidence for the rung.") },
};

const struct input_field reply_inputs[REPLY_INPUTS] = {
	[REPLY_REPLY] = { .name = "reply", .kind = IN_CHOICE, .required = true, .choice = reply_is,
	                  .missing = N_("Choose coming, maybe or not coming."),
	                  .wrong = N_("Choose coming, maybe or not coming.") },
};

const struct input_field contribution_inputs[CONTRIBUTION_INPUTS] = {
	[CONTRIBUTION_KIND] = { .name = "kind", .kind = IN_CHOICE, .required = true, .choice = kind_is,
	                        .missing = N_("Choose what it is."),
	                        .wrong = N_("Choose an idea, a concern, a question or a recommendation.") },
	[CONTRIBUTION_ATTRIBUTION] = { .name = "attribution", .kind = IN_CHOICE, .required = true,
	                               .choice = attribution_is,
	                               .missing = N_("Choose how it should be shown."),
	                               .wrong = N_("Choose with your name, anonymous, or on behalf of "
	                                           "a group.") },
	[CONTRIBUTION_PROJECT] = { .name = "project_id", .kind = IN_ID },
	[CONTRIBUTION_MEETING] = { .name = "meeting_id", .kind = IN_ID },
	[CONTRIBUTION_ITEM] = { .name = "item_id", .kind = IN_ID },
	[CONTRIBUTION_AUTHOR] = { .name = "author_id", .kind = IN_ID },
	[CONTRIBUTION_OWNER] = { .name = "owner_id", .kind = IN_ID },
	[CONTRIBUTION_BODY] = { .name = "body", .kind = IN_TEXT, .required = true, .max = 5000,
	                        .missing = N_("Write what you want to say.") },
	[CONTRIBUTION_GROUP_NAME] = { .name = "group_name", .kind = IN_LINE, .max = 120,
	                              .missing = N_("Enter the group's name.") },
};

const struct input_field response_inputs[RESPONSE_INPUTS] = {
	[RESPONSE_STATUS] = { .name = "status", .kind = IN_CHOICE, .required = true,
	                      .choice = response_status_is, .missing = N_("Choose a response."),
	                      .wrong = N_("Choose received, under consideration, adopted, adopted in "
	                                  "part, not adopted or passed on.") },
	[RESPONSE_CONTRIBUTIONS] = { .name = "contributions", .kind = IN_IDS, .required = true,
	                             .max = RESPOND_MAX,
	                             .missing = N_("Choose at least one contribution to respond to."),
	                             .wrong = N_("Choose 1 to 100 contributions from the list.") },
	[RESPONSE_WHAT_DONE] = { .name = "what_done", .kind = IN_TEXT, .max = 5000 },
	[RESPONSE_REASON] = { .name = "reason", .kind = IN_TEXT, .max = 5000 },
	[RESPONSE_REFERRED_TO] = { .name = "referred_to", .kind = IN_LINE, .max = 200 },
	[RESPONSE_DECIDED_BY] = { .name = "decided_by", .kind = IN_LINE, .max = 200 },
};

const struct input_field paper_inputs[PAPER_INPUTS] = {
	[PAPER_TITLE] = { .name = "title", .kind = IN_LINE, .required = true, .max = 200,
	                  .missing = N_("Enter the paper's title.") },
	[PAPER_SUMMARY] = { .name = "summary", .kind = IN_TEXT, .required = true, .max = 1000,
	                    .missing = N_("Write a short summary in plain language, so everyone can "
	                                  "tell what the paper says.") },
	[PAPER_CONTENT_NOTE] = { .name = "content_note", .kind = IN_LINE, .max = 300 },
	[PAPER_MARKDOWN] = { .name = "markdown", .kind = IN_TEXT, .max = PAPER_MARKDOWN_MAX,
	                     .wrong = N_("Keep a paper written here to 100,000 characters or fewer; "
	                                 "attach a longer one as a file.") },
};

const struct input_field reflection_inputs[REFLECTION_INPUTS] = {
	/* Every question may be passed without saying why: 0, "pass". */
	[REFLECTION_FELT_HEARD] = { .name = "felt_heard", .kind = IN_INT, .required = true, .min = 0,
	                            .max = 5,
	                            .missing = N_("Choose how heard you felt, from 1 to 5, or that you "
	                                          "would rather not say."),
	                            .wrong = N_("Choose how heard you felt, from 1 to 5, or that you "
	                                        "would rather not say.") },
	[REFLECTION_INFO_IN_TIME] = { .name = "info_in_time", .kind = IN_CHOICE, .required = true,
	                              .choice = ypn_is,
	                              .missing = N_("Answer yes, partly or no, or that you would "
	                                            "rather not say."),
	                              .wrong = N_("Answer yes, partly or no, or that you would rather "
	                                          "not say.") },
	[REFLECTION_FELT_SAFE] = { .name = "felt_safe", .kind = IN_CHOICE, .required = true,
	                           .choice = ypn_is,
	                           .missing = N_("Answer yes, partly or no, or that you would rather "
	                                         "not say."),
	                           .wrong = N_("Answer yes, partly or no, or that you would rather "
	                                       "not say.") },
	[REFLECTION_SHOULD_CHANGE] = { .name = "should_change", .kind = IN_TEXT, .max = 2000 },
	[REFLECTION_NAMED] = { .name = "named", .kind = IN_BOOL },
};

const struct input_field change_inputs[CHANGE_INPUTS] = {
	[CHANGE_TEXT] = { .name = "text", .kind = IN_TEXT, .required = true, .max = 4000,
	                  .blank_ok = true,
	                  .missing = N_("Write what you will change.") },
};

const struct input_field closing_inputs[CLOSING_INPUTS] = {
	[CLOSING_MARKDOWN] = { .name = "markdown", .kind = IN_TEXT, .required = true,
	                       .max = PAPER_MARKDOWN_MAX,
	                       .missing = N_("Write the closing reflection: what the project set out "
	                                     "to do, what changed because of what people said, and "
	                                     "what is left to do.") },
};

/* What a notice about meeting m links to. */
static const char *meeting_link(const struct meeting *m, struct arena *a)
{
	return arena_printf(a, "/panels/%lld/meetings/%lld", (long long)m->panel_id,
	                    (long long)m->id);
}

/* A notice to everyone who may come to m that paper `title` is out, with
 * its content note first when it has one (note: its own or its item's;
 * notices may go out by e-mail). */
static enum store_rc paper_notice(struct store *s, const struct meeting *m, const char *title,
                                  const char *note, int64_t by, int64_t now, struct arena *a)
{
	const char *told =
		note && *note
		/* TRANSLATORS: a notice. The first %s is the paper's content note
		 * (what hard subject it touches on), the second the meeting's
		 * title, the third the paper's. */
		? lang_message(a, N_("Content note: %s. A paper for \"%s\" is ready to read: \"%s\"."),
		               3, note, m->title, title)
		/* TRANSLATORS: a notice. The first %s is the meeting's title, the
		 * second the paper's. */
		: lang_message(a, N_("A paper for \"%s\" is ready to read: \"%s\"."), 2, m->title,
		               title);
	return store_notice_add_panel(s, m->panel_id, m->id, by, told, meeting_link(m, a), now);
}

void app_project_from_inputs(const struct input_value *in, struct project *pr)
{
	pr->title = in[PROJECT_TITLE].text;
	pr->purpose = in[PROJECT_PURPOSE].text;
	pr->decision_maker = in[PROJECT_DECISION_MAKER].text;
	if (!stage_parse(in[PROJECT_STAGE].text, &pr->stage)) pr->stage = STAGE_SHAPING;
}

void app_meeting_from_inputs(const struct input_value *in, struct meeting *m)
{
	m->title = in[MEETING_TITLE].text;
	m->project_id = in[MEETING_PROJECT].number;
	m->place = in[MEETING_PLACE].text;
	m->place_access = in[MEETING_PLACE_ACCESS].text;
	m->online_url = in[MEETING_ONLINE_URL].text;
	m->content_note = in[MEETING_CONTENT_NOTE].text;
}

void app_contribution_from_inputs(const struct input_value *in, struct contribution_new *c)
{
	*c = (struct contribution_new){ .body = in[CONTRIBUTION_BODY].text,
	                                .group_name = in[CONTRIBUTION_GROUP_NAME].text,
	                                .project_id = in[CONTRIBUTION_PROJECT].number,
	                                .meeting_id = in[CONTRIBUTION_MEETING].number,
	                                .item_id = in[CONTRIBUTION_ITEM].number,
	                                .author_id = in[CONTRIBUTION_AUTHOR].number,
	                                .owner_id = in[CONTRIBUTION_OWNER].number };
	if (!kind_parse(in[CONTRIBUTION_KIND].text, &c->kind)) c->kind = KIND_IDEA;
	if (!attribution_parse(in[CONTRIBUTION_ATTRIBUTION].text, &c->attribution))
		c->attribution = ATTR_ANONYMOUS;
}

void app_response_from_inputs(const struct input_value *in, struct response_record *r)
{
	*r = (struct response_record){ .what_done = in[RESPONSE_WHAT_DONE].text,
	                               .reason = in[RESPONSE_REASON].text,
	                               .referred_to = in[RESPONSE_REFERRED_TO].text,
	                               .decided_by = in[RESPONSE_DECIDED_BY].text };
	if (!response_status_parse(in[RESPONSE_STATUS].text, &r->status)) r->status = RS_RECEIVED;
}

void app_reflection_from_inputs(const struct input_value *in, struct reflection *r)
{
	*r = (struct reflection){ .felt_heard = (int)in[REFLECTION_FELT_HEARD].number,
	                          .should_change = in[REFLECTION_SHOULD_CHANGE].text,
	                          .named = in[REFLECTION_NAMED].number != 0 };
	if (!ypn_parse(in[REFLECTION_INFO_IN_TIME].text, &r->info_in_time)) r->info_in_time = YPN_NO;
	if (!ypn_parse(in[REFLECTION_FELT_SAFE].text, &r->felt_safe)) r->felt_safe = YPN_NO;
}


/* The instant of local day `day` at minutes after midnight in zone, or a
 * problem for field. */
static bool local_instant(int64_t day, int64_t minutes, const char *zone, int64_t *out,
                          const char **problem)
{
	int y, mo, d;
	civil_date_of_day(day, &y, &mo, &d);
	switch (civil_to_utc(y, mo, d, (int)(minutes / 60), (int)(minutes % 60), zone, out)) {
	case CIVIL_EXACT:
	case CIVIL_AMBIGUOUS: /* the earlier of the two: before the clocks go back */
		return true;
	case CIVIL_GAP:
		*problem = _("That time does not exist on that day: the clocks go forward. Choose "
		             "another time.");
		return false;
	case CIVIL_INVALID:
		break;
	}
	*problem = _("There is no such date.");
	return false;
}

bool app_meeting_times(const struct panel *p, const struct input_value *v, int64_t *starts,
                       int64_t *ends, void (*add)(void *ctx, const char *field,
                                                  const char *message),
                       void *ctx)
{
	bool ok = true;
	const char *problem;
	if (v[MEETING_STARTS_AT].given || v[MEETING_ENDS_AT].given) {
		const char *utc = _("Give the time in UTC, like 2030-01-15T14:00:00Z.");
		if (!civil_parse_utc(v[MEETING_STARTS_AT].text, starts)) {
			add(ctx, "starts_at", utc);
			ok = false;
		}
		if (!civil_parse_utc(v[MEETING_ENDS_AT].text, ends)) {
			add(ctx, "ends_at", utc);
			ok = false;
		}
		return ok;
	}
	static const int which[] = { MEETING_DATE, MEETING_START_TIME, MEETING_END_TIME };
	for (size_t i = 0; i < 3; i++)
		if (!v[which[i]].given) {
			add(ctx, meeting_inputs[which[i]].name, input_missing(&meeting_inputs[which[i]]));
			ok = false;
		}
	if (!ok) return false;
	if (!local_instant(v[MEETING_DATE].number, v[MEETING_START_TIME].number, p->time_zone,
	                   starts, &problem)) {
		add(ctx, "start_time", problem);
		ok = false;
	}
	if (!local_instant(v[MEETING_DATE].number, v[MEETING_END_TIME].number, p->time_zone, ends,
	                   &problem)) {
		add(ctx, "end_time", problem);
		ok = false;
	}
	return ok;
}

struct meeting_new_ctx {
	const struct panel *p;
	struct meeting *m;
	int64_t creator, now, *id;
};

/* The meeting, and a notice to the panel's members that it is planned
 * (guests hear when they are invited to it); a meeting recorded after it
 * began is not news to anyone. */
static enum store_rc meeting_new_in_tx(struct store *s, void *p)
{
	struct meeting_new_ctx *c = p;
	enum store_rc rc = store_meeting_create(s, c->m, c->creator, c->now, c->id);
	if (rc != ST_OK) return rc;
	c->m->id = *c->id;
	if (c->m->starts_at < c->now) return ST_OK;
	struct arena a = {0};
	const char *note = c->m->content_note ? c->m->content_note : "";
	rc = store_notice_add_panel(s, c->p->id, 0, c->creator,
	                            *note
	                            /* TRANSLATORS: a notice. The first %s is the meeting's
	                             * content note (what hard subject it touches on), the
	                             * second its title. */
	                            ? lang_message(&a, N_("Content note: %s. A meeting is planned: "
	                                                  "\"%s\". Say if you are coming, and propose "
	                                                  "items for its agenda."),
	                                           2, note, c->m->title)
	                            /* TRANSLATORS: a notice; %s is the meeting's title. */
	                            : lang_message(&a, N_("A meeting is planned: \"%s\". Say if you "
	                                                  "are coming, and propose items for its "
	                                                  "agenda."), 1, c->m->title),
	                            meeting_link(c->m, &a), c->now);
	arena_free(&a);
	return rc;
}

bool app_meeting_create(struct store *s, const struct panel *p, int64_t creator,
                        struct meeting *m, int64_t now, int64_t *id, struct app_error *err)
{
	const char *texts[] = { [MEETING_TITLE] = m->title, [MEETING_PLACE] = m->place,
	                        [MEETING_PLACE_ACCESS] = m->place_access,
	                        [MEETING_ONLINE_URL] = m->online_url,
	                        [MEETING_CONTENT_NOTE] = m->content_note };
	if (!app_texts_fit(meeting_inputs, texts, MEETING_INPUTS, err)) return false;
	if (m->ends_at <= m->starts_at)
		return app_fail(err, 400, "invalid", "end_time", _("The meeting must end after it starts."));
	if (!*m->place && !*m->online_url)
		return app_fail(err, 400, "invalid", "place",
		                _("Say where the meeting is: a place, an online link, or both."));
	if (*m->online_url && strncmp(m->online_url, "https://", 8) &&
	    strncmp(m->online_url, "http://", 7))
		return app_fail(err, 400, "invalid", "online_url",
		                _("Enter the online link in full, starting with https://"));
	if (m->project_id) {
		struct arena tmp = {0};
		struct project pr;
		enum store_rc rc = store_project_get(s, p->id, m->project_id, &tmp, &pr);
		arena_free(&tmp);
		if (rc == ST_NOT_FOUND)
			return app_fail(err, 400, "invalid", "project_id", _("Choose one of this panel's projects."));
		if (rc != ST_OK) return app_internal(err);
	}
	m->panel_id = p->id;
	m->agenda_due_at = civil_end_of_day_after(m->starts_at, -(int)p->agenda_days, p->time_zone);
	struct meeting_new_ctx c = { p, m, creator, now, id };
	if (store_tx(s, meeting_new_in_tx, &c) != ST_OK) return app_internal(err);
	return true;
}

/* Whether user_id is an active member of the panel who may own responses. */
static bool can_own(struct store *s, int64_t panel_id, int64_t user_id)
{
	struct membership m;
	if (store_membership_get(s, panel_id, user_id, &m) != ST_OK) return false;
	return policy_can_own_responses(m.role, m.status, m.responder);
}

bool app_contribute(struct store *s, const struct panel *p, const struct panel_actor *actor,
                    int64_t actor_id, struct contribution_new *c, int64_t now, int64_t *id,
                    struct app_error *err)
{
	if (!c->author_id) c->author_id = actor_id;
	/* Only a steward writes something down for someone else or chooses
	 * who answers it. */
	if ((c->author_id != actor_id || c->owner_id) &&
	    !policy_allows(actor, PA_RECORD_CONTRIBUTION))
		return app_fail(err, 403, "forbidden", c->owner_id ? "owner_id" : "author_id",
		                _("Only stewards record what someone else said or choose who answers "
		                  "it."));
	const char *texts[] = { [CONTRIBUTION_BODY] = c->body,
	                        [CONTRIBUTION_GROUP_NAME] = c->group_name };
	if (!app_texts_fit(contribution_inputs, texts, CONTRIBUTION_INPUTS, err)) return false;
	/* A group's name is needed when it is said on behalf of one. */
	if (c->attribution == ATTR_GROUP && (!c->group_name || !*c->group_name))
		return app_fail(err, 400, "invalid", "group_name",
		                _(contribution_inputs[CONTRIBUTION_GROUP_NAME].missing));
	if (c->attribution != ATTR_GROUP) c->group_name = "";
	struct arena tmp = {0};
	bool ok = false;
	if (c->author_id != actor_id) {
		/* Written down for someone else: they must be on the panel. */
		struct membership m;
		if (store_membership_get(s, p->id, c->author_id, &m) != ST_OK ||
		    m.status == MEMBER_REMOVED) {
			app_fail(err, 400, "invalid", "author_id", _("Choose who said it from the panel's members."));
			goto out;
		}
		c->recorded_by = actor_id;
	} else {
		c->recorded_by = 0;
	}
	struct meeting mt;
	if (c->meeting_id) {
		enum store_rc rc = store_meeting_get(s, p->id, c->meeting_id, &tmp, &mt);
		if (rc == ST_NOT_FOUND) {
			app_fail(err, 400, "invalid", "meeting_id", _("Choose one of this panel's meetings."));
			goto out;
		}
		if (rc != ST_OK) goto internal;
		/* A meeting's contributions belong to its project too. */
		if (!c->project_id) c->project_id = mt.project_id;
	}
	if (c->item_id) {
		struct agenda_item it;
		if (!c->meeting_id ||
		    store_agenda_item_get(s, c->meeting_id, c->item_id, 0, &tmp, &it) != ST_OK) {
			app_fail(err, 400, "invalid", "item_id", _("Choose an item on this meeting's agenda."));
			goto out;
		}
	}
	if (c->project_id) {
		struct project pr;
		enum store_rc rc = store_project_get(s, p->id, c->project_id, &tmp, &pr);
		if (rc == ST_NOT_FOUND) {
			app_fail(err, 400, "invalid", "project_id", _("Choose one of this panel's projects."));
			goto out;
		}
		if (rc != ST_OK) goto internal;
	}
	if (!c->owner_id) c->owner_id = store_panel_default_owner(s, p->id);
	else if (!can_own(s, p->id, c->owner_id)) {
		app_fail(err, 400, "invalid", "owner_id",
		         _("Choose a steward, or a guest the panel has named to respond."));
		goto out;
	}
	c->panel_id = p->id;
	c->due_at = civil_end_of_day_after(now, (int)p->response_days, p->time_zone);
	if (store_contribution_add(s, c, now, id) != ST_OK) goto internal;
	ok = true;
	goto out;
internal:
	app_internal(err);
out:
	arena_free(&tmp);
	return ok;
}

bool app_respond(struct store *s, const char *public_url, const struct panel *p,
                 const struct panel_actor *actor, int64_t actor_id,
                 struct response_record *r, const int64_t *ids, size_t n, int64_t now,
                 struct arena *a, int64_t *id, struct app_error *err)
{
	/* Each contribution once, however often it was given. */
	int64_t *unique = arena_alloc(a, (n + 1) * sizeof *unique);
	size_t nu = 0;
	for (size_t i = 0; i < n; i++) {
		bool seen = false;
		for (size_t k = 0; k < nu && !seen; k++) seen = unique[k] == ids[i];
		if (!seen) unique[nu++] = ids[i];
	}
	ids = unique;
	n = nu;
	if (n == 0)
		return app_fail(err, 400, "invalid", "contributions",
		                _("Choose at least one contribution to respond to."));
	const char *message;
	struct response_text t = { r->status, r->what_done, r->reason, r->referred_to,
	                           r->decided_by };
	const char *missing = response_missing(&t, &message);
	if (missing) return app_fail(err, 400, "invalid", missing, message);
	const char *texts[] = { [RESPONSE_WHAT_DONE] = r->what_done, [RESPONSE_REASON] = r->reason,
	                        [RESPONSE_REFERRED_TO] = r->referred_to,
	                        [RESPONSE_DECIDED_BY] = r->decided_by };
	if (!app_texts_fit(response_inputs, texts, RESPONSE_INPUTS, err)) return false;
	for (size_t i = 0; i < n; i++) {
		struct contribution c;
		enum store_rc rc = store_contribution_get(s, p->id, ids[i], actor_id, a, &c);
		/* A contribution the actor may not see is "not found", as a
		 * page would say, never a hint that it exists. */
		if (rc == ST_NOT_FOUND ||
		    (rc == ST_OK && !policy_can_see_contribution(actor, c.owner_id == actor_id)))
			return app_fail(err, 404, "not_found", "contributions",
			                _("One of the contributions was not found. Nothing was saved."));
		if (rc != ST_OK) return app_internal(err);
		if (actor->role == ROLE_GUEST && c.owner_id != actor_id)
			return app_fail(err, 403, "forbidden", "contributions",
			                _("You can respond only to contributions you are named to answer."));
	}
	r->panel_id = p->id;
	r->written_by = actor_id;
	const char *link = "/my-contributions";
	/* TRANSLATORS: a notice. The first %s is the panel's name, the second
	 * the response, such as "Adopted in part". */
	const char *notice = lang_message(a, N_("%s responded to something you said: %s."), 2, p->name,
	                                  lang_words(a, response_status_label(r->status)));
	/* TRANSLATORS: the subject of an e-mail; %s is the panel's name. */
	const char *subject = lang_message(a, N_("News about what you said to %s"), 1, p->name);
	/* The message carries no words of the contribution or the response:
	 * mail is less private than the site. */
	const char *where = arena_printf(a, "%s%s", public_url ? public_url : "", link);
	/* TRANSLATORS: an e-mail. The first %s is the panel's name, the second
	 * the link to the person's contributions. */
	const char *body = lang_message(a, N_("Hello,\n\n%s has responded to something you said. "
	                                      "You can read what became of it here:\n\n%s\n"),
	                                2, p->name, where);
	switch (store_response_add(s, r, ids, n, notice, link, subject, body, now, id)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", "contributions",
		                _("One of the contributions was not found. Nothing was saved."));
	default: return app_internal(err);
	}
}

bool app_propose_item(struct store *s, const struct meeting *m, int64_t by, const char *title,
                      const char *why, const char *content_note, int64_t now, int64_t *id,
                      struct app_error *err)
{
	if (m->cancelled_at)
		return app_fail(err, 409, "cancelled", NULL, _("This meeting was cancelled."));
	if (m->agenda_published_at)
		return app_fail(err, 409, "agenda_published", "title",
		                _("The agenda for this meeting is already published. Propose your item "
		                  "for the next meeting, or raise it with a steward."));
	if (m->starts_at <= now)
		return app_fail(err, 409, "started", "title",
		                _("This meeting has begun. Propose your item for the next meeting, or "
		                  "raise it with a steward."));
	const char *texts[] = { [ITEM_TITLE] = title, [ITEM_WHY] = why,
	                        [ITEM_CONTENT_NOTE] = content_note };
	if (!app_texts_fit(item_inputs, texts, ITEM_INPUTS, err)) return false;
	switch (store_agenda_propose(s, m->id, title, why, content_note, by, now, id)) {
	case ST_OK: return true;
	case ST_CONFLICT: /* published, cancelled or begun since it was read */
		return app_fail(err, 409, "closed", "title",
		                _("This meeting no longer takes proposals: its agenda is out or it has "
		                  "begun. Propose your item for the next meeting."));
	default: return app_internal(err);
	}
}

bool app_record_rung(struct store *s, const struct project *pr, enum project_stage stage,
                     int64_t rung, const char *evidence, int64_t by, int64_t now,
                     struct app_error *err)
{
	if (rung < RUNG_MIN || rung > RUNG_MAX)
		return app_fail(err, 400, "invalid", "rung", _(rung_inputs[RUNG_RUNG].wrong));
	if (!app_texts_fit(&rung_inputs[RUNG_EVIDENCE], &evidence, 1, err)) return false;
	if (store_project_rung_set(s, pr->id, stage, (int)rung, evidence, by, now) != ST_OK)
		return app_internal(err);
	return true;
}

bool app_item_toggle(struct store *s, const struct meeting *m, const struct agenda_item *it,
                     bool support, int64_t user_id, bool on, int64_t now,
                     struct app_error *err)
{
	if (support && (m->agenda_published_at || it->state != ITEM_PROPOSED))
		return app_fail(err, 409, "agenda_published", NULL, _("The agenda is already published."));
	if (!support && !*it->content_note)
		return app_fail(err, 400, "invalid", NULL,
		                _("This item has no content note to step out of."));
	enum store_rc rc = support ? store_agenda_support(s, it->id, user_id, on, now)
	                           : store_agenda_step_out(s, it->id, user_id, on, now);
	return rc == ST_OK || app_internal(err);
}

/* ---- papers ---- */

bool app_paper_add(struct store *s, const char *files_dir, const struct meeting *m,
                   struct paper *p, const unsigned char *file, size_t file_len,
                   const char *file_name, size_t file_limit, int64_t by, int64_t now,
                   struct arena *a, int64_t *id, struct app_error *err)
{
	const char *texts[] = { [PAPER_TITLE] = p->title, [PAPER_SUMMARY] = p->summary,
	                        [PAPER_MARKDOWN] = p->markdown,
	                        [PAPER_CONTENT_NOTE] = p->content_note ? p->content_note : "" };
	if (!app_texts_fit(paper_inputs, texts, PAPER_INPUTS, err)) return false;
	bool has_text = p->markdown && *p->markdown;
	if (file_len && has_text)
		return app_fail(err, 400, "invalid", "markdown",
		                _("Attach a file or write the paper here, not both."));
	if (!file_len && !has_text)
		return app_fail(err, 400, "invalid", "file", _("Choose a file, or write the paper here."));
	if (!p->content_note) p->content_note = "";
	const char *item_note = "";
	if (p->item_id) {
		struct agenda_item it;
		if (store_agenda_item_get(s, m->id, p->item_id, by, a, &it) != ST_OK)
			return app_fail(err, 400, "invalid", "item_id", _("Choose an item of this meeting's "
			                                                  "agenda, or the whole meeting."));
		item_note = it.content_note;
	}
	p->meeting_id = m->id;
	p->is_file = file_len > 0;
	if (p->is_file) {
		if (file_len > file_limit)
			return app_fail(err, 413, "too_large", "file",
			                file_limit >= 1024 * 1024
			                /* TRANSLATORS: %zu is a number of megabytes. */
			                ? arena_printf(a, _("The file is too large: papers can be up to %zu "
			                                    "MB."), file_limit / (1024 * 1024))
			                /* TRANSLATORS: %zu is a number of kilobytes. */
			                : arena_printf(a, _("The file is too large: papers can be up to %zu "
			                                    "KB."), file_limit / 1024));
		p->file_kind = filetype_sniff(file, file_len);
		if (p->file_kind == FILE_UNKNOWN)
			return app_fail(err, 400, "file_type", "file",
			                _("We can take PDF, Word (.docx) or OpenDocument text files, and PNG, "
			                  "JPEG, GIF or WebP images. This file is none of these, or is damaged."));
		char hex[FILES_HASH_HEX + 1];
		if (!files_save(files_dir, file, file_len, hex)) return app_internal(err);
		p->file_sha256 = arena_strdup(a, hex);
		p->file_name = filetype_safe_name(file_name, p->file_kind, a);
		p->file_size = (int64_t)file_len;
		p->markdown = "";
	}
	if (store_paper_add(s, p, by, now, id) != ST_OK) return app_internal(err);
	/* Published as it is added: everyone who may come hears of it. */
	if (p->published_at)
		paper_notice(s, m, p->title, *p->content_note ? p->content_note : item_note, by, now, a);
	return true;
}

bool app_paper_remove(struct store *s, const char *files_dir, const struct meeting *m,
                      int64_t id, struct app_error *err)
{
	struct arena a = {0};
	const char *sha;
	int64_t left;
	enum store_rc rc = store_paper_remove(s, m->id, id, &a, &sha, &left);
	/* The file goes only when no other paper holds the same bytes. */
	if (rc == ST_OK && left == 0) files_remove(files_dir, sha);
	arena_free(&a);
	if (rc == ST_NOT_FOUND)
		return app_fail(err, 404, "not_found", NULL, _("There is no such paper for this meeting."));
	return rc == ST_OK || app_internal(err);
}

/* ---- reflection ---- */

bool app_reflect(struct store *s, const struct panel_actor *actor, bool invited,
                 const struct meeting *m, int64_t user_id, const struct reflection *r,
                 int64_t now, struct app_error *err)
{
	if (m->cancelled_at)
		return app_fail(err, 409, "cancelled", NULL, _("This meeting was cancelled."));
	if (m->ends_at > now)
		return app_fail(err, 409, "not_yet", NULL,
		                _("You can share your reflection once the meeting is over."));
	enum meeting_reply reply;
	bool attended;
	if (store_meeting_mine(s, m->id, user_id, &reply, &attended) != ST_OK)
		return app_internal(err);
	if (!policy_can_reflect(actor, invited, attended))
		return app_fail(err, 403, "forbidden", NULL,
		                _("Only people recorded as attending this meeting can reflect on it. If "
		                  "you were there, ask a steward to record your attendance."));
	if (r->felt_heard < 0 || r->felt_heard > 5)
		return app_fail(err, 400, "invalid", "felt_heard",
		                _(reflection_inputs[REFLECTION_FELT_HEARD].wrong));
	if (!app_texts_fit(&reflection_inputs[REFLECTION_SHOULD_CHANGE], &r->should_change, 1, err))
		return false;
	switch (store_reflection_add(s, m->id, user_id, r)) {
	case ST_OK: return true;
	case ST_CONFLICT:
		return app_fail(err, 409, "already_answered", NULL,
		                _("You have already shared your reflection on this meeting. Thank you."));
	default: return app_internal(err);
	}
}

bool app_what_we_will_change(struct store *s, const struct meeting *m, const char *text,
                             int64_t by, int64_t now, struct arena *a, struct app_error *err)
{
	if (!app_texts_fit(change_inputs, &text, CHANGE_INPUTS, err)) return false;
	/* Empty clears it; with nothing to clear, it says nothing. */
	if (!*text && !*m->what_we_will_change)
		return app_fail(err, 400, "invalid", "text", _(change_inputs[CHANGE_TEXT].missing));
	/* TRANSLATORS: a notice; %s is the meeting's title. */
	const char *notice = lang_message(a, N_("The stewards wrote what they will change after the "
	                                        "meeting \"%s\"."), 1, m->title);
	const char *link = arena_printf(a, "/panels/%lld/meetings/%lld#change",
	                                (long long)m->panel_id, (long long)m->id);
	switch (store_meeting_what_we_will_change(s, m->panel_id, m->id, text, notice, link, by,
	                                          now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND: return app_fail(err, 404, "not_found", NULL, _("There is no such meeting."));
	default: return app_internal(err);
	}
}

bool app_project_close(struct store *s, const struct project *pr, const char *markdown,
                       int64_t by, int64_t now, struct arena *a, struct app_error *err)
{
	if (!app_texts_fit(closing_inputs, &markdown, CLOSING_INPUTS, err))
		return false;
	/* TRANSLATORS: a notice; %s is the project's title. */
	const char *notice = lang_message(a, N_("The closing reflection on the project \"%s\" is "
	                                        "ready to read."), 1, pr->title);
	const char *link = arena_printf(a, "/panels/%lld/projects/%lld#closing",
	                                (long long)pr->panel_id, (long long)pr->id);
	switch (store_project_close(s, pr->panel_id, pr->id, markdown, notice, link, by, now)) {
	case ST_OK: return true;
	case ST_NOT_FOUND: return app_fail(err, 404, "not_found", NULL, _("There is no such project."));
	default: return app_internal(err);
	}
}

/* ---- asked after a meeting ---- */

/* Asks user, recorded as attending meeting m, how it went: once (ST_NOT_FOUND
 * when they were asked already); after a hard meeting, first how they are
 * (a private check-in, app/check_ins.c), then a reflection. */
static enum store_rc ask_after(struct store *s, const struct meeting *m, int64_t user_id,
                               int64_t now, struct arena *a)
{
	bool hard;
	enum store_rc rc = store_meeting_asked_after(s, m->id, user_id, now);
	if (rc != ST_OK || (rc = store_meeting_hard(s, m->id, &hard)) != ST_OK) return rc;
	return store_notice_add(s, user_id, m->panel_id,
	                        hard
	                        /* TRANSLATORS: a notice; %s is the meeting's title. */
	                        ? lang_message(a, N_("How are you after the meeting \"%s\"? A "
	                                             "private check-in, and a short reflection if "
	                                             "you like."), 1, m->title)
	                        /* TRANSLATORS: a notice; %s is the meeting's title. */
	                        : lang_message(a, N_("How did the meeting \"%s\" go for you? Share "
	                                             "a short reflection."), 1, m->title),
	                        arena_printf(a, "/panels/%lld/meetings/%lld#%s",
	                                     (long long)m->panel_id, (long long)m->id,
	                                     hard ? "check-in" : "reflection"),
	                        now);
}

struct after_ctx {
	int64_t panel_id, meeting_id, user_id, now;
	struct arena *a;
	bool asked;
};

static enum store_rc after_tx(struct store *s, void *ctx)
{
	struct after_ctx *c = ctx;
	struct meeting m;
	enum store_rc rc = store_meeting_get(s, c->panel_id, c->meeting_id, c->a, &m);
	if (rc != ST_OK) return rc;
	rc = ask_after(s, &m, c->user_id, c->now, c->a);
	c->asked = rc == ST_OK;
	return rc == ST_NOT_FOUND ? ST_OK : rc; /* another server asked first */
}

bool app_after_meetings(struct store *s, int64_t now, int *asked)
{
	*asked = 0;
	struct arena a = { 0 };
	struct attendee_due *due;
	size_t n;
	bool ok = store_after_meeting_due(s, now, now - AFTER_MEETING_DAYS * 86400, &a, &due, &n) ==
	          ST_OK;
	for (size_t i = 0; ok && i < n; i++) {
		struct after_ctx c = { due[i].panel_id, due[i].meeting_id, due[i].user_id, now, &a,
		                       false };
		ok = store_tx(s, after_tx, &c) == ST_OK;
		*asked += c.asked;
	}
	arena_free(&a);
	return ok;
}

/* ---- attendance ---- */

struct attendance_ctx {
	const struct panel *p;
	const struct meeting *m;
	int64_t actor_id, user_id, now;
	bool came;
	struct arena *a;
	bool not_started;            /* out: came, but the meeting has not begun */
};

static enum store_rc attendance_tx(struct store *s, void *ctx)
{
	struct attendance_ctx *c = ctx;
	/* Nobody comes to a meeting before it begins (and so earns no fee):
	 * read in the transaction, as the meeting may have moved. */
	struct meeting now_m;
	enum store_rc rc = store_meeting_get(s, c->p->id, c->m->id, c->a, &now_m);
	if (rc != ST_OK) return rc;
	if (c->came && now_m.starts_at > c->now) {
		c->not_started = true;
		return ST_CONFLICT;
	}
	enum meeting_reply reply;
	bool had = false;
	rc = store_meeting_mine(s, c->m->id, c->user_id, &reply, &had);
	if (rc == ST_OK) rc = store_meeting_attended(s, c->m->id, c->user_id, c->came, c->now);
	if (rc != ST_OK) return rc;
	/* Someone recorded as having come to a meeting that is over is asked
	 * how it went, once (ask_after); for those recorded before it ended,
	 * app_after_meetings asks. A steward recording themselves is not. */
	if (c->came && c->m->ends_at <= c->now) {
		rc = c->user_id == c->actor_id
		     ? store_meeting_asked_after(s, c->m->id, c->user_id, c->now)
		     : ask_after(s, c->m, c->user_id, c->now, c->a);
		if (rc != ST_OK && rc != ST_NOT_FOUND) return rc;
	}
	if (c->came != had && !app_pay_for_attendance(s, c->p, c->m, c->user_id, c->came, c->now, c->a))
		return ST_ERROR;
	return ST_OK;
}

bool app_record_attendance(struct store *s, const struct panel *p, const struct meeting *m,
                           int64_t actor_id, int64_t user_id, bool came, int64_t now,
                           struct arena *a, struct app_error *err)
{
	struct attendance_ctx c = { p, m, actor_id, user_id, now, came, a, false };
	enum store_rc rc = store_tx(s, attendance_tx, &c);
	if (c.not_started)
		return app_fail(err, 409, "not_started", "attended",
		                _("Attendance can be recorded once the meeting has begun."));
	if (rc != ST_OK) return app_internal(err);
	return true;
}

/* ---- projects, meeting guests and replies, agendas, papers, notices ---- */

enum store_rc app_meeting_visible(struct store *s, const struct panel_actor *actor,
                                  int64_t panel_id, int64_t meeting_id, int64_t user_id,
                                  struct arena *a, struct meeting *m, bool *invited)
{
	enum store_rc rc = store_meeting_get(s, panel_id, meeting_id, a, m);
	*invited = rc == ST_OK && actor->role == ROLE_GUEST &&
	           store_meeting_invited(s, m->id, user_id);
	if (rc == ST_OK && !policy_can_see_meeting(actor, *invited)) rc = ST_NOT_FOUND;
	return rc;
}

enum store_rc app_paper_visible(struct store *s, const struct panel_actor *actor,
                                const struct meeting *m, bool invited, int64_t paper_id,
                                struct arena *a, struct paper *out)
{
	enum store_rc rc = store_paper_get(s, m->id, paper_id, a, out);
	if (rc == ST_OK && !policy_can_see_paper(actor, invited, out->published_at != 0))
		rc = ST_NOT_FOUND;
	return rc;
}

enum store_rc app_contribution_visible(struct store *s, const struct panel_actor *actor,
                                       int64_t panel_id, int64_t id, int64_t user_id,
                                       struct arena *a, struct contribution *out)
{
	enum store_rc rc = store_contribution_get(s, panel_id, id, user_id, a, out);
	if (rc == ST_OK && !policy_can_see_contribution(actor, out->owner_id == user_id))
		rc = ST_NOT_FOUND;
	return rc;
}

enum store_rc app_contributions_page(struct store *s, const struct panel_actor *actor,
                                     int64_t user_id, enum contribution_scope scope, int64_t key,
                                     int64_t before, int64_t limit, struct arena *a,
                                     struct contribution **out, size_t *n, int64_t *next)
{
	struct contribution *kept = arena_alloc(a, (size_t)limit * sizeof *kept);
	size_t nkept = 0;
	int64_t cursor = before;
	bool more = true;
	*next = 0;
	for (int round = 0; round < CONTRIBUTIONS_SCAN && more && nkept < (size_t)limit; round++) {
		struct contribution *c;
		size_t got;
		enum store_rc rc = store_contributions_list(s, scope, key, user_id, cursor, (int)limit,
		                                            a, &c, &got);
		if (rc != ST_OK) return rc;
		/* A meeting's come oldest first (the order things were said);
		 * every list here is newest first. */
		if (scope == CS_MEETING)
			for (size_t i = 0; i < got / 2; i++) {
				struct contribution t = c[i];
				c[i] = c[got - 1 - i];
				c[got - 1 - i] = t;
			}
		bool stopped = false;
		for (size_t i = 0; i < got; i++) {
			cursor = c[i].id;
			if (scope != CS_AUTHOR &&
			    !policy_can_see_contribution(actor, c[i].owner_id == user_id))
				continue;
			kept[nkept++] = c[i];
			if (nkept == (size_t)limit) {
				stopped = i + 1 < got;
				break;
			}
		}
		more = stopped || got == (size_t)limit;
	}
	if (more) *next = cursor;
	*out = kept;
	*n = nkept;
	return ST_OK;
}

enum store_rc app_contributions_open(struct store *s, const struct panel_actor *actor,
                                     int64_t user_id, int64_t panel_id, int limit,
                                     struct arena *a, struct contribution **out, size_t *n)
{
	bool see_all = policy_allows(actor, PA_VIEW_WORK);
	enum store_rc rc = store_contributions_list(s, see_all ? CS_PANEL_OPEN : CS_OWNER_OPEN,
	                                            see_all ? panel_id : user_id, user_id, 0, limit,
	                                            a, out, n);
	if (rc != ST_OK) return rc;
	/* Those named to answer see theirs in this panel only. */
	size_t keep = 0;
	for (size_t i = 0; i < *n; i++)
		if ((*out)[i].panel_id == panel_id &&
		    policy_can_see_contribution(actor, (*out)[i].owner_id == user_id))
			(*out)[keep++] = (*out)[i];
	*n = keep;
	return ST_OK;
}

bool app_project_create(struct store *s, const struct panel *p, int64_t creator,
                        struct project *pr, int64_t now, int64_t *id, struct app_error *err)
{
	const char *texts[] = { [PROJECT_TITLE] = pr->title, [PROJECT_PURPOSE] = pr->purpose,
	                        [PROJECT_DECISION_MAKER] = pr->decision_maker };
	if (!app_texts_fit(project_inputs, texts, PROJECT_STAGE, err)) return false;
	pr->panel_id = p->id;
	if (store_project_create(s, pr, creator, now, id) != ST_OK)
		return app_fail(err, 500, "internal", NULL,
		                _("We could not start the project. Nothing was saved."));
	return true;
}

bool app_meeting_reply(struct store *s, const struct panel_actor *actor, const struct meeting *m,
                       bool invited, int64_t user_id, enum meeting_reply reply, int64_t now,
                       struct app_error *err)
{
	if (!policy_can_reply_to_meeting(actor, invited))
		return app_fail(err, 403, "forbidden", NULL,
		                _("You cannot reply to this meeting while paused."));
	if (m->cancelled_at)
		return app_fail(err, 409, "cancelled", "reply", _("This meeting is cancelled."));
	if (m->ends_at <= now)
		return app_fail(err, 409, "over", "reply", _("This meeting is over."));
	if (store_meeting_reply(s, m->id, user_id, reply, now) != ST_OK)
		return app_fail(err, 500, "internal", NULL,
		                _("We could not save your reply. Nothing was changed."));
	return true;
}

struct guest_ctx {
	const struct panel *p;
	const struct meeting *m;
	int64_t guest_id, now;
	bool on;
	struct arena *a;
	struct app_error *err;
	bool refused;
};

static enum store_rc guest_in_tx(struct store *s, void *p)
{
	struct guest_ctx *c = p;
	struct membership mem;
	enum store_rc rc = store_membership_get(s, c->p->id, c->guest_id, &mem);
	if (rc == ST_NOT_FOUND || (rc == ST_OK && (mem.role != ROLE_GUEST ||
	                                           mem.status != MEMBER_ACTIVE))) {
		c->refused = true;
		app_fail(c->err, 400, "invalid", "user_id",
		         _("Choose one of the panel's active guests. Nothing was changed."));
		return ST_CONFLICT;
	}
	if (rc != ST_OK) return rc;
	bool changed;
	rc = store_meeting_guest_set(s, c->m->id, c->guest_id, c->on, c->now, &changed);
	if (rc != ST_OK || !c->on || !changed) return rc;
	/* A newly invited guest hears of it on the site. */
	const char *note = c->m->content_note ? c->m->content_note : "";
	return store_notice_add(s, c->guest_id, c->p->id,
	                        *note
	                        /* TRANSLATORS: a notice. The first %s is the meeting's
	                         * content note (what hard subject it touches on), the
	                         * second the panel's name, the third the meeting's title. */
	                        ? lang_message(c->a, N_("Content note: %s. %s invited you to the "
	                                                "meeting \"%s\"."), 3, note, c->p->name,
	                                       c->m->title)
	                        /* TRANSLATORS: a notice. The first %s is the panel's
	                         * name, the second the meeting's title. */
	                        : lang_message(c->a, N_("%s invited you to the meeting \"%s\"."),
	                                       2, c->p->name, c->m->title),
	                        arena_printf(c->a, "/panels/%lld/meetings/%lld",
	                                     (long long)c->p->id, (long long)c->m->id),
	                        c->now);
}

bool app_meeting_guest_set(struct store *s, const struct panel *p, const struct meeting *m,
                           int64_t guest_id, bool on, int64_t now, struct arena *a,
                           struct app_error *err)
{
	struct guest_ctx c = { p, m, guest_id, now, on, a, err, false };
	enum store_rc rc = store_tx(s, guest_in_tx, &c);
	if (c.refused) return false;
	if (rc != ST_OK)
		return app_fail(err, 500, "internal", NULL, _("We could not save that. Nothing was changed."));
	return true;
}

struct agenda_ctx {
	const struct meeting *m;
	const struct agenda_choice *choice;
	size_t n;
	int64_t by, now;
	struct arena *a;
	struct app_error *err;
	bool refused;
};

static enum store_rc refuse(struct agenda_ctx *c, int status, const char *code,
                            const char *message)
{
	c->refused = true;
	app_fail(c->err, status, code, "items", message);
	return ST_CONFLICT;
}

static enum store_rc agenda_in_tx(struct store *s, void *p)
{
	struct agenda_ctx *c = p;
	struct agenda_item *it;
	size_t nit;
	enum store_rc rc = store_agenda_items(s, c->m->id, 0, c->a, &it, &nit);
	if (rc != ST_OK) return rc;
	if (!nit) return refuse(c, 409, "no_items", _("There are no items to publish yet."));
	struct agenda_decision *d = arena_alloc(c->a, (c->n + 1) * sizeof *d);
	int64_t position = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct agenda_choice *ch = &c->choice[i];
		bool known = false;
		for (size_t x = 0; x < nit && !known; x++) known = it[x].id == ch->item_id;
		if (!known)
			return refuse(c, 404, "not_found",
			              /* TRANSLATORS: %lld is the item's number. */
			              arena_printf(c->a, _("Item %lld is not on this meeting's agenda. "
			                                   "Nothing was published."), (long long)ch->item_id));
		for (size_t x = 0; x < i; x++)
			if (c->choice[x].item_id == ch->item_id)
				return refuse(c, 400, "invalid",
				              /* TRANSLATORS: %lld is the item's number. */
				              arena_printf(c->a, _("Item %lld is given twice."),
				                           (long long)ch->item_id));
		const char *why = ch->on_agenda || !ch->reason ? "" : ch->reason;
		if (utf8_length(why) > AGENDA_REASON_MAX_CHARS)
			return refuse(c, 400, "invalid", _("Keep each reason to 2000 characters or fewer."));
		d[i] = (struct agenda_decision){ ch->item_id,
		                                 ch->on_agenda ? ITEM_AGREED : ITEM_NOT_TAKEN,
		                                 ch->on_agenda ? ++position : 0, why };
	}
	for (size_t x = 0; x < nit; x++) {
		bool decided = false;
		for (size_t i = 0; i < c->n && !decided; i++) decided = c->choice[i].item_id == it[x].id;
		if (!decided)
			return refuse(c, 400, "invalid",
			              /* TRANSLATORS: %s is the title of an item. */
			              arena_printf(c->a, _("Decide every item: \"%s\" is missing. Nothing "
			                                   "was published."), it[x].title));
	}
	rc = store_agenda_publish(s, c->m->id, d, c->n, c->now);
	if (rc == ST_CONFLICT)
		return refuse(c, 409, "agenda_published", _("The agenda is already published."));
	if (rc != ST_OK) return rc;
	/* Everyone who may come hears that it is out, with its papers. */
	const char *note = c->m->content_note ? c->m->content_note : "";
	return store_notice_add_panel(s, c->m->panel_id, c->m->id, c->by,
	                              *note
	                              /* TRANSLATORS: a notice. The first %s is the
	                               * meeting's content note (what hard subject it
	                               * touches on), the second its title. */
	                              ? lang_message(c->a, N_("Content note: %s. The agenda for "
	                                                      "\"%s\" is published, with its "
	                                                      "papers."), 2, note, c->m->title)
	                              /* TRANSLATORS: a notice; %s is the meeting's title. */
	                              : lang_message(c->a, N_("The agenda for \"%s\" is published, "
	                                                      "with its papers."), 1, c->m->title),
	                              meeting_link(c->m, c->a), c->now);
}

bool app_agenda_publish(struct store *s, const struct meeting *m,
                        const struct agenda_choice *choice, size_t n, int64_t by, int64_t now,
                        struct arena *a, struct app_error *err)
{
	struct agenda_ctx c = { m, choice, n, by, now, a, err, false };
	enum store_rc rc = store_tx(s, agenda_in_tx, &c);
	if (c.refused) return false;
	if (rc != ST_OK)
		return app_fail(err, 500, "internal", NULL,
		                _("We could not publish the agenda. Nothing was changed."));
	return true;
}

struct paper_publish_ctx {
	const struct meeting *m;
	int64_t paper_id, by, now;
	struct arena *a;
};

static enum store_rc paper_publish_in_tx(struct store *s, void *p)
{
	struct paper_publish_ctx *c = p;
	struct paper pp;
	enum store_rc rc = store_paper_get(s, c->m->id, c->paper_id, c->a, &pp);
	/* Publishing a published paper changes nothing and is not an error. */
	if (rc != ST_OK || pp.published_at) return rc;
	rc = store_paper_publish(s, c->m->id, c->paper_id, c->now);
	return rc == ST_OK ? paper_notice(s, c->m, pp.title, pp.content_note, c->by, c->now, c->a)
	                   : rc;
}

bool app_paper_publish(struct store *s, const struct meeting *m, int64_t paper_id, int64_t by,
                       int64_t now, struct arena *a, struct app_error *err)
{
	struct paper_publish_ctx c = { m, paper_id, by, now, a };
	switch (store_tx(s, paper_publish_in_tx, &c)) {
	case ST_OK: return true;
	case ST_NOT_FOUND:
		return app_fail(err, 404, "not_found", NULL, _("There is no such paper for this meeting."));
	default:
		return app_fail(err, 500, "internal", NULL,
		                _("We could not publish the paper. Nothing was changed."));
	}
}

bool app_notices_mark_read(struct store *s, int64_t user_id, int64_t now, struct app_error *err)
{
	if (store_notices_mark_read(s, user_id, now) != ST_OK)
		return app_fail(err, 500, "internal", NULL, _("We could not update your notices."));
	return true;
}
