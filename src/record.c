/* record.c — safe reader for XML assessment records (record.h); the only file
 * that includes libxml2. Hostile input is refused before libxml2 sees it
 * (size cap, UTF-8 check, DOCTYPE/ENTITY scan, nesting scan), the document is
 * parsed without DTDs, entity substitution, XInclude or network, checked
 * against knowledge/record.rng, then each <finding> against the vocabulary.
 * libxml2 messages are captured into sol_diag; nothing is printed. */
#include "record.h"

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
    char *id;               /* assessment/@id */
    char *file;             /* name used in diagnostics */
    char *occupation;       /* inert text, NULL when absent */
    sol_findings *findings;
    sol_note *notes;        /* text and path owned (allocated) by the record */
    size_t nnotes;
};

/* ---- libxml2 error capture ------------------------------------------- */

/* The first error libxml2 reports while one record is being read. */
typedef struct {
    int set;
    int line;
    char msg[768];
} xml_errcap;

#if LIBXML_VERSION >= 21200
typedef const xmlError *xml_err_arg;
#else
typedef xmlErrorPtr xml_err_arg;
#endif

static void capture_error(void *ctx, xml_err_arg err)
{
    xml_errcap *cap = ctx;
    size_t n;

    if (!cap || !err || cap->set || err->level < XML_ERR_ERROR)
        return;
    cap->set = 1;
    cap->line = err->line;
    if (cap->line <= 0 && err->node)
        cap->line = (int)xmlGetLineNo((xmlNodePtr)err->node);
    snprintf(cap->msg, sizeof cap->msg, "%s",
             err->message ? err->message : "unspecified XML error");
    n = strlen(cap->msg);
    while (n > 0 && isspace((unsigned char)cap->msg[n - 1]))
        cap->msg[--n] = '\0';
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

static int line_at(const char *buf, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

/* Offset of the first invalid UTF-8 sequence, or len when all valid.
 * Refuses overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        unsigned c = s[i];
        size_t n;
        unsigned cp, min;

        if (c < 0x80) { i++; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; min = 0x10000; }
        else return i;
        if (len - i <= n)
            return i;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

/* Case-insensitive search for needle in buf[0..len); offset or len. */
static size_t find_ci(const char *buf, size_t len, const char *needle)
{
    size_t nl = strlen(needle);

    for (size_t i = 0; i + nl <= len; i++) {
        size_t k = 0;
        while (k < nl && toupper((unsigned char)buf[i + k])
                             == toupper((unsigned char)needle[k]))
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

/* Lexical nesting scan: offset of the first element deeper than max, or len.
 * Exact for well-formed documents without a DTD (refused earlier); on
 * malformed input it may miscount, and the parser then reports the error. */
static size_t too_deep_at(const char *buf, size_t len, int max)
{
    int depth = 0;
    size_t i = 0;

    while (i < len) {
        size_t start;
        char q = 0;

        if (buf[i] != '<') { i++; continue; }
        start = i;
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
            if (q) {
                if (buf[i] == q)
                    q = 0;
            } else if (buf[i] == '"' || buf[i] == '\'') {
                q = buf[i];
            } else if (buf[i] == '>') {
                break;
            }
        }
        if (i < len && buf[i - 1] != '/' && ++depth > max)
            return start;
        i++;
    }
    return len;
}

/* ---- small helpers --------------------------------------------------- */

/* Malloc'd copy of s with leading/trailing whitespace removed. */
static char *trimmed_copy(const char *s)
{
    const char *e;

    if (!s)
        s = "";
    while (isspace((unsigned char)*s))
        s++;
    e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        e--;
    return sol_strndup(s, (size_t)(e - s));
}

/* Trimmed text content of a node, malloc'd; NULL on ENOMEM. */
static char *node_text(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *t = trimmed_copy((const char *)c);
    xmlFree(c);
    return t;
}

static int node_line(xmlNodePtr n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

static int is_elem(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE
           && strcmp((const char *)n->name, name) == 0;
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
            return sol_diag_set(d, SOL_EPARSE, name, node_line(n),
                                "entity references are not allowed in a "
                                "record");
        case XML_DTD_NODE:
        case XML_DOCUMENT_TYPE_NODE:
            return sol_diag_set(d, SOL_EPARSE, name, node_line(n),
                                "DOCTYPE declarations are not allowed in a "
                                "record");
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END:
            return sol_diag_set(d, SOL_EPARSE, name, node_line(n),
                                "XInclude is not allowed in a record");
        case XML_ELEMENT_NODE:
            if (depth > SOL_RECORD_MAX_DEPTH)
                return sol_diag_set(d, SOL_EPARSE, name, node_line(n),
                                    "elements nested deeper than %d levels",
                                    SOL_RECORD_MAX_DEPTH);
            if (n->children) {
                int rc = check_tree(n->children, depth + 1, name, d);
                if (rc != SOL_OK)
                    return rc;
            }
            break;
        default:
            break;
        }
    }
    return SOL_OK;
}

struct sol_schema {
    xmlRelaxNGPtr rng;      /* compiled once, read-only while validating */
};

int sol_schema_load(sol_schema **out, const char *schema_path, sol_diag *d)
{
    xmlRelaxNGParserCtxtPtr pctxt = NULL;
    xml_errcap cap = { 0 };
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
    pctxt = xmlRelaxNGNewMemParserCtxt(sbuf, (int)slen);
    if (!s || !pctxt) {
        rc = sol_diag_set(d, SOL_ENOMEM, schema_path, 0, "out of memory");
        goto cleanup;
    }
    xmlRelaxNGSetParserStructuredErrors(pctxt,
                                        (xmlStructuredErrorFunc)capture_error,
                                        &cap);
    s->rng = xmlRelaxNGParse(pctxt);
    if (!s->rng) {
        rc = sol_diag_set(d, SOL_EPARSE, schema_path, cap.line,
                          "cannot load the record schema: %s",
                          cap.set ? cap.msg : "invalid RELAX NG");
        goto cleanup;
    }
    *out = s;
    s = NULL;
    rc = SOL_OK;

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
    free(s);
}

static int validate_schema(xmlDocPtr doc, const char *name,
                           const sol_schema *schema, sol_diag *d)
{
    xmlRelaxNGValidCtxtPtr vctxt = NULL;
    xml_errcap cap = { 0 };
    int rc;

    vctxt = xmlRelaxNGNewValidCtxt(schema->rng);
    if (!vctxt)
        return sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
    xmlRelaxNGSetValidStructuredErrors(vctxt,
                                       (xmlStructuredErrorFunc)capture_error,
                                       &cap);
    if (xmlRelaxNGValidateDoc(vctxt, doc) != 0)
        rc = sol_diag_set(d, SOL_EINVALID, name, cap.line,
                          "does not match the record schema: %s",
                          cap.set ? cap.msg : "invalid structure");
    else
        rc = SOL_OK;
    xmlRelaxNGFreeValidCtxt(vctxt);
    return rc;
}

/* ---- vocabulary checks and extraction -------------------------------- */

static int add_finding(sol_record *r, xmlNodePtr n, const char *section,
                       int index, const sol_vocab *vocab, sol_diag *d)
{
    const char *name = r->file;
    int line = node_line(n);
    xmlChar *attr = xmlGetProp(n, (const xmlChar *)"name");
    const sol_term *t;
    const sol_finding *prev;
    sol_value *vals = NULL;
    size_t nvals = 0;
    char *text = NULL, path[128];
    int rc;

    t = sol_vocab_lookup(vocab, attr ? (const char *)attr : "");
    if (!t) {
        rc = sol_diag_set(d, SOL_EINVALID, name, line,
                          "unknown finding '%s': not in the vocabulary",
                          attr ? (const char *)attr : "");
        goto cleanup;
    }
    if (strcmp(t->section, section) != 0) {
        rc = sol_diag_set(d, SOL_EINVALID, name, line,
                          "finding '%s' belongs in <%s>, not <%s>",
                          t->name, t->section, section);
        goto cleanup;
    }
    prev = sol_findings_find(r->findings, t->name);
    if (prev) {
        rc = sol_diag_set(d, SOL_EINVALID, name, line,
                          "duplicate finding '%s': already given at line %d",
                          t->name, prev->line);
        goto cleanup;
    }
    text = node_text(n);
    vals = calloc(t->nvalues ? t->nvalues : 1, sizeof *vals);
    if (!text || !vals) {
        rc = sol_diag_set(d, SOL_ENOMEM, name, line, "out of memory");
        goto cleanup;
    }
    rc = sol_vocab_parse_value(t, text, vals, &nvals, d);
    if (rc != SOL_OK) {
        if (d) { /* the vocabulary wrote the message; add where */
            snprintf(d->file, sizeof d->file, "%s", name);
            d->line = line;
        }
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
            rc = sol_diag_set(d, rc, name, line, "out of memory");
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
    sol_note *nn = realloc(r->notes, (r->nnotes + 1) * sizeof *nn);
    char *text, *p;

    if (!nn)
        return sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
    r->notes = nn;
    snprintf(path, sizeof path, "/assessment/notes/note[%d]", index);
    text = node_text(n);
    p = sol_strdup(path);
    if (!text || !p) {
        free(text);
        free(p);
        return sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
    }
    nn[r->nnotes].text = text;
    nn[r->nnotes].path = p;
    nn[r->nnotes].line = node_line(n);
    r->nnotes++;
    return SOL_OK;
}

static int extract(sol_record *r, xmlNodePtr root, const sol_vocab *vocab,
                   sol_diag *d)
{
    xmlChar *id = xmlGetProp(root, (const xmlChar *)"id");
    int rc = SOL_OK;

    r->id = sol_strdup(id ? (const char *)id : "");
    xmlFree(id);
    if (!r->id)
        return sol_diag_set(d, SOL_ENOMEM, r->file, 0, "out of memory");
    for (xmlNodePtr sec = root->children; sec && rc == SOL_OK;
         sec = sec->next) {
        int nfind = 0, nnote = 0;

        if (sec->type != XML_ELEMENT_NODE)
            continue;
        for (xmlNodePtr c = sec->children; c && rc == SOL_OK; c = c->next) {
            if (is_elem(c, "finding")) {
                rc = add_finding(r, c, (const char *)sec->name, ++nfind,
                                 vocab, d);
            } else if (is_elem(c, "note")) {
                rc = add_note(r, c, ++nnote, d);
            } else if (is_elem(c, "occupation")) {
                free(r->occupation);
                r->occupation = node_text(c);
                if (!r->occupation)
                    rc = sol_diag_set(d, SOL_ENOMEM, r->file, 0,
                                      "out of memory");
            }
        }
    }
    return rc;
}

/* ---- public entry points --------------------------------------------- */

int sol_record_parse_with(sol_record **out, const char *buf, size_t len,
                          const char *name, const sol_schema *schema,
                          const sol_vocab *vocab, sol_diag *d)
{
    xmlParserCtxtPtr ctxt = NULL;
    xmlDocPtr doc = NULL;
    xmlNodePtr root;
    sol_record *r = NULL;
    xml_errcap cap = { 0 };
    xml_handlers saved;
    size_t off;
    int rc, opts;

    *out = NULL;
    if (!name)
        name = "(record)";
    if (!buf || !vocab || !schema)
        return sol_diag_set(d, SOL_EUSAGE, name, 0,
                            "record, schema and vocabulary are required");
    if (len > SOL_RECORD_MAX_BYTES)
        return sol_diag_set(d, SOL_EIO, name, 0,
                            "file too large: %zu bytes, the limit is %u bytes",
                            len, SOL_RECORD_MAX_BYTES);
    off = utf8_invalid_at((const unsigned char *)buf, len);
    if (off < len)
        return sol_diag_set(d, SOL_EPARSE, name, line_at(buf, off),
                            "invalid UTF-8 byte sequence at byte offset %zu "
                            "(records must be UTF-8 text)", off);
    off = find_ci(buf, len, "<!DOCTYPE");
    if (off < len)
        return sol_diag_set(d, SOL_EPARSE, name, line_at(buf, off),
                            "DOCTYPE declarations are not allowed in a record "
                            "(no DTDs, no entities)");
    off = find_ci(buf, len, "<!ENTITY");
    if (off < len)
        return sol_diag_set(d, SOL_EPARSE, name, line_at(buf, off),
                            "entity declarations are not allowed in a record");
    off = too_deep_at(buf, len, SOL_RECORD_MAX_DEPTH);
    if (off < len)
        return sol_diag_set(d, SOL_EPARSE, name, line_at(buf, off),
                            "elements nested deeper than %d levels",
                            SOL_RECORD_MAX_DEPTH);

    xmlInitParser();
    handlers_push(&saved, &cap);
    ctxt = xmlNewParserCtxt();
    if (!ctxt) {
        rc = sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
        goto cleanup;
    }
    /* No NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE: entities stay
     * unexpanded, nothing external is fetched, libxml2 limits stay on. */
    opts = XML_PARSE_NONET | XML_PARSE_IGNORE_ENC | XML_PARSE_BIG_LINES;
    doc = xmlCtxtReadMemory(ctxt, buf, (int)len, name, "UTF-8", opts);
    if (!doc || !ctxt->wellFormed) {
        rc = sol_diag_set(d, SOL_EPARSE, name, cap.line, "malformed XML: %s",
                          cap.set ? cap.msg : "not a well-formed document");
        goto cleanup;
    }
    if (doc->intSubset || doc->extSubset) {
        rc = sol_diag_set(d, SOL_EPARSE, name, 0,
                          "DOCTYPE declarations are not allowed in a record "
                          "(no DTDs, no entities)");
        goto cleanup;
    }
    rc = check_tree(doc->children, 1, name, d);
    if (rc != SOL_OK)
        goto cleanup;
    root = xmlDocGetRootElement(doc);
    if (!root) {
        rc = sol_diag_set(d, SOL_EPARSE, name, 0, "malformed XML: no root "
                          "element");
        goto cleanup;
    }
    rc = validate_schema(doc, name, schema, d);
    if (rc != SOL_OK)
        goto cleanup;

    r = calloc(1, sizeof *r);
    if (!r || !(r->file = sol_strdup(name))
        || !(r->findings = sol_findings_new())) {
        rc = sol_diag_set(d, SOL_ENOMEM, name, 0, "out of memory");
        goto cleanup;
    }
    rc = extract(r, root, vocab, d);
    if (rc != SOL_OK)
        goto cleanup;
    *out = r;
    r = NULL;

cleanup:
    sol_record_free(r);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    handlers_pop(&saved);
    return rc;
}

int sol_record_parse(sol_record **out, const char *buf, size_t len,
                     const char *name, const char *schema_path,
                     const sol_vocab *vocab, sol_diag *d)
{
    sol_schema *schema = NULL;
    int rc;

    *out = NULL;
    if (!schema_path)
        return sol_diag_set(d, SOL_EUSAGE, name ? name : "(record)", 0,
                            "record, schema and vocabulary are required");
    rc = sol_schema_load(&schema, schema_path, d);
    if (rc != SOL_OK)
        return rc;
    rc = sol_record_parse_with(out, buf, len, name, schema, vocab, d);
    sol_schema_free(schema);
    return rc;
}

int sol_record_load_with(sol_record **out, const char *path,
                         const sol_schema *schema, const sol_vocab *vocab,
                         sol_diag *d)
{
    char *buf = NULL;
    size_t len = 0;
    int rc;

    *out = NULL;
    rc = sol_read_file(&buf, &len, path, SOL_RECORD_MAX_BYTES, d);
    if (rc != SOL_OK)
        return rc;
    rc = sol_record_parse_with(out, buf, len, path, schema, vocab, d);
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

const char *sol_record_id(const sol_record *r)
{
    return r ? r->id : NULL;
}

const char *sol_record_file(const sol_record *r)
{
    return r ? r->file : NULL;
}

const char *sol_record_occupation(const sol_record *r)
{
    return r ? r->occupation : NULL;
}

const sol_findings *sol_record_findings(const sol_record *r)
{
    return r ? r->findings : NULL;
}

sol_findings *sol_record_findings_mut(sol_record *r)
{
    return r ? r->findings : NULL;
}

size_t sol_record_note_count(const sol_record *r)
{
    return r ? r->nnotes : 0;
}

const sol_note *sol_record_note_at(const sol_record *r, size_t i)
{
    return r && i < r->nnotes ? &r->notes[i] : NULL;
}
