# covers: why-not a clot in a gastrocnemius tear: held/failed/unknown conditions, derived conditions met by search, one-change answer
why-not examples/tc5-gastroc-tear.xml possible-dvt
