/* webform.c — the local HTML form of `soleus serve` (webform.h): the form
 * generated from the vocabulary and knowledge/questionnaire.tsv (no
 * JavaScript), a posted form turned into an XML record (so it is checked by
 * the same reader as any record), and the result page. Every piece of text
 * that reaches HTML or XML is escaped here; no library. */
#include "webform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "writers.h"

#define STYLE                                                                                    \
    "body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem}"     \
    "fieldset{margin:1rem 0}label{display:block;margin:.4rem 0 .1rem}"                           \
    ".set label{display:inline;margin-right:1rem}pre{white-space:pre-wrap;background:#f6f6f6;"   \
    "padding:1rem}.warn{border-left:4px solid #b00;padding-left:.6rem}"

void sol_html_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            /* C0 controls other than tab and newline never reach a page. */
            if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
                fputs("\xEF\xBF\xBD", out);
            else
                fputc(*s, out);
        }
    }
}

static void page_head(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>",
          out);
    sol_html_escape(out, title);
    fputs("</title><style>" STYLE "</style></head><body>\n<h1>", out);
    sol_html_escape(out, title);
    fputs("</h1>\n<p class=\"warn\">Decision support for a qualified clinician; it suggests, "
          "it does not diagnose. Red flags always mean refer. Nothing you enter is stored.</p>\n",
          out);
}

static void option(FILE *out, const char *value, const char *text)
{
    fputs("<option value=\"", out);
    sol_html_escape(out, value);
    fputs("\">", out);
    sol_html_escape(out, text);
    fputs("</option>", out);
}

static void field(FILE *out, const sol_term *t)
{
    char q[512];
    fputs("<label for=\"f-", out);
    sol_html_escape(out, t->name);
    fputs("\">", out);
    sol_html_escape(out, sol_form_question(t, q, sizeof q));
    fputs("</label>", out);
    switch (t->type) {
    case SOL_TYPE_BOOL:
    case SOL_TYPE_ENUM:
        fputs("<select id=\"f-", out);
        sol_html_escape(out, t->name);
        fputs("\" name=\"", out);
        sol_html_escape(out, t->name);
        fputs("\">", out);
        option(out, "", "not recorded");
        if (t->type == SOL_TYPE_BOOL) {
            option(out, "yes", "yes");
            option(out, "no", "no");
        }
        for (size_t i = 0; i < t->nvalues; i++)
            option(out, t->values[i], t->values[i]);
        option(out, "unknown", "asked, unknown");
        fputs("</select>\n", out);
        break;
    case SOL_TYPE_SET:
        fputs("<span class=\"set\" id=\"f-", out);
        sol_html_escape(out, t->name);
        fputs("\">", out);
        for (size_t i = 0; i < t->nvalues; i++) {
            fputs("<label><input type=\"checkbox\" name=\"", out);
            sol_html_escape(out, t->name);
            fputs("\" value=\"", out);
            sol_html_escape(out, t->values[i]);
            fputs("\"> ", out);
            sol_html_escape(out, t->values[i]);
            fputs("</label>", out);
        }
        fputs("</span>\n", out);
        break;
    default:
        fprintf(out, "<input type=\"number\" id=\"f-");
        sol_html_escape(out, t->name);
        fputs("\" name=\"", out);
        sol_html_escape(out, t->name);
        fprintf(out, "\" min=\"%g\" max=\"%g\" step=\"%s\"> ", t->min, t->max,
                t->type == SOL_TYPE_INT ? "1" : "any");
        if (t->unit && strcmp(t->unit, "-") != 0)
            sol_html_escape(out, t->unit);
        fputs("\n", out);
    }
}

