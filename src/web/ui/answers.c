/* What every page file shares to answer (answers.h). */
#include "web/ui/answers.h"

#include <string.h>

#include "app/app.h"
#include "core/lang.h"
#include "core/text.h"

const char *safe_next(struct request *req, const char *next)
{
	/* Only a local path made of plain URL characters: browsers drop tabs
	 * and newlines and read "\" as "/", so "/\t/evil.example" would leave
	 * the site; anything unusual falls back to the panel list. */
	static const char allowed[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                              "0123456789/-_.~?=&%#";
	if (!next || next[0] != '/' || next[1] == '/' || strspn(next, allowed) != strlen(next))
		return "/panels";
	return next;
}

void respond_app_error(struct request *req, const struct app_error *err)
{
	respond_error_field(req, err->status, err->code, err->field, err->message);
}

bool app_error_to_form(struct request *req, const struct app_error *err, struct form_errors *e)
{
	if (!err->field) {
		respond_app_error(req, err);
		return false;
	}
	errors_add(e, err->field, err->message);
	req->status = err->status;
	return true;
}

bool read_before(struct request *req, int64_t *before)
{
	*before = 0;
	const char *arg = form_get(&req->query, "before");
	if (arg && !parse_i64(arg, 1, INT64_MAX, before)) {
		respond_error(req, 400, "bad_query", _("The page address is not right."));
		return false;
	}
	return true;
}
