# covers: what-if that reorders a tier: rank changes, a conclusion gained, a recommendation gained
what-if examples/tc2-blogger-hip.xml --set single-leg-squat-hip-drop=none
