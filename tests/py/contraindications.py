"""No golden report gives a recommendation that knowledge/contraindications.tsv
forbids beside one of its conclusions, and no report both withholds and
gives the same recommendation (the states: screen unanswered, course
unknown, worsening, stopped, referral pending)."""
import glob, os, re, subprocess, sys
from soleus_test import ROOT, SOLEUS, WRAP, table

contra = [(c[0], c[1]) for _, c in table('contraindications.tsv')]
failures, cases = [], sorted(glob.glob(os.path.join(ROOT, 'tests', 'cases', '*', 'record.xml')))
for rec in cases:
    name = os.path.basename(os.path.dirname(rec))
    p = subprocess.run(WRAP + [SOLEUS, 'assess', '--no-next', '--format', 'summary', rec],
                       capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        failures.append(f'{name}: assess failed ({p.returncode})')
        continue
    concl = set(re.findall(r'^conclusion [ATKX] \d+ (\S+) ', p.stdout, re.M))
    recs = set(re.findall(r'^recommendation (\S+) for ', p.stdout, re.M))
    withheld = set(re.findall(r'^withheld (\S+) because ', p.stdout, re.M))
    for r, by in contra:
        if r in recs and by in concl:
            failures.append(f'{name}: {r} given beside {by}')
    for r in sorted(recs & withheld):
        failures.append(f'{name}: {r} both given and withheld')
for f in failures:
    print('FAIL', f)
print(f'contraindications: {len(cases)} golden reports, {len(contra)} pairs, {len(failures)} failures')
sys.exit(1 if failures or not cases or not contra else 0)
