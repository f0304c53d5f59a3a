/* record.c — safe reader for XML assessment records (record.h); the only file
 * that reads with libxml2 (write_html.c only writes). Hostile input is
 * refused before libxml2 sees it (size cap, UTF-8 check, DOCTYPE/ENTITY scan,
 * nesting scan), the document is parsed without DTDs, entity substitution,
 * XInclude or network, its structure checked in words a clinician can act
 * on, each <finding> checked against the vocabulary, and the whole validated
 * against knowledge/record.rng last. In check mode every problem is listed;
 * otherwise the first stops the read. libxml2 messages are captured into
 * sol_diag; nothing is printed. */
#include "record.h"
#include "record_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlversion.h>

#define SCHEMA_MAX_BYTES (1024u * 1024u)

struct sol_record {
    char *id;         /* assessment/@id */
    char *date;       /* <date>, YYYY-MM-DD, or NULL */
    char *clinician;  /* <clinician>, inert text, or NULL */
    char *visit;      /* <visit>, a positive whole number, or NULL */
    char *file;       /* name used in diagnostics */
    char *occupation; /* inert text, NULL when absent */
    sol_findings *findings;
    sol_note *notes; /* text and path owned (allocated) by the record */
    size_t nnotes;
    size_t note_bytes; /* text of all notes, for SOL_RECORD_MAX_NOTE_BYTES */
};

/* ---- libxml2 error capture ------------------------------------------- */

/* The first error libxml2 reports while one record is being read; in check
 * mode (ctx->all) every schema error is listed as well. */
typedef struct {
    int set;
    int line;
    char msg[768];
    rd_ctx *ctx;
} xml_errcap;

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_err_arg;
#else
typedef xmlErrorPtr xml_err_arg;
#endif

/* Line of the first element called name under n (depth first), or 0. */
static int first_elem_line(xmlNodePtr n, const char *name)
{
    for (; n; n = n->next) {
        int l;
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0) {
            long ln = xmlGetLineNo(n);
            return ln > 0 && ln < 0x7fffffff ? (int)ln : 0;
        }
        if (n->type == XML_ELEMENT_NODE && (l = first_elem_line(n->children, name)))
            return l;
    }
    return 0;
}

/* A schema message that came without a line ("Extra element notes in
 * interleave") gets the line of the element it names. */
static int line_from_message(void *doc, const char *msg)
{
    const char *p = strstr(msg, "lement ");
    char name[80];
    size_t n;

    if (!doc || !p)
        return 0;
    p += 7;
    n = strcspn(p, " :,");
    if (!n || n >= sizeof name)
        return 0;
    memcpy(name, p, n);
    name[n] = '\0';
    return first_elem_line(((xmlDocPtr)doc)->children, name);
}

static void capture_error(void *ctx, xml_err_arg err)
{
    xml_errcap *cap = ctx;
    char msg[768];
    size_t n;
    int line;

    if (!cap || !err || err->level < XML_ERR_ERROR)
        return;
    line = err->line;
    if (line <= 0 && err->node)
        line = (int)xmlGetLineNo((xmlNodePtr)err->node);
    snprintf(msg, sizeof msg, "%s", err->message ? err->message : "unspecified XML error");
    n = strlen(msg);
    while (n > 0 && isspace((unsigned char)msg[n - 1]))
        msg[--n] = '\0';
    if (line <= 0 && cap->ctx)
        line = line_from_message(cap->ctx->doc, msg);
    if (cap->ctx && cap->ctx->all) { /* check mode: list every one */
        char full[900];
        snprintf(full, sizeof full, "does not match the record schema: %s", msg);
        sol_rd_push(cap->ctx, 1, SOL_EINVALID, line, full);
    }
    if (cap->set) {
        /* RELAX NG reports "Extra element X in interleave" without a node,
         * then the element that failed with its line: keep the first
         * message, take the first line given. */
        if (cap->line <= 0 && line > 0)
            cap->line = line;
        return;
    }
    cap->set = 1;
    cap->line = line;
    memcpy(cap->msg, msg, sizeof cap->msg);
}

