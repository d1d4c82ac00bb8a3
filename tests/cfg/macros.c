/* Allocator macros shaped like CPython's, likely/unlikely, do { } while (0). */
#include <stddef.h>

void *PyMem_Malloc(size_t n);
void *PyMem_Realloc(void *p, size_t n);
void PyMem_Free(void *p);

#define PY_SSIZE_T_MAX ((long)(((size_t)-1) >> 1))
#define PyMem_New(type, n) \
	(((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type)) ? NULL : \
	 ((type *)PyMem_Malloc((n) * sizeof(type))))
#define PyMem_Resize(p, type, n) \
	((p) = ((size_t)(n) > PY_SSIZE_T_MAX / sizeof(type)) ? NULL : \
	 (type *)PyMem_Realloc((p), (n) * sizeof(type)))
#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define XFREE(p) do { PyMem_Free(p); (p) = NULL; } while (0)

int grow(size_t k)
{
	int *q = PyMem_New(int, k);
	if (unlikely(!q))
		return -1;
	PyMem_Resize(q, int, 2 * k);
	if (likely(q != NULL))
		XFREE(q);
	return 0;
}

int constant(void)
{
	int *q = PyMem_New(int, 4);
	XFREE(q);
	return 0;
}

/* A return inside a precondition macro (GLib's g_return_val_if_fail) is
 * marked: its NULL does not make the function "may return NULL". */
#define g_return_val_if_fail(expr, val) do { if (!(expr)) return (val); } while (0)

void *precondition_return(void *p)
{
	g_return_val_if_fail(p != NULL, NULL);
	return p;
}
