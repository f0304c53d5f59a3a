# covers: an unknown finding name: exit 2 naming the closest finding
what-if examples/tc2-blogger-hip.xml --set pitting=yes
