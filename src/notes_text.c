/* notes_text.c — the text side of note matching (notes_text.h): where
 * sentences end, how many words lie between a trigger and a phrase, and
 * which gaps keep findings in one list under a negation. No PCRE2 here:
 * notes.c owns the regexes and calls these on byte offsets. */
#include "notes_text.h"
#include "sol.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NO_END ((size_t)-1)

/* Abbreviations whose trailing '.' does not end a sentence. */
static const char *const ABBREV[] = {"e.g", "i.e", "approx", "vs",  "cf",   "dr",  "mr",
                                     "mrs", "ms",  "st",     "etc", "wk",   "wks", "yr",
                                     "yrs", "hr",  "hrs",    "min", "mins", NULL};

int sol_text_is_word_byte(unsigned char c) { return isalnum(c) || c >= 0x80; }

static int is_abbrev(const char *t, size_t dot)
{
    size_t s = dot;

    while (s > 0 && (isalpha((unsigned char)t[s - 1]) || t[s - 1] == '.'))
        s--;
    if (dot - s == 1 && isupper((unsigned char)t[s]))
        return 1; /* an initial: "J. Smith" */
    for (const char *const *a = ABBREV; *a; a++)
        if (strlen(*a) == dot - s && strncasecmp(*a, t + s, dot - s) == 0)
            return 1;
    return 0;
}

/* Length of a closing quote or bracket at t[i] (UTF-8 aware), else 0. */
static size_t closer_len(const char *t, size_t len, size_t i)
{
    static const char *const multi[] = {"\xe2\x80\x9d", "\xe2\x80\x99", "\xc2\xbb", NULL};
    if (t[i] && strchr("\"')]", t[i]))
        return 1;
    for (const char *const *m = multi; *m; m++) {
        size_t ml = strlen(*m);
        if (i + ml <= len && memcmp(t + i, *m, ml) == 0)
            return ml;
    }
    return 0;
}

/* Does a new sentence start at t[i] after a single line break? */
static int starts_item(const char *t, size_t len, size_t i)
{
    unsigned char c = (unsigned char)t[i];

    if (c == '\n' || c == '-' || c == '*' || isupper(c) || isdigit(c))
        return 1;
    if (i + 3 <= len && memcmp(t + i, "\xe2\x80\xa2", 3) == 0) /* bullet */
        return 1;
    return i + 2 <= len && memcmp(t + i, "\xc2\xb7", 2) == 0; /* middle dot */
}

static int push_span(sol_sentences *s, size_t a, size_t b)
{
    if (sol_grow((void **)&s->sp, &s->cap, s->n + 1, 2 * sizeof *s->sp))
        return SOL_ENOMEM;
    s->sp[2 * s->n] = a;
    s->sp[2 * s->n + 1] = b;
    s->n++;
    return SOL_OK;
}

/* Add sentence [a, b), cut into pieces of at most SOL_NOTES_MAX_SENTENCE
 * bytes at the last space (or character boundary) before the cap, so the
 * work per sentence stays bounded on run-on text. */
static int push_sentence(sol_sentences *s, const char *t, size_t a, size_t b)
{
    while (b - a > SOL_NOTES_MAX_SENTENCE) {
        size_t cut = a + SOL_NOTES_MAX_SENTENCE;

        while (cut > a && !isspace((unsigned char)t[cut]))
            cut--;
        if (cut == a) {
            cut = a + SOL_NOTES_MAX_SENTENCE;
            while (cut > a && ((unsigned char)t[cut] & 0xc0) == 0x80)
                cut--;
        }
        if (push_span(s, a, cut) != SOL_OK)
            return SOL_ENOMEM;
        a = cut;
        while (a < b && isspace((unsigned char)t[a]))
            a++;
    }
    return a < b ? push_span(s, a, b) : SOL_OK;
}

