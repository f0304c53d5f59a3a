/* write_dot.c — the explanation as a Graphviz digraph: findings (ellipses)
 * feed rules (boxes), rules assert derived facts (notes) and vote on
 * conclusions (double octagons); red flags are red and bold. Every label is
 * escaped, so record text cannot break out of its quoted string. */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

enum { EDGE_PLAIN, EDGE_RED, EDGE_EXISTS };   /* edge styles */

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

static int is_red_flag(const sol_rconclusion *c)
{
    const char *u = c->cond->urgency;
    return c->tier == 'A' &&
           (strcmp(u, "emergency") == 0 || strcmp(u, "urgent") == 0 ||
            strcmp(u, "non-urgent") == 0);
}

static void fact_id(char *buf, size_t len, long pos) { snprintf(buf, len, "f%ld", pos); }
static void rule_id(char *buf, size_t len, long firing) { snprintf(buf, len, "r%ld", firing); }

static void edge(dot *d, const char *from, const char *to, const char *label, int style)
{
    char key[256];
    char **ne;

    snprintf(key, sizeof key, "%s>%s", from, to);
    for (size_t i = 0; i < d->nedges; i++)
        if (strcmp(d->edges[i], key) == 0)
            return;
    ne = realloc(d->edges, (d->nedges + 1) * sizeof *ne);
    if (!ne || !(ne[d->nedges] = sol_strdup(key))) {
        if (ne)
            d->edges = ne;
        d->oom = 1;
        return;
    }
    d->edges = ne;
    d->nedges++;
    fprintf(d->out, "  ");
    put_str(d->out, from);
    fprintf(d->out, " -> ");
    put_str(d->out, to);
    if (label || style) {
        fprintf(d->out, " [");
        if (label) {
            fprintf(d->out, "label=");
            put_str(d->out, label);
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
    snprintf(label, sizeof label, "%s\n%s", n->kbrule && n->kbrule->id ? n->kbrule->id : "?",
             name ? name + 2 : n->rule);
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
        sol_value_text(&fd->value, v, sizeof v);
        if (fd->origin == SOL_ORIGIN_NOTE)
            snprintf(label, sizeof label, "%s = %s\nnote, line %d\n\"%s\"", fd->name, v, fd->line,
                     fd->quote ? fd->quote : "");
        else if (fd->origin == SOL_ORIGIN_WHATIF)
            snprintf(label, sizeof label, "%s = %s\nwhat-if", fd->name, v);
        else
            snprintf(label, sizeof label, "%s = %s\nline %d", fd->name, v, fd->line);
        fprintf(d->out, " [shape=ellipse, label=");
    } else if (f->firing < 0) {
        snprintf(label, sizeof label, "threshold %s = %s", sol_gfact_sym(f, "name"),
                 sol_value_text(sol_gfact_slot(f, "value"), v, sizeof v));
        fprintf(d->out, " [shape=plaintext, fontsize=10, label=");
    } else {
        /* A derived fact: its template, then one slot per line. */
        size_t used;
        snprintf(label, sizeof label, "%s", f->relation);
        for (size_t i = 0; i < f->nslots; i++) {
            used = strlen(label);
            snprintf(label + used, sizeof label - used, "\n%s %s", f->slot_names[i],
                     sol_value_text(&f->slot_values[i], t, sizeof t));
        }
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
    fprintf(out, " {\n  rankdir=LR;\n  node [fontname=\"Helvetica\", fontsize=11];\n"
                 "  edge [fontname=\"Helvetica\", fontsize=9];\n  label=");
    {
        char title[1024];
        snprintf(title, sizeof title, "Soleus: why, for record %s (decision support, not a diagnosis)",
                 sol_report_record_id(r));
        put_str(out, title);
    }
    fprintf(out, ";\n  labelloc=t;\n");
    for (size_t i = 0; i < sol_explain_root_count(x); i++) {
        const sol_xnode *root = sol_explain_root_at(x, i);
        const sol_rconclusion *c = root->concl;
        char cid[160], label[512];
        int red = is_red_flag(c);

        snprintf(cid, sizeof cid, "c:%s", c->id);
        snprintf(label, sizeof label, "%s\n(%s, %s)\ncertainty %.2f%s", c->cond->label,
                 c->cond->code, c->id, c->cf, c->deferred ? "\ndeferred" : "");
        fprintf(out, "  ");
        put_str(out, cid);
        fprintf(out, " [shape=doubleoctagon, label=");
        put_str(out, label);
        if (red)
            fprintf(out, ", color=red, fontcolor=red, style=bold, penwidth=2");
        else if (c->deferred)
            fprintf(out, ", style=dashed");
        fprintf(out, "];\n");
        for (size_t k = 0; k < root->nkids; k++) {
            const sol_xnode *rn = &root->kids[k];
            char rid[32], el[64];
            walk_rule(&d, rn);
            rule_id(rid, sizeof rid, rn->firing);
            if (rn->contrib)
                snprintf(el, sizeof el, "%s %+.2f", rn->contrib->polarity, rn->contrib->cf);
            edge(&d, rid, cid, rn->contrib ? el : NULL, red ? EDGE_RED : EDGE_PLAIN);
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
