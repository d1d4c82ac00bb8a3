/* The shape of Cython output: temporaries tested through int flags,
 * unlikely(), error labels, an owned buffer in a struct. */
#include <stddef.h>

void *PyMem_Malloc(size_t n);
void PyMem_Free(void *p);
#define unlikely(x) __builtin_expect(!!(x), 0)

struct __pyx_obj_SomeMemory {
	long ob_refcnt;
	double *data;
};

static int __pyx_pf_SomeMemory___cinit__(struct __pyx_obj_SomeMemory *__pyx_v_self, size_t __pyx_v_n)
{
	int __pyx_r;
	double *__pyx_t_1;
	int __pyx_t_2;
	__pyx_t_1 = (double *)PyMem_Malloc((__pyx_v_n * sizeof(double)));
	__pyx_v_self->data = __pyx_t_1;
	__pyx_t_2 = ((!(__pyx_v_self->data != 0)) != 0);
	if (unlikely(__pyx_t_2)) {
		goto __pyx_L1_error;
	}
	__pyx_r = 0;
	goto __pyx_L0;
__pyx_L1_error:;
	__pyx_r = -1;
__pyx_L0:;
	return __pyx_r;
}

static void __pyx_pf_SomeMemory___dealloc__(struct __pyx_obj_SomeMemory *__pyx_v_self)
{
	PyMem_Free(__pyx_v_self->data);
}
