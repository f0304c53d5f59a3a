/* bounds.h — every bound on the work one record can cause, in one place.
 * Each is refused with a diagnostic naming the file and line (never cut
 * silently), and documented in docs/record-format.md ("Safety limits");
 * tests/sh/limits.sh checks each one just above and at its value. */
#ifndef SOL_BOUNDS_H
#define SOL_BOUNDS_H

/* Bytes. */
#define SOL_RECORD_MAX_BYTES (4u * 1024u * 1024u) /* one record file or stream */
#define SOL_RECORD_MAX_TAG_BYTES 1024             /* one start tag, '<' to '>' */
#define SOL_NOTES_MAX_BYTES (64u * 1024u)         /* one note's text */
#define SOL_RECORD_MAX_NOTE_BYTES (128u * 1024u)  /* all note text of a record */

/* Counts. */
#define SOL_RECORD_MAX_DEPTH 32      /* nested elements */
#define SOL_RECORD_MAX_ATTRS 8       /* attributes on one element */
#define SOL_RECORD_MAX_ELEMENTS 1024 /* elements in one record */
#define SOL_RECORD_MAX_MARKUP                                                                    \
    1024                        /* comments, CDATA sections and
                                           processing instructions */
#define SOL_RECORD_MAX_NOTES 64 /* <note> elements in one record */
#define SOL_FINDINGS_MAX_CONFLICTS                                                               \
    4 /* listed note conflicts per finding;
                                           further ones are counted, not listed */

#endif
