"""The must-not-miss table (knowledge/must-not-miss.tsv) as tests: one
minimal record per 'present' row must reach its red flag, and still reach it
with any one 'benign' finding added; one record per 'ask' row (the trigger
alone) must list every named question as unanswered."""
import re, sys
from concurrent.futures import ThreadPoolExecutor
from soleus_test import table, record, assess, pairs

rows = [c for _, c in table('must-not-miss.tsv')]
present = [r for r in rows if r[1] == 'present']
asks = [r for r in rows if r[1] == 'ask']
benign = [pairs(r[4])[0] for r in rows if r[1] == 'benign']
failures, runs = [], 0


def reaches(out, conclusion):
    return re.search(r'^conclusion A \d+ %s cf=' % re.escape(conclusion), out, re.M)


jobs = []
for concl, _, rid, _, signs, _ in present:
    base = pairs(signs)
    names = {k for k, _ in base}
    variants = [('alone', base)] + [(f'+{k}={v}', base + [(k, v)]) for k, v in benign if k not in names]
    jobs += [(concl, rid, label, findings) for label, findings in variants]
with ThreadPoolExecutor(max_workers=2) as pool:
    results = list(pool.map(lambda j: assess(record(f'mnm-{j[1]}', j[3])), jobs))
for (concl, rid, label, _), (status, out, err) in zip(jobs, results):
    runs += 1
    if status != 0 or not reaches(out, concl):
        failures.append(f'{rid} ({label}): {concl} not reached (exit {status}) {err.strip()}')

for concl, _, rid, when, questions, _ in asks:
    status, out, err = assess(record(f'ask-{rid}', pairs(when)))
    runs += 1
    for q in questions.split():
        if not re.search(r'^unanswered %s$' % re.escape(q), out, re.M):
            failures.append(f'{rid}: trigger {when} does not ask {q} (for {concl})')

for f in failures:
    print('FAIL', f)
print(f'must-not-miss: {len(present)} presentations, {len(benign)} benign findings, '
      f'{len(asks)} trigger rows, {runs} records, {len(failures)} failures')
sys.exit(1 if failures or not present or not asks else 0)
