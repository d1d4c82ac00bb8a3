#!/usr/bin/env python3
"""Generates test programs in the shape of the standard suites analyzers are
compared on: per case one bad function and its good twins (a good source,
a good sink), the flaw moved through a flow variant: constant and flag
conditions (02-18), a flag set before a sink (21, 22), copies, aliases and
unions (31-34), helpers in the same file (41-45) and in other files
(51-68). Kinds: leak, nullret (unchecked-alloc) and reself
(realloc-self-assign). Usage: gen_cases.py OUTDIR [--small]"""
import os, sys

SUPPORT_H = r'''#ifndef SUPPORT_H
#define SUPPORT_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <stdint.h>
#include <alloca.h>
#define STACK_ALLOC alloca
typedef struct int_pair_s { int first; int second; } int_pair;
#include "support_io.h"
#endif
'''
IO_H = r'''#ifndef SUPPORT_IO_H
#define SUPPORT_IO_H
#include <wchar.h>
#include <stdint.h>
void show_text(const char *line);
void show_wide(const wchar_t *line);
void show_int(int n);
void show_long(long n);
void show_i64(int64_t n);
void show_pair(const int_pair *p);
extern const int SHARED_ON;
extern const int SHARED_OFF;
extern const int SHARED_FIVE;
extern int shared_on;
extern int shared_off;
extern int shared_five;
int shared_yes(void);
int shared_no(void);
int shared_coin(void);
#endif
'''
IO_C = r'''#include "support.h"
#include <inttypes.h>
void show_text(const char *line) { if (line != NULL) printf("%s\n", line); }
void show_wide(const wchar_t *line) { if (line != NULL) wprintf(L"%ls\n", line); }
void show_int(int n) { printf("%d\n", n); }
void show_long(long n) { printf("%ld\n", n); }
void show_i64(int64_t n) { printf("%" PRId64 "\n", n); }
void show_pair(const int_pair *s) { printf("%d -- %d\n", s->first, s->second); }
const int SHARED_ON = 1;
const int SHARED_OFF = 0;
const int SHARED_FIVE = 5;
int shared_on = 1;
int shared_off = 0;
int shared_five = 5;
int shared_yes(void) { return 1; }
int shared_no(void) { return 0; }
int shared_coin(void) { return (rand() % 2); }
'''

# type -> (spelling, leak-use, deref-use(for 690), realloc use)
TYPES = {
    'char': ('char', 'strcpy(data, "A String");\n        show_text(data);',
             'strcpy(data, "Initialize");\n        show_text(data);'),
    'wchar_t': ('wchar_t', 'wcscpy(data, L"A String");\n        show_wide(data);',
                'wcscpy(data, L"Initialize");\n        show_wide(data);'),
    'int': ('int', 'data[0] = 5;\n        show_int(data[0]);',
            'data[0] = 5;\n        show_int(data[0]);'),
    'long': ('long', 'data[0] = 5L;\n        show_long(data[0]);',
             'data[0] = 5L;\n        show_long(data[0]);'),
    'int64_t': ('int64_t', 'data[0] = 5LL;\n        show_i64(data[0]);',
                'data[0] = 5LL;\n        show_i64(data[0]);'),
    'struct': ('int_pair', 'data[0].first = 0;\n        data[0].second = 0;\n        show_pair(&data[0]);',
               'data->first = 1;\n        show_int(data->first);'),
}


def alloc(kind, T, n='100'):
    if kind == 'malloc':
        return f'({T} *)malloc({n}*sizeof({T}))'
    if kind == 'calloc':
        return f'({T} *)calloc({n}, sizeof({T}))'
    if kind == 'realloc':
        return f'({T} *)realloc(data, {n}*sizeof({T}))'
    raise ValueError(kind)