static void quiet_generic(void *ctx, const char *fmt, ...)
{
    (void)ctx;
    (void)fmt;
}

/* Route every libxml2 message into cap for the duration of one call. */
typedef struct {
    xmlStructuredErrorFunc s;
    void *sctx;
    xmlGenericErrorFunc g;
    void *gctx;
} xml_handlers;

static void handlers_push(xml_handlers *saved, xml_errcap *cap)
{
    saved->s = xmlStructuredError;
    saved->sctx = xmlStructuredErrorContext;
    saved->g = xmlGenericError;
    saved->gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(cap, (xmlStructuredErrorFunc)capture_error);
    xmlSetGenericErrorFunc(NULL, quiet_generic);
}

static void handlers_pop(const xml_handlers *saved)
{
    xmlSetStructuredErrorFunc(saved->sctx, saved->s);
    xmlSetGenericErrorFunc(saved->gctx, saved->g);
}

/* ---- byte-level checks before parsing --------------------------------- */

/* Case-insensitive search for needle in buf[0..len); offset or len. */
static size_t find_ci(const char *buf, size_t len, const char *needle)
{
    size_t nl = strlen(needle);
    if (nl == 0)
        return 0;
    /* Every needle starts with '<', which has no case: memchr finds the
     * places worth comparing. */
    for (const char *p = buf; (p = memchr(p, needle[0], len - (size_t)(p - buf))) != NULL; p++) {
        size_t i = (size_t)(p - buf), k = 1;
        if (i + nl > len)
            break;
        while (k < nl && toupper((unsigned char)buf[i + k]) == toupper((unsigned char)needle[k]))
            k++;
        if (k == nl)
            return i;
    }
    return len;
}

/* Offset just past the first occurrence of end at or after i, or len. */
static size_t skip_past(const char *buf, size_t len, size_t i, const char *end)
{
    size_t el = strlen(end);

    for (; i + el <= len; i++)
        if (memcmp(buf + i, end, el) == 0)
            return i + el;
    return len;
}

/* What the lexical pre-scan refused, and where. */
typedef enum {
    SCAN_OK = 0,
    SCAN_DEEP,     /* nested deeper than SOL_RECORD_MAX_DEPTH */
    SCAN_TAG,      /* a start tag longer than SOL_RECORD_MAX_TAG_BYTES */
    SCAN_ATTRS,    /* more than SOL_RECORD_MAX_ATTRS attributes */
    SCAN_ELEMENTS, /* more than SOL_RECORD_MAX_ELEMENTS elements */
    SCAN_MARKUP    /* more than SOL_RECORD_MAX_MARKUP comments, CDATA
                           sections and processing instructions */
} scan_kind;

/* Lexical scan of the tags, in one pass before libxml2 sees the bytes, so
 * that parsing and RELAX NG validation only ever meet bounded work: nesting
 * depth, start-tag length, attributes per element (libxml2 checks each new
 * attribute against all earlier ones) and elements per record (the schema's
 * interleave is slow on many siblings), and comments, CDATA sections and
 * processing instructions per record (each one a node to build). Exact for well-formed documents
 * without a DTD (refused earlier); on malformed input it may miscount, and
 * the parser then reports the error. Returns the kind and sets *at to the
 * offset of the offending tag. */
