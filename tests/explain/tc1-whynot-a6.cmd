# covers: why-not CECS: the smallest change overturns one recorded answer
why-not examples/tc1-hayley-overstride.xml cecs-suspected
