# covers: a red flag raised by R04 on top of a supported strain: (exists) evidence recovered, focus pushed back to BELIEF
explain examples/tc6-borderline.xml A1 --style teach
