#include "core/profile.h"

#include <string.h>

#include "core/text.h"

enum { S_ABOUT, S_CONTACT, S_COMMUNICATION, S_ACCESS, S_TAKING_PART, S_PAY,
       S_SUPPORT, S_REPRESENTATION };

const struct profile_section profile_sections[] = {
	[S_ABOUT] = { "about", "About me", NULL },
	[S_CONTACT] = { "contact", "How to reach me", NULL },
	[S_COMMUNICATION] = { "communication", "Communication needs",
		"So that what we send you works for you." },
	[S_ACCESS] = { "access", "Access",
		"So that meetings and papers work for you. Stewards can only arrange "
		"things they are allowed to see." },
	[S_TAKING_PART] = { "taking_part", "How I like to take part", NULL },
	[S_PAY] = { "pay", "How I like to be paid", NULL },
	[S_SUPPORT] = { "support", "If a session gets hard", NULL },
	[S_REPRESENTATION] = { "representation", "About me, for representation",
		"Optional. These help the panel see who isn't here yet. Each one is "
		"kept only if you agree, and you can change your mind at any time." },
};
const size_t profile_section_count = sizeof profile_sections / sizeof profile_sections[0];

const char profile_consent_text[] =
	"I agree that this answer may be used, together with other members' "
	"answers and never to identify me, to check whether the panel reflects "
	"the people it is for.";

static const struct field_option channels[] = {
	{ "email", "E-mail" }, { "phone", "Phone call" }, { "text", "Text message" },
	{ "post", "Post" }, { 0, 0 } };
static const struct field_option formats[] = {
	{ "large_print", "Large print" }, { "easy_read", "Easy read" },
	{ "bsl", "British Sign Language (BSL)" }, { "interpreter", "An interpreter" },
	{ "audio", "Audio or spoken" }, { "plain_text", "Plain text rather than PDF" },
	{ 0, 0 } };
static const struct field_option access[] = {
	{ "step_free", "Step-free access" }, { "hearing_loop", "Hearing loop" },
	{ "captions", "Captions online" }, { "quiet_space", "A quiet space" },
	{ "breaks", "Regular breaks" }, { "papers_early", "Papers well in advance" },
	{ "support_person", "A support worker or carer with me" },
	{ "travel", "Help with travel" }, { "screen_reader", "Documents that work with a screen reader" },
	{ 0, 0 } };
static const struct field_option modes[] = {
	{ "online", "Online" }, { "in_person", "In person" }, { "phone", "By phone" },
	{ "in_writing", "In writing" }, { "one_to_one", "One-to-one" }, { 0, 0 } };
static const struct field_option times[] = {
	{ "weekday_mornings", "Weekday mornings" }, { "weekday_afternoons", "Weekday afternoons" },
	{ "weekday_evenings", "Weekday evenings" }, { "weekends", "Weekends" }, { 0, 0 } };
static const struct field_option how_often[] = {
	{ "weekly", "Up to once a week" }, { "fortnightly", "Up to once a fortnight" },
	{ "monthly", "Up to once a month" }, { "occasionally", "Now and then" }, { 0, 0 } };
static const struct field_option pay[] = {
	{ "bank_transfer", "Bank transfer" }, { "voucher", "Voucher" },
	{ "training", "Training or a certificate" }, { "donate", "Donate it to a cause" },
	{ "decline", "I'd rather not be paid" }, { 0, 0 } };
static const struct field_option age_bands[] = {
	{ "under_18", "Under 18" }, { "18_24", "18 to 24" }, { "25_34", "25 to 34" },
	{ "35_44", "35 to 44" }, { "45_54", "45 to 54" }, { "55_64", "55 to 64" },
	{ "65_74", "65 to 74" }, { "75_plus", "75 or over" },
	{ PROFILE_PREFER_NOT, "Prefer not to say" }, { 0, 0 } };
static const struct field_option yes_no_prefer[] = {
	{ "yes", "Yes" }, { "no", "No" }, { PROFILE_PREFER_NOT, "Prefer not to say" },
	{ 0, 0 } };

