/*
 * run_fixtures -- the fixture verifier: runs alloccheck on annotated C files and
 * compares its findings with the expectations written in them.
 *
 * Place in the pipeline: a test driver only.  It links nothing of the checker
 * and talks to the alloccheck binary through its text output, so it tests the
 * tool as a user sees it.  Every fixture is checked with
 *
 *     alloccheck --color never [-X args] [file args] FILE -- -I<include dir> [file flags]
 *
 * and every stdout line of the form `path:line:col: warning: message [rule]`
 * is a finding; notes, source/caret lines and stderr are ignored.
 *
 * Annotations (shared/STYLE.md section 8) are comments whose text *starts*
 * with a keyword; prose that merely mentions one is ignored:
 *
 *     // expect: RULE               exactly one finding of RULE on this line
 *     // expect: RULE, RULE2        several rules on this line
 *     // expect: RULE x2            the same rule twice on this line
 *     // expect: RULE -- note       text after " -- " is a free comment
 *     // xfail: RULE -- reason      a known gap: RULE belongs on this line but
 *                                   is not reported yet; reporting it is an
 *                                   XPASS, which fails so the marker is removed
 *     // fp: RULE -- reason         a known false positive: RULE is reported on
 *                                   this line but should not be; tolerated until
 *                                   fixed, and no longer reporting it fails
 *                                   ("FIXED") so the marker is removed
 *
 * (block comments work the same way.)  A comment starting with a misspelt
 * keyword ("expect leak", "Expect:") is an annotation error and fails the
 * file, so a typo never turns a bad_* case into a silently passing one.
 *
 * One more annotation gives a fixture its own command line; by convention it
 * sits right after the file's header comment:
 *
 *     // args: --allocators ../include/zmalloc.json
 *
 * The words after "args:" (split at blanks; no quoting, no " -- note") are
 * passed to alloccheck before FILE, after any -X arguments.  Words after a
 * lone "--" are compiler flags instead, passed after FILE's "-- -I<dir>".
 * Several args: comments add up; an empty one is an error.  Paths are
 * relative to the FIXTURE's directory, not to where the runner runs, so a
 * fixture works from any current directory: a word that contains '/' and does
 * not start with '-' or '/' (and the VALUE of "--name=VALUE" under the same
 * condition) is prefixed with the fixture's directory.  Other words are passed
 * as written, so "--enable leak" stays as it is; write "./x.json" for a file
 * beside the fixture.
 *
 * A file passes when every finding is expected, every expectation is found,
 * alloccheck neither crashed nor exited with 2, and its exit status is 1 when
 * it reported findings and 0 when it reported none.  The last line printed is
 * exactly "N passed, N failed", which CI parses.
 *
 * A directory directly inside a directory named "programs"
 * (fixtures/programs/NAME/) is one multi-file program: the *.c files directly
 * in it are passed to one alloccheck run, each finding is matched against the
 * expectations of the file it is reported in (any *.c or *.h below the
 * directory: a header, or a .c file that another one #includes, may hold
 * them too), and the args: annotations of the files passed add up.  One
 * PASS/FAIL line names the directory.
 *
 * Main design choice: findings and expectations are compared as multisets of
 * (line, rule); the column is not part of the contract, so a fixture stays
 * valid when the engine moves a caret within a line.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_TIMEOUT 120 /* seconds per fixture; 0 disables */
#define MAX_XARGS 32        /* -X arguments */
#define STDERR_SHOWN 20     /* lines of alloccheck's stderr shown on failure */

/* ---- small utilities --------------------------------------------------- */

/* realloc that never returns NULL: a test driver may simply stop on OOM. */
static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);

    if (!q) {
        fputs("run_fixtures: out of memory\n", stderr);
        exit(2);
    }
    return q;
}

