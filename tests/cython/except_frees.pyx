# Clean: a bare except that frees the buffer and re-raises. Cython's C
# enters the clause through __Pyx_GetException(...) < 0, whose failure
# (out of memory while handling an exception) would skip the free; that
# path is not reported.
from libc.stdlib cimport malloc, free

def prefixes(list names):
    cdef size_t i = 0
    cdef char **c_names = <char **> malloc((len(names) + 1) * sizeof(char *))
    if not c_names:
        raise MemoryError()
    try:
        for name in names:
            if not isinstance(name, bytes):
                raise TypeError("bytes expected")
            c_names[i] = name
            i += 1
    except:
        free(c_names)
        raise
    c_names[i] = NULL
    n = i
    free(c_names)
    return n
