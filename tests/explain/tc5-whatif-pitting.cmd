# covers: what-if raising a red flag: gained/lost/changed conclusions, suppression, recommendations
what-if examples/tc5-gastroc-tear.xml --set pitting-oedema-symptomatic-leg=yes
