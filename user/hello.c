/*
 * hello: the smallest static program, for bench's fork+execve+wait and
 * usertests' exec checks (docs/userspace.md). It exits with the status its
 * first argument gives, or 0 without one, as /bin/true does.
 */
#include <stdlib.h>

int main(int argc, char **argv)
{
	return argc > 1 ? atoi(argv[1]) : 0;
}
