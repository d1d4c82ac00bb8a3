# Bug: the try frees on error, but the sum after it runs on a Python object
# and can raise too, skipping the free. The note names the addition.
from libc.stdlib cimport malloc, free

def checked_total(list values):
    cdef int n = len(values)
    cdef double *vals = <double *> malloc(n * sizeof(double))
    cdef int i
    if not vals:
        raise MemoryError()
    try:
        for i in range(n):
            vals[i] = values[i]
    except:
        free(vals)
        raise
    total = 0
    for i in range(n):
        total += vals[i]  # expect: leak note: if 'total += vals[i]' raises
    free(vals)
    return total
