// live.js is added to pages only by "okr serve". It reloads the page when
// the site is rebuilt, and shows build errors over the page until they are
// fixed. Errors are shown as text, never as markup.
(function () {
	'use strict';
	var box = null;

	function show(text) {
		if (!box) {
			box = document.createElement('div');
			box.id = 'okr-errors';
			box.setAttribute('role', 'alert');
			var s = box.style;
			s.position = 'fixed';
			s.inset = '12px 12px auto 12px';
			s.zIndex = '2147483647';
			s.maxHeight = '80vh';
			s.overflow = 'auto';
			s.padding = '16px 18px';
			s.background = '#2b0b0b';
			s.color = '#ffe9e7';
			s.border = '2px solid #f0695e';
			s.borderRadius = '8px';
			s.font = '13px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
			s.whiteSpace = 'pre-wrap';
			s.boxShadow = '0 8px 30px rgba(0,0,0,.4)';
			document.body.appendChild(box);
		}
		box.textContent = 'okr: the site has errors; the last good build is shown.\n\n' + text;
	}

	var events = new EventSource('/_okr/events');
	events.addEventListener('reload', function () {
		location.reload();
	});
	events.addEventListener('errors', function (e) {
		show(JSON.parse(e.data));
	});
})();
