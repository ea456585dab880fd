#include "store/files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

static bool hex_name(const char *hex)
{
	if (!hex || strlen(hex) != FILES_HASH_HEX) return false;
	for (const char *p = hex; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f'))) return false;
	return true;
}

bool files_prepare(const char *dir)
{
	char path[4096];
	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) return false;
	for (char *p = path + 1; *p; p++) {
		if (*p != '/') continue;
		*p = 0;
		if (mkdir(path, 0700) && errno != EEXIST) break;
		*p = '/';
	}
	if (mkdir(path, 0700) && errno != EEXIST) {
		fprintf(stderr, "emptychair: cannot make the files directory %s: %m\n", dir);
		return false;
	}
	if (access(path, W_OK | X_OK)) {
		fprintf(stderr, "emptychair: cannot write to the files directory %s: %m\n", dir);
		return false;
	}
	return true;
}

static bool write_all(int fd, const unsigned char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) return false;
		data += w;
		len -= (size_t)w;
	}
	return true;
}

bool files_save(const char *dir, const unsigned char *data, size_t len,
                char hex[FILES_HASH_HEX + 1])
{
	unsigned char hash[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(hash, data, len);
	sodium_bin2hex(hex, FILES_HASH_HEX + 1, hash, sizeof hash);
	char final[4096], tmp[4200];
	if (snprintf(final, sizeof final, "%s/%s", dir, hex) >= (int)sizeof final) return false;
	struct stat st;
	if (!stat(final, &st) && (size_t)st.st_size == len) return true; /* already kept */
	unsigned char rnd[8];
	randombytes_buf(rnd, sizeof rnd);
	char rhex[17];
	sodium_bin2hex(rhex, sizeof rhex, rnd, sizeof rnd);
	snprintf(tmp, sizeof tmp, "%s/.upload-%s", dir, rhex);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		fprintf(stderr, "emptychair: cannot save an upload in %s: %m\n", dir);
		return false;
	}
	bool ok = write_all(fd, data, len) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && rename(tmp, final) == 0;
	if (!ok) {
		fprintf(stderr, "emptychair: cannot save an upload in %s: %m\n", dir);
		unlink(tmp);
		return false;
	}
	/* The rename itself is made durable by syncing the directory. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return true;
}

bool files_read(const char *dir, const char *hex, size_t max, struct buf *out)
{
	buf_reset(out);
	if (!hex_name(hex)) return false;
	char path[4096];
	if (snprintf(path, sizeof path, "%s/%s", dir, hex) >= (int)sizeof path) return false;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return false;
	struct stat st;
	bool ok = !fstat(fd, &st) && S_ISREG(st.st_mode) && (size_t)st.st_size <= max;
	char chunk[65536];
	while (ok) {
		ssize_t r = read(fd, chunk, sizeof chunk);
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) {
			ok = r == 0;
			break;
		}
		if (out->len + (size_t)r > max) ok = false;
		else buf_put(out, chunk, (size_t)r);
	}
	close(fd);
	return ok;
}

void files_remove(const char *dir, const char *hex)
{
	char path[4096];
	if (!hex_name(hex) || snprintf(path, sizeof path, "%s/%s", dir, hex) >= (int)sizeof path)
		return;
	if (unlink(path) && errno != ENOENT)
		fprintf(stderr, "emptychair: cannot delete a removed paper's file: %m\n");
}
