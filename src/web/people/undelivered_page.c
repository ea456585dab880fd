/* Messages to a panel's people that could not be delivered, for those who
 * manage its members: why, and the message itself to send by hand (an
 * invitation read out, texted or printed). Which ones are shown is
 * app_undelivered's. */
#include "app/app.h"
#include "core/lang.h"
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
		respond_error(req, 500, "internal", _("We could not load the messages."));
		return;
	}
	struct buf *b = &req->out;
	struct arena *a = &req->arena;
	page_begin(req, _("Messages not delivered"), NULL);
	html(b, "<a class=\"back-link\" href=\"/panels/%l/members\">%t</a>"
	        "<span class=\"caption\"><bdi>%t</bdi></span><h1 class=\"heading-l\">%t</h1>",
	     p->id, _("Back to the members"), p->name, _("Messages not delivered"));
	if (!req->cfg->mail_relay)
		html(b, "<div class=\"notice\" role=\"status\"><p>%t</p></div>",
		     /* TRANSLATORS: docs/operations.md is a file's name: keep it */
		     _("This server sends no e-mail yet: invitations wait until an administrator sets "
		       "up a mail relay (see docs/operations.md). Until then, send each link yourself: "
		       "it is shown when you make the invitation."));
	if (!n)
		html(b, "<p>%t</p>",
		     _("Every invitation to this panel has been delivered, or is on its way."));
	else
		html(b, "<p>%t</p>",
		     _("These could not be delivered, or have not gone through yet. You can send "
		       "one by hand: read it out, text it or print it. An invitation's link works "
		       "once, for 14 days."));
	for (size_t i = 0; i < n; i++) {
		html(b, "<section class=\"card\" aria-labelledby=\"m%l\"><h2 class=\"heading-s\" "
		        "id=\"m%l\">", m[i].id, m[i].id);
		/* TRANSLATORS: %1$s is a message's subject, %2$s the e-mail address it was for */
		html_sentence(b, C_("message to address", "%s to %s"), 2, html_bdi(a, m[i].subject),
		              html_bdi(a, m[i].to_email));
		html(b, "</h2><dl class=\"summary\"><div><dt>%t</dt><dd>%t</dd></div>"
		        "<div><dt>%t</dt><dd>",
		     /* TRANSLATORS: when the message was made */
		     _("Made"),
		     format_time(req, m[i].created_at, p->time_zone), _("What happened"));
		/* TRANSLATORS: %s is what the mail server said (in English) */
		html_sentence(b, m[i].failed_at ? _("Given up: %s") : _("Still trying. Last time: %s"),
		              1, html_bdi(a, m[i].last_error));
		html(b, "</dd></div><div><dt>%t</dt><dd>%l</dd></div></dl>"
		        "<details><summary>%t</summary><pre class=\"pre\" dir=\"auto\">%t</pre>"
		        "</details></section>",
		     /* TRANSLATORS: how many times sending was tried */
		     _("Tries"), m[i].attempts, _("The message, to send by hand"), m[i].body);
	}
	if (others)
		html(b, "<p>%t</p>",
		     arena_printf(a, ngettext("%lld other message to this panel's people could not be "
		                              "delivered. They are notices, which are not shown here: a "
		                              "notice tells a person what became of what they said, and "
		                              "its address beside it could name who wrote something "
		                              "anonymously.",
		                              "%lld other messages to this panel's people could not be "
		                              "delivered. They are notices, which are not shown here: a "
		                              "notice tells a person what became of what they said, and "
		                              "its address beside it could name who wrote something "
		                              "anonymously.", (unsigned long)others),
		                  (long long)others));
	page_end(req);
}
