/* Periodic jobs on a thread of their own (worker.h). */
#include "cli/worker.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

struct worker {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	struct store *store;
	int interval;
	void (*pass)(struct store *s, void *ctx);
	void *ctx;
};

static void *run(void *p)
{
	struct worker *w = p;
	pthread_mutex_lock(&w->lock);
	while (!w->stop) {
		pthread_mutex_unlock(&w->lock);
		w->pass(w->store, w->ctx);
		pthread_mutex_lock(&w->lock);
		struct timespec until;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += w->interval;
		while (!w->stop && pthread_cond_timedwait(&w->wake, &w->lock, &until) != ETIMEDOUT) {}
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct worker *worker_start(const char *name, const char *db_target, int interval,
                            void (*pass)(struct store *s, void *ctx), void *ctx)
{
	struct worker *w = calloc(1, sizeof *w);
	if (!w) return NULL;
	char *err = NULL;
	if (!(w->store = store_open(db_target, &err))) {
		fprintf(stderr, "emptychair: %s: cannot open the database: %s\n", name, err ? err : "?");
		free(err);
		free(w);
		return NULL;
	}
	w->interval = interval;
	w->pass = pass;
	w->ctx = ctx;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	/* The thread inherits the mask it starts with. */
	sigset_t stop_signals, before;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGINT);
	sigaddset(&stop_signals, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop_signals, &before);
	int started = pthread_create(&w->thread, NULL, run, w);
	pthread_sigmask(SIG_SETMASK, &before, NULL);
	if (started) {
		fprintf(stderr, "emptychair: %s: cannot start its thread\n", name);
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		store_close(w->store);
		free(w);
		return NULL;
	}
	return w;
}

void worker_stop(struct worker *w)
{
	if (!w) return;
	pthread_mutex_lock(&w->lock);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	store_close(w->store);
	free(w);
}
