# covers: terse tree of every shown conclusion: votes in combination order, (exists) evidence from REVIEW rules, thresholds
explain examples/tc1-hayley-overstride.xml