class Case:
    """Source and sink snippets for one CWE x type x allocator."""

    def __init__(self, cwe, ty, how):
        self.cwe, self.ty, self.how = cwe, ty, how
        T, leakuse, derefuse = TYPES[ty]
        self.T = T
        if how in ('strdup', 'wcsdup'):
            lit = '"text"' if how == 'strdup' else 'L"text"'
            mk = f'{{\n        {T} text[] = {lit};\n        data = {how}(text);'
            close = '\n        }'
        else:
            mk = f'data = {alloc(how, T)};'
            close = ''
        if cwe == 'leak':
            self.src_bad = f'{mk}\n        if (data == NULL) {{exit(-1);}}\n        {leakuse}{close}'
            self.src_good = f'data = ({T} *)STACK_ALLOC(100*sizeof({T}));\n        {leakuse}'
            self.sink_bad = '; /* no deallocation */'
            self.sink_good = 'free(data);'
            self.rule = 'leak'
        elif cwe == 'nullret':
            use = derefuse
            if how == 'strdup':
                use = 'show_int((int)strlen(data));'
            if how == 'wcsdup':
                use = 'show_int((int)wcslen(data));'
            self.src_bad = f'{mk}{close}'
            self.src_good = f'{mk}\n        if (data == NULL) {{exit(-1);}}{close}'
            self.sink_bad = f'{use}\n        free(data);'
            self.sink_good = f'if (data != NULL)\n        {{\n        {use}\n        free(data);\n        }}'
            self.rule = 'unchecked-alloc'
        elif cwe == 'reself':
            self.src_bad = f'{mk}\n        if (data == NULL) {{exit(-1);}}\n        {leakuse}{close}'
            self.src_good = 'data = NULL; /* nothing to lose yet */'
            n2 = f'200*sizeof({T})'
            self.sink_bad = (f'data = ({T} *)realloc(data, {n2});\n        if (data != NULL)\n        {{\n        {leakuse}\n'
                             f'        free(data);\n        }}')
            self.sink_good = (f'{{\n        {T} * tmpData = ({T} *)realloc(data, {n2});\n        if (tmpData != NULL)\n'
                              f'        {{\n        data = tmpData;\n        {leakuse}\n        }}\n        free(data);\n        }}')
            self.rule = 'realloc-self-assign'
        self.name = f'{cwe}__{ty}_{how}'


HDR = '#include "support.h"\n\n'
BENIGN = 'show_text("nothing to do");'


def main_part(P, goods):
    g = ''.join(f'    {x}();\n' for x in goods)
    return (f'void {P}_good(void)\n{{\n{g}}}\n#endif /* WITHOUT_GOOD */\n\n'
            f'#ifdef WITH_MAIN\nint main(int argc, char * argv[])\n{{\n    (void)argc; (void)argv;\n'
            f'    {P}_good();\n    {P}_bad();\n    return 0;\n}}\n#endif\n')


def fn(name, body, T, static=True, extra_decl=''):
    st = 'static ' if static else ''
    return (f'{st}void {name}(void)\n{{\n    {T} * data;\n{extra_decl}    data = NULL;\n{body}}}\n\n')


# ---- control-flow variants: (true, false, preamble)
CONDS = {
    '02': ('1', '0', ''),
    '03': ('5==5', '5!=5', ''),
    '04': ('LOCAL_ON', 'LOCAL_OFF',
           'static const int LOCAL_ON = 1;\nstatic const int LOCAL_OFF = 0;\n\n'),
    '05': ('local_on', 'local_off', 'static int local_on = 1;\nstatic int local_off = 0;\n\n'),
    '06': ('LOCAL_FIVE==5', 'LOCAL_FIVE!=5', 'static const int LOCAL_FIVE = 5;\n\n'),
    '07': ('local_five==5', 'local_five!=5', 'static int local_five = 5;\n\n'),
    '08': ('local_yes()', 'local_no()',
           'static int local_yes(void)\n{\n    return 1;\n}\n\nstatic int local_no(void)\n{\n    return 0;\n}\n\n'),
    '09': ('SHARED_ON', 'SHARED_OFF', ''),
    '10': ('shared_on', 'shared_off', ''),
    '11': ('shared_yes()', 'shared_no()', ''),
    '13': ('SHARED_FIVE==5', 'SHARED_FIVE!=5', ''),
    '14': ('shared_five==5', 'shared_five!=5', ''),
}


