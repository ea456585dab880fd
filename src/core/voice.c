#include "core/voice.h"

#include "core/lang.h"
#include "core/names.h"

/* Labels, hints and the ladder's words are marked for translation and
 * returned in English: shown through _(stage_label(...)), _(rung_label(...)). */
static const struct name_pair stages[] = {
	/* TRANSLATORS: the stages of a project. */
	[STAGE_SHAPING] = { "shaping", N_("Shaping") },
	/* TRANSLATORS: a stage of a project: working out how it will be done. */
	[STAGE_DESIGN] = { "design", N_("Design") },
	/* TRANSLATORS: a stage of a project: doing it. */
	[STAGE_DELIVERY] = { "delivery", N_("Delivery") },
	/* TRANSLATORS: a stage of a project: looking back at what changed. */
	[STAGE_EVALUATION] = { "evaluation", N_("Evaluation") },
};
static const struct name_pair replies[] = {
	/* TRANSLATORS: a person's reply to a meeting's invitation. */
	[REPLY_NONE] = { "none", N_("Not replied yet") },
	/* TRANSLATORS: a reply to a meeting's invitation: I am coming. */
	[REPLY_COMING] = { "coming", N_("Coming") },
	/* TRANSLATORS: a reply to a meeting's invitation. */
	[REPLY_NOT_COMING] = { "not_coming", N_("Not coming") },
	/* TRANSLATORS: a reply to a meeting's invitation. */
	[REPLY_MAYBE] = { "maybe", N_("Maybe") },
};
static const struct name_pair item_states[] = {
	/* TRANSLATORS: the state of an item proposed for a meeting's agenda. */
	[ITEM_PROPOSED] = { "proposed", N_("Proposed") },
	[ITEM_AGREED] = { "agreed", N_("On the agenda") },
	[ITEM_NOT_TAKEN] = { "not_taken", N_("Not on this agenda") },
};
static const struct name_pair kinds[] = {
	/* TRANSLATORS: what kind of thing someone said. */
	[KIND_IDEA] = { "idea", N_("Idea") },
	[KIND_CONCERN] = { "concern", N_("Concern") },
	[KIND_QUESTION] = { "question", N_("Question") },
	[KIND_RECOMMENDATION] = { "recommendation", N_("Recommendation") },
};
static const struct name_pair attributions[] = {
	/* TRANSLATORS: how what someone said is shown. */
	[ATTR_NAMED] = { "named", N_("With my name") },
	[ATTR_ANONYMOUS] = { "anonymous", N_("Anonymous") },
	[ATTR_GROUP] = { "group", N_("On behalf of a group") },
};
static const struct name_pair statuses[] = {
	/* TRANSLATORS: the response to what someone said. */
	[RS_AWAITING] = { "awaiting", N_("Waiting for a response") },
	[RS_RECEIVED] = { "received", N_("Received") },
	[RS_UNDER_CONSIDERATION] = { "under_consideration", N_("Under consideration") },
	[RS_ADOPTED] = { "adopted", N_("Adopted") },
	[RS_ADOPTED_IN_PART] = { "adopted_in_part", N_("Adopted in part") },
	[RS_NOT_ADOPTED] = { "not_adopted", N_("Not adopted") },
	[RS_REFERRED] = { "referred", N_("Not ours to decide: passed on") },
};
static const struct name_pair ypns[] = {
	/* TRANSLATORS: an answer: yes, partly or no. */
	[YPN_YES] = { "yes", N_("Yes") },
	[YPN_PARTLY] = { "partly", N_("Partly") },
	[YPN_NO] = { "no", N_("No") },
	/* TRANSLATORS: passing on a question, without saying why */
	[YPN_PASS] = { "pass", N_("I would rather not say") },
};

NAMES(stage, enum project_stage, stages, 0)
NAMES(reply, enum meeting_reply, replies, 1)
NAMES(item_state, enum item_state, item_states, 0)
NAMES(kind, enum contribution_kind, kinds, 0)
NAMES(attribution, enum attribution, attributions, 0)
NAMES(ypn, enum yes_partly_no, ypns, 0)

/* "awaiting" is a state, never an answer someone gives. */
NAMES(response_status, enum response_status, statuses, 1)

const char *stage_hint(enum project_stage s)
{
	switch (s) {
	/* TRANSLATORS: what each stage of a project means. */
	case STAGE_SHAPING:
		return N_("Deciding what the project is for and what it should change.");
	case STAGE_DESIGN: return N_("Working out how it will be done.");
	case STAGE_DELIVERY: return N_("Doing it.");
	case STAGE_EVALUATION: return N_("Looking back at what changed and what we learned.");
	case STAGE__COUNT: break;
	}
	return "";
}

