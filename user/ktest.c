/*
 * /bin/ktest: run the in-kernel tests on demand (docs/userspace.md). Writes
 * the test name (or prefix, or "all") to /proc/ktest, reads the results back
 * and prints them; exits 0 when the text's last line says "0 failed".
 *   ktest [all|NAME|PREFIX]   (default all)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define KTEST_FILE "/proc/ktest"

/* last_line_passes: whether TEXT's last non-empty line contains "0 failed" as a word. */
static int last_line_passes(const char *text, size_t len)
{
	size_t end = len, start;

	while (end > 0 && (text[end - 1] == '\n' || text[end - 1] == '\r'))
		end--;
	start = end;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	for (size_t i = start; i + 8 <= end; i++)
		if (!memcmp(text + i, "0 failed", 8) && (i == start || text[i - 1] == ' '))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	const char *name = argc > 1 ? argv[1] : "all";
	static char text[1 << 20];
	size_t len = 0;
	ssize_t n;
	int fd;

	fd = open(KTEST_FILE, O_RDWR);
	if (fd < 0) {
		fprintf(stderr, "ktest: %s: %s\n", KTEST_FILE, strerror(errno));
		return 2;
	}
	if (write(fd, name, strlen(name)) < 0) {
		fprintf(stderr, "ktest: writing '%s' to %s: %s\n", name, KTEST_FILE, strerror(errno));
		return 2;
	}
	if (lseek(fd, 0, SEEK_SET) < 0 && errno != ESPIPE) {
		fprintf(stderr, "ktest: lseek: %s\n", strerror(errno));
		return 2;
	}
	while (len < sizeof(text) - 1 && (n = read(fd, text + len, sizeof(text) - 1 - len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "ktest: reading %s: %s\n", KTEST_FILE, strerror(errno));
			return 2;
		}
		(void)!write(1, text + len, n);
		len += n;
	}
	close(fd);
	if (len == 0) {
		fprintf(stderr, "ktest: %s gave no results for '%s'\n", KTEST_FILE, name);
		return 1;
	}
	if (text[len - 1] != '\n')
		(void)!write(1, "\n", 1);
	return last_line_passes(text, len) ? 0 : 1;
}
