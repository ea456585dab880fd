#include "core/profile.h"

#include <string.h>

#include "core/lang.h"
#include "core/text.h"

enum { S_ABOUT, S_CONTACT, S_COMMUNICATION, S_ACCESS, S_TAKING_PART, S_PAY,
       S_SUPPORT, S_REPRESENTATION };

const struct profile_section profile_sections[] = {
	[S_ABOUT] = { "about", N_("About me"), NULL },
	[S_CONTACT] = { "contact", N_("How to reach me"), NULL },
	[S_COMMUNICATION] = { "communication", N_("Communication needs"),
		N_("So that what we send you works for you.") },
	/* TRANSLATORS: a heading: access to meetings and papers, for disabled people */
	[S_ACCESS] = { "access", N_("Access"),
		N_("So that meetings and papers work for you. Stewards can only arrange "
		   "things they are allowed to see.") },
	[S_TAKING_PART] = { "taking_part", N_("How I like to take part"), NULL },
	[S_PAY] = { "pay", N_("How I like to be paid"), NULL },
	[S_SUPPORT] = { "support", N_("If a session gets hard"), NULL },
	[S_REPRESENTATION] = { "representation", N_("About me, for representation"),
		N_("Optional. These help the panel see who isn't here yet. Each one is "
		   "kept only if you agree, and you can change your mind at any time.") },
};
const size_t profile_section_count = sizeof profile_sections / sizeof profile_sections[0];

const char profile_consent_text[] =
	N_("I agree that this answer may be used, together with other members' "
	   "answers and never to identify me, to check whether the panel reflects "
	   "the people it is for.");

static const struct field_option channels[] = {
	{ "email", N_("E-mail") }, { "phone", N_("Phone call") }, { "text", N_("Text message") },
	/* TRANSLATORS: letters sent by post */
	{ "post", N_("Post") }, { 0, 0 } };
static const struct field_option formats[] = {
	{ "large_print", N_("Large print") }, { "easy_read", N_("Easy read") },
	{ "bsl", N_("British Sign Language (BSL)") }, { "interpreter", N_("An interpreter") },
	{ "audio", N_("Audio or spoken") }, { "plain_text", N_("Plain text rather than PDF") },
	{ 0, 0 } };
static const struct field_option access[] = {
	{ "step_free", N_("Step-free access") }, { "hearing_loop", N_("Hearing loop") },
	{ "captions", N_("Captions online") }, { "quiet_space", N_("A quiet space") },
	{ "breaks", N_("Regular breaks") }, { "papers_early", N_("Papers well in advance") },
	{ "support_person", N_("A support worker or carer with me") },
	{ "travel", N_("Help with travel") },
	{ "screen_reader", N_("Documents that work with a screen reader") },
	{ 0, 0 } };
static const struct field_option modes[] = {
	{ "online", N_("Online") }, { "in_person", N_("In person") }, { "phone", N_("By phone") },
	{ "in_writing", N_("In writing") }, { "one_to_one", N_("One-to-one") }, { 0, 0 } };
static const struct field_option times[] = {
	{ "weekday_mornings", N_("Weekday mornings") },
	{ "weekday_afternoons", N_("Weekday afternoons") },
	{ "weekday_evenings", N_("Weekday evenings") }, { "weekends", N_("Weekends") }, { 0, 0 } };
static const struct field_option how_often[] = {
	{ "weekly", N_("Up to once a week") }, { "fortnightly", N_("Up to once a fortnight") },
	{ "monthly", N_("Up to once a month") }, { "occasionally", N_("Now and then") }, { 0, 0 } };
static const struct field_option pay[] = {
	{ "bank_transfer", N_("Bank transfer") }, { "voucher", N_("Voucher") },
	{ "training", N_("Training or a certificate") }, { "donate", N_("Donate it to a cause") },
	{ "decline", N_("I'd rather not be paid") }, { 0, 0 } };
static const struct field_option age_bands[] = {
	{ "under_18", N_("Under 18") }, { "18_24", N_("18 to 24") }, { "25_34", N_("25 to 34") },
	{ "35_44", N_("35 to 44") }, { "45_54", N_("45 to 54") }, { "55_64", N_("55 to 64") },
	{ "65_74", N_("65 to 74") }, { "75_plus", N_("75 or over") },
	{ PROFILE_PREFER_NOT, N_("Prefer not to say") }, { 0, 0 } };
static const struct field_option yes_no_prefer[] = {
	{ "yes", N_("Yes") }, { "no", N_("No") }, { PROFILE_PREFER_NOT, N_("Prefer not to say") },
	{ 0, 0 } };

