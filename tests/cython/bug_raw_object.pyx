# Bug: PyObject_Malloc memory released with PyMem_RawFree.
from cpython.mem cimport PyObject_Malloc, PyMem_RawFree

def scratch(size_t n):
    cdef char *buf = <char*> PyObject_Malloc(n + 1)
    if not buf:
        raise MemoryError()
    buf[0] = 0
    PyMem_RawFree(buf)  # expect: dealloc-mismatch
    return n