int sol_webform_write(FILE *out, const sol_vocab *v, const sol_form *form)
{
    page_head(out, "Soleus: calf pain assessment record");
    fputs("<form method=\"post\" action=\"/\" accept-charset=\"UTF-8\">\n"
          "<label for=\"f-id\">Record id (letters, digits, '.', '_' or '-')</label>"
          "<input id=\"f-id\" name=\"id\" value=\"form\" maxlength=\"64\" "
          "pattern=\"[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}\">\n",
          out);
    for (size_t s = 0; s < sol_form_section_count(form); s++) {
        const sol_form_section *sec = sol_form_section_at(form, s);
        fputs("<fieldset><legend>", out);
        sol_html_escape(out, sec->title);
        fputs("</legend>\n", out);
        for (size_t i = 0; i < sol_vocab_count(v); i++) {
            const sol_term *t = sol_vocab_at(v, i);
            if (t->type != SOL_TYPE_DERIVED && strcmp(t->section, sec->name) == 0)
                field(out, t);
        }
        fputs("</fieldset>\n", out);
    }
    fputs("<fieldset><legend>Notes</legend><label for=\"f-notes\">Clinician's notes (free "
          "text)</label><textarea id=\"f-notes\" name=\"notes\" rows=\"6\" cols=\"80\">"
          "</textarea></fieldset>\n<p><button type=\"submit\">Assess</button></p>\n</form>\n"
          "</body></html>\n",
          out);
    return ferror(out) ? SOL_EIO : SOL_OK;
}

/* ---- a posted form into an XML record -------------------------------- */

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode one application/x-www-form-urlencoded component in place. */
static int url_decode(char *s)
{
    char *w = s;
    for (char *r = s; *r; r++) {
        if (*r == '+') {
            *w++ = ' ';
        } else if (*r == '%') {
            int hi = hexval((unsigned char)r[1]), lo = hi < 0 ? -1 : hexval((unsigned char)r[2]);
            if (hi < 0 || lo < 0)
                return -1;
            *w++ = (char)(hi * 16 + lo);
            r += 2;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return 0;
}

static void xml_escape(FILE *out, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        default: fputc(*s, out);
        }
    }
}

typedef struct {
    const char *name;
    char *value;
} pair;

int sol_webform_to_xml(char **out, size_t *out_len, const char *body, size_t len,
                       const sol_vocab *v, const sol_form *form, sol_diag *d)
{
    char *buf = sol_strndup(body, len);
    pair *pairs = NULL;
    size_t n = 0, cap = 0;
    const char *id = "form";
    FILE *f = NULL;
    int rc = SOL_OK;
    *out = NULL;
    if (!buf)
        return sol_diag_set(d, SOL_ENOMEM, "form", 0, "out of memory");
    if (strlen(buf) != len) {
        rc = sol_diag_set(d, SOL_EINVALID, "form", 0, "the form body holds a NUL byte");
        goto cleanup;
    }
    for (char *save, *tok = strtok_r(buf, "&", &save); tok; tok = strtok_r(NULL, "&", &save)) {
        char *eq = strchr(tok, '=');
        if (!eq || (*eq = '\0', url_decode(tok)) || url_decode(eq + 1)) {
            rc = sol_diag_set(d, SOL_EINVALID, "form", 0, "malformed form field");
            goto cleanup;
        }
        for (const unsigned char *p = (const unsigned char *)eq + 1; *p; p++)
            if (*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') {
                rc = sol_diag_set(d, SOL_EINVALID, "form", 0,
                                  "field '%.64s': control characters are not allowed", tok);
                goto cleanup;
            }
        if (strcmp(tok, "id") == 0) {
            id = eq + 1;
            continue;
        }
        const sol_term *t = sol_vocab_lookup(v, tok);
        if (strcmp(tok, "notes") != 0 && (!t || t->type == SOL_TYPE_DERIVED)) {
            rc = sol_diag_set(d, SOL_EINVALID, "form", 0, "unknown field '%.64s'", tok);
            goto cleanup;
        }
        if (!eq[1])
            continue; /* not recorded */
        for (size_t i = 0; i < n; i++)
            if (strcmp(pairs[i].name, tok) == 0 && (!t || t->type != SOL_TYPE_SET)) {
                rc = sol_diag_set(d, SOL_EINVALID, "form", 0, "field '%.64s' given twice", tok);
                goto cleanup;
            }
        if (sol_grow((void **)&pairs, &cap, n + 1, sizeof *pairs)) {
            rc = sol_diag_set(d, SOL_ENOMEM, "form", 0, "out of memory");
            goto cleanup;
        }
        pairs[n++] = (pair){tok, eq + 1};
    }
    if (!*id || strlen(id) > 64 ||
        strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                   "0123456789_.-") != strlen(id) ||
        id[0] == '.' || id[0] == '-' || id[0] == '_') {
        rc = sol_diag_set(d, SOL_EINVALID, "form", 0,
                          "record id: letters, digits, '.', '_' or '-', starting with a letter "
                          "or digit");
        goto cleanup;
    }
    if (!(f = open_memstream(out, out_len))) {
        rc = sol_diag_set(d, SOL_ENOMEM, "form", 0, "out of memory");
        goto cleanup;
    }
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assessment id=\"", f);
    xml_escape(f, id);
    fputs("\">\n", f);
    for (size_t s = 0; s < sol_form_section_count(form); s++) {
        const char *sec = sol_form_section_at(form, s)->name;
        int open = 0;
        for (size_t i = 0; i < sol_vocab_count(v); i++) {
            const sol_term *t = sol_vocab_at(v, i);
            int first = 1;
            if (strcmp(t->section, sec) != 0)
                continue;
            for (size_t k = 0; k < n; k++) {
                if (strcmp(pairs[k].name, t->name) != 0)
                    continue;
                if (!open++)
                    fprintf(f, "  <%s>\n", sec);
                if (first) {
                    fprintf(f, "    <finding name=\"%s\">", t->name);
                    first = 0;
                } else {
                    fputc(' ', f);
                }
                xml_escape(f, pairs[k].value);
            }
            if (!first)
                fputs("</finding>\n", f);
        }
        if (open)
            fprintf(f, "  </%s>\n", sec);
    }
    for (size_t k = 0; k < n; k++)
        if (strcmp(pairs[k].name, "notes") == 0) {
            fputs("  <notes><note>", f);
            xml_escape(f, pairs[k].value);
            fputs("</note></notes>\n", f);
        }
    fputs("</assessment>\n", f);
