#ifndef EC_CORE_NAMES_H
#define EC_CORE_NAMES_H
/* Stored keys and people's labels for small enums (policy.c, voice.c, pay.c):
 * a table indexed by the enum's values, and NAMES() to define its
 * prefix_key(), prefix_label() and prefix_parse(). Only for .c files. */
#include <stdbool.h>
#include <string.h>

struct name_pair { const char *key, *label; };

#define NAME_COUNT(a) (int)(sizeof(a) / sizeof((a)[0]))

/* The index of key s in t[0..n), or -1. */
static inline int names_lookup(const struct name_pair *t, int n, const char *s)
{
	if (!s) return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(t[i].key, s)) return i;
	return -1;
}

/* Values below first cannot be parsed: they are states, never choices.
 * prefix_is(s): whether s is a key prefix_parse takes (an IN_CHOICE's
 * test, core/input.h). */
#define NAMES(prefix, type, table, first)                                           \
	const char *prefix##_key(type v)                                            \
	{ return (unsigned)v < (unsigned)NAME_COUNT(table) ? table[v].key : "?"; }   \
	const char *prefix##_label(type v)                                          \
	{ return (unsigned)v < (unsigned)NAME_COUNT(table) ? table[v].label : "?"; } \
	bool prefix##_parse(const char *s, type *out)                               \
	{                                                                           \
		int i = names_lookup(table, NAME_COUNT(table), s);                  \
		if (i < (first)) return false;                                      \
		*out = (type)i;                                                     \
		return true;                                                        \
	}                                                                           \
	bool prefix##_is(const char *s)                                             \
	{                                                                           \
		type unused;                                                        \
		return prefix##_parse(s, &unused);                                  \
	}
#endif