static char *xstrndup(const char *s, size_t n)
{
    char *d = xrealloc(NULL, n + 1);

    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

static char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

static char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Returns a malloc'd formatted string (owned by the caller). */
static char *str_printf(const char *fmt, ...)
{
    va_list ap;
    int n;
    char *s;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return xstrdup(fmt);
    s = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* Growable byte buffer; data is NUL-terminated once anything was appended. */
typedef struct {
    char *data;
    size_t len;
    size_t cap;
} Buf;

static void buf_append(Buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->data = xrealloc(b->data, b->cap);
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Milliseconds on a monotonic clock. */
static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/*
 * Appends everything readable from fd until EOF, or until `deadline_ms` (a
 * now_ms() value; 0 = none) passes.  Returns 0 at EOF, 1 on timeout, -1 on a
 * read error.
 */
static int buf_read_fd(Buf *b, int fd, long long deadline_ms)
{
    char chunk[4096];

    buf_append(b, "", 0);
    for (;;) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        long long left = deadline_ms ? deadline_ms - now_ms() : -1;
        int ready;
        ssize_t n;

        if (deadline_ms && left <= 0)
            return 1;
        ready = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
        if (ready < 0 && errno != EINTR)
            return -1;
        if (ready <= 0)
            continue;
        n = read(fd, chunk, sizeof chunk);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        buf_append(b, chunk, (size_t)n);
    }
}

/* Reads a whole file into b.  Returns 0, or -1 with errno set. */
static int buf_read_file(Buf *b, const char *path)
{
    FILE *f = fopen(path, "rb");
    char chunk[4096];
    size_t n;
    int rc;

    if (!f)
        return -1;
    buf_append(b, "", 0);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(b, chunk, n);
    rc = ferror(f) ? -1 : 0;
    fclose(f);
    return rc;
}

/* Growable list of owned strings. */
typedef struct {
    char **items;
    size_t len;
    size_t cap;
} StrList;

static void strlist_push(StrList *l, char *owned)
{
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 8;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->len++] = owned;
}

static void strlist_free(StrList *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->items[i]);
    free(l->items);
    *l = (StrList){0};
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_rule_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* A rule id is kebab-case: [a-z0-9][a-z0-9-]*. */
static bool is_rule_id(const char *s, size_t n)
{
    if (n == 0 || s[0] == '-')
        return false;
    for (size_t i = 0; i < n; i++)
        if (!is_rule_char((unsigned char)s[i]))
            return false;
    return true;
}

static bool is_alpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static const char *skip_ws(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

static const char *trim_end(const char *s, const char *end)
{
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
        end--;
    return end;
}

/* ---- expectations ----------------------------------------------------- */

/* One (line, rule) key: how many findings are expected and how many xfail. */
typedef struct {
    int line;   /* 1-based line of the annotation */
    char *rule; /* owned rule id */
    int want;   /* count from expect: */
    int xfail;  /* count from xfail: */
    int fp;     /* count from fp: */
} Expect;

typedef struct {
    Expect *items;
    size_t len;
    size_t cap;
} ExpectList;

/* Returns the entry for (line, rule), creating a zeroed one if needed. */
static Expect *expect_slot(ExpectList *l, int line, const char *rule, size_t rule_len)
{
    for (size_t i = 0; i < l->len; i++)
        if (l->items[i].line == line && strlen(l->items[i].rule) == rule_len &&
            strncmp(l->items[i].rule, rule, rule_len) == 0)
            return &l->items[i];
    if (l->len == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->len] = (Expect){line, xstrndup(rule, rule_len), 0, 0, 0};
    return &l->items[l->len++];
}

static void expect_list_free(ExpectList *l)
{
    for (size_t i = 0; i < l->len; i++)
        free(l->items[i].rule);
    free(l->items);
    *l = (ExpectList){0};
}

/* What an annotation says about the findings on its line. */
typedef enum { ANN_EXPECT, ANN_XFAIL, ANN_FP, ANN_ARGS } AnnKind;

/* Parses one list item "RULE" or "RULE xN" in [s, end) into l. */
static char *parse_rule_item(ExpectList *l, int line, AnnKind kind, const char *s, const char *end)
{
    const char *r = skip_ws(s, end);
    const char *r_end = r;
    const char *rest;
    long n = 1;
    Expect *e;

    end = trim_end(s, end);
    while (r_end < end && is_rule_char((unsigned char)*r_end))
        r_end++;
    if (!is_rule_id(r, (size_t)(r_end - r)))
        return str_printf("bad rule id in '%.*s'", (int)(end - s), s);
    rest = skip_ws(r_end, end);
    if (rest < end) {
        char *num_end;

        if (rest == r_end || *rest != 'x')
            return str_printf("unexpected text in '%.*s'", (int)(end - s), s);
        errno = 0;
        n = strtol(rest + 1, &num_end, 10);
        if (num_end == rest + 1 || num_end != end || n < 1 || n > 99 || rest[1] == '+' ||
            rest[1] == '-' || rest[1] == ' ')
            return str_printf("bad count in '%.*s'", (int)(end - s), s);
    }
    e = expect_slot(l, line, r, (size_t)(r_end - r));
    if (kind == ANN_XFAIL)
        e->xfail += (int)n;
    else if (kind == ANN_FP)
        e->fp += (int)n;
    else
        e->want += (int)n;
    return NULL;
}

/*
 * Parses the text after "expect:" or "xfail:" up to the end of the comment:
 * "RULE[ xN][, RULE[ xN]]...[ -- note]".  Returns NULL, or an owned message.
 */
static char *parse_rule_list(ExpectList *l, int line, AnnKind kind, const char *s, const char *end)
{
    const char *sep = NULL;

    for (const char *p = s; p + 1 < end; p++)
        if (p[0] == '-' && p[1] == '-' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
            sep = p;
            break;
        }
    if (kind != ANN_EXPECT && (!sep || skip_ws(sep + 2, end) == trim_end(sep + 2, end)))
        return xstrdup(kind == ANN_XFAIL ? "xfail needs a reason: 'xfail: RULE -- reason'"
                                          : "fp needs a reason: 'fp: RULE -- reason'");
    if (sep)
        end = sep;
    end = trim_end(s, end);
    if (skip_ws(s, end) == end)
        return xstrdup("empty rule list");
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *item_end = comma ? comma : end;
        char *err = parse_rule_item(l, line, kind, s, item_end);

        if (err)
            return err;
        s = comma ? comma + 1 : end;
        if (comma && skip_ws(s, end) == end)
            return xstrdup("trailing comma in rule list");
    }
    return NULL;
}

/*
 * Parses the text after "args:": blank-separated words, each pushed (owned)
 * onto args as written; resolve_arg() turns them into a command line later.
 * Returns NULL, or an owned message.
 */
static char *parse_args_list(StrList *args, const char *s, const char *end)
{
    size_t before = args->len;

    end = trim_end(s, end);
    for (s = skip_ws(s, end); s < end; s = skip_ws(s, end)) {
        const char *w = s;

        while (s < end && *s != ' ' && *s != '\t')
            s++;
        strlist_push(args, xstrndup(w, (size_t)(s - w)));
    }
    if (args->len == before)
        return xstrdup("empty args list (write 'args: ARG...')");
    return NULL;
}

/*
 * Looks at the text [s, end) of one comment that opened on `line`.  The
 * comment is an annotation when its first word is exactly "expect", "xfail",
 * "fp" or "args" followed by ':'.  Near misses are errors: the keyword in
 * another case or without the colon ("expect leak", "XFAIL:"), or a longer
 * word with a colon ("expected:").  Other comments are ignored.  Words of an
 * args: comment go to `args`.  Returns NULL or an owned error.
 */
static char *parse_comment(ExpectList *l, StrList *args, int line, const char *s, const char *end)
{
    static const struct {
        const char *word; /* keyword, spelt exactly */
        AnnKind kind;
    } keys[] = {{"expect", ANN_EXPECT}, {"xfail", ANN_XFAIL}, {"fp", ANN_FP}, {"args", ANN_ARGS}};
    const char *w_end;

    s = skip_ws(s, end);
    end = trim_end(s, end);
    for (w_end = s; w_end < end && is_alpha((unsigned char)*w_end); w_end++)
        ;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t n = strlen(keys[k].word), wn = (size_t)(w_end - s);
        bool colon = w_end < end && *w_end == ':';

        if (wn < n || strncasecmp(s, keys[k].word, n) != 0)
            continue;
        if (wn == n && colon && strncmp(s, keys[k].word, n) == 0)
            return keys[k].kind == ANN_ARGS ? parse_args_list(args, w_end + 1, end)
                                            : parse_rule_list(l, line, keys[k].kind, w_end + 1, end);
        if (wn == n || colon)
            return str_printf("malformed annotation '%.*s' (write '%s: %s')", (int)(end - s), s,
                              keys[k].word, keys[k].kind == ANN_ARGS ? "ARG..." : "RULE");
    }
    return NULL;
}

/* Records a parse error "file:line: message" (takes ownership of msg). */
static void add_error(StrList *errors, const char *path, int line, char *msg)
{
    strlist_push(errors, str_printf("annotation error: %s:%d: %s", path, line, msg));
    free(msg);
}

/*
 * Scans C source text for comments and parses the annotations in them:
 * expectations into `out`, args: words into `args`.  A small lexer skips
 * string and character literals so "//" inside them is not a comment.
 * Errors go to `errors`.
 */
