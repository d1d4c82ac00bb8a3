/*
 * clean: CPython object allocation idioms met in CPython extensions (seen in
 * cffi's backend). PyObject_Init returns its argument, or NULL when that is
 * NULL, so testing its result is the NULL check of the block.
 */
#include <stddef.h>
#include "pymem.h"

typedef struct _typeobject PyTypeObject;
PyObject *PyObject_Init(PyObject *op, PyTypeObject *tp);
extern PyTypeObject Data_Type;

typedef struct {
    char head[16];
    char *data;
    size_t len;
} DataObject;

PyObject *good_new_data(char *data, size_t len)
{
    DataObject *d = (DataObject *)PyObject_Malloc(sizeof(DataObject));
    if (PyObject_Init((PyObject *)d, &Data_Type) == NULL)
        return NULL;
    d->data = data;
    d->len = len;
    return (PyObject *)d;
}
