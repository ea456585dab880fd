#ifndef EC_CORE_VOICE_H
#define EC_CORE_VOICE_H
/* Voice and influence as plain values and rules, no I/O: projects and the
 * co-production ladder, meetings, agenda items, contributions, responses
 * ("you said, we did"), reflections and the influence figures made from
 * them. Who may do what is policy.h's; this says what is valid and what
 * the figures mean.
 *
 * Each enum has a stored key ("adopted_in_part") and a label for people
 * ("Adopted in part"); *_parse() returns false for anything unknown.
 * Labels, stage hints and the ladder's words are returned in English,
 * marked for translation: show them through _(), as _(kind_label(k)). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- projects ---- */
enum project_stage { STAGE_SHAPING = 0, STAGE_DESIGN, STAGE_DELIVERY, STAGE_EVALUATION,
                     STAGE__COUNT };
const char *stage_key(enum project_stage s);
const char *stage_label(enum project_stage s);
const char *stage_hint(enum project_stage s);
bool stage_parse(const char *s, enum project_stage *out);
bool stage_is(const char *s);

/* The TLAP ladder of co-production, rungs 1 (coercion) to 7
 * (co-production); PRODUCT.md. */
enum { RUNG_MIN = 1, RUNG_MAX = 7 };
/* Why an item proposed was left off an agenda, told to who proposed it. */
enum { AGENDA_REASON_MAX_CHARS = 2000 };
const char *rung_label(int rung);          /* "Co-design" */
const char *rung_group(int rung);          /* "doing to" / "doing for" / "doing with" */
const char *rung_meaning(int rung);        /* one plain sentence */

/* ---- meetings ---- */
enum meeting_reply { REPLY_NONE = 0, REPLY_COMING, REPLY_NOT_COMING, REPLY_MAYBE };
const char *reply_key(enum meeting_reply r);
const char *reply_label(enum meeting_reply r);
bool reply_parse(const char *s, enum meeting_reply *out); /* never REPLY_NONE */
bool reply_is(const char *s);

enum item_state { ITEM_PROPOSED = 0, ITEM_AGREED, ITEM_NOT_TAKEN };
const char *item_state_key(enum item_state s);
const char *item_state_label(enum item_state s);
bool item_state_parse(const char *s, enum item_state *out);
bool item_state_is(const char *s);

/* ---- contributions and responses ---- */
enum contribution_kind { KIND_IDEA = 0, KIND_CONCERN, KIND_QUESTION, KIND_RECOMMENDATION };
const char *kind_key(enum contribution_kind k);
const char *kind_label(enum contribution_kind k);
bool kind_parse(const char *s, enum contribution_kind *out);
bool kind_is(const char *s);

/* Who a contribution is shown as coming from. Only "named" ever shows the
 * author to anyone but the author; "group" shows the group's name. */
enum attribution { ATTR_NAMED = 0, ATTR_ANONYMOUS, ATTR_GROUP };
const char *attribution_key(enum attribution a);
const char *attribution_label(enum attribution a);
bool attribution_parse(const char *s, enum attribution *out);
bool attribution_is(const char *s);

/* A contribution's state is its latest response's status, or AWAITING.
 * RECEIVED and UNDER_CONSIDERATION are interim answers; the other four are
 * outcomes. A contribution is open until it has an outcome, and overdue
 * when open after its due time: an acknowledgement does not stop the
 * clock. */
enum response_status { RS_AWAITING = 0, RS_RECEIVED, RS_UNDER_CONSIDERATION, RS_ADOPTED,
                       RS_ADOPTED_IN_PART, RS_NOT_ADOPTED, RS_REFERRED, RS__COUNT };
const char *response_status_key(enum response_status s);
const char *response_status_label(enum response_status s);
/* Parses a status someone may give (never RS_AWAITING). */
bool response_status_parse(const char *s, enum response_status *out);
bool response_status_is(const char *s);
bool response_is_outcome(enum response_status s);
bool contribution_overdue(enum response_status s, int64_t due_at, int64_t now);

/* What a response must say, by status: an outcome needs who decided;
 * "adopted" and "adopted in part" need what was done; "not adopted" needs
 * the reason (not "not ours to decide": then it is referred); "referred"
 * needs to whom. Returns NULL when r is complete, else the name of the
 * first missing field ("what_done", "reason", "referred_to",
 * "decided_by") and *message says what to write, in plain words (in the
 * language this thread speaks). */
struct response_text {
	enum response_status status;
	const char *what_done, *reason, *referred_to, *decided_by;
};
const char *response_missing(const struct response_text *r, const char **message);

/* ---- reflections ---- */
enum { REFLECTION_MIN_ANSWERS = 5 };  /* never shown from fewer answers */
/* An answer of a reflection's question; YPN_PASS: passed, without saying
 * why (the right to pass). */
enum yes_partly_no { YPN_YES = 0, YPN_PARTLY, YPN_NO, YPN_PASS, YPN__COUNT };
const char *ypn_key(enum yes_partly_no v);
const char *ypn_label(enum yes_partly_no v);
bool ypn_parse(const char *s, enum yes_partly_no *out);
bool ypn_is(const char *s);

/* ---- influence figures ---- */

/* Figures for a panel or a project, from the counts the store keeps. */
struct influence {
	int64_t contributions;        /* in all */
	int64_t answered;             /* with an outcome */
	int64_t adopted;              /* adopted in full or in part */
	int64_t overdue;              /* open past their due time */
	int64_t median_days;          /* contribution to first outcome; -1 when none */
	int64_t reflections;          /* answers to "did you feel heard?" released
	                               * (whole groups of REFLECTION_MIN_ANSWERS of
	                               * each meeting: docs/privacy.md) */
	int64_t felt_heard_sum;       /* of those answers, 1..5 each */
};

/* The median of a histogram of whole days (days[i] occurring n[i] times,
 * in any order): the lower middle value when the total is even, so it is
 * always a number of days that occurred; -1 when the total is 0. */
int64_t median_of_days(const int64_t *days, const int64_t *n, size_t k);

/* part as a whole percentage of whole, rounded half up; 0 when whole is 0. */
int percent_of(int64_t part, int64_t whole);

/* The average of answers felt-heard scores summing to sum, in tenths
 * rounded half up (4.25 → 43), or -1 when there are fewer than
 * REFLECTION_MIN_ANSWERS answers, so it is never shown. */
int average_tenths(int64_t sum, int64_t answers);
/* The same for a panel's or project's influence figures. */
int felt_heard_tenths(const struct influence *f);
#endif
