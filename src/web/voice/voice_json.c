/* The JSON shapes of voice and influence (voice_json.h), written once for
 * every API file of the domain.
 *
 * Anonymity: the store gives no author for a contribution that is not
 * "named" unless the viewer is the author (store.h). contribution_json()
 * is the one place a contribution's source is written, and it writes an
 * author only for "named" ones; nothing writes who recorded a contribution
 * or who wrote a response. Reflections likewise: reflections_json() gives
 * a comment's name only when its author chose to put it (the store gives
 * "" otherwise), and nothing at all but how many answered below
 * REFLECTION_MIN_ANSWERS. */
#include <string.h>

#include "core/civil_time.h"
#include "core/markdown.h"
#include "web/http/api_json.h"
#include "web/ui/answers.h"
#include "web/voice/voice_json.h"

json_t *influence_json(const struct influence *f)
{
	json_t *j = json_object();
	set(j, "contributions", jint(f->contributions));
	set(j, "with_outcome", jint(f->answered));
	set(j, "with_outcome_percent", json_integer(percent_of(f->answered, f->contributions)));
	set(j, "adopted", jint(f->adopted));
	set(j, "adopted_percent", json_integer(percent_of(f->adopted, f->contributions)));
	set(j, "overdue", jint(f->overdue));
	set(j, "median_days_to_outcome", f->median_days >= 0 ? jint(f->median_days) : json_null());
	/* Never shown from fewer than REFLECTION_MIN_ANSWERS answers, nor is
	 * the count, which with the average would tell one person's answer. */
	int heard = felt_heard_tenths(f);
	set(j, "felt_heard", heard >= 0 ? json_real(heard / 10.0) : json_null());
	if (heard >= 0) set(j, "felt_heard_answers", jint(f->reflections));
	return j;
}

json_t *project_json(const struct project *p)
{
	json_t *j = json_object();
	set(j, "id", jint(p->id));
	set(j, "title", json_string(p->title));
	set(j, "purpose", json_string(p->purpose));
	set(j, "decision_maker", json_string(p->decision_maker));
	set(j, "stage", json_string(stage_key(p->stage)));
	set(j, "closed_at", jtime(p->closed_at));
	set(j, "created_at", jtime(p->created_at));
	set(j, "updated_at", jtime(p->updated_at));
	set(j, "version", jint(p->version));
	return j;
}

json_t *meeting_json(const struct meeting *m)
{
	json_t *j = json_object();
	set(j, "id", jint(m->id));
	set(j, "title", json_string(m->title));
	set(j, "project", jref(m->project_id, "title", m->project_title));
	set(j, "starts_at", jtime(m->starts_at));
	set(j, "ends_at", jtime(m->ends_at));
	set(j, "place", json_string(m->place));
	set(j, "place_access", json_string(m->place_access));
	set(j, "online_url", json_string(m->online_url));
	set(j, "content_note", json_string(m->content_note ? m->content_note : ""));
	set(j, "agenda_due_at", jtime(m->agenda_due_at));
	set(j, "agenda_published_at", jtime(m->agenda_published_at));
	set(j, "cancelled_at", jtime(m->cancelled_at));
	set(j, "version", jint(m->version));
	return j;
}

/* A contribution as the viewer may be told of it. The one place its source
 * is written: an author only when "named"; otherwise only `mine`, which is
 * true for the author alone. */
