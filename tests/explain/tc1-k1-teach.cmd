# covers: teaching story for one driver: phases, matched patterns, REVIEW rules reading another conclusion, belief arithmetic
explain examples/tc1-hayley-overstride.xml driver-overstride-heel-strike --style teach
