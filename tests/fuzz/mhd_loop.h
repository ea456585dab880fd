#ifndef EC_TESTS_FUZZ_MHD_LOOP_H
#define EC_TESTS_FUZZ_MHD_LOOP_H
/* One HTTP request through libmicrohttpd in the fuzzing process, for the
 * targets whose input reaches our code through it (multipart bodies,
 * cookies): a daemon with no listening socket, run from this thread, is
 * handed one end of a socket pair; the request is written to the other end
 * and the daemon is run until it has answered. handler is the daemon's
 * access handler; it runs in this thread. */
#include <stddef.h>

#include <microhttpd.h>

/* Starts the daemon on first use. */
void mhd_loop_request(MHD_AccessHandlerCallback handler, void *cls, const char *request,
                      size_t len);
#endif
