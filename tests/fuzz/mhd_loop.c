#include "mhd_loop.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static struct MHD_Daemon *daemon_for(MHD_AccessHandlerCallback handler, void *cls)
{
	static struct MHD_Daemon *d;
	if (!d) {
		d = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, handler, cls,
		                     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)16 * 1024,
		                     MHD_OPTION_END);
		if (!d) abort();
	}
	return d;
}

void mhd_loop_request(MHD_AccessHandlerCallback handler, void *cls, const char *request,
                      size_t len)
{
	struct MHD_Daemon *d = daemon_for(handler, cls);
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv)) abort();
	struct sockaddr_in from = { .sin_family = AF_INET, .sin_port = htons(40000) };
	inet_pton(AF_INET, "127.0.0.1", &from.sin_addr);
	if (MHD_add_connection(d, sv[1], (struct sockaddr *)&from, sizeof from) != MHD_YES) abort();
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	size_t sent = 0;
	char sink[4096];
	/* Write, run, read, until the daemon closes its end or stops moving. */
	for (int idle = 0; idle < 50;) {
		if (sent < len) {
			ssize_t n = send(sv[0], request + sent, len - sent, MSG_NOSIGNAL);
			if (n > 0) sent += (size_t)n;
		} else {
			shutdown(sv[0], SHUT_WR);
		}
		MHD_run(d);
		ssize_t got = recv(sv[0], sink, sizeof sink, 0);
		if (got == 0) break;  /* answered and closed */
		idle = got > 0 ? 0 : idle + 1;
	}
	close(sv[0]);
	MHD_run(d); /* lets the daemon notice and free the connection */
}
