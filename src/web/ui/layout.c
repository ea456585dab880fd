#include "web/ui/layout.h"

#include "core/civil_time.h"
#include "core/lang.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void errors_add(struct form_errors *e, const char *field, const char *message)
{
	if (e->n < MAX_FORM_ERRORS) {
		e->items[e->n].field = field;
		e->items[e->n].message = message;
		e->n++;
	}
}

const char *errors_for(const struct form_errors *e, const char *field)
{
	for (int i = 0; e && i < e->n; i++)
		if (!strcmp(e->items[i].field, field)) return e->items[i].message;
	return NULL;
}

/* What b holds, kept, and b emptied for the next piece. */
static char *take(struct buf *b)
{
	char *s = xstrdup(b->data ? b->data : "");
	buf_reset(b);
	return s;
}

/* The signed-in menu's HTML in one language, around what changes. */
struct menu_html {
	char *before_count, *before_token, *after_token;
};
static _Atomic(struct menu_html *) menus[LANGUAGES];

/* The menu in l (this thread speaks l), made on first use. */
static const struct menu_html *menu_for(const struct language *l)
{
	_Atomic(struct menu_html *) *slot = &menus[l - languages];
	struct menu_html *m = atomic_load(slot);
	if (m) return m;
	struct menu_html *made = xcalloc(1, sizeof *made);
	struct buf b = { 0 };
	html(&b, "<nav aria-label=\"%a\"><ul class=\"nav\">"
	         "<li><a href=\"/panels\">%t</a></li>"
	         "<li><a href=\"/my-contributions\">%t</a></li>"
	         "<li><a href=\"/my-pay\">%t</a></li>"
	         "<li><a href=\"/notices\">%t",
	     _("Main"), _("My panels"), _("What I said"), _("My pay"), _("Notices"));
	made->before_count = take(&b);
	html(&b, "</a></li><li><a href=\"/profile\">%t</a></li>"
	         "<li><a href=\"/my-data\">%t</a></li>"
	         "<li><a href=\"/account\">%t</a></li>"
	         "<li><form method=\"post\" action=\"/sign-out\" class=\"inline\">"
	         "<input type=\"hidden\" name=\"csrf\" value=\"",
	     _("My profile"), _("My data"), _("Account"));
	made->before_token = take(&b);
	html(&b, "\"><button type=\"submit\" class=\"link-button\">%t</button></form></li>"
	         "</ul></nav>", _("Sign out"));
	made->after_token = take(&b);
	buf_free(&b);
	struct menu_html *none = NULL;
	if (atomic_compare_exchange_strong(slot, &none, made)) return made;
	free(made->before_count); /* another thread made it first */
	free(made->before_token);
	free(made->after_token);
	free(made);
	return none;
}

void page_begin(struct request *req, const char *title, const struct form_errors *errs)
{
	struct buf *b = &req->out;
	bool has_errors = errs && errs->n > 0;
	const struct language *l = req->lang ? req->lang : language_default;
	html(b, "<!DOCTYPE html>\n<html lang=\"%r\" dir=\"%r\"><head><meta charset=\"utf-8\">"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	        "<title>%r%t – emptychair</title>"
	        "<link rel=\"icon\" href=\"data:,\">"
	        "<link rel=\"stylesheet\" href=\"/static/style.css\"></head><body>"
	        "<a class=\"skip-link\" href=\"#main\">%t</a>"
	        "<header class=\"site-header\"><div class=\"width\">"
	        "<a class=\"brand\" href=\"/\">emptychair</a>",
	     l->code, language_dir(l), has_errors ? _("Error: ") : "", title,
	     _("Skip to main content"));
	if (req->user) {
		/* How many notices are new (up to 99), said in words to a screen
		 * reader too. */
		enum { SHOWN_MAX = 99 };
		int64_t unread = store_notices_unread_upto(req->store, req->user->id, SHOWN_MAX + 1);
		const char *count = "";
		if (unread > 0)
			count = arena_printf(&req->arena, " <span class=\"badge\">%lld%s<span "
			                                  "class=\"visually-hidden\"> %s</span></span>",
			                     (long long)(unread > SHOWN_MAX ? SHOWN_MAX : unread),
			                     unread > SHOWN_MAX ? "+" : "",
			                     /* TRANSLATORS: after the number of new notices */
			                     _("new"));
		/* The menu in the page's language, made once for each (it is on
		 * every page); the count and the form's token go between. */
		const struct menu_html *m = menu_for(l);
		buf_puts(b, m->before_count);
		buf_puts(b, count);
		buf_puts(b, m->before_token);
		html(b, "%a", csrf_token(req));
		buf_puts(b, m->after_token);
	}
	html(b, "</div></header><div class=\"width\"><main id=\"main\" tabindex=\"-1\">");
	if (has_errors) {
		html(b, "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" "
		        "tabindex=\"-1\"><h2 id=\"error-summary-title\">%t</h2><ul>",
		     _("There is a problem"));
		for (int i = 0; i < errs->n; i++)
			html(b, "<li><a href=\"#%a\">%t</a></li>", errs->items[i].field,
			     errs->items[i].message);
		html(b, "</ul></div>");
	}
}

