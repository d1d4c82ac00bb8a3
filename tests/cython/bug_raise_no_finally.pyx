# Bug: an exception raised inside try with no finally leaks the buffer. The
# exception leaves the function through the try's except dispatch, which is
# where Cython's C jumps to the shared exit: the leak is reported at the try.
from libc.stdlib cimport malloc, free

def parse(int n):
    cdef int *vals = <int *> malloc(n * sizeof(int))
    if not vals:
        raise MemoryError()
    try:  # expect: leak
        if n > 100:
            raise ValueError("too many")
        vals[0] = n
    except KeyError:
        pass
    free(vals)
    return n