int sol_sentences_split(sol_sentences *out, const char *t, size_t len)
{
    size_t start = 0, i = 0;

    while (i <= len) {
        size_t end = NO_END, next = i + 1;

        if (i == len) {
            end = len;
        } else if (t[i] && strchr(".!?;", t[i])) {
            size_t j = i + 1, cl;

            while (j < len && (cl = closer_len(t, len, j)) > 0)
                j += cl;
            if ((j == len || isspace((unsigned char)t[j])) && !(t[i] == '.' && is_abbrev(t, i))) {
                end = j;
                next = j;
            }
        } else if (t[i] == '\n') {
            size_t j = i + 1;

            while (j < len && (t[j] == ' ' || t[j] == '\t' || t[j] == '\r'))
                j++;
            if (j == len || starts_item(t, len, j)) {
                end = i;
                next = j;
            }
        }
        if (end != NO_END) {
            while (start < end && isspace((unsigned char)t[start]))
                start++;
            if (start < end && push_sentence(out, t, start, end) != SOL_OK)
                return SOL_ENOMEM;
            start = next;
        }
        i = next > i ? next : i + 1;
    }
    return SOL_OK;
}

size_t sol_text_words(const char *t, size_t a, size_t b)
{
    size_t w = 0;
    int in = 0;

    for (size_t i = a; i < b; i++) {
        int wb = sol_text_is_word_byte((unsigned char)t[i]);
        if (wb && !in)
            w++;
        in = wb;
    }
    return w;
}

/* Words that may join the findings of a list under one trigger: list words
 * and body-site qualifiers ("denies numbness in the feet, tingling or
 * cramping"). */
static const char *const CONNECTORS[] = {
    "or",     "nor",   "and",   "any",  "a",     "an",    "the",    "of",     "either", "neither",
    "also",   "no",    "in",    "on",   "at",    "over",  "around", "behind", "both",   "left",
    "right",  "lower", "upper", "side", "sides", "foot",  "feet",   "toe",    "toes",   "calf",
    "calves", "leg",   "legs",  "shin", "shins", "ankle", "ankles", "knee",   "knees",  NULL};

/* Is t[a, b) only list connectors? Commas and slashes count as connectors
 * only when commas is set (forward scope; a backward scope stops at a
 * comma: in "calf shiny, swelling resolved" only the swelling resolved). */
static int only_connectors(const char *t, size_t a, size_t b, int commas)
{
    size_t i = a;

    while (i < b) {
        unsigned char c = (unsigned char)t[i];
        size_t j = i;
        const char *const *w;

        if (isspace(c) || c == '/' || c == '&' || (commas && c == ',')) {
            i++;
            continue;
        }
        while (j < b && sol_text_is_word_byte((unsigned char)t[j]))
            j++;
        if (j == i)
            return 0; /* other punctuation */
        for (w = CONNECTORS; *w; w++)
            if (strlen(*w) == j - i && strncasecmp(*w, t + i, j - i) == 0)
                break;
        if (!*w)
            return 0;
        i = j;
    }
    return 1;
}

/* May the gap t[a, b) between two findings join them in one list? Either
 * connectors only, or up to LIST_TAIL_WORDS words that qualify the earlier
 * item followed by a comma ("no swelling difference, discolouration or
 * shiny skin"). A preposition without a comma breaks the list: in "not
 * relieved by rest after a direct blow" the blow is not negated. */
#define LIST_TAIL_WORDS 2
int sol_text_list_gap(const char *t, size_t a, size_t b, int commas)
{
    const char *comma;
    size_t last;

    if (only_connectors(t, a, b, commas))
        return 1;
    if (!commas)
        return 0;
    comma = memchr(t + a, ',', b - a);
    if (!comma)
        return 0;
    last = (size_t)(comma - t);
    while ((comma = memchr(t + last + 1, ',', b - last - 1)) != NULL)
        last = (size_t)(comma - t);
    return sol_text_words(t, a, last) <= LIST_TAIL_WORDS && only_connectors(t, last, b, 1);
}

void sol_sentences_clear(sol_sentences *s)
{
    if (!s)
        return;
    free(s->sp);
    s->sp = NULL;
    s->n = s->cap = 0;
}
