# covers: a value the vocabulary refuses: exit 4 with what was expected
what-if examples/tc2-blogger-hip.xml --set onset=maybe