def blk(s):
    return f'    {{\n        {s}\n    }}\n'


def cf_variant(c, v):
    P = f'{c.name}_{v}'
    T = c.T
    out = HDR
    goods = []
    bodies = {}
    if v in CONDS:
        t, f, pre = CONDS[v]
        out += pre
        def two(a, b, fa=False, fb=False):
            s = ''
            s += (f'    if({f})\n{blk(BENIGN)}    else\n{blk(a)}' if fa else f'    if({t})\n{blk(a)}')
            s += (f'    if({f})\n{blk(BENIGN)}    else\n{blk(b)}' if fb else f'    if({t})\n{blk(b)}')
            return s
        bodies['bad'] = two(c.src_bad, c.sink_bad)
        bodies['good_sink1'] = two(c.src_bad, c.sink_good, fb=True)
        bodies['good_sink2'] = two(c.src_bad, c.sink_good)
        bodies['good_source1'] = two(c.src_good, c.sink_bad, fa=True)
        bodies['good_source2'] = two(c.src_good, c.sink_bad)
    elif v == '01':
        bodies['bad'] = blk(c.src_bad) + blk(c.sink_bad)
        bodies['good_source'] = blk(c.src_good) + blk(c.sink_bad)
        bodies['good_sink'] = blk(c.src_bad) + blk(c.sink_good)
    elif v == '12':
        g = 'shared_coin()'
        def ite(a, b):
            return f'    if({g})\n{blk(a)}    else\n{blk(b)}'
        bodies['bad'] = ite(c.src_bad, c.src_good) + ite(c.sink_bad, c.sink_good)
        bodies['good_sink'] = ite(c.src_bad, c.src_bad) + ite(c.sink_good, c.sink_good)
        bodies['good_source'] = ite(c.src_good, c.src_good) + ite(c.sink_bad, c.sink_bad)
    elif v == '15':
        def sw(k, a, default_is_body=False):
            if default_is_body:
                return f'    switch({k})\n    {{\n    case 6:\n        {BENIGN}\n        break;\n    default:\n        {a}\n        break;\n    }}\n'
            return f'    switch({k})\n    {{\n    case 6:\n        {a}\n        break;\n    default:\n        {BENIGN}\n        break;\n    }}\n'
        bodies['bad'] = sw(6, c.src_bad) + sw(6, c.sink_bad)
        bodies['good_sink1'] = sw(6, c.src_bad) + sw(7, c.sink_good, True)
        bodies['good_sink2'] = sw(6, c.src_bad) + sw(6, c.sink_good)
        bodies['good_source1'] = sw(5, c.src_good, True) + sw(6, c.sink_bad)
        bodies['good_source2'] = sw(6, c.src_good) + sw(6, c.sink_bad)
    elif v == '16':
        def wh(a):
            return f'    while(1)\n    {{\n        {a}\n        break;\n    }}\n'
        bodies['bad'] = wh(c.src_bad) + wh(c.sink_bad)
        bodies['good_sink'] = wh(c.src_bad) + wh(c.sink_good)
        bodies['good_source'] = wh(c.src_good) + wh(c.sink_bad)
    elif v == '17':
        def fo(i, a):
            return f'    for({i} = 0; {i} < 1; {i}++)\n{blk(a)}'
        bodies['bad'] = fo('i', c.src_bad) + fo('j', c.sink_bad)
        bodies['good_sink'] = fo('i', c.src_bad) + fo('k', c.sink_good)
        bodies['good_source'] = fo('h', c.src_good) + fo('j', c.sink_bad)
    elif v == '18':
        def gt(a, b):
            return f'    goto source;\nsource:\n    {{\n        {a}\n    }}\n    goto sink;\nsink:\n    {{\n        {b}\n    }}\n'
        bodies['bad'] = gt(c.src_bad, c.sink_bad)
        bodies['good_sink'] = gt(c.src_bad, c.sink_good)
        bodies['good_source'] = gt(c.src_good, c.sink_bad)
    decl = ''
    if v == '17':
        decl = '    int i, j, k, h;\n    (void)i; (void)j; (void)k; (void)h;\n'
    out += '#ifndef WITHOUT_BAD\n\n' + fn(f'{P}_bad', bodies.pop('bad'), T, False, decl) + '#endif /* WITHOUT_BAD */\n\n#ifndef WITHOUT_GOOD\n\n'
    for g, b in bodies.items():
        out += fn(g, b, T, True, decl)
        goods.append(g)
    out += main_part(P, goods)
    return {f'{P}.c': out}


