# Bug: libc realloc of PyMem memory.
from libc.stdlib cimport realloc, free
from cpython.mem cimport PyMem_Malloc, PyMem_Free

def regrow(size_t n):
    cdef char *buf = <char*> PyMem_Malloc(16)
    if not buf:
        raise MemoryError()
    cdef char *mem = <char*> realloc(buf, n)  # expect: dealloc-mismatch
    if not mem:
        PyMem_Free(buf)
        raise MemoryError()
    mem[0] = 0
    free(mem)
    return n
