#ifndef EC_STORE_STORE_PRIVATE_H
#define EC_STORE_STORE_PRIVATE_H
/* What store.c and copy.c share; nothing outside src/store/ includes it. */
#include "store/db.h"
#include "store/store.h"

struct store {
	struct db *db;
	int tx_depth;
	bool reading; /* inside store_read_begin's snapshot */
};

/* Statement ids at and above this are copy.c's; store.c's are below. */
enum { STORE_COPY_STMT_BASE = 160 };
#endif