/* The switcher's links, made once from core/lang.c's table: for each
 * language, what comes before the page's path in its link, and after it;
 * and how it reads when it is the page's own. */
static char *switch_before[LANGUAGES], *switch_after[LANGUAGES], *switch_current[LANGUAGES];
static pthread_once_t switch_made = PTHREAD_ONCE_INIT;

static void make_switch(void)
{
	struct buf b = { 0 };
	for (int i = 0; i < LANGUAGES; i++) {
		const struct language *l = &languages[i];
		html(&b, "<li><a href=\"/language?to=%u&amp;next=", l->code);
		switch_before[i] = take(&b);
		html(&b, "\" lang=\"%r\" dir=\"%r\" hreflang=\"%r\">%t</a></li>", l->code,
		     language_dir(l), l->code, l->name);
		switch_after[i] = take(&b);
		html(&b, "<li><span lang=\"%r\" dir=\"%r\" aria-current=\"true\">%t</span></li>",
		     l->code, language_dir(l), l->name);
		switch_current[i] = take(&b);
	}
	buf_free(&b);
}

/* Every language, each named in itself and marked as such, to switch to;
 * the page comes back where it was (a GET: nothing is sent again). Made
 * of pieces made once: it is on every page. */
static void language_switcher(struct request *req)
{
	pthread_once(&switch_made, make_switch);
	const struct language *now = req->lang ? req->lang : language_default;
	struct buf *b = &req->out;
	/* Back to this page: its path alone (a query may hold a one-time
	 * token), and the home page from an error or a form's answer. */
	const char *back = req->method == M_GET && (!req->status || req->status == 200) && req->path
	                   ? req->path : "/";
	struct buf next = { 0 };
	url_component(&next, back); /* encoded once, copied into each link */
	html(b, "<nav class=\"languages\" aria-label=\"%a\"><ul class=\"inline-list\">",
	     _("Language"));
	for (int i = 0; i < LANGUAGES; i++) {
		if (&languages[i] == now) {
			buf_puts(b, switch_current[i]);
			continue;
		}
		buf_puts(b, switch_before[i]);
		buf_put(b, next.data, next.len);
		buf_puts(b, switch_after[i]);
	}
	buf_free(&next);
	buf_puts(b, "</ul></nav>");
}

void page_end(struct request *req)
{
	html(&req->out, "</main></div><footer class=\"site-footer\"><div class=\"width\">");
	language_switcher(req);
	html(&req->out, "<p>%t <a href=\"/about\">%t</a></p><p><a href=\"/case-studies\">%t</a></p>"
	                "</div></footer></body></html>\n",
	     _("emptychair: who isn't here?"), _("About this site and your data"),
	     _("Case studies"));
	req->status = req->status ? req->status : 200;
}

void ui_form_begin(struct request *req, const char *action)
{
	html(&req->out, "<form method=\"post\" action=\"%a\" novalidate>"
	                "<input type=\"hidden\" name=\"csrf\" value=\"%a\">",
	     action, csrf_token(req));
}

void ui_form_end(struct request *req) { html(&req->out, "</form>"); }