static void parse_annotations(const char *path, const char *text, ExpectList *out, StrList *args,
                              StrList *errors)
{
    const char *p = text;
    int line = 1;

    while (*p) {
        if (*p == '\n') {
            line++;
            p++;
        } else if (*p == '"' || *p == '\'') {
            char quote = *p++;

            while (*p && *p != quote && *p != '\n') {
                if (*p == '\\' && p[1] && p[1] != '\n')
                    p++;
                p++;
            }
            if (*p == quote)
                p++;
        } else if (p[0] == '/' && p[1] == '/') {
            const char *eol = strchr(p, '\n');
            char *err;

            if (!eol)
                eol = p + strlen(p);
            err = parse_comment(out, args, line, p + 2, eol);
            if (err)
                add_error(errors, path, line, err);
            p = eol;
        } else if (p[0] == '/' && p[1] == '*') {
            const char *close = strstr(p + 2, "*/");
            const char *eol = strchr(p + 2, '\n');
            const char *stop;
            char *err;

            if (!close)
                close = p + strlen(p);
            if (!eol)
                eol = p + strlen(p);
            stop = close < eol ? close : eol;
            err = parse_comment(out, args, line, p + 2, stop);
            if (err)
                add_error(errors, path, line, err);
            for (p += 2; p < close; p++)
                if (*p == '\n')
                    line++;
            p = *close ? close + 2 : close;
        } else {
            p++;
        }
    }
}

/* ---- findings ---------------------------------------------------------- */

typedef struct {
    char *path; /* owned, as printed */
    int line;
    char *rule; /* owned */
    char *msg;  /* owned */
    bool here;  /* the path names the fixture being checked */
    bool used;  /* matched against an expectation */
} Finding;

typedef struct {
    Finding *items;
    size_t len;
    size_t cap;
} FindingList;

static void finding_fields_free(Finding *f)
{
    free(f->path);
    free(f->rule);
    free(f->msg);
}

static void finding_list_free(FindingList *l)
{
    for (size_t i = 0; i < l->len; i++)
        finding_fields_free(&l->items[i]);
    free(l->items);
    *l = (FindingList){0};
}

/* Copies [s, end) without ANSI escape sequences (ESC [ ... final byte). */
static char *strip_ansi(const char *s, const char *end)
{
    char *out = xrealloc(NULL, (size_t)(end - s) + 1);
    size_t n = 0;

    while (s < end) {
        if (*s == '\033' && s + 1 < end && s[1] == '[') {
            s += 2;
            while (s < end && !(*s >= '@' && *s <= '~'))
                s++;
            if (s < end)
                s++;
            continue;
        }
        out[n++] = *s++;
    }
    out[n] = '\0';
    return out;
}