static scan_kind prescan(const char *buf, size_t len, size_t *at)
{
    int depth = 0;
    size_t i = 0, elements = 0, markup = 0;

    while (i < len) {
        size_t start, attrs = 0;
        char q = 0;

        if (buf[i] != '<') {
            i++;
            continue;
        }
        start = i;
        if (len - i >= 2 && (buf[i + 1] == '?' || buf[i + 1] == '!') &&
            ++markup > SOL_RECORD_MAX_MARKUP) {
            *at = start;
            return SCAN_MARKUP;
        }
        if (len - i >= 4 && memcmp(buf + i, "<!--", 4) == 0) {
            i = skip_past(buf, len, i + 4, "-->");
            continue;
        }
        if (len - i >= 9 && memcmp(buf + i, "<![CDATA[", 9) == 0) {
            i = skip_past(buf, len, i + 9, "]]>");
            continue;
        }
        if (len - i >= 2 && (buf[i + 1] == '?' || buf[i + 1] == '!')) {
            i = skip_past(buf, len, i + 2, ">");
            continue;
        }
        if (len - i >= 2 && buf[i + 1] == '/') {
            depth--;
            i = skip_past(buf, len, i + 2, ">");
            continue;
        }
        for (i++; i < len; i++) { /* to the tag's '>' outside quotes */
            if (i - start >= SOL_RECORD_MAX_TAG_BYTES) {
                *at = start;
                return SCAN_TAG;
            }
            if (q) {
                if (buf[i] == q)
                    q = 0;
            } else if (buf[i] == '"' || buf[i] == '\'') {
                q = buf[i];
            } else if (buf[i] == '=') {
                attrs++;
            } else if (buf[i] == '>') {
                break;
            }
        }
        *at = start;
        if (attrs > SOL_RECORD_MAX_ATTRS)
            return SCAN_ATTRS;
        if (i < len && ++elements > SOL_RECORD_MAX_ELEMENTS)
            return SCAN_ELEMENTS;
        if (i < len && buf[i - 1] != '/' && ++depth > SOL_RECORD_MAX_DEPTH)
            return SCAN_DEEP;
        i++;
    }
    return SCAN_OK;
}

/* Refuse what prescan found, naming the line of the tag. */
static int prescan_check(const char *buf, size_t len, const char *name, sol_diag *d)
{
    size_t at = 0;

    switch (prescan(buf, len, &at)) {
    case SCAN_OK: return SOL_OK;
    case SCAN_DEEP:
        return sol_diag_set(d, SOL_EPARSE, name, sol_line_at(buf, at),
                            "elements nested deeper than %d levels", SOL_RECORD_MAX_DEPTH);
    case SCAN_TAG:
        return sol_diag_set(d, SOL_ELIMIT, name, sol_line_at(buf, at),
                            "a start tag longer than %d bytes (the limit "
                            "for one tag)",
                            SOL_RECORD_MAX_TAG_BYTES);
    case SCAN_ATTRS:
        return sol_diag_set(d, SOL_ELIMIT, name, sol_line_at(buf, at),
                            "an element with more than %d attributes (the "
                            "limit per element)",
                            SOL_RECORD_MAX_ATTRS);
    case SCAN_ELEMENTS:
        return sol_diag_set(d, SOL_ELIMIT, name, sol_line_at(buf, at),
                            "more than %d elements in one record (the limit "
                            "per record)",
                            SOL_RECORD_MAX_ELEMENTS);
    case SCAN_MARKUP:
    default:
        return sol_diag_set(d, SOL_ELIMIT, name, sol_line_at(buf, at),
                            "more than %d comments, CDATA sections and "
                            "processing instructions in one record (the limit "
                            "per record)",
                            SOL_RECORD_MAX_MARKUP);
    }
}

/* ---- small helpers --------------------------------------------------- */


