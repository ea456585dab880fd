/* libFuzzer target for the configuration file's parser (core/config.c):
 * any bytes as a file. Besides memory errors and undefined behaviour it
 * abort()s when a file taken holds a setting not known, one twice, lines
 * out of order, or a value with a control character; or when a file
 * refused gives no message. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void broken(const char *what)
{
	fprintf(stderr, "fuzz_config: contract broken: %s\n", what);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *keys[64];
	for (size_t k = 0; k < config_setting_count; k++) keys[k] = config_settings[k].key;
	struct arena a = { 0 };
	struct config c;
	char error[256] = "";
	if (!config_parse((const char *)data, size, keys, config_setting_count, &a, &c, error,
	                  sizeof error)) {
		if (!*error) broken("refused without a message");
		arena_free(&a);
		return 0;
	}
	for (size_t i = 0; i < c.n; i++) {
		bool known = false;
		for (size_t k = 0; k < config_setting_count; k++) known |= !strcmp(keys[k], c.entries[i].key);
		if (!known) broken("a setting not known");
		if (config_get(&c, c.entries[i].key) != &c.entries[i]) broken("a setting twice");
		if (i && c.entries[i].line <= c.entries[i - 1].line) broken("lines out of order");
		for (const char *p = c.entries[i].value; *p; p++)
			if ((unsigned char)*p < 0x20) broken("a control character in a value");
	}
	arena_free(&a);
	return 0;
}
