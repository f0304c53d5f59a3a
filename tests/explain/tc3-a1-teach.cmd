# covers: teaching story of a red flag built on the Wells total: one point per firing, modify steps, MYCIN combination
explain examples/tc3-dvt.xml possible-dvt --style teach
