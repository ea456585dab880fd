#ifndef EC_WEB_PAY_UI_H
#define EC_WEB_PAY_UI_H
/* What the pay pages share (pay/pay_page.c, pay/my_pay_page.c, the panel page). */
#include "app/app.h"
#include "web/http/http.h"
#include "web/ui/layout.h"

/* A day number as "2026-11-23", for forms (layout.h's format_day shows it). */
const char *iso_day(struct request *req, int64_t day);
/* A day as people type it ("2026-11-23", "23/11/2026", "23 Nov 2026":
 * civil_read_date) as a day number; 0 when it is not a date. */
int64_t parse_day(const char *s);
/* The panel's pay policy, or false having answered 500. */
bool load_pay_policy(struct request *req, struct pay_policy *pol);
/* A hidden "key" field with a fresh idempotency key (one per form shown). */
void idempotency_field(struct request *req);
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

/* A claim's what (claim_what) on a page: what its payee wrote in <bdi>. */
void claim_what_html(struct request *req, const struct pay_claim *c);
/* " For advice, see <a href=url>name</a>." (name someone wrote; url when
 * it is empty). */
void advice_sentence(struct request *req, const char *name, const char *url);
/* amount (money_format's) a week or a month, in words: "£196.00 a week". */
const char *amount_per_period(struct request *req, const char *amount, enum limit_period p);
/* "first to last", as days in words. */
const char *day_range_text(struct request *req, int64_t first, int64_t last);

/* The server's key for bank details; NULL when it has none. */
static inline const struct auth_seal_key *seal_key(const struct request *req)
{
	return req->cfg->seal_key_loaded ? &req->cfg->seal_key : NULL;
}
/* app_my_pay_standing for the signed-in person. */
bool my_pay_standing(struct request *req, struct my_pay_standing *st);
/* A statement's days from the query: ?tax_year=2025 (6 April 2025 to 5
 * April 2026), or ?from=&to= (days, at most 7 years apart), or by default
 * the tax year holding today. False with *why when they do not fit. */
bool statement_range(struct request *req, struct day_range *out, const char **why);
/* Answers the signed-in person's statement for range as CSV. */
void statement_csv(struct request *req, struct day_range range);
#endif
