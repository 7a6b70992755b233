/*
 * Capture what the code under test prints (the shim's printk writes to
 * stdout) so a test can check the reports. Not nestable.
 */
#ifndef _HOST_CAPTURE_H
#define _HOST_CAPTURE_H

void capture_begin(void);
/* Stop capturing; returns the text (valid until the next capture_end). */
const char *capture_end(void);

#endif
