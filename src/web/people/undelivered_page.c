/* Messages to a panel's people that could not be delivered, for those who
 * manage its members: why, and the message itself to send by hand (an
 * invitation read out, texted or printed). Which ones are shown is
 * app_undelivered's. */
#include "app/app.h"
#include "web/http/handlers.h"
#include "web/ui/layout.h"

enum { SHOWN = 100 };

void undelivered_get(struct request *req)
{
	const struct panel *p = req->panel;
	struct outbox_message *m;
	size_t n;
	int64_t others;
	if (app_undelivered(req->store, &req->actor, p->id, SHOWN, &req->arena, &m, &n, &others) !=
	    ST_OK) {
		respond_error(req, 500, "internal", "We could not load the messages.");
		return;
	}
	struct buf *b = &req->out;
	page_begin(req, "Messages not delivered", NULL);
	html(b, "<a class=\"back-link\" href=\"/panels/%l/members\">Back to the members</a>"
	        "<span class=\"caption\">%t</span><h1 class=\"heading-l\">Messages not delivered"
	        "</h1>", p->id, p->name);
	if (!req->cfg->mail_relay)
		html(b, "<div class=\"notice\" role=\"status\"><p>This server sends no e-mail yet: "
		        "invitations wait until an administrator sets up a mail relay (see "
		        "docs/operations.md). Until then, send each link yourself: it is shown when "
		        "you make the invitation.</p></div>");
	if (!n)
		html(b, "<p>Every invitation to this panel has been delivered, or is on its way.</p>");
	else
		html(b, "<p>These could not be delivered, or have not gone through yet. You can send "
		        "one by hand: read it out, text it or print it. An invitation's link works "
		        "once, for 14 days.</p>");
	for (size_t i = 0; i < n; i++) {
		html(b, "<section class=\"card\" aria-labelledby=\"m%l\"><h2 class=\"heading-s\" "
		        "id=\"m%l\">%t to %t</h2><dl class=\"summary\">"
		        "<div><dt>Made</dt><dd>%t</dd></div>"
		        "<div><dt>What happened</dt><dd>%t%t</dd></div>"
		        "<div><dt>Tries</dt><dd>%l</dd></div></dl>"
		        "<details><summary>The message, to send by hand</summary>"
		        "<pre class=\"pre\">%t</pre></details></section>",
		     m[i].id, m[i].id, m[i].subject, m[i].to_email,
		     format_time(req, m[i].created_at, p->time_zone),
		     m[i].failed_at ? "Given up: " : "Still trying. Last time: ", m[i].last_error,
		     m[i].attempts, m[i].body);
	}
	if (others)
		html(b, "<p>%l other message%r to this panel's people could not be delivered. They "
		        "are notices, which are not shown here: a notice tells a person what became of "
		        "what they said, and its address beside it could name who wrote something "
		        "anonymously.</p>", others, others == 1 ? "" : "s");
	page_end(req);
}
