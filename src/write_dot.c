/* write_dot.c — the explanation as a Graphviz digraph: findings (ellipses)
 * feed rules (boxes), rules assert derived facts (notes) and vote on
 * conclusions (double octagons); red flags are red and bold. Every label is
 * escaped, so record text cannot break out of its quoted string. */
#include "explain.h"
#include "write_int.h"

#include <stdlib.h>
#include <string.h>

enum { EDGE_PLAIN, EDGE_RED, EDGE_EXISTS }; /* edge styles */

typedef struct {
    FILE *out;
    const sol_explain *x;
    unsigned char *fact_done;   /* node emitted, per graph fact */
    unsigned char *firing_done; /* node emitted, per firing */
    char **edges;               /* "from>to", emitted once each */
    size_t nedges;
    int oom;
} dot;

/* A DOT double-quoted string: quotes and backslashes escaped, newlines as
 * \n, other control characters as spaces. */
static void put_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p < 0x20 || *p == 0x7f)
            fputc(' ', out);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* Wrap text at spaces, and after hyphens of long names, so no line is
 * longer than width bytes (a longer word stays whole): labels stay narrow
 * enough for a slide. */
static const char *wrap(const char *text, size_t width, char *buf, size_t len)
{
    size_t col = 0, o = 0;

    for (const char *p = text; *p && o + 2 < len;) {
        if (*p == '\n') {
            buf[o++] = *p++;
            col = 0;
            continue;
        }
        size_t w = strcspn(p, " \n");
        int glued = 0;   /* continues a word broken after a hyphen */
        if (w > width) { /* a long-name piece up to and including a hyphen */
            size_t h = 0;
            for (size_t k = 0; k < w && k < width; k++)
                if (p[k] == '-')
                    h = k + 1;
            if (h)
                w = h;
        }
        if (o && buf[o - 1] == '-' && p[-1] == '-')
            glued = 1;
        if (col && col + (glued ? 0 : 1) + w > width) {
            buf[o++] = '\n';
            col = 0;
        } else if (col && !glued) {
            buf[o++] = ' ';
            col++;
        }
        for (size_t k = 0; k < w && o + 2 < len; k++)
            buf[o++] = p[k];
        col += w;
        p += w;
        while (*p == ' ')
            p++;
    }
    buf[o] = '\0';
    return buf;
}

enum { LABEL_WIDTH = 26 };

static int is_red_flag(const sol_rconclusion *c) { return c->cond->red_flag; }

static void fact_id(char *buf, size_t len, long pos) { snprintf(buf, len, "f%ld", pos); }
static void rule_id(char *buf, size_t len, long firing) { snprintf(buf, len, "r%ld", firing); }

static void edge_to(dot *d, const char *from, const char *to, const char *port, const char *label,
                    int style);

static void edge(dot *d, const char *from, const char *to, const char *label, int style)
{
    edge_to(d, from, to, NULL, label, style);
}

/* An edge, once; port: a cell of the node to (the conclusions panel). */
static void edge_to(dot *d, const char *from, const char *to, const char *port, const char *label,
                    int style)
{
    char key[256];

    snprintf(key, sizeof key, "%s>%s:%s", from, to, port ? port : "");
    for (size_t i = 0; i < d->nedges; i++)
        if (strcmp(d->edges[i], key) == 0)
            return;
    if (sol_grow_one((void **)&d->edges, d->nedges, sizeof *d->edges) ||
        !(d->edges[d->nedges] = sol_strdup(key))) {
        d->oom = 1;
        return;
    }
    d->nedges++;
    fprintf(d->out, "  ");
    put_str(d->out, from);
    fprintf(d->out, " -> ");
    put_str(d->out, to);
    if (port)
        fprintf(d->out, ":%s:w", port);
    if (label || style) {
        fprintf(d->out, " [");
        if (label) {
            /* decorate: a line ties the label to its own edge */
            fprintf(d->out, "label=");
            put_str(d->out, label);
            fprintf(d->out, ", decorate=true");
        }
        if (style == EDGE_RED)
            fprintf(d->out, "%scolor=red, penwidth=2", label ? ", " : "");
        else if (style == EDGE_EXISTS)
            fprintf(d->out, "%sstyle=dashed", label ? ", " : "");
        fprintf(d->out, "]");
    }
    fprintf(d->out, ";\n");
}

static void rule_node(dot *d, const sol_xnode *n)
{
    char id[32], label[512];
    const char *name = strstr(n->rule, "::");

    if (d->firing_done[n->firing])
        return;
    d->firing_done[n->firing] = 1;
    rule_id(id, sizeof id, n->firing);
    char nm[256];
    snprintf(label, sizeof label, "%s\n%s", n->kbrule && n->kbrule->id ? n->kbrule->id : "?",
             wrap(name ? name + 2 : n->rule, LABEL_WIDTH, nm, sizeof nm));
    fprintf(d->out, "  ");
    put_str(d->out, id);
    fprintf(d->out, " [shape=box, label=");
    put_str(d->out, label);
    fprintf(d->out, "];\n");
}

