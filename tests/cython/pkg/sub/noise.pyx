# Bug in a module of a sub-package: Cython's markers name it
# "pkg/sub/noise.pyx", relative to the package root, not to the C file.
# Filling the array calls Python, which can raise: the block leaks then, and
# the note names the operation.
from libc.stdlib cimport malloc, free
import random

def noisy_sum(int n):
    cdef double *vals = <double *> malloc(n * sizeof(double))
    cdef int i
    if not vals:
        raise MemoryError()
    for i in range(n):
        vals[i] = random.normalvariate(0, 1)  # expect: leak note: if 'random' raises
    total = 0.0
    for i in range(n):
        total += vals[i]
    free(vals)
    return total
