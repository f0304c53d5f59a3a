"""Notes never clear a red flag by scope: every red-flag phrase of the note
sentence corpus (tests/notes/sentences.tsv), placed after a negation only
through a list ("no X, Y", "no X or Y", "no X, Z or Y"), is never recorded
as absent: it stays unknown, with its quote, for the clinician to confirm."""
import json, os, re, sys
from soleus_test import ROOT, table, record, assess, pairs

signs = set()
for _, c in table('must-not-miss.tsv'):
    if c[1] == 'present':
        signs |= {k for k, _ in pairs(c[4])}

# Affirmed red-flag phrases, as the note matcher quotes them.
sentences = []
with open(os.path.join(ROOT, 'tests', 'notes', 'sentences.tsv'), encoding='utf-8') as f:
    for line in f:
        if line.startswith('#') or '\t' not in line:
            continue
        text, want = line.rstrip('\n').split('\t', 1)
        if any(t.split('=')[0] in signs for t in want.split() if '=' in t and '@' not in t):
            sentences.append(text)
phrases = {}
for text in sentences:
    status, out, err = assess(record('phrase', [], [text]), 'json')
    for fd in json.loads(out).get('findings', []) if status == 0 else []:
        if fd.get('origin') == 'note' and fd['name'] in signs and not fd.get('trigger') \
                and fd.get('value') != 'unknown':
            phrases.setdefault((fd['name'], fd['quote'].lower()), fd['quote'])

fillers = [('calf-swelling-diff', 'swelling'), ('cramping-during-run', 'cramping'),
           ('paraesthesia-foot-or-calf', 'pins and needles')]
failures, checked = [], 0
for (name, _), quote in sorted(phrases.items()):
    first, second = [w for n, w in fillers if n != name][:2]
    for label, note in (('comma', f'No {first}, {quote}.'), ('or', f'No {first} or {quote}.'),
                        ('list', f'No {first}, {second} or {quote}.')):
        checked += 1
        status, out, err = assess(record('scope', [], [note]), 'json')
        if status != 0:
            failures.append(f'{name} "{note}": exit {status} {err.strip()}')
            continue
        got = [fd for fd in json.loads(out).get('findings', []) if fd['name'] == name]
        if not got:
            failures.append(f'{name} ({label}) "{note}": phrase not read at all')
        for fd in got:
            if fd.get('trigger') and fd.get('value') != 'unknown':
                failures.append(f'{name} ({label}) "{note}": recorded as {fd["value"]} '
                                f'through the negation "{fd["trigger"]}"')
for f in failures:
    print('FAIL', f)
print(f'notes scope: {len(phrases)} red-flag phrases, {checked} notes, {len(failures)} failures')
sys.exit(1 if failures or len(phrases) < 10 else 0)