static bool all_digits(const char *s, const char *end)
{
    if (s == end)
        return false;
    for (; s < end; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/*
 * Parses "path:line:col: warning: message [rule]".  Returns true and fills f
 * (owned strings) for a warning line; false for anything else (notes, source
 * and caret lines, errors).  A warning without a trailing [rule] still counts,
 * with the rule "(none)", so that it shows up as unexpected.
 */
static bool parse_warning_line(const char *line, Finding *f)
{
    static const char tag[] = ": warning: ";
    const char *w = strstr(line, tag);
    const char *col, *ln, *msg, *end, *open, *bar;

    if (!w)
        return false;
    col = w;
    while (col > line && col[-1] != ':')
        col--;
    if (col == line || !all_digits(col, w))
        return false;
    ln = col - 1;
    while (ln > line && ln[-1] != ':')
        ln--;
    if (ln == line || !all_digits(ln, col - 1) || ln - 1 == line)
        return false;
    /* a source/snippet line ("   3 | x = \"a.c:1:1: warning: \"") quoting such text */
    bar = strstr(line, " | ");
    if (*line == ' ' || *line == '\t' || (bar && bar < ln))
        return false;
    msg = w + sizeof tag - 1;
    end = trim_end(msg, msg + strlen(msg));
    open = NULL;
    if (end > msg && end[-1] == ']')
        for (const char *p = end - 1; p > msg; p--)
            if (p[0] == '[' && p[-1] == ' ') {
                open = p;
                break;
            }
    *f = (Finding){0};
    f->path = xstrndup(line, (size_t)(ln - 1 - line));
    f->line = atoi(ln);
    if (open && is_rule_id(open + 1, (size_t)(end - 1 - (open + 1)))) {
        f->rule = xstrndup(open + 1, (size_t)(end - 1 - (open + 1)));
        f->msg = xstrndup(msg, (size_t)(trim_end(msg, open) - msg));
    } else {
        f->rule = xstrdup("(none)");
        f->msg = xstrndup(msg, (size_t)(end - msg));
    }
    return true;
}

/* True if `a` and `b` name the same file (by inode, else by spelling). */
static bool same_file(const char *a, const char *b)
{
    struct stat sa, sb;

    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    return strcmp(a, b) == 0;
}

/* Splits alloccheck's stdout into findings for `fixture`. */
static void parse_output(const char *fixture, const char *out, FindingList *fl)
{
    const char *p = out;

    while (*p) {
        const char *eol = strchr(p, '\n');
        char *clean;
        Finding f;

        if (!eol)
            eol = p + strlen(p);
        clean = strip_ansi(p, eol);
        if (parse_warning_line(clean, &f)) {
            f.here = same_file(f.path, fixture);
            if (fl->len == fl->cap) {
                fl->cap = fl->cap ? fl->cap * 2 : 8;
                fl->items = xrealloc(fl->items, fl->cap * sizeof *fl->items);
            }
            fl->items[fl->len++] = f;
        }
        free(clean);
        p = *eol ? eol + 1 : eol;
    }
}

/* ---- running alloccheck ------------------------------------------------- */

typedef struct {
    const char *alloccheck;     /* path of the binary */
    const char *include;        /* -I directory, or NULL to search */
    const char *xargs[MAX_XARGS]; /* extra options before FILE */
    size_t nxargs;
    unsigned timeout; /* seconds; 0 = none */
    bool verbose;
} Options;

typedef struct {
    Buf out;        /* captured stdout */
    Buf err;        /* captured stderr */
    int status;     /* wait status */
    bool timed_out; /* killed after the time limit */
    char *failed;   /* owned: why the tool could not be run, or NULL */
} RunResult;

/* An args: word that is a relative path with a directory part ("../x.json"). */
static bool is_rel_path_word(const char *w)
{
    return w[0] && w[0] != '-' && w[0] != '/' && strchr(w, '/') != NULL;
}

/*
 * Resolves one args: word of `fixture` (see the header comment): a relative
 * path word, or the value of "--name=VALUE" that is one, gets the fixture's
 * directory in front; anything else is copied as written.  Returns an owned
 * string.
 */
static char *resolve_arg(const char *fixture, const char *word)
{
    const char *slash = strrchr(fixture, '/');
    const char *eq = strncmp(word, "--", 2) == 0 ? strchr(word, '=') : NULL;
    const char *val = eq ? eq + 1 : word;
    int dlen = slash ? (int)(slash - fixture) : 1;
    const char *dir = slash ? fixture : ".";

    if (slash == fixture) /* "/a.c": the root */
        dlen = 0;
    if (!is_rel_path_word(val))
        return xstrdup(word);
    return str_printf("%.*s%.*s/%s", (int)(val - word), word, dlen, dir, val);
}

/*
 * Finds the include dir for a fixture when -I was not given: the nearest
 * "include" directory in the fixture's directory or up to two levels above.
 * Returns an owned path or NULL.
 */
static char *find_include(const char *fixture)
{
    const char *slash = strrchr(fixture, '/');
    char *dir = slash ? xstrndup(fixture, (size_t)(slash - fixture)) : xstrdup(".");
    static const char *const ups[] = {"/include", "/../include", "/../../include"};

    for (size_t i = 0; i < sizeof ups / sizeof ups[0]; i++) {
        char *cand = str_printf("%s%s", dir[0] ? dir : "/", ups[i]);

        if (is_dir(cand)) {
            free(dir);
            return cand;
        }
        free(cand);
    }
    free(dir);
    return NULL;
}

/* Reads a temporary file's contents back into b. */
static void slurp_tmp(FILE *tmp, Buf *b)
{
    char chunk[4096];
    size_t n;

    buf_append(b, "", 0);
    rewind(tmp);
    while ((n = fread(chunk, 1, sizeof chunk, tmp)) > 0)
        buf_append(b, chunk, n);
}

/*
 * Runs `alloccheck --color never [xargs] [fargs] FILE [-- -IDIR [fflags]]`,
 * where fargs/fflags are the fixture's own args: words (already resolved)
 * before/after a lone "--".  Captures stdout through a pipe and stderr
 * through a temporary file (so the two cannot deadlock each other).  The
 * child leads its own process group, so on a timeout the tool and anything it
 * started are killed together.
 */
static void run_tool(const Options *o, const StrList *inputs, const StrList *fargs, RunResult *r)
{
    const char *fixture = inputs->items[0];
    const char **argv = xrealloc(NULL, (o->nxargs + fargs->len + inputs->len + 8) * sizeof *argv);
    size_t argc = 0, split = fargs->len;
    char *inc = o->include ? xstrdup(o->include) : find_include(fixture);
    char *iflag = inc ? str_printf("-I%s", inc) : NULL;
    FILE *errf = tmpfile();
    int fds[2];
    pid_t pid;

    *r = (RunResult){0};
    for (size_t i = 0; i < fargs->len; i++)
        if (strcmp(fargs->items[i], "--") == 0) {
            split = i;
            break;
        }
    argv[argc++] = o->alloccheck;
    argv[argc++] = "--color";
    argv[argc++] = "never";
    for (size_t i = 0; i < o->nxargs; i++)
        argv[argc++] = o->xargs[i];
    for (size_t i = 0; i < split; i++)
        argv[argc++] = fargs->items[i];
    for (size_t i = 0; i < inputs->len; i++)
        argv[argc++] = inputs->items[i];
    if (iflag || split + 1 < fargs->len)
        argv[argc++] = "--";
    if (iflag)
        argv[argc++] = iflag;
    for (size_t i = split + 1; i < fargs->len; i++)
        argv[argc++] = fargs->items[i];
    argv[argc] = NULL;
    if (o->verbose) {
        printf("  $");
        for (size_t i = 0; i < argc; i++)
            printf(" %s", argv[i]);
        printf("\n");
    }
    fflush(NULL);
    if (!errf || pipe(fds) != 0) {
        r->failed = str_printf("cannot set up pipes: %s", strerror(errno));
        goto out;
    }
    pid = fork();
    if (pid < 0) {
        r->failed = str_printf("fork: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        goto out;
    }
    if (pid == 0) {
        setpgid(0, 0);
        dup2(fds[1], STDOUT_FILENO);
        dup2(fileno(errf), STDERR_FILENO);
        close(fds[0]);
        close(fds[1]);
        execv(o->alloccheck, (char *const *)argv);
        dprintf(STDERR_FILENO, "run_fixtures: cannot run %s: %s\n", o->alloccheck, strerror(errno));
        _exit(127);
    }
    setpgid(pid, pid); /* also here, so kill(-pid) cannot race the child's call */
    close(fds[1]);
    switch (buf_read_fd(&r->out, fds[0], o->timeout ? now_ms() + 1000LL * o->timeout : 0)) {
    case 1:
        r->timed_out = true;
        kill(-pid, SIGKILL);
        break;
    case -1:
        r->failed = str_printf("reading alloccheck's output: %s", strerror(errno));
        kill(-pid, SIGKILL);
        break;
    }
    close(fds[0]);
    while (waitpid(pid, &r->status, 0) < 0 && errno == EINTR)
        ;
    slurp_tmp(errf, &r->err);
out:
    if (errf)
        fclose(errf);
    buf_append(&r->out, "", 0);
    buf_append(&r->err, "", 0);
    free(iflag);
    free(inc);
    free(argv);
}

static void run_result_free(RunResult *r)
{
    free(r->out.data);
    free(r->err.data);
    free(r->failed);
    *r = (RunResult){0};
}

/* ---- comparing ---------------------------------------------------------- */

/* One line of a file's report, sorted by source line. */
typedef struct {
    int line;   /* sort key; 0 for file-level problems */
    size_t seq; /* insertion order, for a stable sort */
    char *text; /* owned */
} DiffLine;

typedef struct {
    DiffLine *items;
    size_t len;
    size_t cap;
} Diff;

static void diff_add(Diff *d, int line, char *owned_text)
{
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 8;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    d->items[d->len] = (DiffLine){line, d->len, owned_text};
    d->len++;
}

static int cmp_diff(const void *a, const void *b)
{
    const DiffLine *x = a, *y = b;

    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void diff_free(Diff *d)
{
    for (size_t i = 0; i < d->len; i++)
        free(d->items[i].text);
    free(d->items);
    *d = (Diff){0};
}

/*
 * Matches findings against expectations for one (line, rule) key and adds
 * "missing" / "unexpected" / "XPASS" lines.  Returns the number of xfails
 * that held (expected failures).
 */
static int compare_key(const char *path, const Expect *e, FindingList *fl, Diff *d)
{
    int got = 0, xfails = 0;

    for (size_t i = 0; i < fl->len; i++) {
        Finding *f = &fl->items[i];

        if (!f->here || f->used || f->line != e->line || strcmp(f->rule, e->rule) != 0)
            continue;
        f->used = true;
        got++;
        if (got <= e->want + e->fp)
            continue;
        if (got <= e->want + e->fp + e->xfail)
            diff_add(d, e->line,
                     str_printf("XPASS: %s:%d: %s (%s) -- now reported: remove the xfail marker", path,
                                e->line, e->rule, f->msg));
        else
            diff_add(d, e->line, str_printf("unexpected: %s:%d: %s (%s)", path, e->line, e->rule, f->msg));
    }
    for (int i = got; i < e->want; i++)
        diff_add(d, e->line, str_printf("missing: %s:%d: %s", path, e->line, e->rule));
    if (e->fp && got < e->want + e->fp)
        diff_add(d, e->line,
                 str_printf("FIXED: %s:%d: %s -- no longer reported: remove the fp marker", path, e->line, e->rule));
    int base = e->want + e->fp;
    if (got <= base)
        xfails = e->xfail;
    else if (got < base + e->xfail)
        xfails = base + e->xfail - got;
    return xfails;
}

/* Describes a bad exit: NULL if the status is right for `nfindings`. */
static char *check_status(const Options *o, const RunResult *r, size_t nfindings)
{
    int want = nfindings ? 1 : 0;

    if (r->timed_out)
        return str_printf("alloccheck timed out after %us (-t)", o->timeout);
    if (WIFSIGNALED(r->status)) {
        int sig = WTERMSIG(r->status);

        return str_printf("alloccheck was killed by signal %d (%s)", sig, strsignal(sig));
    }
    if (!WIFEXITED(r->status))
        return xstrdup("alloccheck ended abnormally");
    if (WEXITSTATUS(r->status) == 2)
        return xstrdup("alloccheck exited with status 2 (tool error)");
    if (WEXITSTATUS(r->status) == 127)
        return xstrdup("alloccheck could not be run (status 127)");
    if (WEXITSTATUS(r->status) != want)
        return str_printf("alloccheck exited with status %d, expected %d (%zu finding%s)",
                          WEXITSTATUS(r->status), want, nfindings, nfindings == 1 ? "" : "s");
    /* alloccheck suppresses the findings of the functions a parse error
     * touches: a good_ function would pass for that reason alone */
    if (r->err.data && strstr(r->err.data, " while parsing; findings"))
        return xstrdup("the fixture does not parse (see stderr)");
    return NULL;
}

/* Prints the first STDERR_SHOWN lines of the tool's stderr, indented. */
static void show_stderr(const char *err)
{
    int shown = 0;

    while (*err && shown < STDERR_SHOWN) {
        const char *eol = strchr(err, '\n');

        if (!eol)
            eol = err + strlen(err);
        printf("    stderr: %.*s\n", (int)(eol - err), err);
        shown++;
        err = *eol ? eol + 1 : eol;
    }
    if (*err)
        printf("    stderr: ...\n");
}

/* Prints the PASS/FAIL line of one fixture (a file or a program's folder),
 * its differences sorted, and the run's output when it failed or -v. */
static bool print_verdict(const Options *o, Diff *d, const char *name, int xfails, const RunResult *r)
{
    if (d->len > 1)
        qsort(d->items, d->len, sizeof *d->items, cmp_diff);
    bool pass = d->len == 0;
    if (xfails)
        printf("%s %s (%d xfail)\n", pass ? "PASS" : "FAIL", name, xfails);
    else
        printf("%s %s\n", pass ? "PASS" : "FAIL", name);
    for (size_t i = 0; i < d->len; i++)
        printf("  %s\n", d->items[i].text);
    if (o->verbose || !pass) {
        if (o->verbose)
            printf("%s", r->out.data ? r->out.data : "");
        show_stderr(r->err.data ? r->err.data : "");
    }
    return pass;
}


/* Checks one fixture, prints PASS/FAIL with its diff.  Returns true on PASS. */
static bool check_fixture(const Options *o, const char *path)
{
    ExpectList ex = {0};
    StrList args = {0}, fargs = {0};
    StrList errors = {0};
    FindingList fl = {0};
    RunResult r = {0};
    Diff d = {0};
    Buf src = {0};
    char *status_msg;
    int xfails = 0;
    bool pass;

    if (buf_read_file(&src, path) != 0) {
        printf("FAIL %s\n  cannot read: %s\n", path, strerror(errno));
        free(src.data);
        return false;
    }
    parse_annotations(path, src.data, &ex, &args, &errors);
    for (size_t i = 0; i < errors.len; i++)
        diff_add(&d, 0, xstrdup(errors.items[i]));
    for (size_t i = 0; i < args.len; i++)
        strlist_push(&fargs, resolve_arg(path, args.items[i]));
    StrList inputs = {0};
    strlist_push(&inputs, xstrdup(path));
    run_tool(o, &inputs, &fargs, &r);
    strlist_free(&inputs);
    if (r.failed) {
        diff_add(&d, 0, xstrdup(r.failed));
    } else {
        parse_output(path, r.out.data, &fl);
        for (size_t i = 0; i < ex.len; i++)
            xfails += compare_key(path, &ex.items[i], &fl, &d);
        for (size_t i = 0; i < fl.len; i++) {
            const Finding *f = &fl.items[i];

            if (!f->used)
                diff_add(&d, f->here ? f->line : 0,
                         str_printf("unexpected: %s:%d: %s (%s)", f->path, f->line, f->rule, f->msg));
        }
        status_msg = check_status(o, &r, fl.len);
        if (status_msg)
            diff_add(&d, 0, status_msg);
    }
    pass = print_verdict(o, &d, path, xfails, &r);
    diff_free(&d);
    run_result_free(&r);
    finding_list_free(&fl);
    strlist_free(&errors);
    strlist_free(&fargs);
    strlist_free(&args);
    expect_list_free(&ex);
    free(src.data);
    return pass;
}

/* check_program's work: tus are passed, files (tus first) hold the
 * expectations; only the args: annotations of tus count. */
static bool check_program_files(const Options *o, const char *dir, const StrList *tus, const StrList *files)
{
    ExpectList *ex = calloc(files->len ? files->len : 1, sizeof *ex);
    StrList fargs = {0}, errors = {0};
    FindingList fl = {0};
    RunResult r = {0};
    Diff d = {0};
    int xfails = 0;
    bool pass;

    if (!ex)
        abort();
    for (size_t k = 0; k < files->len; k++) {
        StrList args = {0};
        Buf src = {0};

        if (buf_read_file(&src, files->items[k]) != 0) {
            diff_add(&d, 0, str_printf("cannot read %s: %s", files->items[k], strerror(errno)));
            free(src.data);
            continue;
        }
        parse_annotations(files->items[k], src.data, &ex[k], &args, &errors);
        for (size_t i = 0; k < tus->len && i < args.len; i++)
            strlist_push(&fargs, resolve_arg(files->items[k], args.items[i]));
        strlist_free(&args);
        free(src.data);
    }
    for (size_t i = 0; i < errors.len; i++)
        diff_add(&d, 0, xstrdup(errors.items[i]));
    run_tool(o, tus, &fargs, &r);
    if (r.failed) {
        diff_add(&d, 0, xstrdup(r.failed));
    } else {
        parse_output(tus->items[0], r.out.data, &fl);
        for (size_t k = 0; k < files->len; k++) {
            for (size_t i = 0; i < fl.len; i++)
                fl.items[i].here = same_file(fl.items[i].path, files->items[k]);
            for (size_t i = 0; i < ex[k].len; i++)
                xfails += compare_key(files->items[k], &ex[k].items[i], &fl, &d);
        }
        for (size_t i = 0; i < fl.len; i++) {
            const Finding *f = &fl.items[i];

            if (!f->used)
                diff_add(&d, 0, str_printf("unexpected: %s:%d: %s (%s)", f->path, f->line, f->rule, f->msg));
        }
        char *status_msg = check_status(o, &r, fl.len);
        if (status_msg)
            diff_add(&d, 0, status_msg);
    }
    pass = print_verdict(o, &d, dir, xfails, &r);
    for (size_t k = 0; k < files->len; k++)
        expect_list_free(&ex[k]);
    free(ex);
    diff_free(&d);
    run_result_free(&r);
    finding_list_free(&fl);
    strlist_free(&errors);
    strlist_free(&fargs);
    return pass;
}

/*
 * Checks one multi-file program (a directory under a "programs" directory):
 * its *.c files (`files`) are analysed together, as one program, and each
 * finding is matched against the expectations of the file it is reported
 * in, among `files` and `others` (the headers and included files below the
 * directory).  The args: annotations of `files` add up.  Prints PASS/FAIL
 * for the directory.
 */
static bool check_program(const Options *o, const char *dir, const StrList *files, const StrList *others)
{
    StrList all = {0};

    for (size_t k = 0; k < files->len; k++)
        strlist_push(&all, xstrdup(files->items[k]));
    for (size_t k = 0; k < others->len; k++)
        strlist_push(&all, xstrdup(others->items[k]));
    bool pass = check_program_files(o, dir, files, &all);
    strlist_free(&all);
    return pass;
}

/* ---- collecting fixture files ------------------------------------------- */

/* A directory holding a project for the integration tests, not fixtures. */
static bool is_project_dir(const char *dir)
{
    static const char *const marks[] = {"compile_commands.json", "CMakeLists.txt", "Makefile"};

    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
        char *p = str_printf("%s/%s", dir, marks[i]);
        bool found = access(p, F_OK) == 0;

        free(p);
        if (found)
            return true;
    }
    return false;
}

/* A directory named "programs": each directory in it is one program. */
static bool is_programs_dir(const char *dir)
{
    size_t n = strlen(dir);

    while (n > 1 && dir[n - 1] == '/')
        n--;
    return n >= 8 && strncmp(dir + n - 8, "programs", 8) == 0 && (n == 8 || dir[n - 9] == '/');
}

/* The *.c and *.h files below dir but the *.c files directly in it:
 * headers and included files, which may hold expectations. */
/* The names in dp, hidden ones left out, in sorted order; closes dp. */
static void sorted_names(DIR *dp, StrList *names)
{
    struct dirent *de;

    while ((de = readdir(dp)) != NULL)
        if (de->d_name[0] != '.')
            strlist_push(names, xstrdup(de->d_name));
    closedir(dp);
    if (names->len > 1)
        qsort(names->items, names->len, sizeof *names->items, cmp_str);
}

static void program_others(const char *dir, bool top, StrList *others)
{
    DIR *dp = opendir(dir);
    StrList names = {0};

    if (!dp)
        return;
    sorted_names(dp, &names);
    for (size_t i = 0; i < names.len; i++) {
        char *path = str_printf("%s/%s", dir, names.items[i]);
        struct stat st;

        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
            program_others(path, false, others);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            (ends_with(path, ".h") || (!top && ends_with(path, ".c"))))
            strlist_push(others, path);
        else
            free(path);
    }
    strlist_free(&names);
}

/* The *.c files directly in dir, sorted. */
static void program_files(const char *dir, StrList *files)
{
    DIR *dp = opendir(dir);
    struct dirent *de;

    if (!dp)
        return;
    while ((de = readdir(dp)) != NULL)
        if (de->d_name[0] != '.' && ends_with(de->d_name, ".c"))
            strlist_push(files, str_printf("%s/%s", dir, de->d_name));
    closedir(dp);
    if (files->len > 1)
        qsort(files->items, files->len, sizeof *files->items, cmp_str);
}

static char *join_path(const char *dir, const char *name)
{
    return ends_with(dir, "/") ? str_printf("%s%s", dir, name) : str_printf("%s/%s", dir, name);
}

/*
 * Adds every *.c below `dir` to files, in sorted order.  Below the directory
 * given on the command line it skips include/ (headers), examples/ (their own
 * test), hidden directories and integration-test projects.  Returns 0 or -1.
 */
static int collect_dir(const char *dir, StrList *files)
{
    DIR *dp = opendir(dir);
    StrList names = {0};
    int rc = 0;

    if (!dp) {
        fprintf(stderr, "run_fixtures: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    sorted_names(dp, &names);
    for (size_t i = 0; i < names.len && rc == 0; i++) {
        const char *name = names.items[i];
        char *path = join_path(dir, name);
        struct stat st;

        if (stat(path, &st) != 0) {
            free(path);
            continue;
        }
        if (S_ISDIR(st.st_mode) && is_programs_dir(dir)) {
            strlist_push(files, path); /* one program: checked as a whole */
        } else if (S_ISDIR(st.st_mode)) {
            if (strcmp(name, "include") != 0 && strcmp(name, "examples") != 0 && !is_project_dir(path))
                rc = collect_dir(path, files);
            free(path);
        } else if (S_ISREG(st.st_mode) && ends_with(name, ".c")) {
            strlist_push(files, path);
        } else {
            free(path);
        }
    }
    strlist_free(&names);
    return rc;
}

/* ---- self-test ---------------------------------------------------------- */

typedef struct {
    int passed;
    int failed;
} SelfTest;

#define ST_CHECK(cond)                                                                                 \
    do {                                                                                               \
        if (cond) {                                                                                    \
            t->passed++;                                                                               \
        } else {                                                                                       \
            t->failed++;                                                                               \
            printf("self-test: %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                \
        }                                                                                              \
    } while (0)

/* Parses annotations in `text`; returns the number of errors.  The args:
 * words go to `args` when it is not NULL. */
static size_t st_parse_args(const char *text, ExpectList *ex, StrList *args)
{
    StrList errors = {0}, dropped = {0};
    size_t n;

    parse_annotations("t.c", text, ex, args ? args : &dropped, &errors);
    n = errors.len;
    strlist_free(&errors);
    strlist_free(&dropped);
    return n;
}

static size_t st_parse(const char *text, ExpectList *ex)
{
    return st_parse_args(text, ex, NULL);
}

static const Expect *st_find(const ExpectList *ex, int line, const char *rule)
{
    for (size_t i = 0; i < ex->len; i++)
        if (ex->items[i].line == line && strcmp(ex->items[i].rule, rule) == 0)
            return &ex->items[i];
    return NULL;
}

static void self_test_annotations(SelfTest *t)
{
    static const char text[] = "int x; // expect: leak\n"                                 /* 1 */
                               "p[0] = 1; /* expect: unchecked-alloc, leak */ // more\n" /* 2 */
                               "f(); /* expect: leak x2 -- two sites */\n"               /* 3 */
                               "g(); /* xfail: leak -- needs summaries */\n"             /* 4 */
                               "s = \"// expect: leak\"; c = '\"';\n"                    /* 5 */
                               "/* prose that says expect: leak\n"                       /* 6 */
                               " * expect: leak\n"                                       /* 7 */
                               " */ free(p); // expect:  leak ,leak\n"                   /* 8 */
                               "/* Expected to be silent. */\n"                          /* 9 */
                               "//expect:double-free\n"                                  /* 10 */
                               "h(); // fp: leak -- loop-carried size\n";                /* 11 */
    ExpectList ex = {0};
    const Expect *e;

    ST_CHECK(st_parse(text, &ex) == 0);
    ST_CHECK(ex.len == 8);
    ST_CHECK((e = st_find(&ex, 1, "leak")) && e->want == 1 && e->xfail == 0);
    ST_CHECK((e = st_find(&ex, 2, "unchecked-alloc")) && e->want == 1);
    ST_CHECK((e = st_find(&ex, 2, "leak")) && e->want == 1);
    ST_CHECK((e = st_find(&ex, 3, "leak")) && e->want == 2);
    ST_CHECK((e = st_find(&ex, 4, "leak")) && e->want == 0 && e->xfail == 1);
    ST_CHECK(!st_find(&ex, 5, "leak") && !st_find(&ex, 6, "leak") && !st_find(&ex, 7, "leak"));
    ST_CHECK((e = st_find(&ex, 8, "leak")) && e->want == 2);
    ST_CHECK((e = st_find(&ex, 10, "double-free")) && e->want == 1);
    ST_CHECK((e = st_find(&ex, 11, "leak")) && e->want == 0 && e->fp == 1);
    expect_list_free(&ex);

    static const char *const bad[] = {
        "x; // expect leak\n",         "x; // Expect: leak\n",           "x; // expect:\n",
        "x; // expect: Leak\n",        "x; /* xfail: leak */\n",         "x; // expect: leak x0\n",
        "x; // expect: leak, \n",      "x; // expect: leak extra\n",     "x; // expected: leak\n",
        "x; // xfail: leak --   \n",   "x; // expect: leak x2y\n",     "x; /* XFAIL: leak -- r */\n",
        "x; // Expect nothing\n",     "x; // fp: leak\n",              "x; // args:\n",
        "x; /* args:   */\n",          "x; // Args: --x\n",             "x; // args --x\n",
        "x; // argsx: --x\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t nerr = st_parse(bad[i], &ex);

        if (nerr != 1)
            printf("self-test: annotation not rejected: %s", bad[i]);
        ST_CHECK(nerr == 1);
        expect_list_free(&ex);
    }
}

/* True if args holds exactly the words of want (NULL-terminated). */
static bool st_words(const StrList *args, const char *const *want)
{
    size_t n = 0;

    for (; want[n]; n++)
        if (n >= args->len || strcmp(args->items[n], want[n]) != 0)
            return false;
    return n == args->len;
}

/* Checks resolve_arg(fixture, word) == want. */
static bool st_resolve(const char *fixture, const char *word, const char *want)
{
    char *got = resolve_arg(fixture, word);
    bool ok = strcmp(got, want) == 0;

    if (!ok)
        printf("self-test: resolve_arg(\"%s\", \"%s\") = \"%s\", want \"%s\"\n", fixture, word, got, want);
    free(got);
    return ok;
}

/* The args: annotation: parsing (words, accumulation, no expectations) and
 * the resolution of its paths against the fixture's directory. */
static void self_test_args(SelfTest *t)
{
    static const char text[] = "/* header */\n"                                               /* 1 */
                               "// args: --allocators ../include/zmalloc.json\n"              /* 2 */
                               "/* args:\t--enable leak  -- -DX=1 */ // expect: leak\n"      /* 3 */
                               "s = \"// args: --nope\";\n"                                   /* 4 */
                               "/* prose: args: --nope\n"                                      /* 5 */
                               " * args: --nope */\n";                                         /* 6 */
    static const char *const want[] = {"--allocators", "../include/zmalloc.json", "--enable", "leak",
                                       "--", "-DX=1", NULL};
    ExpectList ex = {0};
    StrList args = {0};
    const Expect *e;

    ST_CHECK(st_parse_args(text, &ex, &args) == 0);
    ST_CHECK(st_words(&args, want));
    ST_CHECK(ex.len == 1 && (e = st_find(&ex, 3, "leak")) && e->want == 1);
    expect_list_free(&ex);
    strlist_free(&args);

    ST_CHECK(st_resolve("fixtures/dealloc-mismatch/user.c", "../include/zmalloc.json",
                        "fixtures/dealloc-mismatch/../include/zmalloc.json"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "--allocators=../include/z.json",
                        "--allocators=fixtures/x/../include/z.json"));
    ST_CHECK(st_resolve("a.c", "./z.json", "././z.json"));
    ST_CHECK(st_resolve("/abs/a.c", "inc/z.json", "/abs/inc/z.json"));
    ST_CHECK(st_resolve("/a.c", "inc/z.json", "/inc/z.json"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "--allocators", "--allocators"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "leak", "leak"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "z.json", "z.json"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "/etc/z.json", "/etc/z.json"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "-I../include", "-I../include"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "--", "--"));
    ST_CHECK(st_resolve("fixtures/x/a.c", "--enable=leak", "--enable=leak"));
}

static void self_test_warnings(SelfTest *t)
{
    Finding f;

    ST_CHECK(parse_warning_line("a/b.c:12:5: warning: leak of 'p' [leak]", &f));
    ST_CHECK(strcmp(f.path, "a/b.c") == 0 && f.line == 12 && strcmp(f.rule, "leak") == 0 &&
             strcmp(f.msg, "leak of 'p'") == 0);
    finding_fields_free(&f);
    ST_CHECK(parse_warning_line("/x/y z.c:3:1: warning: 'p' [x] may be NULL [unchecked-alloc]  ", &f));
    ST_CHECK(strcmp(f.path, "/x/y z.c") == 0 && f.line == 3 && strcmp(f.rule, "unchecked-alloc") == 0 &&
             strcmp(f.msg, "'p' [x] may be NULL") == 0);
    finding_fields_free(&f);
    ST_CHECK(parse_warning_line("t.c:3:1: warning: no rule here", &f));
    ST_CHECK(strcmp(f.rule, "(none)") == 0);
    finding_fields_free(&f);
    ST_CHECK(!parse_warning_line("t.c:3:1: note: allocated here", &f));
    ST_CHECK(!parse_warning_line("    3 |     x = \"t.c:3:1: warning: \";", &f));
    ST_CHECK(!parse_warning_line("      |     ^", &f));
    ST_CHECK(!parse_warning_line("t.c:x:1: warning: m [leak]", &f));
    ST_CHECK(!parse_warning_line(":3:1: warning: m [leak]", &f));

    static const char colored[] = "\033[1mt.c:4:2:\033[0m \033[1;35mwarning: \033[0mm [leak]";
    char *clean = strip_ansi(colored, colored + strlen(colored));

    ST_CHECK(strcmp(clean, "t.c:4:2: warning: m [leak]") == 0);
    ST_CHECK(parse_warning_line(clean, &f) && f.line == 4 && strcmp(f.rule, "leak") == 0);
    finding_fields_free(&f);
    free(clean);
}

/* Checks the annotation and output parsers on canned text (CTest: fixtures.runner). */
static int self_test(void)
{
    SelfTest t = {0};

    self_test_annotations(&t);
    self_test_args(&t);
    self_test_warnings(&t);
    printf("%d passed, %d failed\n", t.passed, t.failed);
    return t.failed ? 1 : 0;
}

/* ---- main --------------------------------------------------------------- */

static void usage(FILE *f)
{
    fputs("usage: run_fixtures [options] ALLOCCHECK PATH...\n"
          "       run_fixtures --self-test\n"
          "\n"
          "Runs ALLOCCHECK on each fixture (PATH is a .c file or a directory, searched\n"
          "recursively for *.c, skipping include/ and examples/ below it) and compares\n"
          "its findings with the expect:/xfail:/fp: annotations in the file.  A\n"
          "fixture's `// args: ARG...` comment adds arguments of its own (paths\n"
          "relative to the fixture's directory; see the source's header comment).\n"
          "\n"
          "options:\n"
          "  -I DIR      pass -IDIR to the compiler (default: the nearest include/\n"
          "              directory beside or above each fixture)\n"
          "  -X ARG      pass ARG to alloccheck before the file (repeatable)\n"
          "  -t SECONDS  per-fixture time limit (default 120, 0 = none)\n"
          "  -v          print each command and alloccheck's full output\n"
          "  -h, --help  show this help\n"
          "\n"
          "Exit status: 0 all passed, 1 some failed, 2 usage error or no fixtures.\n",
          f);
}

/* Parses options into o; returns the index of the first operand or -1. */
static int parse_args(int argc, char **argv, Options *o)
{
    int i = 1;

    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i];

        if (strcmp(a, "--") == 0)
            return i + 1;
        if (strcmp(a, "-v") == 0) {
            o->verbose = true;
            continue;
        }
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            exit(0);
        }
        if ((strcmp(a, "-I") == 0 || strcmp(a, "-X") == 0 || strcmp(a, "-t") == 0) && i + 1 < argc) {
            const char *v = argv[++i];
            char *end;

            if (a[1] == 'I') {
                o->include = v;
            } else if (a[1] == 'X') {
                if (o->nxargs == MAX_XARGS)
                    return -1;
                o->xargs[o->nxargs++] = v;
            } else {
                unsigned long t = strtoul(v, &end, 10);

                if (end == v || *end || t > 86400)
                    return -1;
                o->timeout = (unsigned)t;
            }
            continue;
        }
        return -1;
    }
    return i;
}

int main(int argc, char **argv)
{
    Options o = {.timeout = DEFAULT_TIMEOUT};
    StrList files = {0};
    int first, passed = 0, failed = 0;

    if (argc == 2 && strcmp(argv[1], "--self-test") == 0)
        return self_test();
    first = parse_args(argc, argv, &o);
    if (first < 0 || argc - first < 2) {
        usage(stderr);
        return 2;
    }
    o.alloccheck = argv[first];
    if (access(o.alloccheck, X_OK) != 0) {
        fprintf(stderr, "run_fixtures: %s: not an executable: %s\n", o.alloccheck, strerror(errno));
        return 2;
    }
    for (int i = first + 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "run_fixtures: %s: %s\n", argv[i], strerror(errno));
            strlist_free(&files);
            return 2;
        }
        char *parent = xstrdup(argv[i]);
        char *slash = strrchr(parent, '/');
        bool in_programs = false;

        while (slash && slash[1] == '\0' && slash > parent) { /* "dir/": drop the slash */
            *slash = '\0';
            slash = strrchr(parent, '/');
        }
        if (slash) {
            *slash = '\0';
            in_programs = is_programs_dir(parent);
        }
        free(parent);
        if (S_ISDIR(st.st_mode) && in_programs) {
            strlist_push(&files, xstrdup(argv[i])); /* one program */
        } else if (S_ISDIR(st.st_mode)) {
            if (collect_dir(argv[i], &files) != 0) {
                strlist_free(&files);
                return 2;
            }
        } else {
            strlist_push(&files, xstrdup(argv[i]));
        }
    }
    if (files.len == 0) {
        fputs("run_fixtures: no fixture files found\n", stderr);
        return 2;
    }
    for (size_t i = 0; i < files.len; i++) {
        bool ok;

        if (is_dir(files.items[i])) {
            StrList prog = {0}, others = {0};

            program_files(files.items[i], &prog);
            program_others(files.items[i], true, &others);
            ok = prog.len > 0 && check_program(&o, files.items[i], &prog, &others);
            if (!prog.len)
                printf("FAIL %s\n  no *.c files in this program\n", files.items[i]);
            strlist_free(&prog);
            strlist_free(&others);
        } else {
            ok = check_fixture(&o, files.items[i]);
        }
        if (ok)
            passed++;
        else
            failed++;
    }
    strlist_free(&files);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
