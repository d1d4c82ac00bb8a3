# Bug: a block allocated in each round of a loop and never freed.
from libc.stdlib cimport malloc

def rounds(int n):
    cdef int i
    cdef char *line
    for i in range(n):
        line = <char *> malloc(32)  # expect: leak
        if not line:
            raise MemoryError()
        line[0] = 0
    return n