def df_variant(c, v):
    """Data-flow and cross-function variants; return {filename: text}."""
    P = f'{c.name}_{v}'
    T = c.T
    roles = [('bad', c.src_bad, c.sink_bad), ('good_source', c.src_good, c.sink_bad), ('good_sink', c.src_bad, c.sink_good)]
    if v in ('21', '22'):
        roles = [('bad', c.src_bad, c.sink_bad, '1', False), ('good_sink1', c.src_bad, c.sink_good, '0', True),
                 ('good_sink2', c.src_bad, c.sink_good, '1', False), ('good_source', c.src_good, c.sink_bad, '1', False)]
    a = HDR
    b = HDR
    extra = {}
    goods = []
    bad_part = ''
    good_part = ''

    def put(role, text, btext=''):
        nonlocal bad_part, good_part, b
        if role == 'bad':
            bad_part += text
        else:
            good_part += text
        b += btext

    def ext(role):
        return f'{P}_{role}'

    if v == '21':
        for role, src, snk, val, inverted in roles:
            flag = f'{role}Static'
            body = (f'    if({flag})\n{blk(BENIGN)}    else\n{blk(snk)}') if inverted else f'    if({flag})\n{blk(snk)}'
            txt = (f'static int {flag} = 0;\n\nstatic void {role}Sink({T} * data)\n{{\n{body}}}\n\n')
            fname = f'{P}_{role}' if role == 'bad' else role
            txt += fn(fname, blk(src) + f'    {flag} = {val};\n    {role}Sink(data);\n', T, role != 'bad')
            put(role, txt)
            if role != 'bad':
                goods.append(role)
    elif v == '22':
        for role, src, snk, val, inverted in roles:
            flag = f'{P}_{role}Global'
            body = (f'    if({flag})\n{blk(BENIGN)}    else\n{blk(snk)}') if inverted else f'    if({flag})\n{blk(snk)}'
            btxt = f'extern int {flag};\n\nvoid {P}_{role}Sink({T} * data)\n{{\n{body}}}\n\n'
            txt = f'int {flag} = 0;\nvoid {P}_{role}Sink({T} * data);\n\n'
            fname = f'{P}_{role}' if role == 'bad' else role
            txt += fn(fname, blk(src) + f'    {flag} = {val};\n    {P}_{role}Sink(data);\n', T, role != 'bad')
            put(role, txt, btxt)
            if role != 'bad':
                goods.append(role)
    else:
        if v == '34':
            a += f'typedef union\n{{\n    {T} * as_first;\n    {T} * as_second;\n}} {P}_either;\n\n'
        if v == '67':
            st = f'typedef struct _{P}_holder\n{{\n    {T} * held;\n}} {P}_holder;\n\n'
            a += st
            b += st
        for role, src, snk in roles:
            fname = f'{P}_{role}' if role == 'bad' else role
            static = role != 'bad'
            pre = ''
            btxt = ''
            decl = ''
            if v == '31':
                body = blk(src) + f'    {{\n        {T} * copy = data;\n        {T} * data = copy;\n        {snk}\n    }}\n'
            elif v == '32':
                decl = f'    {T} * *alias1 = &data;\n    {T} * *alias2 = &data;\n'
                body = (f'    {{\n        {T} * data = *alias1;\n        {src}\n        *alias1 = data;\n    }}\n'
                        f'    {{\n        {T} * data = *alias2;\n        {snk}\n    }}\n')
            elif v == '34':
                decl = f'    {P}_either either;\n'
                body = blk(src) + f'    either.as_first = data;\n    {{\n        {T} * data = either.as_second;\n        {snk}\n    }}\n'
            elif v == '41':
                pre = f'void {ext(role)}Sink({T} * data)\n{{\n{blk(snk)}}}\n\n'
                body = blk(src) + f'    {ext(role)}Sink(data);\n'
            elif v == '42':
                pre = f'static {T} * {role}Source({T} * data)\n{{\n{blk(src)}    return data;\n}}\n\n'
                body = f'    data = {role}Source(data);\n' + blk(snk)
            elif v == '44':
                pre = f'static void {role}Sink({T} * data)\n{{\n{blk(snk)}}}\n\n'
                decl = f'    void (*call) ({T} *) = {role}Sink;\n'
                body = blk(src) + '    call(data);\n'
            elif v == '45':
                pre = f'static {T} * {P}_{role}Data;\n\nstatic void {role}Sink(void)\n{{\n    {T} * data = {P}_{role}Data;\n{blk(snk)}}}\n\n'
                body = blk(src) + f'    {P}_{role}Data = data;\n    {role}Sink();\n'
            elif v in ('51', '52', '53', '54'):
                chain = {'51': 'b', '52': 'bc', '53': 'bcd', '54': 'bcde'}[v]
                pre = f'void {ext(role)}Sink_{chain[0]}({T} * data);\n\n'
                body = blk(src) + f'    {ext(role)}Sink_{chain[0]}(data);\n'
                for i, ch in enumerate(chain):
                    if i + 1 < len(chain):
                        nx = chain[i + 1]
                        txt = (f'void {ext(role)}Sink_{nx}({T} * data);\n\nvoid {ext(role)}Sink_{ch}({T} * data)\n{{\n'
                               f'    {ext(role)}Sink_{nx}(data);\n}}\n\n')
                    else:
                        txt = f'void {ext(role)}Sink_{ch}({T} * data)\n{{\n{blk(snk)}}}\n\n'
                    if ch == 'b':
                        btxt += txt
                    else:
                        extra.setdefault(ch, HDR)
                        extra[ch] += txt
            elif v == '61':
                pre = f'{T} * {ext(role)}Source({T} * data);\n\n'
                btxt = f'{T} * {ext(role)}Source({T} * data)\n{{\n{blk(src)}    return data;\n}}\n\n'
                body = f'    data = {ext(role)}Source(data);\n' + blk(snk)
            elif v == '63':
                pre = f'void {ext(role)}Sink({T} * * ptr);\n\n'
                btxt = f'void {ext(role)}Sink({T} * * ptr)\n{{\n    {T} * data = *ptr;\n{blk(snk)}}}\n\n'
                body = blk(src) + f'    {ext(role)}Sink(&data);\n'
            elif v == '64':
                pre = f'void {ext(role)}Sink(void * opaque);\n\n'
                btxt = (f'void {ext(role)}Sink(void * opaque)\n{{\n    {T} * * ptr = ({T} * *)opaque;\n'
                        f'    {T} * data = (*ptr);\n{blk(snk)}}}\n\n')
                body = blk(src) + f'    {ext(role)}Sink(&data);\n'
            elif v == '65':
                pre = f'void {ext(role)}Sink({T} * data);\n\n'
                btxt = f'void {ext(role)}Sink({T} * data)\n{{\n{blk(snk)}}}\n\n'
                decl = f'    void (*call) ({T} *) = {ext(role)}Sink;\n'
                body = blk(src) + '    call(data);\n'
            elif v == '66':
                pre = f'void {ext(role)}Sink({T} * slots[]);\n\n'
                btxt = f'void {ext(role)}Sink({T} * slots[])\n{{\n    {T} * data = slots[2];\n{blk(snk)}}}\n\n'
                decl = f'    {T} * slots[5];\n'
                body = blk(src) + f'    slots[2] = data;\n    {ext(role)}Sink(slots);\n'
            elif v == '67':
                pre = f'void {ext(role)}Sink({P}_holder holder);\n\n'
                btxt = f'void {ext(role)}Sink({P}_holder holder)\n{{\n    {T} * data = holder.held;\n{blk(snk)}}}\n\n'
                decl = f'    {P}_holder holder;\n'
                body = blk(src) + f'    holder.held = data;\n    {ext(role)}Sink(holder);\n'
            elif v == '68':
                pre = f'{T} * {P}_{role}Data;\nvoid {ext(role)}Sink(void);\n\n'
                btxt = f'extern {T} * {P}_{role}Data;\n\nvoid {ext(role)}Sink(void)\n{{\n    {T} * data = {P}_{role}Data;\n{blk(snk)}}}\n\n'
                body = blk(src) + f'    {P}_{role}Data = data;\n    {ext(role)}Sink();\n'
            else:
                raise ValueError(v)
            put(role, pre + fn(fname, body, T, static, decl), btxt)
            if role != 'bad':
                goods.append(role)
    a += '#ifndef WITHOUT_BAD\n\n' + bad_part + '#endif /* WITHOUT_BAD */\n\n#ifndef WITHOUT_GOOD\n\n' + good_part + main_part(P, goods)
    files = {f'{P}a.c' if b != HDR else f'{P}.c': a}
    if b != HDR:
        files[f'{P}b.c'] = b
    for ch, t in extra.items():
        files[f'{P}{ch}.c'] = t
    return files


