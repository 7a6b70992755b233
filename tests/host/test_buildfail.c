/*
 * Mistakes the build must reject: each tests/host/buildfail/ file is
 * compiled with the host test flags (HOSTCC and BUILDFAIL_FLAGS come from
 * the Makefile); a *_page.c file must fail, its *_addr.c control must pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include "test.h"

static int compiles(const char *file)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), "%s %s -fsyntax-only %s 2>/dev/null",
		 HOSTCC_STR, BUILDFAIL_FLAGS, file);
	return system(cmd) == 0;
}

int main(void)
{
	CHECK(compiles("tests/host/buildfail/kunmap_atomic_addr.c"),
	      "kunmap_atomic(addr) builds");
	CHECK(!compiles("tests/host/buildfail/kunmap_atomic_page.c"),
	      "kunmap_atomic(page), a struct page *, does not build");
	return test_exit();
}
