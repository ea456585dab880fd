#ifndef EC_WEB_LAYOUT_H
#define EC_WEB_LAYOUT_H
/* Page chrome and form widgets, in the GOV.UK Design System's patterns
 * (written here, not copied): every input has a visible label and an
 * optional hint tied with aria-describedby; errors appear in a summary at
 * the top that links to each field, and again beside the field; what the
 * person typed is kept. Pages work without JavaScript. */
#include "core/profile.h"
#include "web/http/http.h"
#include "web/ui/html.h"

enum { MAX_FORM_ERRORS = 24 };

struct form_errors {
	struct { const char *field, *message; } items[MAX_FORM_ERRORS];
	int n;
};

void errors_add(struct form_errors *e, const char *field, const char *message);
const char *errors_for(const struct form_errors *e, const char *field);

/* Starts a page: <head>, skip link, header and navigation, <main>. When
 * errs has errors the title starts "Error: " and the summary is shown. */
void page_begin(struct request *req, const char *title, const struct form_errors *errs);
void page_end(struct request *req);

/* A <form method="post"> with its CSRF field. */
void ui_form_begin(struct request *req, const char *action);
void ui_form_end(struct request *req);
void ui_button(struct request *req, const char *label, const char *cls);

/* type: "text", "email", "password", "tel"...; autocomplete may be NULL. */
void ui_input(struct request *req, const struct form_errors *e, const char *name,
              const char *label, const char *hint, const char *value, const char *type,
              const char *autocomplete);
void ui_textarea(struct request *req, const struct form_errors *e, const char *name,
                 const char *label, const char *hint, const char *value);
/* Radios (one) or checkboxes (many) from a NULL-key-terminated option list;
 * selected is one key or a comma-separated set. Labels and legends are
 * shown as given (translated by the caller, _()), except the options'
 * labels, which are looked up here (N_() in the tables), unless they are
 * people's (option_theirs). */
void ui_choices(struct request *req, const struct form_errors *e, const char *name,
                const char *legend, const char *hint, const struct field_option *options,
                const char *selected, bool many);
/* A <select>; its options' labels looked up as ui_choices' are. */
void ui_select(struct request *req, const struct form_errors *e, const char *name,
               const char *label, const struct field_option *options, const char *selected);
/* An option's label that is people's text (a name, a title), or made of
 * words already translated: shown as it is, in its own direction, never
 * looked up. */
const char *option_theirs(struct arena *a, const char *label);

/* Formats a UTC time in a zone, like "3 March 2026, 14:05". */
const char *format_time(struct request *req, int64_t t, const char *zone);
/* A local date (a day number, core/civil_time.h), like "3 March 2026". */
const char *format_day(struct request *req, int64_t day);
/* A calendar quarter, year * 4 + (0..3) (app_quarter), as "2026, quarter 4". */
const char *format_quarter(struct request *req, int64_t quarter);
#endif
