#ifndef EC_CORE_INPUT_H
#define EC_CORE_INPUT_H
/* Inputs declared once. Each use case that takes input lists its fields
 * (name, kind, whether required, limits in characters, ranges, allowed
 * values) beside it in app/. The form reader (web/http/inputs.c) and the JSON
 * reader (web/http/api_json.c) both apply the declaration before the use case
 * runs, with the functions below, so that a page and the API refuse the
 * same input, naming the same field, in the same words; and the use case
 * checks its arguments against the same declaration (input_check_*), so
 * that nothing else (the command line, the demo) can go round it.
 *
 * A field's "problem" is a plain sentence fit to show the person, in the
 * language this thread speaks (core/lang.h): its own `missing` or `wrong`
 * when declared (marked N_() in the declaration, translated here), else
 * one made from the declaration ("Keep it to 200 characters or fewer."). */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/mem.h"

enum input_kind {
	IN_TEXT,     /* text, line breaks allowed; trimmed; max: characters */
	IN_LINE,     /* one line of text: no line breaks or control characters */
	IN_CHOICE,   /* one of the keys that choice() takes */
	IN_INT,      /* a whole number from min to max */
	IN_ID,       /* a row's id: a whole number from 1 */
	IN_BOOL,     /* yes or no: a form's "1"/"0", JSON's true/false */
	IN_IDS,      /* row ids, each once: a form's repeated field or commas, a JSON array */
	IN_DATE,     /* a day as people type it (civil_read_date): a day number */
	IN_TIME,     /* a time of day as people type it (civil_read_clock): minutes */
	IN_MONEY,    /* an amount: a form's "27.50" or "£1,200" (money_parse), JSON's
	              * integer minor units; min to max minor units */
	IN_MINUTES,  /* a length of time: a form's "1:30" or hours ("2.5"), JSON's
	              * integer minutes; min to max minutes */
	IN_CHOICES,  /* some of the keys that choice() takes, each once: a form's repeated
	              * field, a JSON array of strings; text is them joined with commas */
};

struct input_field {
	const char *name;             /* the form field and the JSON key */
	enum input_kind kind;
	bool required;                /* it must be given (a form's field, a JSON key) */
	int64_t min, max;             /* IN_INT: the range; IN_TEXT, IN_LINE: max characters
	                               * (min > 0: at least that many); IN_IDS: max count */
	bool (*choice)(const char *key); /* IN_CHOICE: whether key is one (names.h's *_is) */
	const char *missing;          /* when required and not given (N_()); NULL: made up */
	const char *wrong;            /* when given but it does not fit (N_()); NULL: made up */
	bool blank_ok;                /* text given empty counts as given (""): "clear it";
	                               * IN_CHOICES given none counts as given, none */
};

/* A field as read. Absent or empty (text that is only spaces included):
 * given is false, text "", number 0, no ids; but empty text of a blank_ok
 * field that is present is given, as "". */
struct input_value {
	bool given;
	const char *text;             /* trimmed text; a choice's key; "" otherwise */
	int64_t number;               /* IN_INT, IN_ID, IN_BOOL (0/1), IN_DATE (day number),
	                               * IN_TIME (minutes after midnight), IN_MONEY (minor
	                               * units), IN_MINUTES */
	int64_t *ids;                 /* IN_IDS */
	size_t nids;
};

/* Reads raw (a form's value or a JSON string; NULL when absent) as f
 * declares, into *v (strings, and the words of a problem, in a, which must
 * not be NULL). False with *problem when it is
 * missing but required, or does not fit. For IN_IDS, raw is the form's
 * values joined with commas. */
bool input_read_text(const struct input_field *f, const char *raw, struct arena *a,
                     struct input_value *v, const char **problem);
/* Reads a JSON number (IN_INT, IN_ID, IN_MONEY, IN_MINUTES) or boolean
 * (IN_BOOL, n 0 or 1). */
bool input_read_number(const struct input_field *f, int64_t n, struct arena *a,
                       struct input_value *v, const char **problem);
/* Reads a JSON array of ids (IN_IDS), in place: each id is kept once. */
bool input_read_ids(const struct input_field *f, int64_t *ids, size_t n,
                    struct input_value *v, const char **problem);
/* The problem of a required field that was not given. */
const char *input_missing(const struct input_field *f);

/* For the use cases: whether text (already trimmed; NULL as "") fits f
 * (IN_TEXT, IN_LINE, IN_CHOICE). False with *problem (made in a)
 * otherwise. */
bool input_check_text(const struct input_field *f, const char *text, struct arena *a,
                      const char **problem);
/* Whether number fits f's range (IN_INT, IN_ID, IN_MONEY, IN_MINUTES). */
bool input_check_number(const struct input_field *f, int64_t number, struct arena *a,
                        const char **problem);
#endif