void ui_button(struct request *req, const char *label, const char *cls)
{
	html(&req->out, "<button type=\"submit\" class=\"button%r%r\">%t</button>",
	     cls ? " " : "", cls, label);
}

/* The label, hint and error message that go before a control. */
static void field_head(struct buf *b, const struct form_errors *e, const char *name,
                       const char *label, const char *hint)
{
	const char *err = errors_for(e, name);
	html(b, "<div class=\"field%r\"><label class=\"label\" for=\"%a\">%t</label>",
	     err ? " field-error" : "", name, label);
	if (hint) html(b, "<div class=\"hint\" id=\"%a-hint\">%t</div>", name, hint);
	if (err)
		html(b, "<p class=\"error-message\" id=\"%a-error\"><span class=\"visually-hidden\">"
		        "%t</span> %t</p>", name,
		     /* TRANSLATORS: read by a screen reader before a field's problem */
		     _("Error:"), err);
}

static void described_by(struct buf *b, const struct form_errors *e, const char *name,
                         const char *hint)
{
	bool err = errors_for(e, name) != NULL;
	if (!hint && !err) return;
	html(b, " aria-describedby=\"");
	if (hint) html(b, "%a-hint", name);
	if (err) html(b, "%r%a-error", hint ? " " : "", name);
	html(b, "\"");
	if (err) html(b, " aria-invalid=\"true\"");
}

void ui_input(struct request *req, const struct form_errors *e, const char *name,
              const char *label, const char *hint, const char *value, const char *type,
              const char *autocomplete)
{
	struct buf *b = &req->out;
	field_head(b, e, name, label, hint);
	html(b, "<input class=\"input\" id=\"%a\" name=\"%a\" type=\"%a\" value=\"%a\"", name,
	     name, type, strcmp(type, "password") ? value : "");
	if (autocomplete) html(b, " autocomplete=\"%a\"", autocomplete);
	described_by(b, e, name, hint);
	html(b, "></div>");
}

void ui_textarea(struct request *req, const struct form_errors *e, const char *name,
                 const char *label, const char *hint, const char *value)
{
	struct buf *b = &req->out;
	field_head(b, e, name, label, hint);
	/* What people write, in its own direction (dir="auto"). */
	html(b, "<textarea class=\"textarea\" id=\"%a\" name=\"%a\" rows=\"4\" dir=\"auto\"",
	     name, name);
	described_by(b, e, name, hint);
	html(b, ">%t</textarea></div>", value);
}

/* Marks option_theirs' labels: no text people write holds it (lines of
 * text refuse control characters, core/input.h and account.c). */
static const char THEIRS = '\x1f';

const char *option_theirs(struct arena *a, const char *label)
{
	return arena_printf(a, "%c%s", THEIRS, label ? label : "");
}

/* An option's label as shown: ours looked up in the catalogue; people's
 * (option_theirs) as it is, in its own direction (*dir). */
static const char *option_label(const struct field_option *o, const char **dir)
{
	bool theirs = o->label[0] == THEIRS;
	*dir = theirs ? " dir=\"auto\"" : "";
	return theirs ? o->label + 1 : _(o->label);
}

static bool is_selected(const char *selected, const char *key, bool many)
{
	if (!selected) return false;
	return many ? profile_multi_has(selected, key) : !strcmp(selected, key);
}

void ui_choices(struct request *req, const struct form_errors *e, const char *name,
                const char *legend, const char *hint, const struct field_option *options,
                const char *selected, bool many)
{
	struct buf *b = &req->out;
	const char *err = errors_for(e, name);
	html(b, "<div class=\"field%r\" id=\"%a\"><fieldset class=\"fieldset\"", err ? " field-error" : "",
	     name);
	described_by(b, e, name, hint);
	html(b, "><legend class=\"legend\">%t</legend>", legend);
	if (hint) html(b, "<div class=\"hint\" id=\"%a-hint\">%t</div>", name, hint);
	if (err)
		html(b, "<p class=\"error-message\" id=\"%a-error\"><span class=\"visually-hidden\">"
		        "%t</span> %t</p>", name,
		     /* TRANSLATORS: read by a screen reader before a field's problem */
		     _("Error:"), err);
	html(b, "<div class=\"%r\">", many ? "checkboxes" : "radios");
	int i = 0;
	for (const struct field_option *o = options; o->key; o++, i++) {
		const char *dir, *shown = option_label(o, &dir);
		html(b, "<div class=\"choice\"><input id=\"%a-%d\" name=\"%a\" type=\"%r\" value=\"%a\"%r>"
		        "<label for=\"%a-%d\"%r>%t</label></div>",
		     name, i, name, many ? "checkbox" : "radio", o->key,
		     is_selected(selected, o->key, many) ? " checked" : "", name, i, dir, shown);
	}
	html(b, "</div></fieldset></div>");
}

