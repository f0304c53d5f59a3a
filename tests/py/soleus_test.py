"""Shared helpers for the Python-driven shell tests (tests/sh/*.sh): run the
soleus binary, build records from findings, read the knowledge tables."""
import os, subprocess, tempfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOLEUS = os.environ.get('SOLEUS', os.path.join(ROOT, 'build', 'soleus'))
WRAP = os.environ.get('SOLEUS_WRAP', '').split()
ORDER = ['patient', 'history', 'screening', 'examination', 'running', 'special-tests']


def table(name):
    """Rows of knowledge/NAME as lists of columns (comments and blanks skipped)."""
    rows = []
    with open(os.path.join(ROOT, 'knowledge', name), encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if line.startswith('#') or not line.strip():
                continue
            rows.append((n, line.rstrip('\n').split('\t')))
    return rows


def sections():
    return {c[0]: c[1] for _, c in table('vocabulary.tsv')}


def record(rid, findings, notes=()):
    """XML text of a record with findings [(name, value)] placed in their sections."""
    sec = sections()
    out = ['<?xml version="1.0" encoding="UTF-8"?>', f'<assessment id="{rid}">']
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
    return '\n'.join(out) + '\n'


def assess(xml, fmt='summary'):
    """Assess record text; returns (exit status, stdout, stderr)."""
    with tempfile.NamedTemporaryFile('w', suffix='.xml', dir=os.environ.get('TMP'),
                                     delete=False, encoding='utf-8') as f:
        f.write(xml)
        path = f.name
    try:
        p = subprocess.run(WRAP + [SOLEUS, 'assess', '--no-next', '--format', fmt, path],
                           capture_output=True, text=True, cwd=ROOT)
        return p.returncode, p.stdout, p.stderr
    finally:
        os.unlink(path)


def pairs(spec):
    """'a=yes b=3' -> [('a', 'yes'), ('b', '3')]"""
    return [tuple(t.split('=', 1)) for t in spec.split()]