const struct profile_field profile_fields[] = {
	{ "pronouns", N_("Pronouns"),
	  N_("For example: she/her, they/them. Leave blank if you like."),
	  FK_TEXT, NULL, 40, S_ABOUT, VIS_PANEL, NULL, false, false, NULL },
	{ "experience", N_("How I describe my experience"),
	  N_("In your own words, if you want to. Nobody needs to know this."),
	  FK_LONGTEXT, NULL, 2000, S_ABOUT, VIS_SELF, NULL, false, true, NULL },
	{ "phone", N_("Phone number"), NULL,
	  FK_TEXT, NULL, 40, S_CONTACT, VIS_STEWARDS, NULL, false, false, "tel" },
	{ "channels", N_("How to contact me"), N_("Choose all that suit you."),
	  FK_MULTI, channels, 0, S_CONTACT, VIS_STEWARDS, NULL, true, false, NULL },
	{ "formats", N_("Formats that help me"), NULL,
	  FK_MULTI, formats, 0, S_COMMUNICATION, VIS_STEWARDS, NULL, true, false, NULL },
	{ "language", N_("Interpreter or language"),
	  N_("For example: Arabic interpreter, or Tigrinya."),
	  FK_TEXT, NULL, 80, S_COMMUNICATION, VIS_STEWARDS, NULL, true, false, NULL },
	{ "access_needs", N_("Access needs"), N_("Choose all that apply."),
	  FK_MULTI, access, 0, S_ACCESS, VIS_STEWARDS, NULL, true, true, NULL },
	{ "access_notes", N_("Access needs in my own words"), NULL,
	  FK_LONGTEXT, NULL, 2000, S_ACCESS, VIS_STEWARDS, NULL, true, true, NULL },
	{ "modes", N_("Ways I like to take part"), NULL,
	  FK_MULTI, modes, 0, S_TAKING_PART, VIS_STEWARDS, NULL, false, false, NULL },
	{ "times", N_("Times that suit me"), NULL,
	  FK_MULTI, times, 0, S_TAKING_PART, VIS_STEWARDS, NULL, false, false, NULL },
	{ "how_often", N_("How often at most"), NULL,
	  FK_CHOICE, how_often, 0, S_TAKING_PART, VIS_STEWARDS, NULL, false, false, NULL },
	{ "pay", N_("How I like to be paid"),
	  N_("Choose all you would accept. If you would rather not be paid, no fee is claimed for "
	     "you when stewards can see this answer."),
	  FK_MULTI, pay, 0, S_PAY, VIS_STEWARDS, NULL, false, false, NULL },
	{ "hard_session", N_("What helps me if a session gets hard"),
	  N_("For example: a break, a quiet word afterwards, someone to call."),
	  FK_LONGTEXT, NULL, 2000, S_SUPPORT, VIS_STEWARDS, NULL, true, true, NULL },
	{ "age_band", N_("Age"), NULL,
	  FK_CHOICE, age_bands, 0, S_REPRESENTATION, VIS_SELF, "representation.age_band", false, false, NULL },
	{ "gender", N_("Gender"), N_("In your own words."),
	  FK_SELF_DESCRIBED, NULL, 80, S_REPRESENTATION, VIS_SELF, "representation.gender", false, false, NULL },
	{ "ethnicity", N_("Ethnicity"), N_("In your own words."),
	  FK_SELF_DESCRIBED, NULL, 120, S_REPRESENTATION, VIS_SELF, "representation.ethnicity", false, true, NULL },
	{ "disability", N_("Do you consider yourself disabled?"), NULL,
	  FK_CHOICE, yes_no_prefer, 0, S_REPRESENTATION, VIS_SELF, "representation.disability", false, true, NULL },
	{ "area", N_("Area where I live"), N_("A town, district or postcode area, not your address."),
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
		*error = _("Use ordinary text: it contains characters we cannot store.");
		return false;
	}
	text_trim(v);
	switch (f->kind) {
	case FK_TEXT:
	case FK_LONGTEXT:
	case FK_SELF_DESCRIBED:
		if (f->kind == FK_TEXT && strpbrk(v, "\r\n")) {
			*error = _("Keep this to one line.");
			return false;
		}
		if (utf8_length(v) > f->max_chars) {
			*error = arena_printf(a, ngettext("Keep this to %zu character or fewer.",
			                                  "Keep this to %zu characters or fewer.",
			                                  (unsigned long)f->max_chars), f->max_chars);
			return false;
		}
		*out = v;
		return true;
	case FK_CHOICE:
		if (*v && !profile_option_label(f, v)) {
			*error = _("Choose one of the options shown.");
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
				*error = _("Choose from the options shown.");
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
	*error = _("Unknown field.");
	return false;
}

const char *profile_display(const struct profile_field *f, const char *stored,
                            struct arena *a)
{
	if (!stored || !*stored) return "";
	if (!strcmp(stored, PROFILE_PREFER_NOT)) return _("Prefer not to say");
	if (f->kind == FK_CHOICE) {
		const char *l = profile_option_label(f, stored);
		return l ? _(l) : stored;
	}
	if (f->kind != FK_MULTI) return stored;
	struct buf b = {0};
	for (const struct field_option *o = f->options; o->key; o++) {
		if (!profile_multi_has(stored, o->key)) continue;
		if (b.len) buf_puts(&b, ", ");
		buf_puts(&b, _(o->label));
	}
	const char *r = arena_strdup(a, b.data ? b.data : "");
	buf_free(&b);
	return r;
}