static int is_elem(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static void free_notes(sol_record *r)
{
    for (size_t i = 0; i < r->nnotes; i++) {
        free((char *)r->notes[i].text);
        free((char *)r->notes[i].path);
    }
    free(r->notes);
    r->notes = NULL;
    r->nnotes = 0;
}

void sol_record_free(sol_record *r)
{
    if (!r)
        return;
    free(r->id);
    free(r->date);
    free(r->clinician);
    free(r->visit);
    free(r->file);
    free(r->occupation);
    sol_findings_free(r->findings);
    free_notes(r);
    free(r);
}

/* ---- tree checks ----------------------------------------------------- */

/* Refuse entity references, DTD nodes and XInclude markers anywhere, and
 * nesting deeper than SOL_RECORD_MAX_DEPTH (a second line of defence). */
static int check_tree(xmlNodePtr n, int depth, const char *name, sol_diag *d)
{
    for (; n; n = n->next) {
        switch (n->type) {
        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
        case XML_ENTITY_DECL:
            return sol_diag_set(d, SOL_EPARSE, name, sol_rd_node_line(n),
                                "entity references are not allowed in a "
                                "record");
        case XML_DTD_NODE:
        case XML_DOCUMENT_TYPE_NODE:
            return sol_diag_set(d, SOL_EPARSE, name, sol_rd_node_line(n),
                                "DOCTYPE declarations are not allowed in a "
                                "record");
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END:
            return sol_diag_set(d, SOL_EPARSE, name, sol_rd_node_line(n),
                                "XInclude is not allowed in a record");
        case XML_ELEMENT_NODE:
            if (depth > SOL_RECORD_MAX_DEPTH)
                return sol_diag_set(d, SOL_EPARSE, name, sol_rd_node_line(n),
                                    "elements nested deeper than %d levels",
                                    SOL_RECORD_MAX_DEPTH);
            if (n->children) {
                int rc = check_tree(n->children, depth + 1, name, d);
                if (rc != SOL_OK)
                    return rc;
            }
            break;
        default: break;
        }
    }
    return SOL_OK;
}

/* A compiled RELAX NG schema. libxml2 builds the content-model automata
 * (regular expressions over element names) while parsing, which costs
 * several times the validation of a record; a pipeline compiles it once and
 * validates every record with it. Read-only while validating. */
struct sol_schema {
    char *path;
    xmlRelaxNGPtr rng;
    xmlParserCtxtPtr ctxt; /* the parser context, reset and reused per record */
};

/* Names libxml2 keeps in a reused context's dictionary before the context
 * is replaced: it only grows, and a stream of records with ever new
 * element names must not grow it without bound. */
#define CTXT_DICT_MAX 4096

int sol_schema_load(sol_schema **out, const char *schema_path, sol_diag *d)
{
    xmlRelaxNGParserCtxtPtr pctxt = NULL;
    xml_errcap cap = {0};
    xml_handlers saved;
    sol_schema *s = NULL;
    char *sbuf = NULL;
    size_t slen = 0;
    int rc;

    *out = NULL;
    rc = sol_read_file(&sbuf, &slen, schema_path, SCHEMA_MAX_BYTES, d);
    if (rc != SOL_OK)
        return rc;
    xmlInitParser();
    handlers_push(&saved, &cap);
    s = calloc(1, sizeof *s);
    if (!s || !(s->path = sol_strdup(schema_path)) ||
        !(pctxt = xmlRelaxNGNewMemParserCtxt(sbuf, (int)slen))) {
        rc = sol_diag_set(d, SOL_ENOMEM, schema_path, 0, "out of memory");
        goto cleanup;
    }
    xmlRelaxNGSetParserStructuredErrors(pctxt, (xmlStructuredErrorFunc)capture_error, &cap);
    s->rng = xmlRelaxNGParse(pctxt);
    if (!s->rng) {
        rc = sol_diag_set(d, SOL_EPARSE, schema_path, cap.line,
                          "cannot load the record schema: %s",
                          cap.set ? cap.msg : "invalid RELAX NG");
        goto cleanup;
    }
    *out = s;
    s = NULL;

cleanup:
    sol_schema_free(s);
    xmlRelaxNGFreeParserCtxt(pctxt);
    handlers_pop(&saved);
    free(sbuf);
    return rc;
}

void sol_schema_free(sol_schema *s)
{
    if (!s)
        return;
    xmlRelaxNGFree(s->rng);
    xmlFreeParserCtxt(s->ctxt);
    free(s->path);
    free(s);
}

/* Validate doc against the compiled schema, or, when there is none (the
 * path-only entry points), against schema_path compiled for this record. */
static int validate_schema(xmlDocPtr doc, rd_ctx *c, const sol_schema *compiled,
                           const char *schema_path, sol_diag *d)
{
    const char *name = c->name;
    sol_schema *own = NULL;
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    xml_errcap cap = {0};
    int rc;

    if (!compiled) {
        if ((rc = sol_schema_load(&own, schema_path, d)) != SOL_OK)
            return rc;
        compiled = own;
    }
    vctxt = xmlRelaxNGNewValidCtxt(compiled->rng);
    if (!vctxt) {
        rc = sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
        goto cleanup;
    }
    cap.ctx = c;
    xmlRelaxNGSetValidStructuredErrors(vctxt, (xmlStructuredErrorFunc)capture_error, &cap);
    if (xmlRelaxNGValidateDoc(vctxt, doc) != 0) {
        if (cap.line <= 0) /* never without a line: the root's, at worst */
            cap.line = sol_rd_node_line(xmlDocGetRootElement(doc));
        /* "Element assessment failed to validate content" only repeats a
         * more precise message before it. */
        if (c->all && c->all->n >= 2) {
            sol_record_problem *last = &c->all->items[c->all->n - 1];
            if (strstr(last->d.msg, "failed to validate content"))
                c->all->n--;
        }
        if (c->all && !cap.set)
            sol_rd_push(c, 1, SOL_EINVALID, 0,
                        "does not match the record schema: invalid structure");
        if (!c->first)
            c->first = SOL_EINVALID;
        rc = sol_diag_set(d, SOL_EINVALID, name, cap.line, "does not match the record schema: %s",
                          cap.set ? cap.msg : "invalid structure");
        goto cleanup;
    }
    rc = SOL_OK;

cleanup:
    xmlRelaxNGFreeValidCtxt(vctxt);
    sol_schema_free(own);
    return rc;
}

/* ---- vocabulary checks and extraction -------------------------------- */

static int add_finding(sol_record *r, rd_ctx *c, xmlNodePtr n, const char *section, int index,
                       const sol_vocab *vocab, sol_diag *d)
{
    int line = sol_rd_node_line(n);
    xmlChar *attr = xmlGetProp(n, (const xmlChar *)"name");
    const char *aname = attr ? (const char *)attr : "";
    const sol_term *t;
    const sol_finding *prev;
    sol_value *vals = NULL;
    size_t nvals = 0;
    char *text = NULL, path[128], note[256] = "";
    sol_diag vd;
    int rc;

    t = sol_vocab_lookup(vocab, aname);
    if (!t) {
        char close[512];
        sol_vocab_close_names(vocab, aname, 3, close, sizeof close);
        rc = sol_rd_problem(c, d, SOL_EINVALID, line,
                            "unknown finding '%.80s': not in the vocabulary%s%s%s", aname,
                            *close ? " (did you mean: "
                                   : " (soleus new lists "
                                     "every finding)",
                            close, *close ? ")" : "");
        goto cleanup;
    }
    if (strcmp(t->section, section) != 0) {
        rc = sol_rd_problem(c, d, SOL_EINVALID, line, "finding '%s' belongs in <%s>, not <%s>",
                            t->name, t->section, section);
        goto cleanup;
    }
    prev = sol_findings_find(r->findings, t->name);
    if (prev) {
        rc = sol_rd_problem(c, d, SOL_EINVALID, line,
                            "duplicate finding '%s': already given at line %d", t->name,
                            prev->line);
        goto cleanup;
    }
    text = sol_rd_node_text(n);
    if (text && !*text) { /* left empty (a template line): not recorded */
        rc = SOL_OK;
        goto cleanup;
    }
    vals = calloc(t->nvalues ? t->nvalues : 1, sizeof *vals);
    if (!text || !vals) {
        rc = sol_rd_problem(c, d, SOL_ENOMEM, line, "out of memory");
        goto cleanup;
    }
    memset(&vd, 0, sizeof vd);
    rc = sol_vocab_parse_value_note(t, text, vals, &nvals, note, sizeof note, &vd);
    if (rc != SOL_OK) {
        rc = sol_rd_problem(c, d, rc, line, "%s", vd.msg);
        goto cleanup;
    }
    if (*note && c->all && sol_rd_push(c, 0, SOL_OK, line, note)) {
        rc = sol_rd_problem(c, d, SOL_ENOMEM, line, "out of memory");
        goto cleanup;
    }
    snprintf(path, sizeof path, "/assessment/%s/finding[%d]", section, index);
    for (size_t i = 0; i < nvals; i++) {
        sol_finding f;

        memset(&f, 0, sizeof f);
        f.name = (char *)t->name;
        f.value = vals[i];
        f.origin = SOL_ORIGIN_RECORD;
        f.context = SOL_CTX_CURRENT;
        f.path = path;
        f.line = line;
        rc = sol_findings_add(r->findings, &f);
        if (rc != SOL_OK) {
            rc = sol_rd_problem(c, d, SOL_ENOMEM, line, "out of memory");
            goto cleanup;
        }
    }
    rc = SOL_OK;

cleanup:
    for (size_t i = 0; i < nvals; i++)
        sol_value_clear(&vals[i]);
    free(vals);
    free(text);
    xmlFree(attr);
    return rc;
}

static int add_note(sol_record *r, xmlNodePtr n, int index, sol_diag *d)
{
    char path[64];
    char *text, *p;

    if (sol_grow_one((void **)&r->notes, r->nnotes, sizeof *r->notes))
        return sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
    if (r->nnotes >= SOL_RECORD_MAX_NOTES)
        return sol_diag_set(d, SOL_ELIMIT, r->file, sol_rd_node_line(n),
                            "more than %d notes in one record (the limit "
                            "per record)",
                            SOL_RECORD_MAX_NOTES);
    snprintf(path, sizeof path, "/assessment/notes/note[%d]", index);
    text = sol_rd_node_text(n);
    p = sol_strdup(path);
    if (!text || !p) {
        free(text);
        free(p);
        return sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
    }
    r->note_bytes += strlen(text);
    if (r->note_bytes > SOL_RECORD_MAX_NOTE_BYTES) {
        free(text);
        free(p);
        return sol_diag_set(d, SOL_ELIMIT, r->file, sol_rd_node_line(n),
                            "notes total more than %u bytes of text by note "
                            "%d (the limit per record)",
                            SOL_RECORD_MAX_NOTE_BYTES, index);
    }
    r->notes[r->nnotes].text = text;
    r->notes[r->nnotes].path = p;
    r->notes[r->nnotes].line = sol_rd_node_line(n);
    r->nnotes++;
    return SOL_OK;
}

static int extract(sol_record *r, rd_ctx *c, xmlNodePtr root, const sol_vocab *vocab, sol_diag *d)
{
    xmlChar *id = xmlGetProp(root, (const xmlChar *)"id");
    int rc = SOL_OK;

    r->id = sol_rd_token_copy((const char *)id);
    xmlFree(id);
    if (!r->id)
        return sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
    for (xmlNodePtr sec = root->children; sec && rc == SOL_OK; sec = sec->next) {
        const char *sn = (const char *)sec->name;
        char **meta = NULL;
        int nfind = 0, nnote = 0;

        if (sec->type != XML_ELEMENT_NODE || sec->ns)
            continue;
        if (strcmp(sn, "date") == 0)
            meta = &r->date;
        else if (strcmp(sn, "clinician") == 0)
            meta = &r->clinician;
        else if (strcmp(sn, "visit") == 0)
            meta = &r->visit;
        if (meta) {
            free(*meta);
            if (!(*meta = sol_rd_node_text(sec)))
                rc = sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
            else if (!**meta) { /* left empty: absent */
                free(*meta);
                *meta = NULL;
            }
            continue;
        }
        if (!sol_rd_is_section(sn) && strcmp(sn, "notes") != 0)
            continue; /* reported by check_structure */
        for (xmlNodePtr k = sec->children; k && rc == SOL_OK; k = k->next) {
            if (k->ns)
                continue;
            if (is_elem(k, "finding") && xmlHasProp(k, (const xmlChar *)"name")) {
                rc = add_finding(r, c, k, sn, ++nfind, vocab, d);
            } else if (is_elem(k, "note")) {
                rc = add_note(r, k, ++nnote, d);
            } else if (is_elem(k, "occupation")) {
                free(r->occupation);
                r->occupation = sol_rd_node_text(k);
                if (!r->occupation)
                    rc = sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
            }
        }
    }
    return rc;
}

/* ---- public entry points --------------------------------------------- */

/* The whole read: hostile-input checks and parsing stop at the first
 * problem; structure and vocabulary problems are listed in check mode; the
 * schema runs last, once everything else is clean. */
static int read_record(sol_record **out, rd_ctx *c, const char *buf, size_t len,
                       sol_schema *compiled, const char *schema_path, const sol_vocab *vocab,
                       sol_diag *d)
{
    const char *name = c->name;
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    sol_record *r = NULL;
    xml_errcap cap = {0};
    xml_handlers saved;
    size_t off;
    int rc, opts;

    *out = NULL;
    if (!buf || !vocab || (!compiled && !schema_path))
        return sol_diag_set(d, SOL_EUSAGE, name, 0, "record, schema and vocabulary are required");
    if (len > SOL_RECORD_MAX_BYTES)
        return sol_diag_set(d, SOL_EIO, name, 0,
                            "file too large: %zu bytes, the limit is %u bytes", len,
                            SOL_RECORD_MAX_BYTES);
    off = sol_utf8_invalid_at((const unsigned char *)buf, len);
    if (off < len)
        return sol_diag_set(d, SOL_EPARSE, name, sol_line_at(buf, off),
                            "invalid UTF-8 byte sequence at byte offset %zu "
                            "(records must be UTF-8 text)",
                            off);
    off = find_ci(buf, len, "<!DOCTYPE");
    if (off < len)
        return sol_diag_set(d, SOL_EPARSE, name, sol_line_at(buf, off),
                            "DOCTYPE declarations are not allowed in a record "
                            "(no DTDs, no entities)");
    off = find_ci(buf, len, "<!ENTITY");
    if (off < len)
        return sol_diag_set(d, SOL_EPARSE, name, sol_line_at(buf, off),
                            "entity declarations are not allowed in a record");
    rc = prescan_check(buf, len, name, d);
    if (rc != SOL_OK)
        return rc;

    xmlInitParser();
    handlers_push(&saved, &cap);
    /* A context costs more to create than a small record to parse: the
     * pipeline's schema keeps one, which xmlCtxtReadMemory resets. */
    ctxt = compiled && compiled->ctxt ? compiled->ctxt : xmlNewParserCtxt();
    if (compiled)
        compiled->ctxt = NULL; /* back below, unless the read fails */
    if (!ctxt) {
        rc = sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
        goto cleanup;
    }
    /* No NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE: entities stay
     * unexpanded, nothing external is fetched, libxml2 limits stay on. */
    opts = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES;
    doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, "UTF-8", opts);
    if (!doc || !ctxt->wellFormed) {
        if (cap.line <= 0) /* libxml2 gave none: where the bytes end */
            cap.line = sol_line_at(buf, len);
        rc = sol_diag_set(d, SOL_EPARSE, name, cap.line, "malformed XML: %s",
                          cap.set ? cap.msg : "not a well-formed document");
        goto cleanup;
    }
    if (doc->intSubset || doc->extSubset) {
        rc = sol_diag_set(d, SOL_EPARSE, name, 1,
                          "DOCTYPE declarations are not allowed in a record "
                          "(no DTDs, no entities)");
        goto cleanup;
    }
    rc = check_tree(doc->children, 1, name, d);
    if (rc != SOL_OK)
        goto cleanup;
    root = xmlDocGetRootElement(doc);
    if (!root) {
        rc = sol_diag_set(d, SOL_EPARSE, name, sol_line_at(buf, len),
                          "malformed XML: no root element");
        goto cleanup;
    }
    c->doc = doc;
    rc = sol_rd_check_structure(c, root, d);
    if (rc != SOL_OK)
        goto cleanup;
    r = calloc(1, sizeof *r);
    if (!r || !(r->file = sol_strdup(name)) || !(r->findings = sol_findings_new())) {
        rc = sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
        goto cleanup;
    }
    if (!root->ns && is_elem(root, "assessment")) /* else nothing to read */
        rc = extract(r, c, root, vocab, d);
    if (rc != SOL_OK)
        goto cleanup;
    if (c->first) {
        rc = c->first;
        goto cleanup;
    }
    rc = validate_schema(doc, c, compiled, schema_path, d);
    if (rc != SOL_OK)
        goto cleanup;
    *out = r;
    r = NULL;

cleanup:
    sol_record_free(r);
    xmlFreeDoc(doc);
    if (compiled && ctxt && ctxt->dict && xmlDictSize(ctxt->dict) < CTXT_DICT_MAX)
        compiled->ctxt = ctxt;
    else
        xmlFreeParserCtxt(ctxt);
    handlers_pop(&saved);
    return rc;
}

