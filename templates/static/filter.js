// okr's "needs attention only" filter on a period's report and a team's
// period (partial periodnav). Without this script the filter is a link to
// #attention-only, and the style sheet hides, while that is the page's
// target, every objective and key result that does not need attention. This script turns the link into a toggle button that
// sets the class attention-only on <body> instead, so the page does not
// jump, and keeps the address's #attention-only in step for a link or a
// reload.
(function () {
  'use strict';

  function wire(p) {
    var on = p.querySelector('.filter-on');
    if (!on) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'filter-toggle';
    button.textContent = on.textContent;
    function set(pressed) {
      button.setAttribute('aria-pressed', pressed ? 'true' : 'false');
      document.body.classList.toggle('attention-only', pressed);
    }
    button.addEventListener('click', function () {
      var pressed = button.getAttribute('aria-pressed') !== 'true';
      set(pressed);
      history.replaceState(null, '', pressed ? '#attention-only' : location.pathname + location.search);
    });
    p.textContent = '';
    p.appendChild(button);
    set(location.hash === '#attention-only');
  }

  function start() { document.querySelectorAll('[data-okr-filter]').forEach(wire); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
