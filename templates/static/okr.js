// okr.js starts the charts of an okr page. Each chart is an element with a
// data-chart attribute naming a <script type="application/json"> that holds
// its own part of its ECharts options, and a data-kind attribute naming its
// kind, whose shared options chart-kinds.js sets in window.okrChartKinds.
// okr builds both with go-echarts. The options are data only; this script
// merges the two parts, adds the few functions ECharts needs (number
// formats in the page's language) and draws each chart when it scrolls into
// view.
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
	var kinds = {};

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

	// merge lays a chart's own options over its kind's: objects key by key,
	// arrays element by element, anything else replaced.
	function merge(base, own) {
		if (Array.isArray(own)) {
			if (!Array.isArray(base)) {
				return own;
			}
			var out = [];
			for (var i = 0; i < Math.max(base.length, own.length); i++) {
				out.push(i < own.length ? merge(base[i], own[i]) : base[i]);
			}
			return out;
		}
		if (own !== null && typeof own === 'object') {
			if (base === null || typeof base !== 'object' || Array.isArray(base)) {
				return own;
			}
			var merged = Object.assign({}, base);
			Object.keys(own).forEach(function (key) {
				merged[key] = merge(base[key], own[key]);
			});
			return merged;
		}
		return own;
	}

	// prepare adds what JSON cannot carry: number formats in the page's
	// language.
	function prepare(option, element) {
		// Category labels across a narrow screen get at most 40% of it.
		[].concat(option.yAxis || []).forEach(function (axis) {
			if (axis && axis.type === 'category' && axis.axisLabel && axis.axisLabel.width) {
				axis.axisLabel = Object.assign({}, axis.axisLabel, { width: Math.min(axis.axisLabel.width, Math.round(element.clientWidth * 0.4)) });
			}
		});
		[].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
			if (axis && axis.type === 'value') {
				axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: format });
			}
		});
		// A level line (a target) is labelled inside the plot, above its
		// right end, clear of the labels of a second axis on the right.
		[].concat(option.series || []).forEach(function (series) {
			((series && series.markLine && series.markLine.data) || []).forEach(function (item) {
				if (item && item.yAxis !== undefined && !item.label) {
					item.label = { position: 'insideEndTop' };
				}
			});
		});
		if (option.tooltip) {
			option.tooltip.valueFormatter = format;
			option.tooltip.confine = true;
		}
		option.backgroundColor = 'transparent';
		// Charts appear at once, calm, with no animation: the numbers
		// matter, not the show, and the first screen draws faster.
		option.animation = false;
		return option;
	}

	function draw(element) {
		if (element.hasAttribute('data-drawn')) {
			return;
		}
		element.setAttribute('data-drawn', '');
		try {
			var source = document.getElementById(element.getAttribute('data-chart'));
			var base = kinds[element.getAttribute('data-kind')] || {};
			var option = prepare(merge(base, JSON.parse(source.textContent)), element);
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
	kinds = window.okrChartKinds || {};
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
