/* record_check.c — the record reader's structure checks and problem list
 * (record_int.h), in the record family with record.c: every structural
 * problem is put in words a clinician can act on, with its own line and a
 * hint, before the vocabulary and the schema are consulted; in check mode
 * each is listed and the read goes on. */
#include "record.h"
#include "record_int.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the problem list ------------------------------------------------ */

int sol_rd_push(rd_ctx *c, int error, int code, int line, const char *msg)
{
    sol_record_problems *p = c->all;
    sol_record_problem *it;

    if (sol_grow((void **)&p->items, &p->cap, p->n + 1, sizeof *p->items))
        return SOL_ENOMEM;
    it = &p->items[p->n++];
    memset(it, 0, sizeof *it);
    snprintf(it->d.file, sizeof it->d.file, "%s", c->name);
    it->d.line = line;
    snprintf(it->d.msg, sizeof it->d.msg, "%s", msg);
    it->error = error;
    it->code = code;
    return SOL_OK;
}

/* One problem at line: in assess mode it fills d and stops the read (the
 * code is returned); in check mode it is listed and the read goes on
 * (SOL_OK, or SOL_ENOMEM when the list cannot grow). */
int sol_rd_problem(rd_ctx *c, sol_diag *d, int code, int line, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (!c->first) {
        c->first = code;
        sol_diag_set(d, code, c->name, line, "%s", msg);
    }
    if (!c->all || code == SOL_ENOMEM)
        return code;
    if (sol_rd_push(c, 1, code, line, msg))
        return sol_diag_set(d, SOL_ENOMEM, c->name, line, "out of memory");
    return SOL_OK;
}

/* Trimmed text content of a node, malloc'd; NULL on ENOMEM. */
char *sol_rd_node_text(xmlNodePtr n)
{
    xmlChar *c = xmlNodeGetContent(n);
    char *t = sol_trim_dup(c ? (const char *)c : "", c ? strlen((const char *)c) : 0);
    xmlFree(c);
    return t;
}

int sol_rd_node_line(xmlNodePtr n)
{
    long l = xmlGetLineNo(n);
    return l > 0 && l < 0x7fffffff ? (int)l : 0;
}

/* ---- structure, in words a clinician can act on ---------------------- */

/* The record format (record.rng says the same for XML editors; the schema
 * still runs last, so the two cannot silently disagree). Checked here first
 * so that each problem gets its own line and a hint, and every one of them
 * is listed by `soleus check`. */
static const char *const SECTION_NAMES[] = {
    "patient", "history", "screening", "examination", "running", "special-tests", NULL};
static const char *const TOP_ELEMENTS =
    "date, clinician, visit, patient, history, screening, examination, "
    "running, special-tests, notes";

static int in_names(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0)
            return 1;
    return 0;
}

static int is_meta(const char *s)
{
    return strcmp(s, "date") == 0 || strcmp(s, "clinician") == 0 || strcmp(s, "visit") == 0;
}

/* "<xi:include>" or "<name>" for messages. */
static const char *elem_name(xmlNodePtr n, char *buf, size_t len)
{
    if (n->ns && n->ns->prefix)
        snprintf(buf, len, "<%s:%s>", (const char *)n->ns->prefix, (const char *)n->name);
    else
        snprintf(buf, len, "<%s>", (const char *)n->name);
    return buf;
}

/* Record ids: [A-Za-z0-9][A-Za-z0-9_.-]{0,63}. */
static int id_ok(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n > 64 || !isalnum((unsigned char)id[0]))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!isalnum((unsigned char)id[i]) && !strchr("_.-", id[i]))
            return 0;
    return 1;
}

/* Text that is more than white space directly inside an element that only
 * holds elements. */
static int stray_text(xmlNodePtr n)
{
    if (n->type != XML_TEXT_NODE && n->type != XML_CDATA_SECTION_NODE)
        return 0;
    for (const xmlChar *p = n->content; p && *p; p++)
        if (!isspace(*p))
            return 1;
    return 0;
}

/* An element that may only hold text (finding, note, occupation …). */
static int check_text_only(rd_ctx *c, xmlNodePtr e, sol_diag *d)
{
    char en[80], cn[80];
    int rc = SOL_OK;

    for (xmlNodePtr k = e->children; k && rc == SOL_OK; k = k->next)
        if (k->type == XML_ELEMENT_NODE)
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                "does not match the record schema: %s may hold only "
                                "text, not %s",
                                elem_name(e, en, sizeof en), elem_name(k, cn, sizeof cn));
    return rc;
}

/* 1 when e has an attribute other than the one allowed (NULL: none), the
 * case check_attrs reports: its hint is built only then. */
