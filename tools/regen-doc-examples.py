#!/usr/bin/env python3
"""tools/regen-doc-examples.py — rewrite the "$ soleus ARGS" example blocks of
docs/explanations.md and docs/audit.md from the current build, so that
tests/sh/doc-examples.sh passes again after a knowledge-base change. A block
that used "…" keeps its shape: the first lines up to the "…", then the last
lines after it (as many as before). Review the diff: it is documentation."""
import os, re, shlex, subprocess, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOLEUS = os.environ.get('SOLEUS', os.path.join(ROOT, 'build', 'soleus'))

def run(args):
    p = subprocess.run([SOLEUS] + shlex.split(args), capture_output=True, text=True, cwd=ROOT)
    return (p.stdout + p.stderr).rstrip('\n').split('\n')

def regen(block):
    lines = block.split('\n')
    cmd, body = lines[0], lines[1:]
    out = run(cmd[len('$ soleus '):])
    if '…' in body:
        k = body.index('…')
        head, tail = k, len(body) - k - 1
        return '\n'.join([cmd] + out[:head] + ['…'] + (out[-tail:] if tail else []))
    return '\n'.join([cmd] + out)

for doc in sys.argv[1:] or ['docs/explanations.md', 'docs/audit.md']:
    path = os.path.join(ROOT, doc)
    text = open(path, encoding='utf-8').read()
    text = re.sub(r'(?m)^```\n(\$ soleus [^\n]*\n(?:(?!```)[^\n]*\n)*?)```',
                  lambda m: '```\n' + regen(m.group(1).rstrip('\n')) + '\n```', text)
    open(path, 'w', encoding='utf-8').write(text)
    print('regenerated', doc)