cleanup:
    if (f && fclose(f) != 0 && rc == SOL_OK)
        rc = sol_diag_set(d, SOL_ENOMEM, "form", 0, "out of memory");
    if (rc) {
        free(*out);
        *out = NULL;
    }
    free(pairs);
    free(buf);
    return rc;
}

/* ---- result and error pages ------------------------------------------- */

/* The report inside the result page. When the HTML report writer of the
 * physiotherapist workflow lands, this becomes one call to it; until then
 * the text report, escaped, in a <pre>. */
static int report_html(FILE *out, const sol_report *r)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return SOL_ENOMEM;
    int rc = sol_write_text(m, r, NULL);
    if (fclose(m) != 0 && rc == SOL_OK)
        rc = SOL_ENOMEM;
    if (rc == SOL_OK) {
        fputs("<pre>", out);
        sol_html_escape(out, text);
        fputs("</pre>\n", out);
    }
    free(text);
    return rc;
}

static void base64(FILE *out, const char *s, size_t len)
{
    static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < len ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < len ? p[i + 2] : 0);
        fputc(tab[v >> 18 & 63], out);
        fputc(tab[v >> 12 & 63], out);
        fputc(i + 1 < len ? tab[v >> 6 & 63] : '=', out);
        fputc(i + 2 < len ? tab[v & 63] : '=', out);
    }
}

int sol_webform_result(FILE *out, const sol_report *r, const char *xml, size_t xml_len)
{
    page_head(out, "Soleus: assessment");
    fputs("<p><a download=\"soleus-record.xml\" href=\"data:application/xml;base64,", out);
    base64(out, xml, xml_len);
    fputs("\">Download this record as XML</a> &middot; <a href=\"/\">New record</a></p>\n", out);
    int rc = report_html(out, r);
    fputs("</body></html>\n", out);
    return rc ? rc : ferror(out) ? SOL_EIO : SOL_OK;
}

int sol_webform_error(FILE *out, const char *message)
{
    page_head(out, "Soleus: the record was not accepted");
    fputs("<p>", out);
    sol_html_escape(out, message);
    fputs("</p>\n<p><a href=\"/\">Back to the form</a></p>\n</body></html>\n", out);
    return ferror(out) ? SOL_EIO : SOL_OK;
}
