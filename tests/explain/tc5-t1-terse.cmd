# covers: conclusion asked by its brief code (T1)
explain examples/tc5-gastroc-tear.xml T1