json_t *contribution_json(struct request *req, const struct contribution *c)
{
	json_t *j = json_object();
	set(j, "id", jint(c->id));
	set(j, "panel_id", jint(c->panel_id));
	set(j, "kind", json_string(kind_key(c->kind)));
	set(j, "body", json_string(c->body));
	set(j, "attribution", json_string(attribution_key(c->attribution)));
	if (c->attribution == ATTR_GROUP) set(j, "group_name", json_string(c->group_name));
	if (c->attribution == ATTR_NAMED) {
		json_t *a = json_object();
		set(a, "user_id", c->author_id ? jint(c->author_id) : json_null());
		set(a, "display_name", json_string(c->author_name));
		set(j, "author", a);
	}
	set(j, "mine", json_boolean(c->mine));
	set(j, "project", jref(c->project_id, "title", c->project_title));
	set(j, "meeting", jref(c->meeting_id, "title", c->meeting_title));
	set(j, "item_id", c->item_id ? jint(c->item_id) : json_null());
	/* An anonymous contribution's time to the day only (UTC): to the second,
	 * set beside a person's named ones, it could point to them. */
	if (c->attribution == ATTR_ANONYMOUS) {
		int y, m, d;
		civil_date_of_day(c->created_at / 86400, &y, &m, &d);
		set(j, "created_at", json_null());
		set(j, "created_on", json_string(arena_printf(&req->arena, "%04d-%02d-%02d", y, m, d)));
	} else {
		set(j, "created_at", jtime(c->created_at));
	}
	set(j, "status", json_string(response_status_key(c->status)));
	set(j, "open", json_boolean(!response_is_outcome(c->status)));
	set(j, "due_at", jtime(c->due_at));
	set(j, "overdue", json_boolean(contribution_overdue(c->status, c->due_at, req->now)));
	set(j, "answered_at", jtime(c->answered_at));
	json_t *owner = json_null();
	if (c->owner_id) {
		owner = json_object();
		set(owner, "user_id", jint(c->owner_id));
		set(owner, "display_name", json_string(c->owner_name));
	}
	set(j, "owner", owner);
	json_t *r = json_null();
	if (c->response_id) {
		r = json_object();
		set(r, "id", jint(c->response_id));
		set(r, "status", json_string(response_status_key(c->status)));
		set(r, "what_done", json_string(c->what_done));
		set(r, "reason", json_string(c->reason));
		set(r, "referred_to", json_string(c->referred_to));
		set(r, "decided_by", json_string(c->decided_by));
		set(r, "decided_at", jtime(c->decided_at));
	}
	set(j, "latest_response", r);
	set(j, "version", jint(c->version));
	return j;
}

/* One response in a contribution's history. Who wrote it is not given
 * (the pages do not show it either): what was decided, by whom and why is
 * decided_by, written by the responder. */
json_t *response_json(const struct response_record *r)
{
	json_t *j = json_object();
	set(j, "id", jint(r->id));
	set(j, "status", json_string(response_status_key(r->status)));
	set(j, "what_done", json_string(r->what_done));
	set(j, "reason", json_string(r->reason));
	set(j, "referred_to", json_string(r->referred_to));
	set(j, "decided_by", json_string(r->decided_by));
	set(j, "decided_at", jtime(r->decided_at));
	set(j, "created_at", jtime(r->created_at));
	return j;
}

/* A paper's address in the API (its file: suffix "/file"). */
const char *paper_api_path(struct request *req, int64_t meeting_id, int64_t id,
                           const char *suffix)
{
	return arena_printf(&req->arena, "/api/v1/panels/%lld/meetings/%lld/papers/%lld%s",
	                    (long long)req->panel->id, (long long)meeting_id, (long long)id, suffix);
}

/* A paper as a list gives it. kind: "markdown" for one written on the site,
 * else core/filetype.h's key ("pdf", "docx", "png"...). Who added it is
 * shown as the paper's page shows it (null once they have gone). */
