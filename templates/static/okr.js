// okr.js starts the charts of an okr page. Each chart is an element with a
// data-chart attribute naming a <script type="application/json"> that holds
// its ECharts options, built by okr with go-echarts. The options are data
// only; this script adds the few functions ECharts needs (number formats in
// the page's language) and draws each chart when it scrolls into view.
//
// When every chart has drawn, the page's root element gets
// data-charts-ready="true" (or "error" if one failed) and the document
// receives an "okr:charts-ready" event; the PDF printer waits for that.
(function () {
	'use strict';
	var root = document.documentElement;
	var lang = root.lang === 'sv' ? 'sv-SE' : 'en-GB';
	var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
	var print = root.hasAttribute('data-print');
	var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches && !print;
	var elements = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
	var pending = elements.length;
	var failed = false;
	var drawn = [];

	function ready() {
		root.setAttribute('data-charts-ready', failed ? 'error' : 'true');
		document.dispatchEvent(new Event('okr:charts-ready'));
	}

	function settle() {
		pending--;
		if (pending === 0) {
			ready();
		}
	}

	function format(value) {
		if (value === null || value === undefined || value === '-') {
			return '–';
		}
		if (Array.isArray(value)) {
			value = value[value.length - 1];
		}
		return typeof value === 'number' ? numbers.format(value) : String(value);
	}

	// prepare adds what JSON cannot carry: number formats in the page's
	// language, and no animation in print.
	function prepare(option) {
		[].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
			if (axis && axis.type === 'value') {
				axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: format });
			}
		});
		if (option.tooltip) {
			option.tooltip.valueFormatter = format;
			option.tooltip.confine = true;
		}
		option.backgroundColor = 'transparent';
		if (print) {
			option.animation = false;
		}
		return option;
	}

	function draw(element) {
		if (element.hasAttribute('data-drawn')) {
			return;
		}
		element.setAttribute('data-drawn', '');
		try {
			var source = document.getElementById(element.getAttribute('data-chart'));
			var option = prepare(JSON.parse(source.textContent));
			var chart = echarts.init(element, dark ? 'dark' : null, { renderer: 'svg', locale: root.lang === 'sv' ? 'SV' : 'EN' });
			var done = false;
			chart.on('finished', function () {
				if (!done) {
					done = true;
					element.setAttribute('data-rendered', '');
					settle();
				}
			});
			chart.setOption(option);
			drawn.push(chart);
		} catch (err) {
			failed = true;
			element.setAttribute('data-error', String(err));
			settle();
		}
	}

	if (pending === 0) {
		ready();
		return;
	}
	if (typeof echarts === 'undefined') {
		failed = true;
		pending = 1;
		settle();
		return;
	}
	if (print || !('IntersectionObserver' in window)) {
		elements.forEach(draw);
	} else {
		var observer = new IntersectionObserver(function (entries) {
			entries.forEach(function (entry) {
				if (entry.isIntersecting) {
					observer.unobserve(entry.target);
					draw(entry.target);
				}
			});
		}, { rootMargin: '200px 0px' });
		elements.forEach(function (element) { observer.observe(element); });
	}
	window.addEventListener('beforeprint', function () {
		elements.forEach(draw);
		drawn.forEach(function (chart) { chart.resize(); });
	});
	var resizing = 0;
	window.addEventListener('resize', function () {
		clearTimeout(resizing);
		resizing = setTimeout(function () {
			drawn.forEach(function (chart) { chart.resize(); });
		}, 150);
	});
})();
