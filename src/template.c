/* template.c — the blank record and the record schema, both generated from
 * the vocabulary (template.h), so a new finding reaches the clinician's
 * template and the XML editor's completion without anyone editing XML. */
#include "template.h"

#include <stdlib.h>
#include <string.h>

static const char *const SECTIONS[] = {"patient", "history",       "screening", "examination",
                                       "running", "special-tests", NULL};

/* Text inside an XML comment: no "--", nothing that closes the comment.
 * Vocabulary text is plain, but the file is data and may be edited. */
static void put_comment_text(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '-' && s[1] == '-')
            fputs("- ", out);
        else if (*s == '<' || *s == '>' || *s == '&')
            fputc(' ', out);
        else
            fputc(*s, out);
    }
}

/* What may be written, for the comment: "yes | no", "whole number 14..90
 * years (also 35 y, 2 weeks …)". */
static void put_expected(FILE *out, const sol_term *t)
{
    switch (t->type) {
    case SOL_TYPE_BOOL: fputs("yes | no", out); break;
    case SOL_TYPE_ENUM:
    case SOL_TYPE_SET:
        for (size_t i = 0; i < t->nvalues; i++)
            fprintf(out, "%s%s", i ? " | " : "", t->values[i]);
        if (t->type == SOL_TYPE_SET)
            fputs(" (one or more, space-separated)", out);
        break;
    case SOL_TYPE_INT:
    case SOL_TYPE_REAL:
        fprintf(out, "%s %g..%g", t->type == SOL_TYPE_INT ? "whole number" : "number", t->min,
                t->max);
        if (strcmp(t->unit, "-") != 0) {
            fputc(' ', out);
            put_comment_text(out, t->unit);
        }
        /* One word per other unit of units.tsv: its longest form. */
        for (size_t i = 0, shown = 0; i < t->nforms; i++) {
            const sol_unitform *best = &t->forms[i];
            int first = 1;
            if (best->factor == 1)
                continue;
            for (size_t k = 0; k < t->nforms; k++)
                if (t->forms[k].factor == best->factor) {
                    first &= k >= i;
                    if (strlen(t->forms[k].written) > strlen(best->written))
                        best = &t->forms[k];
                }
            if (!first)
                continue;
            fputs(shown++ ? ", " : " (or in ", out);
            put_comment_text(out, best->written);
        }
        for (size_t i = 0; i < t->nforms; i++)
            if (t->forms[i].factor != 1) {
                fputc(')', out);
                break;
            }
        break;
    case SOL_TYPE_DERIVED: break;
    }
}

int sol_template_record(FILE *out, const sol_vocab *v, const char *id)
{
    size_t n = sol_vocab_count(v);

    fprintf(out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<!-- A blank Soleus assessment record (soleus new).\n"
            "     Fill in what you know and delete the rest: an empty or missing\n"
            "     finding is not recorded (unknown stays unknown, never \"no\").\n"
            "     Write unknown when you asked and got no clear answer.\n"
            "     Screening questions left out are reported as unanswered.\n"
            "     Then: soleus check FILE, and soleus assess FILE. -->\n"
            "<assessment id=\"%s\">\n"
            "  <date></date>            <!-- YYYY-MM-DD -->\n"
            "  <clinician></clinician>\n"
            "  <visit></visit>          <!-- 1 for the first visit, 2 for the next ... -->\n",
            id ? id : "new-record");
    for (const char *const *sec = SECTIONS; *sec; sec++) {
        fprintf(out, "  <%s>\n", *sec);
        for (size_t i = 0; i < n; i++) {
            const sol_term *t = sol_vocab_at(v, i);
            if (strcmp(t->section, *sec) != 0 || t->type == SOL_TYPE_DERIVED)
                continue;
            fputs("    <!-- ", out);
            put_comment_text(out, t->label);
            fputs(": ", out);
            put_expected(out, t);
            if (strstr(t->screen, "s4"))
                fputs(" [screening question]", out);
            if (strstr(t->screen, "wells"))
                fputs(" [Wells item]", out);
            fprintf(out, " -->\n    <finding name=\"%s\"></finding>\n", t->name);
        }
        if (strcmp(*sec, "patient") == 0)
            fputs("    <!-- free text, not used by the rules -->\n"
                  "    <occupation></occupation>\n",
                  out);
        fprintf(out, "  </%s>\n", *sec);
    }
    fputs("  <notes>\n"
          "    <!-- free text: Soleus reads findings from it and lists each with\n"
          "         its quote and line for you to confirm -->\n"
          "    <note></note>\n"
          "  </notes>\n"
          "</assessment>\n",
          out);
    return sol_write_end(out);
}

/* ---- schema ---------------------------------------------------------- */

static void put_values(FILE *out, const sol_term *t, const char *ind)
{
    switch (t->type) {
    case SOL_TYPE_BOOL:
    case SOL_TYPE_ENUM:
        fprintf(out, "%s<choice>\n", ind);
        if (t->type == SOL_TYPE_BOOL)
            fprintf(out, "%s  <value>yes</value>\n%s  <value>no</value>\n", ind, ind);
        for (size_t i = 0; i < t->nvalues; i++)
            fprintf(out, "%s  <value>%s</value>\n", ind, t->values[i]);
        fprintf(out, "%s  <value>unknown</value>\n%s  <value></value>\n%s</choice>\n", ind, ind,
                ind);
        break;
    case SOL_TYPE_SET:
        fprintf(out, "%s<list><zeroOrMore><choice>\n", ind);
        for (size_t i = 0; i < t->nvalues; i++)
            fprintf(out, "%s  <value>%s</value>\n", ind, t->values[i]);
        fprintf(out, "%s  <value>unknown</value>\n%s</choice></zeroOrMore></list>\n", ind, ind);
        break;
    default: /* numbers: digits with a unit form (units.tsv) are checked by
                soleus check, which names what they convert to */
        fprintf(out, "%s<text/>\n", ind);
        break;
    }
}