void ui_select(struct request *req, const struct form_errors *e, const char *name,
               const char *label, const struct field_option *options, const char *selected)
{
	struct buf *b = &req->out;
	field_head(b, e, name, label, NULL);
	html(b, "<select class=\"select\" id=\"%a\" name=\"%a\"", name, name);
	described_by(b, e, name, NULL);
	html(b, ">");
	for (const struct field_option *o = options; o->key; o++) {
		const char *dir, *shown = option_label(o, &dir);
		html(b, "<option value=\"%a\"%r%r>%t</option>", o->key,
		     selected && !strcmp(selected, o->key) ? " selected" : "", dir, shown);
	}
	html(b, "</select></div>");
}

/* Digits of v (any int) at p; returns the end. */
static char *put_int(char *p, int v)
{
	char tmp[12];
	int n = 0;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	do tmp[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0) *p++ = '-';
	while (n) *p++ = tmp[--n];
	return p;
}

/* The zone is applied by core/civil_time.c, which owns the process-wide
 * TZ and its lock. In English, written digit by digit (it is called for
 * every time on every page): exactly what "%d %s %d, %02d:%02d" gives;
 * in another language, with its catalogue's month names and order. */
static const char *const months[] = {
	/* TRANSLATORS: month names as they are written inside a date such as
	 * "3 March 2026" (in Polish, for example, the genitive: "marca"). */
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December") };

const char *format_day(struct request *req, int64_t day)
{
	int y, m, d;
	civil_date_of_day(day, &y, &m, &d);
	/* TRANSLATORS: a date: the day, the month's name, the year ("3 March
	 * 2026"). Reorder with %1$d, %2$s and %3$d if your language needs. */
	return arena_printf(&req->arena, _("%d %s %d"), d, _(months[m - 1]), y);
}

const char *format_quarter(struct request *req, int64_t quarter)
{
	/* TRANSLATORS: a quarter of a year: %1$lld the year, %2$lld 1 to 4 */
	return arena_printf(&req->arena, _("%lld, quarter %lld"), (long long)(quarter / 4),
	                    (long long)(quarter % 4 + 1));
}

const char *format_time(struct request *req, int64_t t, const char *zone)
{
	static const unsigned char month_len[] = { 7, 8, 5, 5, 3, 4, 4, 6, 9, 7, 8, 8 };
	struct civil c;
	civil_from_utc(t, zone, &c);
	if (lang_lookup)
		/* TRANSLATORS: a date and time: the day, the month's name, the
		 * year, the hour (0 to 23) and the minute ("3 March 2026, 14:05").
		 * Reorder with %1$d, %2$s... if your language needs. */
		return arena_printf(&req->arena, _("%d %s %d, %02d:%02d"), c.day,
		                    _(months[c.month - 1]), c.year, c.hour, c.minute);
	/* At most "-2147483648 September -2147483648, 23:59": 42 bytes. */
	char *s = arena_alloc(&req->arena, 48), *p = s;
	p = put_int(p, c.day);
	*p++ = ' ';
	memcpy(p, months[c.month - 1], month_len[c.month - 1]);
	p += month_len[c.month - 1];
	*p++ = ' ';
	p = put_int(p, c.year);
	*p++ = ',';
	*p++ = ' ';
	*p++ = (char)('0' + c.hour / 10);
	*p++ = (char)('0' + c.hour % 10);
	*p++ = ':';
	*p++ = (char)('0' + c.minute / 10);
	*p++ = (char)('0' + c.minute % 10);
	*p = '\0';
	return s;
}