void sol_record_init(void)
{
    xmlInitParser();
    xmlRelaxNGInitTypes();
}

int sol_record_parse(sol_record **out, const char *buf, size_t len, const char *name,
                     const char *schema_path, const sol_vocab *vocab, sol_diag *d)
{
    rd_ctx c = {name ? name : "(record)", NULL, 0, NULL};
    return read_record(out, &c, buf, len, NULL, schema_path, vocab, d);
}

int sol_record_check(sol_record_problems *out, const char *path, const char *schema_path,
                     const sol_vocab *vocab, sol_diag *d)
{
    rd_ctx c = {path, out, 0, NULL};
    sol_record *r = NULL;
    char *buf = NULL;
    size_t len = 0, before = out->n;
    int rc = sol_read_file(&buf, &len, path, SOL_RECORD_MAX_BYTES, d);

    if (rc == SOL_OK)
        rc = read_record(&r, &c, buf, len, NULL, schema_path, vocab, d);
    /* A problem that stopped the read (unreadable, hostile, malformed) is
     * listed like the others. */
    if (rc != SOL_OK && rc != SOL_ENOMEM) {
        int listed = 0;
        for (size_t i = before; i < out->n; i++)
            listed |= out->items[i].error;
        if (!listed) {
            rd_ctx one = {d->file[0] ? d->file : path, out, 0, NULL};
            sol_rd_push(&one, 1, rc, d->line, d->msg);
        }
    }
    /* In file order (stable: a line's problems keep their order). */
    for (size_t i = before + 1; i < out->n; i++) {
        sol_record_problem tmp = out->items[i];
        size_t k = i;
        while (k > before && out->items[k - 1].d.line > tmp.d.line) {
            out->items[k] = out->items[k - 1];
            k--;
        }
        out->items[k] = tmp;
    }
    sol_record_free(r);
    free(buf);
    return rc;
}

