# A known leak silenced in the .pyx itself: a Python comment on the line the
# finding is reported at suppresses it, as a C comment does in C. (With
# --cython-locations c the finding is in the C, where this comment is not.)
from libc.stdlib cimport malloc, free

def first_byte(bytes data):
    cdef char *copy = <char *> malloc(len(data) + 1)
    if not copy:
        raise MemoryError()
    if not data:
        return 0  # alloccheck-ignore[leak]: the test of the suppression itself
    copy[0] = data[0]
    n = copy[0]
    free(copy)
    return n
