#ifndef EC_WEB_PEOPLE_PEOPLE_UI_H
#define EC_WEB_PEOPLE_PEOPLE_UI_H
/* Pieces of page about people that other pages show. */
#include "web/http/http.h"

/* Steward-facing summary of the access and communication needs a member
 * shares with stewards, the things stewards must act on; "None shared"
 * when vp holds none (members' and meetings' pages). */
struct visible_profile;
void needs_summary(struct request *req, const struct visible_profile *vp);

/* A one-time link just made (an invitation, a sign-in link) travels to
 * the page the steward is sent to in a cookie of its own, name, sealed to
 * context (the steward, the panel...), on path, for a few minutes and one
 * showing: the POST answers with a redirect (reloading makes no second
 * one), yet the link is never written in an address, a history or a log.
 * False when the server has no sealing key: show it on the POST's answer. */
bool once_cookie_put(struct request *req, const char *name, const char *context,
                     const char *path, const char *link);
/* The link in that cookie, taken (the cookie cleared); NULL when none. */
const char *once_cookie_take(struct request *req, const char *name, const char *context,
                             const char *path);
/* " Paused" or " Has reached their own limit" as a tag after a name, for
 * those who organise people (app_limit_flag: never why); "" otherwise. */
const char *limit_flag_html(struct request *req, int64_t user_id);
/* A person's wellbeing signals as a list: in gentle words, with what
 * they can do, for themself (own); else as short facts, for the stewards
 * they shared them with. Nothing when none. */
void signals_html(struct request *req, unsigned signals, bool own);
#endif
