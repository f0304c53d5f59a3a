# covers: terse tree with a Wells total folded into one derived fact and deferred T/K conclusions
explain examples/tc3-dvt.xml
