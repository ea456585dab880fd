#ifndef EC_CLI_OPTIONS_H
#define EC_CLI_OPTIONS_H
/* Command-line options, declared once per command. A command lists the
 * options it takes; cli_parse accepts exactly those (as "--name VALUE" or
 * "--name=VALUE"), the global ones (--db, --public-url, --help) anywhere,
 * and up to a declared number of plain arguments. Anything else is refused
 * with a message naming it: a mistyped option never falls back silently
 * to a default ("--prot 18124" must not serve on 8080). */
#include <stdbool.h>

#include "cli/cli.h"

struct cli_opt {
	const char *name;     /* "--port" */
	bool takes_value;     /* "--port 8080"; false: a flag ("--quiet") */
	/* filled by cli_parse */
	const char *value;    /* the value given; NULL when absent */
	bool given;
};

enum cli_parse_rc {
	CLI_PARSED,   /* go on */
	CLI_HELP,     /* --help was asked: the usage was printed; exit 0 */
	CLI_REFUSED,  /* the message was printed on stderr; exit 2 */
};

/* Parses argv[0..argc) for command cmd against opts (ended by an entry
 * whose name is NULL). Global options update *globals. Plain arguments go
 * to positional[0..max_positional) and their count to *n_positional (both
 * may be NULL when max_positional is 0). An option given twice is
 * refused. */
enum cli_parse_rc cli_parse(const char *cmd, int argc, char **argv, struct cli_opt *opts,
                            struct cli_options *globals, const char **positional,
                            int max_positional, int *n_positional);

/* The exit status for a parse that did not go on: 0 after --help, 2. */
static inline int cli_stop_status(enum cli_parse_rc rc)
{
	return rc == CLI_HELP ? 0 : 2;
}

/* The usage text of the whole program. */
extern const char cli_usage[];
#endif
