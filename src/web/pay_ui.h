#ifndef EC_WEB_PAY_UI_H
#define EC_WEB_PAY_UI_H
/* What the pay pages share (page_pay.c, page_my_pay.c, the panel page). */
#include "app/app.h"
#include "web/http.h"
#include "web/layout.h"

/* A day number as "2026-11-23", for forms (layout.h's format_day shows it). */
const char *iso_day(struct request *req, int64_t day);
/* "2026-11-23" as a day number; 0 when it is not a date. */
int64_t parse_day(const char *s);
/* The panel's pay policy, or false having answered 500. */
bool load_pay_policy(struct request *req, struct pay_policy *pol);
/* Claim {id} (the route's second id) of the panel, or false having
 * answered 404: also when the asker is neither its payee nor a steward
 * running pay. Errors are pages or JSON as the route is (router.c). */
bool load_claim(struct request *req, struct pay_claim *c);
/* A hidden "key" field with a fresh idempotency key (one per form shown). */
void idempotency_field(struct request *req);
/* Logs that the signed-in steward read payee's declared earnings limit:
 * once a day (in the panel's zone) per steward and payee. */
void audit_declaration_read(struct request *req, int64_t payee);
/* Where a claim is, in words ("Paid on 2 November 2026"). */
const char *claim_state_text(struct request *req, const struct pay_claim *c);
/* What a claim is for, in words. */
const char *claim_what(struct request *req, const struct pay_claim *c);
/* A table of claims, each linked to its page. */
void claims_table(struct request *req, const struct pay_claim *c, size_t n, bool show_payee,
                  bool show_panel, const char *caption);
/* The earnings-limit check, in plain facts (own: the payee is reading). */
void limit_check_section(struct request *req, const struct pay_check *k, const char *currency,
                         bool own, const char *payee_name, const struct pay_policy *pol);
/* How quickly the panel pays; link: only the late-payment flag, with a
 * link to the pay page (the panel's home page). */
void timeliness_section(struct request *req, const struct pay_policy *pol, bool link);

/* A person's bank details (UK), sealed at rest (auth_seal) with the
 * server's key; shown only masked, opened only for a payment run's CSV.
 * Whoever holds one wipes it after use (sodium_memzero). */
struct bank_details {
	char name[600];              /* up to 140 characters */
	char sort_code[7], account_number[9];
};
enum bank_read {
	BANK_NONE,        /* none saved, or the server has no key */
	BANK_OPEN,        /* *out holds them */
	BANK_OTHER_KEY,   /* sealed under a key this server does not have */
	BANK_UNREADABLE,  /* they do not open or do not parse */
};
/* for_panel: the panel whose payment run reads them, which must be one the
 * person gave them to (else BANK_NONE); 0 when the person reads their own. */
enum bank_read bank_open(struct request *req, int64_t user_id, int64_t for_panel,
                         struct bank_details *out);
/* Seals and saves them, given to exactly panel_ids (already checked to be
 * among my_pay_standing's bank_panels). */
bool bank_save(struct request *req, int64_t user_id, const struct bank_details *d,
               const int64_t *panel_ids, size_t n);

/* Where the signed-in person stands, for "My pay" and /api/v1/me/pay:
 * their declared limit and its check today (a claim of nothing), in the
 * zone of their first panel; the currency and benefits advice of the
 * first panel of theirs that pays; the panels of theirs that keep bank
 * details, to which they may give theirs. */
struct my_pay_standing {
	const char *zone;
	int64_t today;
	char currency[4];
	const char *advice_name, *advice_url;
	bool bank_wanted;            /* nbank_panels > 0 */
	struct field_option *bank_panels; /* key: the panel's id; label: its name */
	size_t nbank_panels;
	bool declared;
	struct pay_declaration declaration;
	struct pay_check check;
	int64_t waiting;             /* earnings claimed, not yet decided, in every panel */
};
bool my_pay_standing(struct request *req, struct my_pay_standing *st);
/* A statement's days from the query: ?tax_year=2025 (6 April 2025 to 5
 * April 2026), or ?from=&to= (days, at most 7 years apart), or by default
 * the tax year holding today. False with *why when they do not fit. */
bool statement_range(struct request *req, struct day_range *out, const char **why);
/* Answers the signed-in person's statement for range as CSV. */
void statement_csv(struct request *req, struct day_range range);
#endif
