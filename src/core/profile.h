#ifndef EC_CORE_PROFILE_H
#define EC_CORE_PROFILE_H
/* The member-owned profile: a catalogue of fields, each with the member's
 * own choice of who sees it (policy.h's enum visibility).
 *
 * Principles (PRODUCT.md): nothing beyond a name and a way to reach someone
 * is ever required; members describe themselves in their own words; the
 * characteristics used for representation are each consented to apart, and
 * an answer is stored only while that consent stands. */
#include <stdbool.h>
#include <stddef.h>

#include "core/mem.h"
#include "core/policy.h"

enum field_kind {
	FK_TEXT,            /* one line */
	FK_LONGTEXT,        /* several lines, in the member's own words */
	FK_CHOICE,          /* one option key */
	FK_MULTI,           /* a comma-separated set of option keys */
	FK_SELF_DESCRIBED,  /* own words, or PROFILE_PREFER_NOT */
};

/* Stored value of a FK_SELF_DESCRIBED or FK_CHOICE field meaning the member
 * chose "Prefer not to say". */
#define PROFILE_PREFER_NOT "prefer_not_to_say"

struct field_option {
	const char *key;
	const char *label;   /* in English, marked N_(): shown through _() */
};

/* Titles, labels and hints here are in English, marked N_(): shown
 * through _(). */
struct profile_section {
	const char *key;
	const char *title;
	const char *hint;
};

struct profile_field {
	const char *key;
	const char *label;
	const char *hint;
	enum field_kind kind;
	const struct field_option *options;  /* NULL-key terminated */
	size_t max_chars;
	int section;                         /* index into profile_sections */
	enum visibility default_visibility;
	/* Non-NULL for representation characteristics: the consent purpose
	 * that must be given before a value is kept. */
	const char *consent_purpose;
	/* Access and communication needs: stewards are shown these where they
	 * organise things, if the member shares them with stewards. */
	bool steward_actionable;
	/* Health, ethnicity, disability and the like (UK GDPR article 9). */
	bool special_category;
	/* FK_TEXT: the input's type and autocomplete token ("tel"); NULL for
	 * plain text. */
	const char *input_type;
};

extern const struct profile_section profile_sections[];
extern const size_t profile_section_count;
extern const struct profile_field profile_fields[];
extern const size_t profile_field_count;

/* The wording version of the representation consent shown to members;
 * recorded with each consent so a later change of wording is traceable. */
#define PROFILE_CONSENT_WORDING "2026-11-representation-v1"
extern const char profile_consent_text[]; /* marked N_(): shown through _() */

const struct profile_field *profile_field_find(const char *key);

/* Validates a raw value typed or chosen by the member and returns its
 * stored form in *out (allocated in a): text trimmed; multi-choice keys
 * de-duplicated in catalogue order. An empty result means "not answered".
 * On failure returns false and sets *error to a plain-language sentence,
 * in the language this thread speaks. */
bool profile_normalise(const struct profile_field *f, const char *raw,
                       struct arena *a, const char **out, const char **error);

/* The label of option key in f (in English: _() to show it), or NULL. */
const char *profile_option_label(const struct profile_field *f, const char *key);

/* A human rendering of a stored value (option labels joined with ", "), in
 * the language this thread speaks. */
const char *profile_display(const struct profile_field *f, const char *stored,
                            struct arena *a);

/* True when the comma-separated stored value contains option key. */
bool profile_multi_has(const char *stored, const char *key);
#endif
