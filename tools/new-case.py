#!/usr/bin/env python3
"""tools/new-case.py SPEC... — write golden cases from a small spec file.

A spec file holds one or more cases separated by lines '=== NAME'. Each case
has a comment block (lines starting with '%'), findings as 'name = value'
lines (the section comes from knowledge/vocabulary.tsv), optional 'note:'
lines, then the expect lines after a line '---'. The script writes
tests/cases/NAME/record.xml and expect; bless assess.txt afterwards with
tools/bless. Existing cases are overwritten.
"""
import os, sys
from xml.sax.saxutils import escape

ORDER = ['patient', 'history', 'screening', 'examination', 'running', 'special-tests']

def vocab_sections(root):
    sec = {}
    for line in open(os.path.join(root, 'knowledge', 'vocabulary.tsv'), encoding='utf-8'):
        if line.startswith('#') or not line.strip():
            continue
        cols = line.rstrip('\n').split('\t')
        sec[cols[0]] = cols[1]
    return sec

def write_case(root, sec, name, lines):
    comment, findings, notes, expect, in_expect = [], [], [], [], False
    for line in lines:
        if in_expect:
            expect.append(line)
        elif line.strip() == '---':
            in_expect = True
        elif line.startswith('%'):
            comment.append(line[1:].strip())
        elif line.startswith('note:'):
            notes.append(line[5:].strip())
        elif '=' in line:
            k, v = (x.strip() for x in line.split('=', 1))
            if k not in sec:
                sys.exit(f'{name}: unknown finding {k}')
            findings.append((k, v))
    d = os.path.join(root, 'tests', 'cases', name)
    os.makedirs(d, exist_ok=True)
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    if comment:
        out.append('<!-- ' + '\n     '.join(escape(c).replace('--', '-') for c in comment) + ' -->')
    out.append(f'<assessment id="{name}">')
    for s in ORDER:
        fs = [(k, v) for k, v in findings if sec[k] == s]
        if fs:
            out.append(f'  <{s}>')
            out += [f'    <finding name="{k}">{escape(v)}</finding>' for k, v in fs]
            out.append(f'  </{s}>')
    if notes:
        out.append('  <notes>')
        out += [f'    <note>{escape(n)}</note>' for n in notes]
        out.append('  </notes>')
    out.append('</assessment>')
    open(os.path.join(d, 'record.xml'), 'w', encoding='utf-8').write('\n'.join(out) + '\n')
    while expect and not expect[-1].strip():
        expect.pop()
    open(os.path.join(d, 'expect'), 'w', encoding='utf-8').write('\n'.join(expect) + '\n')
    print('wrote', d)

def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sec = vocab_sections(root)
    for spec in sys.argv[1:]:
        name, lines = None, []
        for line in open(spec, encoding='utf-8').read().split('\n'):
            if line.startswith('=== '):
                if name:
                    write_case(root, sec, name, lines)
                name, lines = line[4:].strip(), []
            else:
                lines.append(line)
        if name:
            write_case(root, sec, name, lines)

if __name__ == '__main__':
    main()