static int has_other_attr(xmlNodePtr e, const char *allowed)
{
    for (xmlAttrPtr a = e->properties; a; a = a->next)
        if (!allowed || a->ns || strcmp((const char *)a->name, allowed) != 0)
            return 1;
    return 0;
}

/* Attributes of e other than the one allowed (NULL: none allowed). */
static int check_attrs(rd_ctx *c, xmlNodePtr e, const char *allowed, const char *hint,
                       sol_diag *d)
{
    char en[80];
    int rc = SOL_OK;

    for (xmlAttrPtr a = e->properties; a && rc == SOL_OK; a = a->next)
        if (!allowed || a->ns || strcmp((const char *)a->name, allowed) != 0)
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(e),
                                "does not match the record schema: attribute '%s' is "
                                "not allowed on %s%s%s",
                                (const char *)a->name, elem_name(e, en, sizeof en),
                                hint ? ": " : "", hint ? hint : "");
    return rc;
}

static int check_section(rd_ctx *c, xmlNodePtr sec, sol_diag *d)
{
    const char *sn = (const char *)sec->name;
    int patient = strcmp(sn, "patient") == 0, notes = strcmp(sn, "notes") == 0;
    char en[80];
    int rc = check_attrs(c, sec, NULL, NULL, d), occupation_line = 0;

    for (xmlNodePtr k = sec->children; k && rc == SOL_OK; k = k->next) {
        if (stray_text(k)) {
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                "does not match the record schema: text directly "
                                "inside <%s>: put it in a <%s>",
                                sn, notes ? "note" : "finding name=\"...\"");
            continue;
        }
        if (k->type != XML_ELEMENT_NODE)
            continue;
        if (k->ns) {
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                "does not match the record schema: %s is not part of "
                                "a record",
                                elem_name(k, en, sizeof en));
        } else if (notes ? strcmp((const char *)k->name, "note") == 0
                         : strcmp((const char *)k->name, "finding") == 0) {
            if (!notes && !xmlHasProp(k, (const xmlChar *)"name"))
                rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                    "does not match the record schema: <finding> "
                                    "needs a name: <finding name=\"age\">35</finding>");
            if (rc == SOL_OK && has_other_attr(k, notes ? NULL : "name")) {
                xmlChar *fn = notes ? NULL : xmlGetProp(k, (const xmlChar *)"name");
                xmlChar *fv = notes ? NULL : xmlGetProp(k, (const xmlChar *)"value");
                char hint[256];
                snprintf(hint, sizeof hint,
                         "write the value as the element's "
                         "text, <finding name=\"%.60s\">%.40s</finding>",
                         fn ? (const char *)fn : "age", fv ? (const char *)fv : "35");
                rc = check_attrs(c, k, notes ? NULL : "name", notes ? NULL : hint, d);
                xmlFree(fn);
                xmlFree(fv);
            }
            if (rc == SOL_OK)
                rc = check_text_only(c, k, d);
        } else if (patient && strcmp((const char *)k->name, "occupation") == 0) {
            if (occupation_line)
                rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                    "does not match the record schema: a second <occupation>: "
                                    "the first is at line %d",
                                    occupation_line);
            occupation_line = sol_rd_node_line(k);
            if (rc == SOL_OK)
                rc = check_attrs(c, k, NULL, NULL, d);
            if (rc == SOL_OK)
                rc = check_text_only(c, k, d);
        } else {
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                "does not match the record schema: %s is not allowed "
                                "in <%s>: expected %s",
                                elem_name(k, en, sizeof en), sn,
                                notes     ? "<note>"
                                : patient ? "<finding name=\"...\"> or <occupation>"
                                          : "<finding name=\"...\">");
        }
    }
    return rc;
}

/* Dates as YYYY-MM-DD with a real month and day. */
static int date_ok(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, dd;
    char tail;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
            return 0;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3)
        return 0;
    if (y < 1900 || m < 1 || m > 12 || dd < 1 || dd > mdays[m - 1])
        return 0;
    return !(m == 2 && dd == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static int check_meta(rd_ctx *c, xmlNodePtr e, sol_diag *d)
{
    const char *en = (const char *)e->name;
    char *text;
    int rc = check_attrs(c, e, NULL, NULL, d);

    if (rc == SOL_OK)
        rc = check_text_only(c, e, d);
    if (rc != SOL_OK)
        return rc;
    text = sol_rd_node_text(e);
    if (!text)
        return sol_rd_problem(c, d, SOL_ENOMEM, 0, "out of memory");
    if (!*text) /* left empty: absent */
        ;
    else if (strcmp(en, "date") == 0 && !date_ok(text))
        rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(e),
                            "<date> '%.40s' is not a date: expected YYYY-MM-DD, "
                            "e.g. 2026-03-14",
                            text);
    else if (strcmp(en, "visit") == 0 && (strspn(text, "0123456789") != strlen(text) || !*text ||
                                          strlen(text) > 3 || atoi(text) < 1))
        rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(e),
                            "<visit> '%.40s' is not a visit number: expected 1 for "
                            "the first visit, 2 for the next …",
                            text);
    else if (strcmp(en, "clinician") == 0 && strlen(text) > 120)
        rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(e),
                            "<clinician> is %zu characters long: at most 120", strlen(text));
    free(text);
    return rc;
}

