# covers: the same explanation as a Graphviz picture: both R17 firings are nodes with their findings
explain tests/cases/rf-r17-s1-back-pain-signs/record.xml s1-radiculopathy --format dot
