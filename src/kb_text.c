/* kb_text.c — renders the knowledge-base model in plain English, phrase by
 * phrase, so `soleus rules`, docs/knowledge-base.md and the explainers all
 * describe a rule the same way, straight from the rule source. */
#include "kb_text.h"

#include <stdarg.h>
#include <string.h>

/* A bounded text buffer: appends never overflow; truncation ends in "…". */
typedef struct {
    char *p;
    size_t len; /* capacity including the NUL */
    size_t n;
    int trunc;
} tbuf;

static void tb_init(tbuf *b, char *buf, size_t len)
{
    b->p = buf;
    b->len = len;
    b->n = 0;
    b->trunc = 0;
    if (len)
        buf[0] = '\0';
}

static void tb_add(tbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void tb_add(tbuf *b, const char *fmt, ...)
{
    va_list ap;
    int w;

    if (b->trunc || b->len == 0)
        return;
    va_start(ap, fmt);
    w = vsnprintf(b->p + b->n, b->len - b->n, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= b->len - b->n) {
        b->trunc = 1;
        b->n = b->len - 1;
        if (b->len >= 4) /* end in an ellipsis, on a UTF-8 boundary */
            memcpy(b->p + b->len - 4, "\xe2\x80\xa6", 4);
        return;
    }
    b->n += (size_t)w;
}

static const char *finding_label(const sol_vocab *v, const char *name)
{
    const sol_term *t = v && name ? sol_vocab_lookup(v, name) : NULL;

    return t && t->label && *t->label ? t->label : name;
}

static const char *finding_unit(const sol_vocab *v, const char *name)
{
    const sol_term *t = v && name ? sol_vocab_lookup(v, name) : NULL;

    return t && t->unit && strcmp(t->unit, "-") != 0 ? t->unit : NULL;
}

static const char *conclusion_label(const sol_catalog *cat, const char *id)
{
    const sol_condition *c = cat && id ? sol_catalog_condition(cat, id) : NULL;

    return c && c->label && *c->label ? c->label : id;
}

static void add_values(tbuf *b, const sol_kb_constraint *c, const char *last)
{
    for (size_t i = 0; i < c->nvalues; i++) {
        if (i > 0)
            tb_add(b, "%s", i + 1 == c->nvalues ? last : ", ");
        tb_add(b, "%s", c->values[i]);
    }
}

static void add_tests(tbuf *b, const sol_kb_constraint *c, const char *unit)
{
    for (size_t i = 0; i < c->ntests; i++) {
        const sol_kb_numtest *t = &c->tests[i];

        tb_add(b, "%s%s ", i ? " and " : "", sol_kb_op_text(t->op));
        if (t->resolved)
            tb_add(b, "%g%s%s", t->value, unit ? " " : "", unit ? unit : "");
        if (t->threshold)
            tb_add(b, t->resolved ? " (%s)" : "%s", t->threshold);
    }
}

/* "is a or b", ">= 3 cm", "is recorded" … */
static void add_constraint(tbuf *b, const sol_kb_constraint *c, const char *unit)
{
    switch (c->kind) {
    case SOL_KB_CONS_ANY: tb_add(b, "is recorded"); break;
    case SOL_KB_CONS_IN:
        tb_add(b, "is ");
        add_values(b, c, " or ");
        break;
    case SOL_KB_CONS_NOT_IN:
        if (c->nvalues == 1) {
            tb_add(b, "is not %s", c->values[0]);
        } else if (c->nvalues == 2) {
            tb_add(b, "is neither %s nor %s", c->values[0], c->values[1]);
        } else {
            tb_add(b, "is none of ");
            add_values(b, c, ", ");
        }
        break;
    case SOL_KB_CONS_NUM: add_tests(b, c, unit); break;
    case SOL_KB_CONS_OPAQUE:
    default: tb_add(b, "matches %s", c->text); break;
    }
}

static const sol_kb_constraint *slot_cons(const sol_kb_cond *c, const char *slot)
{
    for (size_t i = 0; i < c->nslots; i++)
        if (strcmp(c->slots[i].name, slot) == 0)
            return &c->slots[i].c;
    return NULL;
}

static void add_cond(tbuf *b, const sol_kb *kb, const sol_kb_rule *r, const sol_kb_cond *c,
                     const sol_vocab *v, const sol_catalog *cat);
static void add_call(tbuf *b, const char *text);

static void add_group(tbuf *b, const sol_kb *kb, const sol_kb_rule *r, const sol_kb_cond *c,
                      const char *join, const sol_vocab *v, const sol_catalog *cat)
{
    int first = 1;

    tb_add(b, "(");
    for (size_t i = 0; i < c->nchildren; i++) {
        if (c->children[i].kind == SOL_KB_CE_THRESHOLD)
            continue;
        if (!first)
            tb_add(b, " %s ", join);
        add_cond(b, kb, r, &c->children[i], v, cat);
        first = 0;
    }
    tb_add(b, ")");
}

static void add_not(tbuf *b, const sol_kb *kb, const sol_kb_rule *r, const sol_kb_cond *c,
                    const sol_vocab *v, const sol_catalog *cat)
{
    const sol_kb_cond *x = &c->children[0];

    if (x->kind == SOL_KB_CE_FINDING && x->finding && x->value->kind != SOL_KB_CONS_OPAQUE &&
        x->value->kind != SOL_KB_CONS_NOT_IN) {
        /* "\"LABEL\" is not known to be yes": the label may itself be
         * negative ("calf squeeze does not move the foot"); quoted, it reads
         * as the finding's name, not as a double negative */
        tb_add(b, "\"%s\" ", finding_label(v, x->finding));
        if (x->value->kind == SOL_KB_CONS_ANY) {
            tb_add(b, "is not recorded");
        } else if (x->value->kind == SOL_KB_CONS_IN) {
            tb_add(b, "is not known to be ");
            add_values(b, x->value, " or ");
        } else {
            tb_add(b, "is not known to be ");
            add_tests(b, x->value, finding_unit(v, x->finding));
        }
        return;
    }
    if (x->kind == SOL_KB_CE_FINDING && !x->finding && x->value->kind == SOL_KB_CONS_ANY) {
        const sol_kb_constraint *k = slot_cons(x, "name");

        tb_add(b, "the finding %s is not recorded", k ? k->text : "?");
        return;
    }
    if (x->kind == SOL_KB_CE_EVIDENCE && x->conclusion) {
        tb_add(b, "%s has no %s evidence", conclusion_label(cat, x->conclusion),
               x->polarity && strcmp(x->polarity, "oppose") == 0  ? "opposing"
               : x->polarity && strcmp(x->polarity, "prior") == 0 ? "prior"
               : x->polarity                                      ? "supporting"
                                                                  : "recorded");
        return;
    }
    tb_add(b, "NOT ");
    if (x->kind == SOL_KB_CE_AND || x->kind == SOL_KB_CE_OR) {
        add_cond(b, kb, r, x, v, cat);
    } else {
        tb_add(b, "(");
        add_cond(b, kb, r, x, v, cat);
        tb_add(b, ")");
    }
}

static void add_pattern(tbuf *b, const sol_kb_cond *c, const sol_catalog *cat)
{
    int constrained = 0;

    for (size_t i = 0; i < c->nslots; i++)
        constrained |= c->slots[i].c.kind != SOL_KB_CONS_ANY;
    tb_add(b, constrained ? "%s" : "a %s fact", c->tmpl ? c->tmpl : c->text);
    for (size_t i = 0; i < c->nslots; i++) {
        const sol_kb_slot *s = &c->slots[i];
        const char *lit = s->c.kind == SOL_KB_CONS_IN && s->c.nvalues == 1 ? s->c.values[0]
                                                                           : NULL;

        if (s->c.kind == SOL_KB_CONS_ANY)
            continue;
        if (lit && (strcmp(s->name, "name") == 0 || strcmp(s->name, "item") == 0 ||
                    strcmp(s->name, "id") == 0)) {
            tb_add(b, " %s", conclusion_label(cat, lit));
        } else {
            tb_add(b, strcmp(s->name, "value") == 0 ? " " : " %s ", s->name);
            add_constraint(b, &s->c, NULL);
        }
    }
}

static void add_cond(tbuf *b, const sol_kb *kb, const sol_kb_rule *r, const sol_kb_cond *c,
                     const sol_vocab *v, const sol_catalog *cat)
{
    const sol_kb_constraint *k;
    const sol_kb_cond *f;

    switch (c->kind) {
    case SOL_KB_CE_FINDING:
        if (!c->finding) {
            k = slot_cons(c, "name");
            tb_add(b, "the finding %s ", k ? k->text : "?");
            add_constraint(b, c->value, NULL);
            break;
        }
        tb_add(b, "%s ", finding_label(v, c->finding));
        add_constraint(b, c->value, finding_unit(v, c->finding));
        break;
    case SOL_KB_CE_NOT: add_not(b, kb, r, c, v, cat); break;
    case SOL_KB_CE_AND: add_group(b, kb, r, c, "AND", v, cat); break;
    case SOL_KB_CE_OR: add_group(b, kb, r, c, "OR", v, cat); break;
    case SOL_KB_CE_EXISTS:
        if (c->nchildren == 1) { /* (exists X) reads as X */
            add_cond(b, kb, r, &c->children[0], v, cat);
            break;
        }
        tb_add(b, "some ");
        add_group(b, kb, r, c, "AND", v, cat);
        break;
    case SOL_KB_CE_EVIDENCE:
        tb_add(b, "%s %s", c->conclusion ? conclusion_label(cat, c->conclusion) : "a conclusion",
               !c->polarity                          ? "has evidence"
               : strcmp(c->polarity, "support") == 0 ? "is supported"
               : strcmp(c->polarity, "oppose") == 0  ? "is opposed"
                                                     : "has a prior");
        break;
    case SOL_KB_CE_BELIEF:
        tb_add(b, "belief in %s ",
               c->conclusion ? conclusion_label(cat, c->conclusion) : "a conclusion");
        k = slot_cons(c, "cf");
        if (k && k->kind != SOL_KB_CONS_ANY)
            add_constraint(b, k, NULL);
        else
            tb_add(b, "is recorded");
        break;
    case SOL_KB_CE_GATE:
        tb_add(b, "management is suppressed");
        k = slot_cons(c, "because");
        if (k && k->kind == SOL_KB_CONS_IN && k->nvalues == 1)
            tb_add(b, " because of %s", conclusion_label(cat, k->values[0]));
        break;
    case SOL_KB_CE_THRESHOLD: break;
    case SOL_KB_CE_TEST:
        f = c->value->var && r ? sol_kb_binder(r->conds, r->nconds, c->value->var) : NULL;
        if (f && c->value->kind == SOL_KB_CONS_NUM) {
            tb_add(b, "%s ", finding_label(v, f->finding));
            add_constraint(b, c->value, finding_unit(v, f->finding));
        } else {
            add_call(b, c->text);
        }
        break;
    case SOL_KB_CE_CONDITION:
        tb_add(b, "%s", c->conclusion ? conclusion_label(cat, c->conclusion) : "a conclusion");
        for (size_t i = 0, n = 0; i < c->nslots; i++) {
            const sol_kb_slot *s = &c->slots[i];

            if (s->c.kind == SOL_KB_CONS_ANY || strcmp(s->name, "id") == 0)
                continue;
            /* the red-flag slot (urgency.tsv) reads as a phrase */
            if (strcmp(s->name, "red-flag") == 0 && s->c.kind == SOL_KB_CONS_IN &&
                s->c.nvalues == 1) {
                tb_add(b, n++ ? " and %s" : " that %s",
                       strcmp(s->c.values[0], "yes") == 0 ? "is a red flag" : "is no red flag");
                continue;
            }
            tb_add(b, n++ ? " and %s" : " with %s", s->name);
            if (s->c.kind == SOL_KB_CONS_IN) {
                tb_add(b, " ");
                add_values(b, &s->c, " or ");
            } else {
                tb_add(b, " ");
                add_constraint(b, &s->c, NULL);
            }
        }
        break;
    case SOL_KB_CE_PATTERN: add_pattern(b, c, cat); break;
    case SOL_KB_CE_OTHER:
    default: tb_add(b, "%s", c->text); break;
    }
    (void)kb;
}

const char *sol_kb_cond_text(char *buf, size_t len, const sol_kb *kb, const sol_kb_rule *r,
                             const sol_kb_cond *c, const sol_vocab *v, const sol_catalog *cat)
{
    tbuf b;

    tb_init(&b, buf, len);
    if (c)
        add_cond(&b, kb, r, c, v, cat);
    return buf;
}

/* Text of a call without its outer parentheses. */
static void add_call(tbuf *b, const char *text)
{
    size_t n = strlen(text);

    if (n >= 2 && text[0] == '(' && text[n - 1] == ')')
        tb_add(b, "%.*s", (int)(n - 2), text + 1);
    else
        tb_add(b, "%s", text);
}

const char *sol_kb_action_text(char *buf, size_t len, const sol_kb_action *a, const sol_vocab *v,
                               const sol_catalog *cat)
{
    tbuf b;
    const sol_recommendation *rec;

    tb_init(&b, buf, len);
    if (!a)
        return buf;
    switch (a->kind) {
    case SOL_KB_ACT_EVIDENCE:
        tb_add(&b, "%s %s (%s)", a->polarity ? a->polarity : "evidence on",
               a->conclusion ? conclusion_label(cat, a->conclusion) : "the matched conclusion",
               a->strength ? a->strength : "computed strength");
        break;
    case SOL_KB_ACT_RECOMMENDATION:
        rec = cat && a->id ? sol_catalog_recommendation(cat, a->id) : NULL;
        if (!a->id) {
            tb_add(&b, "recommend %s", a->text);
            break;
        }
        tb_add(&b, "recommend %s", rec && *rec->label ? rec->label : a->id);
        if (a->conclusion)
            tb_add(&b, " for %s", conclusion_label(cat, a->conclusion));
        break;
    case SOL_KB_ACT_ADVICE:
        tb_add(&b, "advise assessing %s",
               a->finding ? finding_label(v, a->finding) : "the matched finding");
        if (a->because)
            tb_add(&b, " (because of %s)", conclusion_label(cat, a->because));
        break;
    case SOL_KB_ACT_GATE:
        tb_add(&b, "suppress management");
        if (a->because)
            tb_add(&b, " because of %s", conclusion_label(cat, a->because));
        break;
    case SOL_KB_ACT_ASSERT:
        tb_add(&b, "assert ");
        add_call(&b, a->text);
        break;
    case SOL_KB_ACT_CALL:
    default:
        if (strcmp(a->tmpl, "if") == 0 || strcmp(a->tmpl, "bind") == 0 ||
            strcmp(a->tmpl, "progn") == 0)
            break;
        add_call(&b, a->text);
        break;
    }
    return buf;
}

/* Length of the first sentence of c: up to ". ", "! " or "? ", not counting
 * an ellipsis; '!', '?' and the '.' of "et al." stay in, others do not. */
static size_t first_sentence(const char *c)
{
    for (size_t i = 0; c[i]; i++) {
        if (c[i + 1] != ' ' && c[i + 1] != '\0')
            continue;
        if (c[i] == '!' || c[i] == '?')
            return i + 1;
        if (c[i] != '.' || (i > 0 && c[i - 1] == '.'))
            continue;
        return i >= 3 && strncmp(c + i - 3, " al", 3) == 0 ? i + 1 : i;
    }
    return strlen(c);
}

/* First year 1900-2099 in c[0..n), or NULL. */
static const char *find_year(const char *c, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if ((c[i] == '1' || c[i] == '2') && (c[i + 1] == '9' || c[i + 1] == '0') &&
            c[i + 2] >= '0' && c[i + 2] <= '9' && c[i + 3] >= '0' && c[i + 3] <= '9' &&
            (i == 0 || c[i - 1] < '0' || c[i - 1] > '9') &&
            (i + 4 == n || c[i + 4] < '0' || c[i + 4] > '9'))
            return c + i;
    return NULL;
}

const char *sol_kb_short_citation(char *buf, size_t len, const sol_source *s)
{
    tbuf b;
    const char *c = s && s->citation ? s->citation : "";
    const char *with = strstr(c, " With:");
    size_t n = first_sentence(c), scope = with ? (size_t)(with - c) : strlen(c);
    const char *year = find_year(c, scope);

    tb_init(&b, buf, len);
    if (n > 72) { /* cut at a word boundary */
        size_t cut = 72;

        while (cut > 20 && c[cut] != ' ')
            cut--;
        tb_add(&b, "%.*s\xe2\x80\xa6", (int)cut, c);
        return buf;
    }
    tb_add(&b, "%.*s", (int)n, c);
    if (year && year >= c + n)
        tb_add(&b, " %.4s", year);
    return buf;
}

/* ---- the whole knowledge base ---- */

#define PHRASE 1024

typedef struct {
    FILE *out;
    int md;
    const sol_kb *kb;
    const sol_vocab *v;
    const sol_catalog *cat;
} writer;

/* Markdown-escape text for a list item or table cell. */
static void put_md(writer *w, const char *s)
{
    if (!w->md) {
        fputs(s, w->out);
        return;
    }
    for (; *s; s++) {
        if (strchr("*_`[]|\\", *s) ||
            (*s == '<' && ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z'))))
            fputc('\\', w->out);
        fputc(*s, w->out);
    }
}

static const char *strip_dot(const char *path)
{
    while (path[0] == '.' && path[1] == '/')
        path += 2;
    return path;
}

/* A rule that applies the referral table (a pattern on referral facts)
 * reaches what the table's rows say: list them, each with its sources, so
 * the listing shows every referral the rule can give. */
static void write_table_rows(writer *w, const sol_kb_rule *r, const char *item)
{
    char buf[PHRASE];
    int reads = 0;

    for (size_t i = 0; i < r->nconds; i++)
        reads |= r->conds[i].tmpl && strcmp(r->conds[i].tmpl, "referral") == 0;
    if (!reads || !sol_catalog_referral_count(w->cat))
        return;
    fprintf(w->out, item, "Rows (knowledge/referrals.tsv):");
    for (size_t i = 0; i < sol_catalog_referral_count(w->cat); i++) {
        const sol_referral *x = sol_catalog_referral_at(w->cat, i);
        const sol_condition *c = sol_catalog_condition(w->cat, x->conclusion);
        const sol_recommendation *rec = sol_catalog_recommendation(w->cat, x->recommendation);

        snprintf(buf, sizeof buf, "%s%s gets %s (%s)", i ? "; " : "",
                 c ? c->label : x->conclusion, rec ? rec->label : x->recommendation, x->sources);
        put_md(w, buf);
    }
    fputc('\n', w->out);
}

/* A table-driven rule (kb.h) applies every row of its table: list the rows
 * it was expanded over, once each, with their words and sources. */
static void write_expanded_rows(writer *w, const sol_kb_rule *r, const char *item)
{
    char buf[PHRASE], head[PHRASE];
    size_t shown = 0;

    if (!r->table || !r->nrows)
        return;
    snprintf(head, sizeof head, "Rows (%s):", strip_dot(r->rows[0].row_file));
    fprintf(w->out, item, head);
    for (size_t i = 0; i < r->nrows; i++) {
        const sol_kb_rule *u = &r->rows[i];
        int dup = 0;

        for (size_t k = 0; k < i && !dup; k++)
            dup = r->rows[k].row_line == u->row_line;
        if (dup)
            continue;
        snprintf(buf, sizeof buf, "%sline %d: %s (", shown++ ? "; " : "", u->row_line,
                 u->rationale ? u->rationale : "-");
        for (size_t k = 0; k < u->nsources; k++)
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", k ? "," : "",
                     u->sources[k]);
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), ")");
        put_md(w, buf);
    }
    fputc('\n', w->out);
}

