#ifndef EC_WEB_LEARNING_CASES_UI_H
#define EC_WEB_LEARNING_CASES_UI_H
/* What the case-study pages share (cases_page.c, feed_page.c, and the
 * about page): a case study as it is read, the line that says where one
 * comes from, and this site's feed key. */
#include "app/app.h"
#include "web/http/http.h"

/* "Carers' panel · Co-design (rung 6) · Carers", for lists: markup, the
 * panel's name in <bdi> (write it with %r). */
const char *case_source_line(struct request *req, const struct case_study *c);
/* This site's key for its feed of case studies (auth_feed_keypair), in
 * base64 as the about page shows it. */
const char *feed_public_key(struct request *req);
/* The case study: its title, brief, facts, the people who agreed to be
 * named, and its story under each heading written. */
void case_html(struct request *req, const struct case_view *v);
#endif