/* The content pattern put_values writes for t, malloc'd; NULL on ENOMEM. */
static char *values_text(const sol_term *t, const char *ind)
{
    char *s = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&s, &n);
    if (!f)
        return NULL;
    put_values(f, t, ind);
    if (fclose(f) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

/* The choice of one section's findings: one group per kind of value, its
 * "name" attribute a choice of every finding that takes those values, in
 * vocabulary order. The language is the same as with a group per finding,
 * but libxml2 tries every branch of a choice for each <finding> (copying
 * its state each time), so a few branches validate a record several times
 * faster than a hundred. */
static int put_section_groups(FILE *out, const sol_vocab *v, const char *sec)
{
    size_t n = sol_vocab_count(v);
    char **text = calloc(n ? n : 1, sizeof *text);
    int rc = text ? SOL_OK : SOL_ENOMEM;
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        const sol_term *t = sol_vocab_at(v, i);
        if (strcmp(t->section, sec) == 0 && t->type != SOL_TYPE_DERIVED &&
            !(text[i] = values_text(t, "          ")))
            rc = SOL_ENOMEM;
    }
    for (size_t i = 0; i < n && rc == SOL_OK; i++) {
        size_t names = 0;
        if (!text[i])
            continue;
        for (size_t k = i; k < n; k++)
            names += text[k] && strcmp(text[k], text[i]) == 0;
        fputs("        <group>\n          <attribute name=\"name\">", out);
        if (names > 1)
            fputs("\n            <choice>\n", out);
        for (size_t k = i; k < n; k++) {
            if (!text[k] || (k != i && strcmp(text[k], text[i]) != 0))
                continue;
            fprintf(out, names > 1 ? "              <value>%s</value>\n" : "<value>%s</value>",
                    sol_vocab_at(v, k)->name);
            if (k != i) {
                free(text[k]);
                text[k] = NULL;
            }
        }
        if (names > 1)
            fputs("            </choice>\n          ", out);
        fprintf(out, "</attribute>\n%s        </group>\n", text[i]);
    }
    for (size_t i = 0; text && i < n; i++)
        free(text[i]);
    free(text);
    return rc;
}

int sol_template_schema(FILE *out, const sol_vocab *v)
{
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<!-- record.rng: RELAX NG schema of a Soleus assessment record (see\n"
          "     docs/record-format.md). GENERATED from knowledge/vocabulary.tsv by\n"
          "     tools/gen-schema.sh (soleus new, schema option): do not edit by hand;\n"
          "     tests/sh/schema.sh fails when the two drift. XML editors use it to\n"
          "     offer finding names and values; record.c checks the same rules\n"
          "     first with clearer messages, then validates against this file.\n"
          "     Findings that take the same values share one group: libxml2 tries\n"
          "     every branch of a choice, so fewer branches validate faster. -->\n"
          "<grammar xmlns=\"http://relaxng.org/ns/structure/1.0\"\n"
          "         datatypeLibrary=\"http://www.w3.org/2001/XMLSchema-datatypes\">\n"
          "  <start>\n"
          "    <element name=\"assessment\">\n"
          "      <attribute name=\"id\">\n"
          "        <data type=\"token\">\n"
          "          <param name=\"pattern\">[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}</param>\n"
          "        </data>\n"
          "      </attribute>\n"
          "      <interleave>\n"
          "        <optional><element name=\"date\">\n"
          "          <choice><value></value><data type=\"date\"/></choice>\n"
          "        </element></optional>\n"
          "        <optional><element name=\"clinician\"><text/></element></optional>\n"
          "        <optional><element name=\"visit\">\n"
          "          <choice><value></value><data type=\"positiveInteger\"/></choice>\n"
          "        </element></optional>\n"
          "        <optional>\n"
          "          <element name=\"patient\">\n"
          "            <interleave>\n"
          "              <zeroOrMore><ref name=\"patient-finding\"/></zeroOrMore>\n"
          "              <optional><element name=\"occupation\"><text/></element></optional>\n"
          "            </interleave>\n"
          "          </element>\n"
          "        </optional>\n",
          out);
    for (const char *const *sec = SECTIONS + 1; *sec; sec++)
        fprintf(out,
                "        <optional><element name=\"%s\">"
                "<zeroOrMore><ref name=\"%s-finding\"/></zeroOrMore>"
                "</element></optional>\n",
                *sec, *sec);
    fputs("        <optional>\n"
          "          <element name=\"notes\">\n"
          "            <zeroOrMore><element name=\"note\"><text/></element></zeroOrMore>\n"
          "          </element>\n"
          "        </optional>\n"
          "      </interleave>\n"
          "    </element>\n"
          "  </start>\n",
          out);
    for (const char *const *sec = SECTIONS; *sec; sec++) {
        fprintf(out,
                "\n  <define name=\"%s-finding\">\n"
                "    <element name=\"finding\">\n"
                "      <choice>\n",
                *sec);
        int rc = put_section_groups(out, v, *sec);
        if (rc != SOL_OK)
            return rc;
        fputs("      </choice>\n"
              "    </element>\n"
              "  </define>\n",
              out);
    }
    fputs("</grammar>\n", out);
    return sol_write_end(out);
}
