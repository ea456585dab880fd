#ifndef EC_WEB_PEOPLE_PEOPLE_UI_H
#define EC_WEB_PEOPLE_PEOPLE_UI_H
/* Pieces of page about people that other pages show. */
#include "web/http/http.h"

/* Steward-facing summary of the access and communication needs a member
 * shares with stewards, the things stewards must act on; "None shared"
 * when vp holds none (members' and meetings' pages). */
struct visible_profile;
void needs_summary(struct request *req, const struct visible_profile *vp);
#endif
