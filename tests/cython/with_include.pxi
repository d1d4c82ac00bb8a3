# Included by with_include.pyx: the early return leaks the table, and the
# finding is at this file's line (Cython's markers name the .pxi).
cdef int count_distinct(const unsigned char *data, int n):
    cdef int *seen = <int *> calloc(256, sizeof(int))
    cdef int i, total = 0
    if not seen:
        return -1
    if n == 0:
        return 0  # expect: leak
    for i in range(n):
        if not seen[data[i]]:
            seen[data[i]] = 1
            total += 1
    free(seen)
    return total
