# covers: Graphviz picture: shapes, red flags in red and bold
explain examples/tc7-achilles-rupture.xml --format dot
