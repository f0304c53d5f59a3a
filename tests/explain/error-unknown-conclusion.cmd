# covers: unknown conclusion id: usage error (exit 2) naming the closest ids
explain examples/tc3-dvt.xml possible-dvx
