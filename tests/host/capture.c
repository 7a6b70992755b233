/* Host tests: capture stdout into a buffer (see capture.h). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "capture.h"

static int saved_stdout = -1;
static FILE *capture_file;
static char captured[16384];

void capture_begin(void)
{
	fflush(stdout);
	capture_file = tmpfile();
	saved_stdout = dup(1);
	dup2(fileno(capture_file), 1);
}

const char *capture_end(void)
{
	size_t n;

	fflush(stdout);
	dup2(saved_stdout, 1);
	close(saved_stdout);
	rewind(capture_file);
	n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	if (getenv("CAPTURE_SHOW"))	/* see the captured reports */
		fputs(captured, stderr);
	return captured;
}
