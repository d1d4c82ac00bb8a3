# Bug in an included .pxi (with_include.pxi); this file only uses it.
from libc.stdlib cimport calloc, free

include "with_include.pxi"

def distinct(bytes b):
    return count_distinct(b, len(b))
