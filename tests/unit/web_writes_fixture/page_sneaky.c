/* A page that writes without a use case: scripts/check-web-writes.sh must
 * refuse it (the positive control of the check, tests/unit/meson.build). */
#include "store/store.h"

void sneaky_post(struct store *s, int64_t user_id, int64_t now)
{
	store_notices_mark_read(s, user_id, now);
}
