// okr's search: finds teams, objectives, key results, KPIs and people by
// the words of their titles, descriptions, owners and notes, offline and
// from disk. The index (search-index.js at the site's root, built with the
// site) is loaded on first use, as a script, since a page opened from disk
// may run scripts but not fetch files.
//
// A page needs only an input and a list, and this script:
//
//   <div role="search" hidden>
//   <input type="search" data-okr-search aria-controls="search-results">
//   <ul id="search-results" hidden></ul>
//   </div>
//   <script src="ROOT/static/search.js" defer></script>
//
// The element of role search around the input stays hidden until this
// script shows it, so a page read without JavaScript shows no box that
// cannot work.
// The input's aria-controls names the list the results go into. Each
// result is <li><a href="URL"><span class="kind">Objective</span> Title
// <small>where it sits</small></a></li>, written as text, never as markup.
// Other scripts may call window.okrSearch.search(query, limit), which
// returns [{kind, label, title, context, url}] once the index has loaded,
// and window.okrSearch.ready(callback).
(function () {
  'use strict';

  var script = document.currentScript;
  // The site's root: this script is ROOT/static/search.js.
  var root = script ? script.src.replace(/static\/search\.js([?#].*)?$/, '') : '';
  var docs = null; // the things to find, once the index has loaded
  var labels = {};
  var waiting = [];
  var requested = false;
  var maxResults = 20;

  // fold reads a query as the index's words are read: lower case, accents
  // dropped, and every run of anything but letters, digits and the marks
  // that go with letters one space; so "Åberg" is found by "aberg".
  function fold(s) {
    return plain(s.toLowerCase()).replace(/[^\p{L}\p{Nd}\p{Mn}]+/gu, ' ');
  }

  // plain drops the accents of s, cheaply when s is ASCII already.
  function plain(s) {
    return /[^\x00-\x7f]/.test(s) ? s.normalize('NFD').replace(/[\u0300-\u036f]/g, '') : s;
  }

  // add records one thing to find. Its words are its title's, " | ", and
  // the others', lower-cased (see render/search.go); hay starts and ends
  // with a space so that " word" finds a word's start, and bar is where
  // the title's words end.
  function add(kind, title, context, url, words) {
    var hay = ' ' + plain(words) + ' ';
    docs.push({ kind: kind, title: title, context: context, url: url, hay: hay, bar: hay.indexOf(' | ') });
  }

  // load takes the index from search-index.js.
  function load(ix) {
    docs = [];
    labels = ix.labels || {};
    var periods = ix.periods, teams = ix.teams;
    teams.forEach(function (t) { add('team', t[1], '', t[0], t[2]); });
    ix.people.forEach(function (p) { add('person', p[1], '', p[0], p[2]); });
    ix.objectives.forEach(function (o) {
      var period = periods[o[0]][1], team = teams[o[1]][1];
      add('objective', o[3], team + ' · ' + period, o[2], o[4]);
      o[5].forEach(function (k) {
        add('keyresult', k[1], o[3] + ' · ' + team + ' · ' + period, o[2] + k[0], k[2]);
      });
    });
    ix.kpis.forEach(function (k) { add('kpi', k[1], k[2] >= 0 ? teams[k[2]][1] : '', k[0], k[3]); });
    var callbacks = waiting;
    waiting = [];
    callbacks.forEach(function (f) { f(); });
  }

  // ready calls f once the index has loaded, loading it if need be.
  function ready(f) {
    if (docs) { f(); return; }
    waiting.push(f);
    if (requested) return;
    requested = true;
    var s = document.createElement('script');
    s.src = root + 'search-index.js';
    s.onerror = function () { requested = false; };
    document.head.appendChild(s);
  }

  // search returns the things whose words include, for every word of the
  // query, a word that starts with it: those found by their title first,
  // then those found by other words, each in the index's order (teams,
  // people, objectives each followed by its key results, KPIs).
  function search(query, limit) {
    if (!docs) return [];
    var terms = fold(query).trim().split(' ').filter(Boolean).map(function (t) { return ' ' + t; });
    if (!terms.length) return [];
    var inTitle = [], elsewhere = [];
    limit = limit || maxResults;
    for (var i = 0; i < docs.length && inTitle.length < limit; i++) {
      var d = docs[i], all = true, title = true;
      for (var j = 0; j < terms.length && all; j++) {
        var at = d.hay.indexOf(terms[j]);
        all = at >= 0;
        title = title && at >= 0 && at < d.bar;
      }
      if (all && title) inTitle.push(d);
      else if (all && elsewhere.length < limit) elsewhere.push(d);
    }
    return inTitle.concat(elsewhere).slice(0, limit).map(function (d) {
      return { kind: d.kind, label: labels[d.kind] || d.kind, title: d.title, context: d.context, url: root + d.url };
    });
  }

  // show writes the results for input into its list.
  function show(input, list) {
    var results = search(input.value);
    list.textContent = '';
    list.hidden = input.value.trim() === '';
    if (list.hidden) return;
    if (!results.length) {
      var none = document.createElement('li');
      none.textContent = labels.none || 'Nothing found.';
      list.appendChild(none);
      return;
    }
    results.forEach(function (r) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      var kind = document.createElement('span');
      var context = document.createElement('small');
      a.href = r.url;
      kind.className = 'kind';
      kind.textContent = r.label;
      context.textContent = r.context;
      a.appendChild(kind);
      a.appendChild(document.createTextNode(' ' + r.title + ' '));
      if (r.context) a.appendChild(context);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function wire(input) {
    var list = document.getElementById(input.getAttribute('aria-controls'));
    if (!list) return;
    var box = input.closest('[role=search]');
    if (box) box.hidden = false;
    input.addEventListener('focus', function () { ready(function () {}); });
    input.addEventListener('input', function () { ready(function () { show(input, list); }); });
    input.addEventListener('keydown', function (e) {
      var first = list.querySelector('a');
      if (e.key === 'Enter' && first) { e.preventDefault(); first.click(); }
      if (e.key === 'Escape') { input.value = ''; show(input, list); }
    });
  }

  window.okrSearch = { load: load, ready: ready, search: search };
  function start() { document.querySelectorAll('input[data-okr-search]').forEach(wire); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
