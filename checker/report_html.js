/* alloccheck HTML report: embedded into the page by report_html.c.
 *
 * Plain JavaScript, no library, no network. Everything it needs is in the
 * page: the findings table (#findings), one article per finding (#fN) whose
 * steps carry data-f (file index), data-l (line), data-c (byte column) and
 * whose data-ranges lists the functions to show ("file:first-last ..."), and
 * the source lines (#F<file>L<line>) under #sources. It knows no rule.
 *
 * The articles and the source files keep their content in a <noscript>,
 * which a browser running this script leaves as text: materialize() parses
 * one when it is first needed, so the page loads as fast as its table.
 *
 * Views, chosen by the fragment: the index (#, #index), one finding (#fN),
 * one rule doc (#rule-ID), the sources (#F<file>, #F<file>L<line>). */
(function () {
  'use strict';
  var body = document.body;
  var table = document.getElementById('findings');
  var rows = table ? Array.prototype.slice.call(table.tBodies[0].rows) : [];
  var total = rows.length;
  var visible = rows.slice(); /* the rows the filters let through, in table order */
  var current = null;         /* the finding shown: {art, steps, step} */
  var PAGE = 250;             /* rows shown at first, and added by "more" */
  var limit = PAGE;
  var more = null;            /* the "show more" buttons under the table */
  var CONTEXT = 3;            /* lines shown around each step in a long function */
  var WHOLE = 60;             /* functions up to this many lines are shown whole */
  var KEYWORDS = new Set(('auto break case char const continue default do double else enum extern float for goto if ' +
    'inline int long register restrict return short signed sizeof static struct switch typedef union unsigned void ' +
    'volatile while _Bool _Alignas _Alignof _Atomic _Noreturn _Static_assert _Thread_local bool NULL true false')
    .split(' '));

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* ---- the index: filters and sorting ---------------------------------- */

  /* Shows the rows the filters let through, at most `limit` of them: a
   * table of thousands of rows takes a browser a second to lay out, and
   * nobody reads past the first few hundred without filtering. */
  function applyFilters() {
    var rule = $('f-rule').value, file = $('f-file').value;
    var fn = $('f-fn').value.trim().toLowerCase(), text = $('f-text').value.trim().toLowerCase();
    visible = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = (!rule || r.dataset.rule === rule) && (!file || r.dataset.file === file) &&
        (!fn || r.dataset.fn.toLowerCase().indexOf(fn) >= 0) &&
        (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
      r.hidden = !ok || visible.length >= limit;
      if (ok) visible.push(r);
    }
    var shown = Math.min(visible.length, limit);
    $('f-count').textContent = (visible.length === total ? total + ' findings'
      : visible.length + ' of ' + total + ' findings match') +
      (shown < visible.length ? ', the first ' + shown + ' shown' : '');
    more.hidden = shown >= visible.length;
    more.firstChild.textContent = 'Show ' + Math.min(PAGE, visible.length - shown) + ' more';
    more.lastChild.textContent = 'Show all ' + visible.length;
  }

  function moreButtons() {
    var p = el('p', 'more jsonly');
    p.hidden = true;
    var next = el('button', '', 'more');
    var all = el('button', '', 'all');
    next.type = all.type = 'button';
    next.addEventListener('click', function () { limit += PAGE; applyFilters(); });
    all.addEventListener('click', function () { limit = Infinity; applyFilters(); });
    p.appendChild(next);
    p.appendChild(document.createTextNode(' '));
    p.appendChild(all);
    table.after(p);
    return p;
  }

  function sortBy(th) {
    var col = th.cellIndex, numeric = th.dataset.sort === 'num';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
    var heads = table.tHead.rows[0].cells;
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute('aria-sort');
    th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
    var collator = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
    var keyed = rows.map(function (r, i) {
      var t = r.cells[col].textContent;
      return {r: r, k: numeric ? parseFloat(t) : t, i: i};
    });
    keyed.sort(function (a, b) {
      var c = numeric ? a.k - b.k : collator.compare(a.k, b.k);
      return c !== 0 ? c * dir : a.i - b.i;
    });
    rows = keyed.map(function (x) { return x.r; });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    table.tBodies[0].appendChild(frag);
    applyFilters();
  }

  function setupIndex() {
    var form = $('filters');
    if (!form) return;
    form.hidden = false;
    more = moreButtons();
    ['f-rule', 'f-file'].forEach(function (id) { $(id).addEventListener('change', applyFilters); });
    ['f-rule', 'f-file', 'f-fn', 'f-text'].forEach(function (id) {
      $(id).addEventListener('input', function () { limit = PAGE; });
    });
    ['f-fn', 'f-text'].forEach(function (id) { $(id).addEventListener('input', applyFilters); });
    table.tHead.addEventListener('click', function (e) {
      var th = e.target.closest('th');
      if (th) sortBy(th);
    });
    /* a click on a row of the per-rule or per-file counts filters by it */
    [['by-rule', 'f-rule', 'rule'], ['by-file', 'f-file', 'file']].forEach(function (t) {
      var counts = $(t[0]);
      if (!counts) return;
      counts.addEventListener('click', function (e) {
        var tr = e.target.closest('tbody tr');
        if (!tr || e.target.closest('a')) return;
        $(t[1]).value = $(t[1]).value === tr.dataset[t[2]] ? '' : tr.dataset[t[2]];
        applyFilters();
        table.scrollIntoView({block: 'start'});
      });
    });
    applyFilters();
  }

  /* ---- content kept as text ------------------------------------------- */

  /* Parses the <noscript> child of node (an article or a source file) into
   * its place, once. Returns node. */
  function materialize(node) {
    if (!node || node.dataset.ready) return node;
    node.dataset.ready = '1';
    var ns = node.querySelector(':scope > noscript');
    if (ns) {
      var t = document.createElement('template');
      t.innerHTML = ns.textContent;
      ns.replaceWith(t.content);
    }
    return node;
  }

  /* ---- source lines ---------------------------------------------------- */

  /* The text of line l of file f as the sources section holds it, or null. */
  function lineText(f, l) {
    materialize($('F' + f));
    var e = $('F' + f + 'L' + l);
    if (!e) return null;
    var t = e.textContent, n = e.firstChild ? e.firstChild.textContent.length : 0;
    return t.slice(n);
  }

  function filePath(f) {
    var d = $('F' + f);
    var p = d && d.querySelector('.path');
    return p ? p.textContent : 'file ' + f;
  }

  /* The index in s of the character at 1-based UTF-8 byte column col. */
  function charIndex(s, col) {
    var bytes = 0, i = 0;
    while (i < s.length && bytes < col - 1) {
      var c = s.codePointAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += c >= 0x10000 ? 2 : 1;
    }
    return i;
  }

  /* The screen column (tabs to 8) of character index i of s. */
  function screenCol(s, i) {
    var x = 0;
    for (var k = 0; k < i && k < s.length; k++) x = s[k] === '\t' ? (x + 8) - (x % 8) : x + 1;
    return x;
  }

  /* Tokens of one line for highlighting: [start, end, class] with class
   * 'k' keyword, 's' literal, 'c' comment, 'p' preprocessor; state.comment
   * carries a block comment into the next line. */
  function tokens(s, state) {
    var out = [], i = 0, n = s.length;
    if (state.comment) {
      var e = s.indexOf('*/');
      i = e < 0 ? n : e + 2;
      out.push([0, i, 'c']);
      state.comment = e < 0;
    }
    if (i === 0 && /^\s*#/.test(s)) return out.concat([[0, n, 'p']]);
    while (i < n) {
      var c = s[i];
      if (c === '/' && s[i + 1] === '/') { out.push([i, n, 'c']); break; }
      if (c === '/' && s[i + 1] === '*') {
        var end = s.indexOf('*/', i + 2);
        state.comment = end < 0;
        out.push([i, end < 0 ? n : end + 2, 'c']);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (c === '"' || c === "'") {
        var j = i + 1;
        while (j < n && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
        out.push([i, Math.min(j + 1, n), 's']);
        i = j + 1;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        var m = /^[A-Za-z_0-9]+/.exec(s.slice(i))[0];
        if (KEYWORDS.has(m)) out.push([i, i + m.length, 'k']);
        i += m.length;
        continue;
      }
      i++;
    }
    return out;
  }

  /* Appends s[a..b) to parent, highlighted by toks. */
  function appendText(parent, s, a, b, toks) {
    var i = a;
    for (var t = 0; t < toks.length && i < b; t++) {
      var ts = Math.max(toks[t][0], i), te = Math.min(toks[t][1], b);
      if (te <= ts) continue;
      if (ts > i) parent.appendChild(document.createTextNode(s.slice(i, ts)));
      parent.appendChild(el('span', 'h' + toks[t][2], s.slice(ts, te)));
      i = te;
    }
    if (i < b) parent.appendChild(document.createTextNode(s.slice(i, b)));
  }

  /* ---- a finding's view ------------------------------------------------- */

  function readSteps(art) {
    var lis = art.querySelectorAll('ol.steps > li');
    return Array.prototype.map.call(lis, function (li, k) {
      return {li: li, n: k + 1, f: li.dataset.f, l: +li.dataset.l, c: +li.dataset.c || 1,
        end: li.classList.contains('end'), msg: li.querySelector('.msg').textContent, nodes: []};
    });
  }

  /* One line of the view: number, text with a marker at each step's column,
   * then the bubbles of those steps, in order. */
  function lineNodes(s, l, toks, here) {
    var div = el('div', 'ln');
    div.dataset.line = l;
    div.appendChild(el('i', '', String(l)));
    var marks = here.map(function (st) { return {st: st, at: charIndex(s, st.c)}; });
    marks.sort(function (a, b) { return a.at - b.at || a.st.n - b.st.n; });
    var i = 0;
    marks.forEach(function (m) {
      appendText(div, s, i, m.at, toks);
      var mk = el('span', 'mk' + (m.st.end ? ' end' : ''), String(m.st.n));
      mk.dataset.step = m.st.n;
      div.appendChild(mk);
      m.st.nodes.push(mk);
      i = Math.max(i, m.at);
    });
    appendText(div, s, i, s.length, toks);
    var out = [div];
    if (here.length) div.classList.add('path');
    here.forEach(function (st) {
      var b = el('div', 'bubble' + (st.end ? ' end' : ''));
      b.dataset.step = st.n;
      b.dataset.line = l;
      b.style.marginLeft = 'calc(5em + ' + Math.min(screenCol(s, charIndex(s, st.c)), 60) + 'ch)';
      var box = el('span', 'box');
      box.appendChild(el('span', 'mk' + (st.end ? ' end' : ''), String(st.n)));
      box.appendChild(document.createTextNode(' ' + st.msg));
      b.appendChild(box);
      b.addEventListener('click', function () { setStep(st.n - 1); });
      st.nodes.push(b, div);
      out.push(b);
    });
    return out;
  }

  /* A fold for lines a..b of the range; a click puts them in its place. */
  function gapNode(a, b, fill) {
    var g = el('div', 'gap', '\u22EF ' + (b - a + 1) + ' line' + (b > a ? 's' : '') + ' (' + a + '\u2013' + b +
      ') hidden: click to show');
    g.addEventListener('click', function () {
      var frag = document.createDocumentFragment();
      fill(a, b).forEach(function (n) { frag.appendChild(n); });
      g.replaceWith(frag);
    });
    return g;
  }

  /* Grows the lines shown so that no fold cuts a block comment in two (a
   * comment often says what the code under it is: in Cython's output, the
   * Python line), nor hides fewer than three lines. */
  function widen(show, range, inComment) {
    var starts = function (l) { return inComment[l - range.a]; };
    for (var l = range.a; l <= range.b; l++) {
      if (show[l] !== true) continue; /* lines shown for a step, not those added here */
      for (var k = l; k > range.a && starts(k) && k > l - 12; k--) show[k - 1] = show[k - 1] || 2;
      for (k = l + 1; k <= range.b && starts(k) && k <= l + 12 && !show[k]; k++) show[k] = 2;
    }
    for (l = range.a; l <= range.b; l++) {
      if (show[l]) continue;
      var m = l;
      while (m + 1 <= range.b && !show[m + 1]) m++;
      if (m - l < 2) for (k = l; k <= m; k++) show[k] = true;
      l = m;
    }
  }

  /* The block of one function: its lines, with the steps in it drawn, and
   * the lines far from every step folded when it is long. */
  function rangeBlock(range, steps, fn) {
    var box = el('div', 'code');
    var own = steps.some(function (st) { return st.end && st.f === range.f && st.l >= range.a && st.l <= range.b; });
    box.appendChild(el('h4', '', (own && fn ? fn + ' \u2014 ' : '') + filePath(range.f) + ', lines ' + range.a +
      '\u2013' + range.b));
    var texts = [], toks = [], inComment = [], state = {comment: false};
    for (var l = range.a; l <= range.b; l++) {
      var s = lineText(range.f, l);
      texts.push(s === null ? '' : s);
      inComment.push(state.comment);
      toks.push(tokens(texts[texts.length - 1], state));
    }
    var inRange = steps.filter(function (st) { return st.f === range.f && st.l >= range.a && st.l <= range.b; });
    var show = {};
    var whole = range.b - range.a + 1 <= WHOLE;
    inRange.forEach(function (st) {
      for (var k = st.l - CONTEXT; k <= st.l + CONTEXT; k++) show[k] = true;
    });
    show[range.a] = show[range.a + 1] = show[range.b] = true;
    if (!whole) widen(show, range, inComment);
    function fill(a, b) {
      var nodes = [];
      for (var l = a; l <= b; l++) {
        var here = inRange.filter(function (st) { return st.l === l; });
        nodes = nodes.concat(lineNodes(texts[l - range.a], l, toks[l - range.a], here));
      }
      return nodes;
    }
    var l = range.a;
    while (l <= range.b) {
      var m = l;
      if (whole || show[l]) {
        while (m + 1 <= range.b && (whole || show[m + 1])) m++;
        fill(l, m).forEach(function (n) { box.appendChild(n); });
      } else {
        while (m + 1 <= range.b && !show[m + 1]) m++;
        box.appendChild(gapNode(l, m, fill));
      }
      l = m + 1;
    }
    return box;
  }

  function buildView(art) {
    var steps = readSteps(art);
    var view = art.querySelector('.view');
    if (view.dataset.built) return art._steps;
    var ranges = (art.dataset.ranges || '').split(' ').filter(Boolean).map(function (r) {
      var m = /^(\d+):(\d+)-(\d+)$/.exec(r);
      return {f: m[1], a: +m[2], b: +m[3]};
    });
    view.appendChild(el('p', 'help', 'Steps: j/\u2192 next, k/\u2190 previous; findings: n next, p previous; ' +
      'Esc: back to the list.'));
    var fn = art.querySelector('.meta .fn');
    ranges.forEach(function (r) { view.appendChild(rangeBlock(r, steps, fn && fn.textContent)); });
    if (!ranges.length) view.appendChild(el('p', 'nosrc', 'The source was not available when the report was made.'));
    steps.forEach(function (st) {
      st.li.addEventListener('click', function (e) {
        if (e.target.closest('a')) e.preventDefault();
        setStep(st.n - 1);
      });
    });
    art._steps = steps;
    view.dataset.built = '1';
    return steps;
  }

  function addCopyButton(art) {
    var code = art.querySelector('.sup code');
    if (!code || art.querySelector('.copybtn')) return;
    var b = el('button', 'copybtn', 'copy');
    b.type = 'button';
    b.addEventListener('click', function () {
      var done = function () { b.textContent = 'copied'; };
      var sel = function () {
        var r = document.createRange();
        r.selectNodeContents(code);
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(r);
        b.textContent = 'selected: press Ctrl+C';
      };
      if (navigator.clipboard) navigator.clipboard.writeText(code.textContent).then(done, sel);
      else sel();
    });
    code.after(' ', b);
  }

  function setStep(k) {
    if (!current || !current.steps.length) return;
    k = Math.max(0, Math.min(k, current.steps.length - 1));
    current.steps.forEach(function (st) {
      st.li.classList.remove('on');
      st.nodes.forEach(function (n) { n.classList.remove('on'); });
    });
    var st = current.steps[k];
    current.step = k;
    st.li.classList.add('on');
    st.nodes.forEach(function (n) { n.classList.add('on'); });
    var target = st.nodes.find(function (n) { return n.classList.contains('bubble'); }) || st.li;
    target.scrollIntoView({block: 'center'});
    renderBar();
  }

  /* ---- views and the bar --------------------------------------------- */

  function show(view) {
    body.className = 'js v-' + view;
  }

  function neighbour(delta) {
    if (!current) return null;
    var id = 'r' + current.art.id.slice(1);
    var idx = visible.findIndex(function (r) { return r.id === id; });
    var list = idx >= 0 ? visible : rows;
    if (idx < 0) idx = rows.findIndex(function (r) { return r.id === id; });
    var r = list[idx + delta];
    return r ? '#f' + r.id.slice(1) : null;
  }

  function button(label, title, fn, disabled) {
    var b = el('button', '', label);
    b.type = 'button';
    b.title = title;
    b.disabled = !!disabled;
    b.addEventListener('click', fn);
    return b;
  }

  function renderBar() {
    var bar = $('bar');
    bar.textContent = '';
    var idx = el('a', '', 'Index');
    idx.href = '#index';
    bar.appendChild(idx);
    if (!current || !body.classList.contains('v-finding')) return;
    var prev = neighbour(-1), next = neighbour(1);
    bar.appendChild(button('\u2039 finding', 'previous finding (p)', function () { location.hash = prev; }, !prev));
    bar.appendChild(el('span', 'pos', 'finding ' + current.art.id.slice(1) + ' of ' + total));
    bar.appendChild(button('finding \u203A', 'next finding (n)', function () { location.hash = next; }, !next));
    var n = current.steps.length;
    bar.appendChild(button('\u2039 step', 'previous step (k, \u2190)', function () { setStep(current.step - 1); },
      current.step <= 0));
    bar.appendChild(el('span', 'pos', 'step ' + (current.step + 1) + ' of ' + n));
    bar.appendChild(button('step \u203A', 'next step (j, \u2192)', function () { setStep(current.step + 1); },
      current.step >= n - 1));
  }

  function showFinding(art) {
    materialize(art);
    document.querySelectorAll('.finding.cur').forEach(function (a) { a.classList.remove('cur'); });
    art.classList.add('cur');
    show('finding');
    addCopyButton(art);
    current = {art: art, steps: buildView(art), step: 0};
    window.scrollTo(0, 0);
    if (current.steps.length) setStep(0);
    else renderBar();
    document.title = 'alloccheck: #' + art.id.slice(1) + ' ' + art.querySelector('h3').textContent.replace(/^#\d+\s*/, '');
  }

  function route() {
    var h = decodeURIComponent(location.hash.slice(1));
    var file = /^F(\d+)(L\d+)?$/.exec(h);
    if (file) materialize($('F' + file[1]));
    var target = h ? $(h) : null;
    document.title = 'alloccheck report';
    current = null;
    if (target && target.classList.contains('finding')) {
      showFinding(target);
      return;
    }
    if (target && target.classList.contains('doc')) {
      document.querySelectorAll('.doc.cur').forEach(function (a) { a.classList.remove('cur'); });
      target.classList.add('cur');
      show('doc');
    } else if (target && target.closest('#sources')) {
      show('source');
      var d = target.closest('details');
      if (d) d.open = true;
      /* :target does not match a line made after the navigation */
      document.querySelectorAll('#sources .hl').forEach(function (e) { e.classList.remove('hl'); });
      if (file && file[2]) target.classList.add('hl');
    } else {
      show('index');
    }
    renderBar();
    if (target && h !== 'index') target.scrollIntoView({block: file && file[2] ? 'center' : 'start'});
    else window.scrollTo(0, 0);
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    if (e.key === '/' && body.classList.contains('v-index')) {
      e.preventDefault();
      $('f-text').focus();
      return;
    }
    if (e.key === 'Escape' || e.key === 'i') {
      location.hash = '#index';
      return;
    }
    if (!current) return;
    var act = {j: 1, ArrowRight: 1, k: -1, ArrowLeft: -1}[e.key];
    if (act) {
      e.preventDefault();
      setStep(current.step + act);
    } else if (e.key === 'n' || e.key === 'p') {
      var to = neighbour(e.key === 'n' ? 1 : -1);
      if (to) location.hash = to;
    }
  }

  function init() {
    setupIndex();
    /* the sources open one at a time from here on */
    document.querySelectorAll('#sources details[open]').forEach(function (d) { d.open = false; });
    var sources = $('sources');
    if (sources) {
      sources.addEventListener('toggle', function (e) {
        if (e.target.open) materialize(e.target);
      }, true);
    }
    if (table) {
      table.tBodies[0].addEventListener('click', function (e) {
        var r = e.target.closest('tr');
        if (r && !e.target.closest('a')) location.hash = '#f' + r.id.slice(1);
      });
    }
    window.addEventListener('hashchange', route);
    document.addEventListener('keydown', onKey);
    route();
  }

  init();
})();
