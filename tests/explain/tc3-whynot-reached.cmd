# covers: why-not of a reached conclusion points to explain
why-not examples/tc3-dvt.xml A1
