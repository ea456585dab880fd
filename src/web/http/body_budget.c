/* The body budget: one mutex, a total, and an open-addressing table of
 * addresses that hold bytes now (an address leaves the table when it holds
 * none, so the table never holds more addresses than there are requests
 * in flight, and those are bounded by the connection limit). */
#include "web/http/body_budget.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

enum { SLOTS = 4096, ADDRESS_MAX = 64 };

struct slot {
	char address[ADDRESS_MAX]; /* "" when free */
	size_t held;
};

struct body_budget {
	pthread_mutex_t lock;
	size_t total, per_address, used;
	struct slot slots[SLOTS];
};

struct body_budget *body_budget_new(size_t total, size_t per_address)
{
	struct body_budget *b = xcalloc(1, sizeof *b);
	pthread_mutex_init(&b->lock, NULL);
	b->total = total;
	b->per_address = per_address;
	return b;
}

void body_budget_free(struct body_budget *b)
{
	if (!b) return;
	pthread_mutex_destroy(&b->lock);
	free(b);
}

static size_t home_of(const char *address)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (const unsigned char *p = (const unsigned char *)address; *p; p++)
		h = (h ^ *p) * 1099511628211u;
	return (size_t)(h % SLOTS);
}

/* The slot holding address, or the free slot where it would go; NULL when
 * the table is full. Called with the lock held. */
static struct slot *find(struct body_budget *b, const char *address)
{
	size_t i = home_of(address);
	for (size_t probes = 0; probes < SLOTS; probes++, i = (i + 1) % SLOTS) {
		struct slot *s = &b->slots[i];
		if (!s->address[0] || !strcmp(s->address, address)) return s;
	}
	return NULL;
}

/* Empties slot s, moving later entries of its probe run back so that every
 * entry stays reachable from its home slot (no tombstones). */
static void remove_slot(struct body_budget *b, struct slot *s)
{
	size_t hole = (size_t)(s - b->slots);
	for (size_t j = (hole + 1) % SLOTS; b->slots[j].address[0]; j = (j + 1) % SLOTS) {
		size_t home = home_of(b->slots[j].address);
		/* j's entry may fill the hole when its home is not in (hole, j]. */
		bool reachable = hole < j ? (home > hole && home <= j) : (home > hole || home <= j);
		if (reachable) continue;
		b->slots[hole] = b->slots[j];
		hole = j;
	}
	b->slots[hole] = (struct slot){0};
}

/* The table's key for address: never empty (an empty slot is free). An
 * address too long to fit (not an IP address) shares its first bytes' key. */
static void key_of(const char *address, char key[ADDRESS_MAX])
{
	snprintf(key, ADDRESS_MAX, "@%s", address ? address : "");
}

bool body_budget_take(struct body_budget *b, const char *address, size_t n)
{
	char key[ADDRESS_MAX];
	key_of(address, key);
	pthread_mutex_lock(&b->lock);
	bool ok = false;
	struct slot *s = find(b, key);
	if (s && n <= b->total - b->used && n <= b->per_address - s->held) {
		if (!s->address[0]) memcpy(s->address, key, sizeof key);
		s->held += n;
		b->used += n;
		ok = true;
	}
	pthread_mutex_unlock(&b->lock);
	return ok;
}

void body_budget_give(struct body_budget *b, const char *address, size_t n)
{
	if (!n) return;
	char key[ADDRESS_MAX];
	key_of(address, key);
	pthread_mutex_lock(&b->lock);
	struct slot *s = find(b, key);
	if (s && s->address[0]) {
		size_t back = n < s->held ? n : s->held;
		s->held -= back;
		b->used -= back;
		if (!s->held) remove_slot(b, s);
	}
	pthread_mutex_unlock(&b->lock);
}

size_t body_budget_used(struct body_budget *b)
{
	pthread_mutex_lock(&b->lock);
	size_t used = b->used;
	pthread_mutex_unlock(&b->lock);
	return used;
}
