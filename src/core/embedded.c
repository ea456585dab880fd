#include "core/embedded.h"

#include <string.h>

const struct embedded_file *embedded_find(const struct embedded_file *table,
                                          const char *name)
{
	for (; table && table->name; table++)
		if (!strcmp(table->name, name)) return table;
	return NULL;
}
