# covers: what-if with --unset and --set together: a red flag lost
what-if examples/tc7-achilles-rupture.xml --unset thompson-positive --set single-leg-heel-raise-able=yes
