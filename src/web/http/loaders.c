/* Loading a request's objects (loaders.h). */
#include "web/http/loaders.h"

#include "app/app.h"
#include "core/lang.h"

/* Answers for rc, naming what was not found; true for ST_OK. The two
 * sentences are marked N_() and translated only when said. */
static bool loaded(struct request *req, enum store_rc rc, const char *not_found,
                   const char *failed)
{
	if (rc == ST_OK) return true;
	if (rc == ST_NOT_FOUND) respond_error(req, 404, "not_found", _(not_found));
	else respond_error(req, 500, "internal", _(failed));
	return false;
}

bool load_meeting_by_id(struct request *req, int64_t id, struct meeting *m, bool *invited)
{
	return loaded(req, app_meeting_visible(req->store, &req->actor, req->panel->id, id,
	                                       req->user->id, &req->arena, m, invited),
	              N_("There is no such meeting on this panel."),
	              N_("We could not load this meeting."));
}

bool load_project_by_id(struct request *req, int64_t id, struct project *p)
{
	return loaded(req, store_project_get(req->store, req->panel->id, id, &req->arena, p),
	              N_("There is no such project on this panel."), N_("We could not load the project."));
}

bool load_route_object(struct request *req)
{
	struct arena *a = &req->arena;
	int64_t id = req->params[1];
	switch (req->route->object) {
	case OBJ_NONE:
		return true;
	case OBJ_MEETING:
	case OBJ_PAPER:
		req->meeting = arena_alloc(a, sizeof *req->meeting);
		if (!load_meeting_by_id(req, id, req->meeting, &req->invited)) return false;
		if (req->route->object == OBJ_MEETING) return true;
		req->paper = arena_alloc(a, sizeof *req->paper);
		return loaded(req, app_paper_visible(req->store, &req->actor, req->meeting, req->invited,
		                                     req->params[2], a, req->paper),
		              N_("There is no such paper for this meeting."),
		              N_("We could not load this paper."));
	case OBJ_PROJECT:
		req->project = arena_alloc(a, sizeof *req->project);
		return load_project_by_id(req, id, req->project);
	case OBJ_CONTRIBUTION:
		req->contribution = arena_alloc(a, sizeof *req->contribution);
		return loaded(req, app_contribution_visible(req->store, &req->actor, req->panel->id, id,
		                                            req->user->id, a, req->contribution),
		              N_("There is no such contribution on this panel."),
		              N_("We could not load this contribution."));
	case OBJ_MEMBER:
		req->member = arena_alloc(a, sizeof *req->member);
		return loaded(req, app_member_visible(req->store, req->panel->id, id, req->member),
		              N_("This person is not on the panel."), N_("We could not load this member."));
	case OBJ_CLAIM:
		req->claim = arena_alloc(a, sizeof *req->claim);
		return loaded(req, app_claim_visible(req->store, &req->actor, req->panel->id, id,
		                                     req->user->id, a, req->claim),
		              N_("There is no such claim."), N_("We could not load this claim."));
	case OBJ_RUN:
		req->run = arena_alloc(a, sizeof *req->run);
		return loaded(req, store_pay_run_get(req->store, req->panel->id, id, a, req->run),
		              N_("There is no such payment run."), N_("We could not load this run."));
	}
	return true;
}