/* Malloc'd copy of s as the schema's "token" type sees it: runs of space,
 * tab, CR and LF become one space, none at either end. A record id is
 * stored like this, so what is checked is what is printed. */
char *sol_rd_token_copy(const char *s)
{
    char *t = sol_strdup(s ? s : ""), *w = t;

    if (!t)
        return NULL;
    for (const char *p = t; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n') {
            if (w > t && w[-1] != ' ')
                *w++ = ' ';
        } else {
            *w++ = *p;
        }
    }
    if (w > t && w[-1] == ' ')
        w--;
    *w = '\0';
    return t;
}

int sol_rd_check_structure(rd_ctx *c, xmlNodePtr root, sol_diag *d)
{
    char en[80];
    xmlChar *id;
    int rc, seen[16] = {0}, seen_line[16] = {0};
    static const char *const TOP[] = {"date",          "clinician", "visit",       "patient",
                                      "history",       "screening", "examination", "running",
                                      "special-tests", "notes",     NULL};

    if (root->ns || strcmp((const char *)root->name, "assessment") != 0)
        return sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(root),
                              "does not match the record schema: the record must be "
                              "an <assessment id=\"...\"> element, not %s",
                              elem_name(root, en, sizeof en));
    id = xmlGetProp(root, (const xmlChar *)"id");
    char *tok = id ? sol_rd_token_copy((const char *)id) : NULL;
    if (id && !tok)
        rc = sol_diag_set(d, SOL_ENOMEM, c->name, 0, "out of memory");
    else if (!id)
        rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(root),
                            "does not match the record schema: <assessment> needs an "
                            "id, e.g. <assessment id=\"jane-2026-03-14\">");
    else if (!id_ok(tok)) /* checked as the schema's token type sees it */
        rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(root),
                            "does not match the record schema: id '%.70s' is not a "
                            "record id: letters, digits, '_', '.' and '-' only (no "
                            "spaces), starting with a letter or digit, at most 64",
                            (const char *)id);
    else
        rc = SOL_OK;
    free(tok);
    xmlFree(id);
    if (rc == SOL_OK)
        rc = check_attrs(c, root, "id", NULL, d);
    for (xmlNodePtr k = root->children; k && rc == SOL_OK; k = k->next) {
        const char *kn = (const char *)k->name;
        int idx = 0;

        if (stray_text(k)) {
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                "does not match the record schema: text directly "
                                "inside <assessment>: put findings in a section and "
                                "free text in <notes><note>");
            continue;
        }
        if (k->type != XML_ELEMENT_NODE)
            continue;
        while (TOP[idx] && (k->ns || strcmp(TOP[idx], kn) != 0))
            idx++;
        if (!TOP[idx]) {
            char close[160] = "";
            if (!k->ns)
                sol_close_names(kn, TOP, 10, 2, close, sizeof close);
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                "does not match the record schema: %s is not part of "
                                "a record: expected one of %s%s%s%s",
                                elem_name(k, en, sizeof en), TOP_ELEMENTS,
                                *close ? " (did you mean: " : "", close, *close ? ")" : "");
            continue;
        }
        if (seen[idx]) {
            rc = sol_rd_problem(c, d, SOL_EINVALID, sol_rd_node_line(k),
                                "does not match the record schema: a second <%s>: "
                                "the first is at line %d; each section appears once",
                                kn, seen_line[idx]);
            continue;
        }
        seen[idx] = 1;
        seen_line[idx] = sol_rd_node_line(k);
        rc = is_meta(kn) ? check_meta(c, k, d) : check_section(c, k, d);
    }
    return rc;
}

int sol_rd_is_section(const char *name) { return in_names(name, SECTION_NAMES); }

void sol_record_problems_clear(sol_record_problems *p)
{
    if (!p)
        return;
    free(p->items);
    memset(p, 0, sizeof *p);
}
