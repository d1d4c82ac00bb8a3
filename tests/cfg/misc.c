/* sizeof, _Generic, va_arg, inline asm, comma, compound assignment,
 * increments, casts, null pointer constants, literals, enums, VLAs. */
#include <stdarg.h>
#include <stdlib.h>

enum color { RED, GREEN = 5 };

int misc(char *p, int n, ...)
{
	va_list ap;
	size_t sz = sizeof *p + sizeof(int);
	int g = _Generic(n, int: 1, default: 2);
	va_start(ap, n);
	char *v = va_arg(ap, char *);
	va_end(ap);
	int out;
	__asm__ volatile("" : "=r"(out) : "r"(p), "r"(v) : "memory");
	n = (free(p), n + 1);
	n *= 2;
	n++;
	char *z0 = 0, *z1 = (void *)0, *z2 = NULL;
	const char *lit = "text";
	enum color c = GREEN;
	int vla[n];
	vla[0] = RED;
	return (int)sz + g + out + (z0 == z1) + (z2 == lit) + c + vla[0] + -1 + (int)(long)p;
}