static const struct { const char *label, *meaning; } rungs[RUNG_MAX + 1] = {
	/* TRANSLATORS: the rungs of the ladder of participation: a name and what
	 * it means. */
	[1] = { N_("Coercion"), N_("People attend, but have no voice and no choice.") },
	[2] = { N_("Educating"),
	        N_("People are told about a service so that they will use it.") },
	[3] = { N_("Informing"), N_("People are told what has been decided.") },
	[4] = { N_("Consultation"), N_("People are asked for their views, with no promise they "
	                               "will change anything.") },
	[5] = { N_("Engagement"),
	        N_("People have more of a say, but professionals still decide.") },
	[6] = { N_("Co-design"), N_("People help design the work, and their ideas shape it.") },
	[7] = { N_("Co-production"), N_("People share power and decide together, as equals, "
	                                "from start to finish.") },
};

const char *rung_label(int rung)
{
	return rung >= RUNG_MIN && rung <= RUNG_MAX ? rungs[rung].label : "?";
}

const char *rung_meaning(int rung)
{
	return rung >= RUNG_MIN && rung <= RUNG_MAX ? rungs[rung].meaning : "";
}

const char *rung_group(int rung)
{
	if (rung < RUNG_MIN || rung > RUNG_MAX) return "?";
	/* TRANSLATORS: the three groups of rungs of the ladder of
	 * participation: what is done to people, for them, or with them. */
	if (rung <= 2) return N_("doing to");
	/* TRANSLATORS: see "doing to". */
	if (rung <= 5) return N_("doing for");
	/* TRANSLATORS: see "doing to". */
	return N_("doing with");
}

bool response_is_outcome(enum response_status s)
{
	return s == RS_ADOPTED || s == RS_ADOPTED_IN_PART || s == RS_NOT_ADOPTED ||
	       s == RS_REFERRED;
}

bool contribution_overdue(enum response_status s, int64_t due_at, int64_t now)
{
	return !response_is_outcome(s) && now > due_at;
}

static bool blank(const char *s)
{
	if (!s) return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return false;
	return true;
}

const char *response_missing(const struct response_text *r, const char **message)
{
	switch (r->status) {
	case RS_ADOPTED:
	case RS_ADOPTED_IN_PART:
		if (blank(r->what_done)) {
			*message = _("Say what was done, or will be done, about it.");
			return "what_done";
		}
		break;
	case RS_NOT_ADOPTED:
		if (blank(r->reason)) {
			*message = _("Give the reason it was not adopted. People need to know why.");
			return "reason";
		}
		break;
	case RS_REFERRED:
		if (blank(r->referred_to)) {
			*message = _("Say who it was passed on to.");
			return "referred_to";
		}
		break;
	default:
		break;
	}
	if (response_is_outcome(r->status) && blank(r->decided_by)) {
		*message = _("Say who made the decision, for example a person, a board or a team.");
		return "decided_by";
	}
	return NULL;
}

int64_t median_of_days(const int64_t *days, const int64_t *n, size_t k)
{
	int64_t total = 0;
	for (size_t i = 0; i < k; i++) total += n[i] > 0 ? n[i] : 0;
	if (total == 0) return -1;
	/* The lower middle: the value at position (total - 1) / 2 in order.
	 * The histogram is small (one entry per distinct day count), so
	 * finding each next smallest value by scanning is fine. */
	int64_t want = (total - 1) / 2, seen = 0, last = INT64_MIN;
	for (;;) {
		int64_t next = INT64_MAX, count = 0;
		for (size_t i = 0; i < k; i++)
			if (n[i] > 0 && days[i] > last && days[i] < next) next = days[i];
		for (size_t i = 0; i < k; i++)
			if (n[i] > 0 && days[i] == next) count += n[i];
		if (seen + count > want) return next;
		seen += count;
		last = next;
	}
}

int percent_of(int64_t part, int64_t whole)
{
	if (whole <= 0) return 0;
	return (int)((part * 200 + whole) / (2 * whole));
}

int average_tenths(int64_t sum, int64_t answers)
{
	if (answers < REFLECTION_MIN_ANSWERS) return -1;
	return (int)((sum * 20 + answers) / (2 * answers));
}

int felt_heard_tenths(const struct influence *f)
{
	return average_tenths(f->felt_heard_sum, f->reflections);
}