/* Emit the node of a fact (finding, knowledge or derived); 0 when it is
 * not drawn (knowledge other than thresholds). */
static int fact_node(dot *d, long pos)
{
    const sol_report *r = sol_explain_report(d->x);
    const sol_gfact *f = sol_graph_fact_at(sol_report_graph(r), (size_t)pos);
    char id[32], label[1024], v[64], t[768];

    if (f->finding < 0 && f->firing < 0 && strcmp(f->relation, "threshold") != 0)
        return 0;
    if (d->fact_done[pos])
        return 1;
    d->fact_done[pos] = 1;
    fact_id(id, sizeof id, pos);
    fprintf(d->out, "  ");
    put_str(d->out, id);
    if (f->finding >= 0) {
        const sol_finding *fd = sol_findings_at(sol_report_findings(r), (size_t)f->finding);
        static const sol_wr_cite_style st = {0, 1, 1, NULL, NULL};
        char at[300];
        sol_value_text(&fd->value, v, sizeof v);
        sol_wr_cite(fd, v, sol_finding_where(fd, at, sizeof at), &st, t, sizeof t);
        wrap(t, LABEL_WIDTH, label, sizeof label);
        fprintf(d->out, " [shape=ellipse, label=");
    } else if (f->firing < 0) {
        snprintf(t, sizeof t, "cut-off %s = %s", sol_gfact_sym(f, "name"),
                 sol_value_text(sol_gfact_slot(f, "value"), v, sizeof v));
        wrap(t, LABEL_WIDTH, label, sizeof label);
        fprintf(d->out, " [shape=plaintext, fontsize=10, label=");
    } else {
        /* A derived fact in the words of the text explanation. */
        const char *w = sol_explain_fact_words(d->x, pos, t, sizeof t);
        if (strncmp(w, "derived ", 8) == 0)
            w += 8;
        wrap(w, LABEL_WIDTH, label, sizeof label);
        fprintf(d->out, " [shape=note, label=");
    }
    put_str(d->out, label);
    fprintf(d->out, "];\n");
    return 1;
}

static void walk_rule(dot *d, const sol_xnode *n);

/* Facts a rule matched: fact -> rule edges, and derived facts' own rules. */
static void walk_basis(dot *d, const sol_xnode *rule)
{
    char from[32], to[32];

    rule_id(to, sizeof to, rule->firing);
    for (size_t i = 0; i < rule->nkids; i++) {
        const sol_xnode *k = &rule->kids[i];
        if (!fact_node(d, k->fact))
            continue;
        fact_id(from, sizeof from, k->fact);
        edge(d, from, to, NULL, k->exists ? EDGE_EXISTS : EDGE_PLAIN);
        if (k->kind != SOL_XN_FACT)
            continue;
        for (size_t j = 0; j < k->nkids; j++) {
            char rid[32];
            walk_rule(d, &k->kids[j]);
            rule_id(rid, sizeof rid, k->kids[j].firing);
            edge(d, rid, from, NULL, EDGE_PLAIN);
        }
    }
}

static void walk_rule(dot *d, const sol_xnode *n)
{
    rule_node(d, n);
    walk_basis(d, n);
}

/* What each shape means, drawn once in its own box. */
static void legend(FILE *out)
{
    fprintf(out, "  subgraph cluster_legend {\n"
                 "    label=\"Legend\"; fontsize=10; style=rounded; color=gray60;\n"
                 "    node [fontsize=9];\n"
                 "    \"legend:finding\" [shape=ellipse, label=\"finding\\nrecord line\"];\n"
                 "    \"legend:rule\" [shape=box, label=\"rule\\nid and name\"];\n"
                 "    \"legend:fact\" [shape=note, label=\"derived fact\"];\n"
                 "    \"legend:conclusion\" [shape=box, style=rounded, label=\"conclusion\\n"
                 "in its tier's box\\ncertainty\"];\n"
                 "    \"legend:redflag\" [shape=box, color=red, fontcolor=red, penwidth=3, "
                 "label=\"red flag\\nrefer\"];\n"
                 "    \"legend:finding\" -> \"legend:rule\" [label=\"matched\", decorate=true];\n"
                 "    \"legend:rule\" -> \"legend:fact\" [style=dashed, label=\"(exists)\", "
                 "decorate=true];\n"
                 "    \"legend:fact\" -> \"legend:conclusion\" [style=invis];\n"
                 "    \"legend:conclusion\" -> \"legend:redflag\" [style=invis];\n"
                 "  }\n");
}

/* Text for a Graphviz HTML-like label: markup characters as entities,
 * control characters as spaces, newlines as <BR/>. */
