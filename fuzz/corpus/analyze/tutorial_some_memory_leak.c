/*
 * tutorial: SomeMemory with a leaky resize -- this version allocates a new
 * block into a local, copies, and swaps it in; but a size error found after
 * the allocation returns without releasing the new block (compare
 * some_memory.c).
 */
#include <stddef.h>
#include <string.h>

#include "pymem.h"

typedef struct {
    double *data; /* PyMem block of n doubles */
    size_t n;
} SomeMemory;

/* __cinit__ */
int SomeMemory_init(SomeMemory *self, size_t number)
{
    self->data = (double *)PyMem_Malloc(number * sizeof(double));
    if (!self->data) {
        PyErr_NoMemory();
        return -1;
    }
    self->n = number;
    return 0;
}

/* resize (grow only): copy into a new block, then swap it in. */
int SomeMemory_resize(SomeMemory *self, size_t new_number)
{
    double *mem = (double *)PyMem_Malloc(new_number * sizeof(double));

    if (!mem) {
        PyErr_NoMemory();
        return -1;
    }
    if (new_number < self->n) {
        PyErr_SetString(PyExc_ValueError, "SomeMemory cannot shrink");
        return -1; /* expect: leak */
    }
    memcpy(mem, self->data, self->n * sizeof(double));
    PyMem_Free(self->data);
    self->data = mem;
    self->n = new_number;
    return 0;
}

/* A method that only reads the block. */
double SomeMemory_sum(const SomeMemory *self)
{
    double s = 0.0;

    for (size_t i = 0; i < self->n; i++)
        s += self->data[i];
    return s;
}

/* __dealloc__ */
void SomeMemory_dealloc(SomeMemory *self)
{
    PyMem_Free(self->data);
}
