# covers: what-if on a set finding (several members); no change to the assessment
what-if examples/tc4-soleus-overload.xml --set 'recent-load-change=speed-intervals terrain-hills'
