# covers: every firing of one rule cited: the reflex and the sensory sign of R17 each with its findings (issue 9.11)
explain tests/cases/rf-r17-s1-back-pain-signs/record.xml s1-radiculopathy