int sol_record_load(sol_record **out, const char *path, const char *schema_path,
                    const sol_vocab *vocab, sol_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    rc = sol_read_file(&buf, &len, path, SOL_RECORD_MAX_BYTES, d);
    if (rc != SOL_OK)
        return rc;
    rc = sol_record_parse(out, buf, len, path, schema_path, vocab, d);
    free(buf);
    return rc;
}

const char *sol_record_id(const sol_record *r) { return r ? r->id : NULL; }

const char *sol_record_file(const sol_record *r) { return r ? r->file : NULL; }

const char *sol_record_date(const sol_record *r) { return r ? r->date : NULL; }

const char *sol_record_clinician(const sol_record *r) { return r ? r->clinician : NULL; }

const char *sol_record_visit(const sol_record *r) { return r ? r->visit : NULL; }

const char *sol_record_occupation(const sol_record *r) { return r ? r->occupation : NULL; }

const sol_findings *sol_record_findings(const sol_record *r) { return r ? r->findings : NULL; }

sol_findings *sol_record_findings_mut(sol_record *r) { return r ? r->findings : NULL; }

size_t sol_record_note_count(const sol_record *r) { return r ? r->nnotes : 0; }

const sol_note *sol_record_note_at(const sol_record *r, size_t i)
{
    return r && i < r->nnotes ? &r->notes[i] : NULL;
}

int sol_record_parse_with(sol_record **out, const char *buf, size_t len, const char *name,
                          sol_schema *schema, const sol_vocab *vocab, sol_diag *d)
{
    rd_ctx c = {name ? name : "(record)", NULL, 0, NULL};
    if (!schema) {
        *out = NULL;
        return sol_diag_set(d, SOL_EUSAGE, c.name, 0,
                            "record, schema and vocabulary are required");
    }
    return read_record(out, &c, buf, len, schema, NULL, vocab, d);
}
