/* Calls that do not return end the path; code after them is unreachable. */
#include <assert.h>
#include <stdlib.h>

__attribute__((noreturn)) void die(const char *msg);
_Noreturn void fatal(void);
void (*volatile panic_hook)(void) __attribute__((noreturn));

char *checked(size_t n)
{
	char *p = malloc(n);
	if (!p)
		abort();
	assert(p != NULL);
	if (n > 100)
		die("too big");
	if (n > 50)
		fatal();
	if (n > 10)
		exit(1);
	if (n == 7)
		panic_hook();
	return p;
}

void after_noreturn(void)
{
	abort();
	free(malloc(1));
}

_Noreturn void stop(void)
{
	exit(0);
}
