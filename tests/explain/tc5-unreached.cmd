# covers: explain of a conclusion that was not reached points to why-not
explain examples/tc5-gastroc-tear.xml achilles-rupture