json_t *paper_json(struct request *req, const struct paper *p)
{
	json_t *j = json_object();
	set(j, "id", jint(p->id));
	set(j, "meeting_id", jint(p->meeting_id));
	set(j, "title", json_string(p->title));
	set(j, "summary", json_string(p->summary));
	set(j, "content_note", json_string(p->content_note));
	set(j, "item_id", p->item_id ? jint(p->item_id) : json_null());
	set(j, "item_title", p->item_id ? json_string(p->item_title) : json_null());
	set(j, "kind", json_string(p->is_file ? filetype_key(p->file_kind) : "markdown"));
	set(j, "file_name", p->is_file ? json_string(p->file_name) : json_null());
	set(j, "file_size", p->is_file ? jint(p->file_size) : json_null());
	set(j, "file_url", p->is_file
	                   ? json_string(paper_api_path(req, p->meeting_id, p->id, "/file"))
	                   : json_null());
	set(j, "added_by", *p->created_by_name ? json_string(p->created_by_name) : json_null());
	set(j, "created_at", jtime(p->created_at));
	set(j, "published_at", jtime(p->published_at));
	set(j, "version", jint(p->version));
	return j;
}

/* One paper with its words: a Markdown paper's source and its HTML (safe
 * to put in a page: core/markdown.h). */
json_t *paper_full_json(struct request *req, const struct paper *p)
{
	json_t *j = paper_json(req, p);
	if (!p->is_file) {
		set(j, "markdown", json_string(p->markdown));
		set(j, "html", json_string(markdown_to_html(p->markdown, strlen(p->markdown),
		                                            &req->arena)));
	}
	return j;
}

/* The reflections on a meeting or a project, as the page shows them: how
 * many answers there are, and figures over those released (whole groups
 * of REFLECTION_MIN_ANSWERS of each meeting; the store gives no more), so
 * that no answer can be picked out. A comment carries a name only when its
 * author put their name to it. */
json_t *reflections_json(const struct reflection_summary *rs)
{
	json_t *j = json_object();
	set(j, "answers", jint(rs->answers));
	set(j, "answers_counted", jint(rs->released));
	if (!rs->released) return j;
	/* null when fewer than 5 answered it (the others passed) */
	int tenths = average_tenths(rs->felt_heard_sum, rs->felt_heard_answers);
	set(j, "felt_heard_average", tenths >= 0 ? json_real(tenths / 10.0) : json_null());
	set(j, "felt_heard_answers", jint(rs->felt_heard_answers));
	static const char *const keys[2] = { "info_in_time", "felt_safe" };
	for (int q = 0; q < 2; q++) {
		const int64_t *c = q ? rs->felt_safe : rs->info_in_time;
		json_t *o = json_object();
		set(o, ypn_key(YPN_YES), jint(c[YPN_YES]));
		set(o, ypn_key(YPN_PARTLY), jint(c[YPN_PARTLY]));
		set(o, ypn_key(YPN_NO), jint(c[YPN_NO]));
		set(o, ypn_key(YPN_PASS), jint(c[YPN_PASS]));
		set(j, keys[q], o);
	}
	json_t *arr = json_array();
	for (size_t i = 0; i < rs->ncomments; i++) {
		json_t *o = json_object();
		set(o, "text", json_string(rs->comments[i].text));
		if (*rs->comments[i].name) set(o, "name", json_string(rs->comments[i].name));
		json_array_append_new(arr, o);
	}
	set(j, "comments", arr);
	return j;
}

/* An agenda item as the viewer sees it; stewards (manage) also get how
 * many step out of it, never who. */
json_t *agenda_item_json(const struct agenda_item *it, bool manage)
{
	json_t *a = json_object();
	set(a, "id", jint(it->id));
	set(a, "title", json_string(it->title));
	set(a, "why", json_string(it->why));
	set(a, "content_note", json_string(it->content_note));
	set(a, "state", json_string(item_state_key(it->state)));
	set(a, "position", it->state == ITEM_AGREED ? jint(it->position) : json_null());
	set(a, "not_taken_reason", json_string(it->not_taken_reason));
	set(a, "proposed_by", *it->proposer_name ? json_string(it->proposer_name) : json_null());
	set(a, "proposed_at", jtime(it->proposed_at));
	set(a, "supporters", jint(it->supporters));
	set(a, "i_support", json_boolean(it->i_support));
	set(a, "i_step_out", json_boolean(it->i_step_out));
	if (manage) set(a, "step_outs", jint(it->step_outs));
	return a;
}