CF = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18']
DF = ['21', '22', '31', '32', '34', '41', '42', '44', '45', '51', '52', '53', '54', '61', '63', '64', '65', '66', '67', '68']

CASES_FULL = [('leak', t, h) for t, h in [('char', 'malloc'), ('char', 'calloc'), ('char', 'realloc'), ('wchar_t', 'malloc'),
                                           ('int', 'malloc'), ('long', 'calloc'), ('int64_t', 'realloc'), ('struct', 'malloc'),
                                           ('char', 'strdup'), ('wchar_t', 'wcsdup')]] + \
             [('nullret', t, h) for t, h in [('char', 'malloc'), ('wchar_t', 'calloc'), ('int', 'realloc'), ('struct', 'malloc'),
                                              ('long', 'malloc'), ('char', 'strdup'), ('wchar_t', 'wcsdup')]] + \
             [('reself', t, h) for t, h in [('char', 'malloc'), ('int', 'calloc'), ('struct', 'malloc')]]
CASES_SMALL = [('leak', 'char', 'malloc'), ('leak', 'int64_t', 'realloc'), ('leak', 'wchar_t', 'wcsdup'),
               ('nullret', 'struct', 'malloc'), ('nullret', 'wchar_t', 'calloc'), ('nullret', 'int', 'realloc'),
               ('reself', 'char', 'malloc')]
