#ifndef EC_CORE_EMBEDDED_H
#define EC_CORE_EMBEDDED_H
/* Files compiled into the binary by tools/embed.c. Each table ends with an
 * entry whose name is NULL. data is NUL-terminated; size excludes the NUL. */
#include <stddef.h>

struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t size;
	const char *etag; /* "\"<16 hex digits>\"": the content's FNV-1a */
};

extern const struct embedded_file embedded_assets[];
extern const struct embedded_file embedded_migrations_sqlite[];
extern const struct embedded_file embedded_migrations_postgresql[];
extern const struct embedded_file embedded_data[]; /* src/data: shipped defaults */

/* Returns the entry called name in table, or NULL. */
const struct embedded_file *embedded_find(const struct embedded_file *table,
                                          const char *name);
#endif
