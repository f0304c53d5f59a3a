/* notes_text.h — text helpers behind the note matcher (internal to notes.c
 * and its tests): sentence splitting, word counting and the list rule that
 * lets one negation cover "numbness, tingling or cramping". Byte offsets
 * throughout; text is UTF-8 already checked by the caller. */
#ifndef SOL_NOTES_TEXT_H
#define SOL_NOTES_TEXT_H

#include <stddef.h>

#define SOL_NOTES_MAX_SENTENCE 1024u /* longer run-on sentences are cut */

/* Sentence k is [sp[2k], sp[2k+1]). Freed with sol_sentences_clear. */
typedef struct {
    size_t *sp;
    size_t n, cap;
} sol_sentences;

/* Split t[0, len) into sentences: . ! ? ; followed by a space or the end
 * (not after an abbreviation such as "approx." or inside "2.5"), a blank
 * line, or a line break starting a new item (bullet, digit or capital).
 * Sentences longer than SOL_NOTES_MAX_SENTENCE bytes are cut at a space.
 * Returns 0 or SOL_ENOMEM. */
int sol_sentences_split(sol_sentences *out, const char *t, size_t len);
void sol_sentences_clear(sol_sentences *s);

/* Number of words (runs of letters, digits or non-ASCII) in t[a, b). */
size_t sol_text_words(const char *t, size_t a, size_t b);

/* May the gap t[a, b) between two findings join them in one list under a
 * negation? commas: a forward scope, where commas may separate items. */
int sol_text_list_gap(const char *t, size_t a, size_t b, int commas);

/* Is c part of a word (ASCII letter or digit, or any non-ASCII byte)? */
int sol_text_is_word_byte(unsigned char c);

#endif