SKIP = {('reself', '45'), ('reself', '68')}  # the global still holds the old block: no block is lost


def generate(out, small=False):
    os.makedirs(os.path.join(out, 'support'), exist_ok=True)
    for n, t in (('support.h', SUPPORT_H), ('support_io.h', IO_H), ('support.c', IO_C)):
        with open(os.path.join(out, 'support', n), 'w') as f:
            f.write(t)
    manifest = []
    for cwe, ty, how in (CASES_SMALL if small else CASES_FULL):
        c = Case(cwe, ty, how)
        for v in CF + DF:
            if (cwe, v) in SKIP:
                continue
            files = cf_variant(c, v) if v in CF else df_variant(c, v)
            d = os.path.join(out, 'cases', cwe)
            os.makedirs(d, exist_ok=True)
            for n, t in files.items():
                with open(os.path.join(d, n), 'w') as f:
                    f.write(t)
            manifest.append((cwe, c.rule, v, c.name, [os.path.join('cases', cwe, n) for n in files]))
    return manifest


if __name__ == '__main__':
    import json
    m = generate(sys.argv[1], '--small' in sys.argv)
    with open(os.path.join(sys.argv[1], 'manifest.json'), 'w') as f:
        json.dump(m, f, indent=0)
    print(len(m), 'cases')
