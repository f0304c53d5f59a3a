# covers: why-not a driver: candidates that need another conclusion first (derived conditions) are not re-assessed when a smaller change exists
why-not examples/tc4-soleus-overload.xml K1