static void write_rule(writer *w, const sol_kb_rule *r)
{
    char buf[PHRASE];
    const char *item = w->md ? "- **%s** " : "  %s ";
    const char *id = r->doc && strchr(r->doc, '|') && r->id && *r->id ? r->id : "(no id)";
    int n = 0;

    if (w->md)
        fprintf(w->out, "### %s — `%s`\n\n", id, r->qname);
    else
        fprintf(w->out, "%s %s\n", id, r->qname);
    fprintf(w->out, item, "IF");
    for (size_t i = 0; i < r->nconds; i++) {
        sol_kb_cond_text(buf, sizeof buf, w->kb, r, &r->conds[i], w->v, w->cat);
        if (!*buf)
            continue;
        if (n++)
            fputs(" AND ", w->out);
        put_md(w, buf);
    }
    if (!n)
        fputs("always", w->out);
    fputc('\n', w->out);
    fprintf(w->out, item, "THEN");
    n = 0;
    for (size_t i = 0; i < r->nactions; i++) {
        sol_kb_action_text(buf, sizeof buf, &r->actions[i], w->v, w->cat);
        if (!*buf)
            continue;
        if (n++)
            fputs(" AND ", w->out);
        put_md(w, buf);
    }
    if (!n)
        fputs("nothing", w->out);
    fputc('\n', w->out);
    fprintf(w->out, item, "Sources:");
    for (size_t i = 0; i < r->nsources; i++) {
        const sol_source *s = sol_catalog_source(w->cat, r->sources[i]);

        fprintf(w->out, "%s%s", i ? ", " : "", r->sources[i]);
        if (s) {
            fputs(" (", w->out);
            put_md(w, sol_kb_short_citation(buf, sizeof buf, s));
            fputs(")", w->out);
        }
    }
    if (!r->nsources)
        fputs("none", w->out);
    fputc('\n', w->out);
    fprintf(w->out, item, "Why:");
    put_md(w, r->rationale ? r->rationale : "(no rationale given)");
    fputc('\n', w->out);
    write_table_rows(w, r, item);
    write_expanded_rows(w, r, item);
    if (w->md)
        fprintf(w->out, "- *Defined at* `%s:%d`%s\n\n", strip_dot(r->file), r->line,
                r->has_salience ? " (control salience)" : "");
    else
        fprintf(w->out, "  At: %s:%d%s\n\n", strip_dot(r->file), r->line,
                r->has_salience ? " (control salience)" : "");
}