const struct profile_field profile_fields[] = {
	{ "pronouns", "Pronouns", "For example: she/her, they/them. Leave blank if you like.",
	  FK_TEXT, NULL, 40, S_ABOUT, VIS_PANEL, NULL, false, false, NULL },
	{ "experience", "How I describe my experience",
	  "In your own words, if you want to. Nobody needs to know this.",
	  FK_LONGTEXT, NULL, 2000, S_ABOUT, VIS_SELF, NULL, false, true, NULL },
	{ "phone", "Phone number", NULL,
	  FK_TEXT, NULL, 40, S_CONTACT, VIS_STEWARDS, NULL, false, false, "tel" },
	{ "channels", "How to contact me", "Choose all that suit you.",
	  FK_MULTI, channels, 0, S_CONTACT, VIS_STEWARDS, NULL, true, false, NULL },
	{ "formats", "Formats that help me", NULL,
	  FK_MULTI, formats, 0, S_COMMUNICATION, VIS_STEWARDS, NULL, true, false, NULL },
	{ "language", "Interpreter or language",
	  "For example: Arabic interpreter, or Tigrinya.",
	  FK_TEXT, NULL, 80, S_COMMUNICATION, VIS_STEWARDS, NULL, true, false, NULL },
	{ "access_needs", "Access needs", "Choose all that apply.",
	  FK_MULTI, access, 0, S_ACCESS, VIS_STEWARDS, NULL, true, true, NULL },
	{ "access_notes", "Access needs in my own words", NULL,
	  FK_LONGTEXT, NULL, 2000, S_ACCESS, VIS_STEWARDS, NULL, true, true, NULL },
	{ "modes", "Ways I like to take part", NULL,
	  FK_MULTI, modes, 0, S_TAKING_PART, VIS_STEWARDS, NULL, false, false, NULL },
	{ "times", "Times that suit me", NULL,
	  FK_MULTI, times, 0, S_TAKING_PART, VIS_STEWARDS, NULL, false, false, NULL },
	{ "how_often", "How often at most", NULL,
	  FK_CHOICE, how_often, 0, S_TAKING_PART, VIS_STEWARDS, NULL, false, false, NULL },
	{ "pay", "How I like to be paid",
	  "Choose all you would accept. If you would rather not be paid, no fee is claimed for you "
	  "when stewards can see this answer.",
	  FK_MULTI, pay, 0, S_PAY, VIS_STEWARDS, NULL, false, false, NULL },
	{ "hard_session", "What helps me if a session gets hard",
	  "For example: a break, a quiet word afterwards, someone to call.",
	  FK_LONGTEXT, NULL, 2000, S_SUPPORT, VIS_STEWARDS, NULL, true, true, NULL },
	{ "age_band", "Age", NULL,
	  FK_CHOICE, age_bands, 0, S_REPRESENTATION, VIS_SELF, "representation.age_band", false, false, NULL },
	{ "gender", "Gender", "In your own words.",
	  FK_SELF_DESCRIBED, NULL, 80, S_REPRESENTATION, VIS_SELF, "representation.gender", false, false, NULL },
	{ "ethnicity", "Ethnicity", "In your own words.",
	  FK_SELF_DESCRIBED, NULL, 120, S_REPRESENTATION, VIS_SELF, "representation.ethnicity", false, true, NULL },
	{ "disability", "Do you consider yourself disabled?", NULL,
	  FK_CHOICE, yes_no_prefer, 0, S_REPRESENTATION, VIS_SELF, "representation.disability", false, true, NULL },
	{ "area", "Area where I live", "A town, district or postcode area, not your address.",
	  FK_SELF_DESCRIBED, NULL, 80, S_REPRESENTATION, VIS_SELF, "representation.area", false, false, NULL },
};
const size_t profile_field_count = sizeof profile_fields / sizeof profile_fields[0];

const struct profile_field *profile_field_find(const char *key)
{
	for (size_t i = 0; key && i < profile_field_count; i++)
		if (!strcmp(profile_fields[i].key, key)) return &profile_fields[i];
	return NULL;
}

const char *profile_option_label(const struct profile_field *f, const char *key)
{
	for (const struct field_option *o = f->options; o && o->key; o++)
		if (!strcmp(o->key, key)) return o->label;
	return NULL;
}

bool profile_multi_has(const char *stored, const char *key)
{
	size_t n = strlen(key);
	for (const char *p = stored; p && *p;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len == n && !memcmp(p, key, n)) return true;
		p = comma ? comma + 1 : NULL;
	}
	return false;
}

bool profile_normalise(const struct profile_field *f, const char *raw,
                       struct arena *a, const char **out, const char **error)
{
	char *v = arena_strdup(a, raw ? raw : "");
	if (!utf8_valid(v, strlen(v))) {
		*error = "Use ordinary text: it contains characters we cannot store.";
		return false;
	}
	text_trim(v);
	switch (f->kind) {
	case FK_TEXT:
	case FK_LONGTEXT:
	case FK_SELF_DESCRIBED:
		if (f->kind == FK_TEXT && strpbrk(v, "\r\n")) {
			*error = "Keep this to one line.";
			return false;
		}
		if (utf8_length(v) > f->max_chars) {
			*error = arena_printf(a, "Keep this to %zu characters or fewer.", f->max_chars);
			return false;
		}
		*out = v;
		return true;
	case FK_CHOICE:
		if (*v && !profile_option_label(f, v)) {
			*error = "Choose one of the options shown.";
			return false;
		}
		*out = v;
		return true;
	case FK_MULTI: {
		/* Split on commas, trim each key, refuse unknown ones; the result
		 * lists each chosen option once, in catalogue order. */
		const char *given[64];
		size_t n = 0;
		for (char *p = v, *next; p; p = next) {
			char *comma = strchr(p, ',');
			next = comma ? comma + 1 : NULL;
			if (comma) *comma = 0;
			text_trim(p);
			if (!*p) continue;
			if (!profile_option_label(f, p) || n == sizeof given / sizeof given[0]) {
				*error = "Choose from the options shown.";
				return false;
			}
			given[n++] = p;
		}
		struct buf b = {0};
		for (const struct field_option *o = f->options; o->key; o++) {
			for (size_t i = 0; i < n; i++) {
				if (strcmp(given[i], o->key)) continue;
				if (b.len) buf_putc(&b, ',');
				buf_puts(&b, o->key);
				break;
			}
		}
		*out = arena_strdup(a, b.data ? b.data : "");
		buf_free(&b);
		return true;
	}
	}
	*error = "Unknown field.";
	return false;
}

const char *profile_display(const struct profile_field *f, const char *stored,
                            struct arena *a)
{
	if (!stored || !*stored) return "";
	if (!strcmp(stored, PROFILE_PREFER_NOT)) return "Prefer not to say";
	if (f->kind == FK_CHOICE) {
		const char *l = profile_option_label(f, stored);
		return l ? l : stored;
	}
	if (f->kind != FK_MULTI) return stored;
	struct buf b = {0};
	for (const struct field_option *o = f->options; o->key; o++) {
		if (!profile_multi_has(stored, o->key)) continue;
		if (b.len) buf_puts(&b, ", ");
		buf_puts(&b, o->label);
	}
	const char *r = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return r;
}