static void put_html(FILE *out, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\n': fputs("<BR/>", out); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fputc(' ', out);
            else
                fputc(*p, out);
        }
    }
}

/* The conclusions panel: one node, a table with one section per tier in
 * rank order (red flags first) and one cell per conclusion in report order,
 * so the order on the slide is the report's; each cell is a port that the
 * votes point at. */
static void conclusions_panel(FILE *out, const sol_explain *x)
{
    const sol_catalog *cat = sol_report_catalog(sol_explain_report(x));
    fprintf(out, "  \"conclusions\" [shape=plaintext, margin=0, label=<"
                 "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"6\">\n");
    for (size_t ti = 0; ti < sol_catalog_tier_count(cat); ti++) {
        const sol_tier *t = sol_catalog_tier_at(cat, ti);
        int open = 0;
        for (size_t i = 0; i < sol_explain_root_count(x); i++) {
            const sol_rconclusion *c = sol_explain_root_at(x, i)->concl;
            char label[512], name[256];
            int red = is_red_flag(c);
            if (c->tier != t->tier)
                continue;
            if (!open++) {
                /* the tier's section: its title, then its conclusions */
                fprintf(out,
                        "    <TR><TD><TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"4\" "
                        "STYLE=\"ROUNDED\" COLOR=\"%s\">\n      <TR><TD BORDER=\"0\">"
                        "<FONT POINT-SIZE=\"10\">",
                        t->by_severity ? "red" : "gray60");
                put_html(out, t->title);
                fprintf(out, "</FONT></TD></TR><!-- tier %c -->\n", t->tier);
            }
            snprintf(name, sizeof name, "%s\n(%s, %s)\ncertainty %.2f%s", c->cond->label,
                     c->cond->code, c->id, c->cf, c->deferred ? "\ndeferred" : "");
            wrap(name, LABEL_WIDTH, label, sizeof label);
            fprintf(out, "      <TR><TD PORT=\"c%zu\"%s>%s", i,
                    red           ? " COLOR=\"red\" BORDER=\"3\""
                    : c->deferred ? " STYLE=\"DASHED\""
                                  : "",
                    red ? "<FONT COLOR=\"red\"><B>" : "");
            put_html(out, label);
            fprintf(out, "%s</TD></TR>\n", red ? "</B></FONT>" : "");
        }
        if (open)
            fprintf(out, "    </TABLE></TD></TR>\n");
    }
    fprintf(out, "  </TABLE>>];\n");
}

int sol_write_dot(FILE *out, const sol_explain *x)
{
    const sol_report *r = sol_explain_report(x);
    const sol_graph *g = sol_report_graph(r);
    dot d = {out, x, NULL, NULL, NULL, 0, 0};
    int rc = SOL_ENOMEM;

    d.fact_done = calloc(sol_graph_fact_count(g) + 1, 1);
    d.firing_done = calloc(sol_graph_firing_count(g) + 1, 1);
    if (!d.fact_done || !d.firing_done)
        goto cleanup;
    fprintf(out, "digraph ");
    put_str(out, sol_report_record_id(r));
    /* size: a 16:9 slide (13.33 x 7.5 in); bigger pictures are scaled down */
    fprintf(out, " {\n  rankdir=LR;\n  newrank=true;\n  size=\"13.33,7.5\";\n"
                 "  node [fontname=\"Helvetica\", fontsize=11];\n"
                 "  edge [fontname=\"Helvetica\", fontsize=9];\n  label=");
    {
        char title[1024];
        snprintf(title, sizeof title,
                 "Soleus: why, for record %s (decision support, not a diagnosis)",
                 sol_report_record_id(r));
        put_str(out, title);
    }
    fprintf(out, ";\n  labelloc=t;\n");
    legend(out);
    conclusions_panel(out, x);
    for (size_t i = 0; i < sol_explain_root_count(x); i++) {
        const sol_xnode *root = sol_explain_root_at(x, i);
        const sol_rconclusion *c = root->concl;
        char cid[32];
        int red = is_red_flag(c);

        snprintf(cid, sizeof cid, "c%zu", i);
        for (size_t k = 0; k < root->nkids; k++) {
            const sol_xnode *rn = &root->kids[k];
            char rid[32], el[64];
            walk_rule(&d, rn);
            rule_id(rid, sizeof rid, rn->firing);
            if (rn->contrib)
                snprintf(el, sizeof el, "%s %+.2f", rn->contrib->polarity, rn->contrib->cf);
            edge_to(&d, rid, "conclusions", cid, rn->contrib ? el : NULL,
                    red ? EDGE_RED : EDGE_PLAIN);
        }
    }
    fprintf(out, "}\n");
    rc = d.oom ? SOL_ENOMEM : sol_write_end(out);
cleanup:
    for (size_t i = 0; i < d.nedges; i++)
        free(d.edges[i]);
    free(d.edges);
    free(d.fact_done);
    free(d.firing_done);
    return rc;
}