static size_t module_rules(const sol_kb *kb, const char *m)
{
    size_t n = 0;

    for (size_t i = 0; i < sol_kb_rule_count(kb); i++)
        n += strcmp(sol_kb_rule_at(kb, i)->module, m) == 0;
    return n;
}

static void write_sources(writer *w)
{
    char buf[PHRASE];

    fputs("## Sources cited\n\n| id | kind | citation |\n|---|---|---|\n", w->out);
    for (size_t i = 0; i < sol_catalog_source_count(w->cat); i++) {
        const sol_source *s = sol_catalog_source_at(w->cat, i);
        int used = 0;

        for (size_t j = 0; j < sol_kb_rule_count(w->kb) && !used; j++) {
            const sol_kb_rule *r = sol_kb_rule_at(w->kb, j);

            for (size_t k = 0; k < r->nsources && !used; k++)
                used = strcmp(r->sources[k], s->id) == 0;
        }
        if (!used)
            continue;
        fprintf(w->out, "| %s | %s | ", s->id, s->kind);
        snprintf(buf, sizeof buf, "%s", s->citation);
        put_md(w, buf);
        fputs(" |\n", w->out);
    }
}

int sol_kb_write_english(FILE *out, const sol_kb *kb, const sol_vocab *v, const sol_catalog *cat,
                         sol_kb_text_format fmt)
{
    writer w = {out, fmt == SOL_KB_TEXT_MARKDOWN, kb, v, cat};
    size_t nm = sol_kb_module_count(kb), nr = sol_kb_rule_count(kb);

    if (w.md) {
        fputs("# Soleus knowledge base\n\n"
              "<!-- Generated by `soleus rules --format md` "
              "(tools/gen-kb-doc.sh) from rules/ and knowledge/. "
              "Do not edit by hand. -->\n\n",
              out);
        fprintf(out,
                "%zu rules in %zu modules, in the order the engine runs "
                "them. Each rule says what it needs (IF), what it concludes "
                "(THEN), the sources it rests on and why. \"Not known to be\" "
                "means the finding is absent or has another value: a missing "
                "finding is never taken as negative.\n\n",
                nr, nm);
    } else {
        fprintf(out, "Soleus knowledge base: %zu rules in %zu modules.\n\n", nr, nm);
    }
    if (sol_catalog_strength_count(cat)) {
        fputs(w.md ? "Strengths (certainty factors): " : "Strengths: ", out);
        for (size_t i = 0; i < sol_catalog_strength_count(cat); i++) {
            const sol_strength *s = sol_catalog_strength_at(cat, i);

            fprintf(out, "%s%s %g", i ? ", " : "", s->strength, s->cf);
        }
        fputs(".\n\n", out);
    }
    if (w.md) {
        fputs("## Modules\n\n", out);
        for (size_t m = 0; m < nm; m++) {
            const char *name = sol_kb_module_at(kb, m);
            size_t n = module_rules(kb, name);
            char anchor[128];

            snprintf(anchor, sizeof anchor, "%s", name);
            for (char *p = anchor; *p; p++)
                if (*p >= 'A' && *p <= 'Z')
                    *p = (char)(*p - 'A' + 'a');
            fprintf(out, "- [%s](#%s): %zu rule%s\n", name, anchor, n, n == 1 ? "" : "s");
        }
        fputc('\n', out);
    }
    for (size_t m = 0; m < nm; m++) {
        const char *name = sol_kb_module_at(kb, m);

        if (w.md)
            fprintf(out, "## %s\n\n", name);
        else
            fprintf(out, "%s\n%.*s\n\n", name, (int)strlen(name),
                    "==================================================");
        for (size_t i = 0; i < nr; i++) {
            const sol_kb_rule *r = sol_kb_rule_at(kb, i);

            if (strcmp(r->module, name) == 0)
                write_rule(&w, r);
        }
    }
    /* Rules in a module that no defmodule declared (CLIPS would refuse). */
    for (size_t i = 0; i < nr; i++) {
        const sol_kb_rule *r = sol_kb_rule_at(kb, i);
        int known = 0;

        for (size_t m = 0; m < nm && !known; m++)
            known = strcmp(r->module, sol_kb_module_at(kb, m)) == 0;
        if (!known)
            write_rule(&w, r);
    }
    if (w.md && cat)
        write_sources(&w);
    fflush(out);
    return sol_write_end(out);
}

int sol_kb_write_rules(FILE *out, const sol_kb *kb, const sol_vocab *v, const sol_catalog *cat,
                       sol_kb_text_format fmt, const char *const *ids, size_t n, sol_diag *d)
{
    writer w = {out, fmt == SOL_KB_TEXT_MARKDOWN, kb, v, cat};
    size_t nr = sol_kb_rule_count(kb);

    for (size_t k = 0; k < n; k++) {
        size_t i = 0;
        while (i < nr && !sol_kb_rule_selected(sol_kb_rule_at(kb, i), ids[k]))
            i++;
        if (i == nr)
            return sol_diag_set(d, SOL_ENOTFOUND, "", 0,
                                "no rule has the id or family '%s' (see soleus rules)", ids[k]);
    }
    if (!out)
        return SOL_OK;
    for (size_t i = 0; i < nr; i++) {
        const sol_kb_rule *r = sol_kb_rule_at(kb, i);
        for (size_t k = 0; k < n; k++)
            if (sol_kb_rule_selected(r, ids[k])) {
                write_rule(&w, r);
                break;
            }
    }
    fflush(out);
    return ferror(out) ? SOL_EIO : SOL_OK;
}
