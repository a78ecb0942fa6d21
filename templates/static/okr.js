// okr.js starts the charts of an okr page. Each chart is an element with a
// data-chart attribute naming a <script type="application/json"> that holds
// its own part of its ECharts options, and a data-kind attribute naming its
// kind, whose shared options chart-kinds.js sets in window.okrChartKinds.
// okr builds both with go-echarts. The options are data only; this script
// merges the two parts, adds the few functions ECharts needs (number and
// date formats) and draws each chart when it scrolls into view.
//
// A page whose root element carries data-locale (the JSON of okr's
// locale.Format.Script) has its charts write numbers and dates exactly as
// its HTML does; a chart's data-axes (the JSON of locale.Axes) says how
// each of its value axes writes its values: short on the axis ("$1.95M"),
// exact in tooltips ("$1,950,000.00"). Without them, as in a site's own
// older templates, numbers are written in the page's language with at most
// two decimals.
//
// Charts take their colours from okr.css's custom properties where they are
// drawn: text, axes and tooltips from --ink, --muted, --line and
// --surface, series without a colour from --chart-colours, and every colour
// okr wrote as var(--name) from that property. So they follow the page's
// light or dark scheme, and the print edition's sheets, always light; they
// are drawn again when the scheme changes or a page read in dark is
// printed.
//
// ECharts and the kinds' options come in the scripts that okr.js's own
// <script> tag names in data-load (in order), fetched when the first chart
// comes near the screen, or at once in a print edition: a page's text
// paints before the chart script is even asked for, and a phone that never
// scrolls to a chart never fetches it. Scripts already loaded by their own
// tags (no data-load) are used as they are.
//
// When every chart has drawn, the page's root element gets
// data-charts-ready="true" (or "error" if one failed) and the document
// receives an "okr:charts-ready" event; the PDF printer waits for that.
(function () {
	'use strict';
	var root = document.documentElement;
	var lang = root.lang === 'sv' ? 'sv-SE' : 'en-GB';
	var numbers = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
	var locale = readJSON(root, 'data-locale');
	var localeFormat = locale && makeFormat(locale);
	var print = root.hasAttribute('data-print');
	var elements = Array.prototype.slice.call(document.querySelectorAll('[data-chart]'));
	var pending = elements.length;
	var failed = false;
	var kinds = {};
	var needs = ((document.currentScript && document.currentScript.getAttribute('data-load')) || '').split(' ').filter(Boolean);

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

	// readJSON returns the JSON in an element's attribute, or null.
	function readJSON(element, name) {
		try {
			return JSON.parse(element.getAttribute(name));
		} catch (err) {
			return null;
		}
	}

	// makeFormat returns the formats of a locale, as locale.Format.Script
	// describes it, each writing what the Go method of the same name does:
	// value (Format.Value), short (Format.Short) and date (Format.Date).
	// An axis is one entry of locale.Axes: decimals, scale, prefix, one,
	// other and power.
	function makeFormat(spec) {
		var plurals = {};

		// round rounds as okrsite.Round does, halves away from zero, and
		// returns the digits of the absolute value.
		function round(value, decimals) {
			var p = Math.pow(10, decimals);
			var r = Math.round(Math.abs(value) * p) / p;
			var parts = r.toFixed(decimals).split('.');
			return { neg: value < 0 && r !== 0, r: r, whole: parts[0], frac: parts[1] || '' };
		}

		function digits(n) {
			var out = '';
			for (var i = 0; i < n.whole.length; i++) {
				if (i > 0 && (n.whole.length - i) % 3 === 0) {
					out += spec.group;
				}
				out += n.whole.charAt(i);
			}
			return n.frac ? out + spec.decimal + n.frac : out;
		}

		function compose(n, axis, power, one) {
			var out = (n.neg ? spec.minus : '') + (axis.prefix || '') + digits(n);
			if (power > 0) {
				out += spec.shortSep + spec.short[power - 1];
			}
			return out + ((one ? axis.one : axis.other) || '');
		}

		function isOne(n, decimals) {
			if (!plurals[decimals]) {
				plurals[decimals] = new Intl.PluralRules(spec.locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
			}
			return plurals[decimals].select(n.r) === 'one';
		}

		function value(v, axis) {
			if (typeof v !== 'number' || !isFinite(v)) {
				return '–';
			}
			v *= axis.scale || 1;
			var n = round(v, axis.decimals || 0);
			return compose(n, axis, axis.power || 0, !!axis.one && isOne(n, axis.decimals || 0));
		}

		function short(v, axis) {
			if (typeof v !== 'number' || !isFinite(v)) {
				return '–';
			}
			var amount = v * (axis.scale || 1) * Math.pow(1000, axis.power || 0);
			var k = 0;
			while (k < spec.short.length && Math.abs(amount) >= 1000) {
				amount /= 1000;
				k++;
			}
			var size = Math.abs(amount), decimals = axis.decimals || 0;
			if (k === 0 && !axis.power) {
				amount = v * (axis.scale || 1);
			} else {
				decimals = size < 10 ? 2 : size < 100 ? 1 : 0;
			}
			var n = round(amount, decimals);
			if (k > 0 && k < spec.short.length && n.whole === '1000') {
				n = round(amount < 0 ? -1 : 1, 0);
				k++;
			}
			n.frac = n.frac.replace(/0+$/, '');
			return compose(n, axis, k, k === 0 && !!axis.one && isOne(n, n.frac.length));
		}

		// dayMonth writes a day without its year: "Dec 9", "9 Dec", or
		// "12-09" for ISO dates.
		function dayMonth(time) {
			var d = new Date(time), m = d.getMonth(), day = d.getDate();
			if (!spec.months) {
				return (m < 9 ? '0' : '') + (m + 1) + '-' + (day < 10 ? '0' : '') + day;
			}
			return spec.monthFirst ? spec.months[m] + ' ' + day : day + ' ' + spec.months[m];
		}

		function date(time) {
			var d = new Date(time);
			var y = String(d.getFullYear()), m = d.getMonth(), day = d.getDate();
			if (!spec.months) {
				return y + '-' + (m < 9 ? '0' : '') + (m + 1) + '-' + (day < 10 ? '0' : '') + day;
			}
			if (spec.monthFirst) {
				return spec.months[m] + ' ' + day + ', ' + y;
			}
			return day + ' ' + spec.months[m] + ' ' + y;
		}

		return { value: value, short: short, date: date, dayMonth: dayMonth };
	}
	window.okrFormat = makeFormat;

	function format(value) {
		if (value === null || value === undefined || value === '-') {
			return '–';
		}
		if (Array.isArray(value)) {
			value = value[value.length - 1];
		}
		return typeof value === 'number' ? numbers.format(value) : String(value);
	}

	// localise makes the chart's value axes and tooltips write numbers as
	// its data-axes says, and its time axes' pointer and tooltip write
	// dates as the page's locale does. An axis whose labels thus carry its
	// unit ("100%", "78 orders") loses a name that only repeats the unit:
	// one equal to it, or the name okr gives the first value axis of a key
	// result's or KPI's chart, its unit as the content writes it ("MSEK"
	// over labels "50 mn kr").
	function localise(option, element) {
		var axes = readJSON(element, 'data-axes');
		var kind = element.getAttribute('data-kind');
		if (!localeFormat || !Array.isArray(axes)) {
			return false;
		}
		var valueAxis = { xAxis: [], yAxis: [] };
		['xAxis', 'yAxis'].forEach(function (key) {
			[].concat(option[key] || []).forEach(function (axis, i) {
				if (!axis) {
					return;
				}
				if (axis.type === 'value') {
					var spec = axes[i] || axes[0] || {};
					valueAxis[key][i] = spec;
					var unit = ((spec.prefix || '') + (spec.other || '')).trim();
					var unitNamed = i === 0 && (kind === 'kr' || kind === 'kpi');
					if (unit && (unitNamed || String(axis.name || '').trim() === unit)) {
						axis.name = '';
					}
					axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: function (v) { return localeFormat.short(v, spec); } });
				} else if (axis.type === 'time') {
					// Every label is a date: in full at the axis's ends, as
					// day and month between them; in full everywhere on an
					// axis that spans years, where "1 Jan" could be any.
					// ECharts reads "2026-10-01" as local midnight; so do these.
					var ends = [axis.min, axis.max].map(function (d) {
						var p = String(d).split('-');
						return new Date(+p[0], +p[1] - 1, +p[2]).getTime();
					});
					var years = ends.map(function (t) { return new Date(t).getFullYear(); });
					var full = years[0] !== years[1] && !isNaN(years[0]) && !isNaN(years[1]);
					axis.axisLabel = Object.assign({}, axis.axisLabel, {
						formatter: function (v) { return full || ends.indexOf(v) >= 0 ? localeFormat.date(v) : localeFormat.dayMonth(v); }
					});
					axis.axisPointer = Object.assign({}, axis.axisPointer, {
						label: Object.assign({}, axis.axisPointer && axis.axisPointer.label, { formatter: function (p) { return localeFormat.date(p.value); } })
					});
				}
			});
		});
		[].concat(option.series || []).forEach(function (series) {
			if (!series) {
				return;
			}
			var spec = valueAxis.yAxis[series.yAxisIndex || 0] || valueAxis.xAxis[series.xAxisIndex || 0] || {};
			series.tooltip = Object.assign({}, series.tooltip, {
				valueFormatter: function (v) {
					return localeFormat.value(Array.isArray(v) ? v[v.length - 1] : v, spec);
				}
			});
		});
		return true;
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

	// colours returns a function that gives the value of one of okr.css's
	// custom properties (named without its "--") at element.
	function colours(element) {
		var style = getComputedStyle(element);
		return function (name) {
			return style.getPropertyValue('--' + name).trim();
		};
	}

	// resolve returns a copy of value in which every colour written
	// var(--name) holds that property's value; one the style sheet does not
	// set is left out, for ECharts to choose. It looks only at keys named
	// color, so no text from the content is ever changed.
	function resolve(value, css) {
		if (Array.isArray(value)) {
			return value.map(function (v) { return resolve(v, css); });
		}
		if (value === null || typeof value !== 'object') {
			return value;
		}
		var out = {};
		Object.keys(value).forEach(function (key) {
			var name = key === 'color' && typeof value[key] === 'string' && /^var\(--([a-z0-9-]+)\)$/.exec(value[key]);
			if (!name) {
				out[key] = resolve(value[key], css);
			} else if (css(name[1])) {
				out[key] = css(name[1]);
			}
		});
		return out;
	}

	// theme is the ECharts theme of a chart drawn where css reads okr.css.
	function theme(css) {
		var ink = css('ink'), muted = css('muted'), line = css('line');
		var axis = {
			axisLine: { lineStyle: { color: muted } },
			axisTick: { lineStyle: { color: muted } },
			axisLabel: { color: muted },
			nameTextStyle: { color: muted },
			splitLine: { lineStyle: { color: line } }
		};
		var palette = css('chart-colours');
		return {
			color: palette ? palette.split(/\s*,\s*/) : undefined,
			textStyle: { color: ink },
			legend: { textStyle: { color: ink }, inactiveColor: muted },
			tooltip: { backgroundColor: css('surface'), borderColor: line, textStyle: { color: ink } },
			categoryAxis: axis,
			valueAxis: axis,
			timeAxis: axis
		};
	}

	// labelInk gives the value labels of option's series that okr wrote
	// no colour for (a bar's figure above it) the page's ink, with no
	// halo. ECharts would write them in its own dark grey ringed with
	// white, a smudge on a dark page.
	function labelInk(option, css) {
		[].concat(option.series || []).forEach(function (series) {
			if (series && series.label && series.label.show && !series.label.color) {
				series.label = Object.assign({}, series.label, { color: css('ink'), textBorderWidth: 0 });
			}
		});
	}

	// legendLine is the height of a line of a chart's legend, in pixels.
	var legendLine = 22;
	var ruler;

	// textWidth returns how wide s is in ECharts' 12px labels, in pixels.
	function textWidth(s) {
		ruler = ruler || document.createElement('canvas').getContext('2d');
		ruler.font = '12px sans-serif';
		return ruler.measureText(String(s)).width;
	}

	// legendLines returns how many lines legend takes in a chart width
	// pixels wide, as ECharts lays out its items: an icon and the name in
	// 12px type, with gaps between them.
	function legendLines(legend, width) {
		if (!legend || legend.show === false || !Array.isArray(legend.data)) {
			return 1;
		}
		var lines = 1, x = 0;
		legend.data.forEach(function (name) {
			var item = 30 + textWidth(name);
			if (x > 0 && x + item > width - 10) {
				lines++;
				x = 0;
			}
			x += item + 10;
		});
		return lines;
	}

	// alignGrids starts every grid of a chart of several (a key result's
	// values over its strip of confidence) as far in as the widest label
	// at the ends of its value axes needs, so that the grids' plots line up
	// on the same dates.
	function alignGrids(option) {
		if (!Array.isArray(option.grid) || option.grid.length < 2) {
			return;
		}
		var widest = 0;
		[].concat(option.yAxis || []).forEach(function (axis) {
			var formatter = axis && axis.type === 'value' && axis.show !== false && axis.axisLabel && axis.axisLabel.formatter;
			if (typeof formatter !== 'function') {
				return;
			}
			[axis.min, axis.max].forEach(function (v) {
				if (typeof v === 'number') {
					widest = Math.max(widest, textWidth(formatter(v)));
				}
			});
		});
		option.grid.forEach(function (grid) {
			grid.left = Math.ceil(widest) + 20;
		});
	}

	// niceStep returns the step ECharts puts between the ticks of a value
	// axis spanning span in about parts steps: 1, 2, 3 or 5 times a power
	// of ten (its numberUtil.nice, rounding).
	function niceStep(span, parts) {
		var raw = span / parts;
		var power = Math.pow(10, Math.floor(Math.log10(raw)));
		var f = raw / power;
		return (f < 1.5 ? 1 : f < 2.5 ? 2 : f < 4 ? 3 : f < 7 ? 5 : 10) * power;
	}

	// roundEnds returns the axisLabel options that leave unlabelled an end
	// of a value axis that is not on one of its round ticks. okr fits an
	// axis to the values it can take, so its ends need not be round, and
	// such a label crowds the tick beside it ("39%" just under "40%",
	// "366 SEK" over "360 SEK") and reads as a value of its own. The
	// gridlines at the round ticks keep the scale.
	function roundEnds(axis) {
		var min = axis.min, max = axis.max;
		if (typeof min !== 'number' || typeof max !== 'number' || !(max > min)) {
			return {};
		}
		var step = niceStep(max - min, axis.splitNumber || 5);
		var off = function (v) { return Math.abs(v / step - Math.round(v / step)) > 1e-6; };
		var out = {};
		if (off(min)) {
			out.showMinLabel = false;
		}
		if (off(max)) {
			out.showMaxLabel = false;
		}
		return out;
	}

	// prepare adds what JSON cannot carry: number formats in the page's
	// language; and fits the chart to its width in pixels, with room
	// pixels more at the bottom for the legend's lines after its first.
	function prepare(option, element, width, room) {
		// Category labels across a narrow screen get at most 40% of it.
		[].concat(option.yAxis || []).forEach(function (axis) {
			if (axis && axis.type === 'category' && axis.axisLabel && axis.axisLabel.width) {
				axis.axisLabel = Object.assign({}, axis.axisLabel, { width: Math.min(axis.axisLabel.width, Math.round(width * 0.4)) });
			}
		});
		// A time axis marks a date about every 170 pixels, at least three,
		// so that its labels do not crowd: where they would, hideOverlap
		// drops one, and it drops the axis's last date (a period's end,
		// the deadline) before a tick beside it, as a weekly tick does a
		// week before the end of a quarter. Category labels along the
		// bottom wrap within their own slot, their lines apart (ECharts'
		// default line height lets "(running)" touch the line above).
		[].concat(option.xAxis || []).forEach(function (axis) {
			if (axis && axis.type === 'time') {
				axis.splitNumber = Math.max(3, Math.floor(width / 170));
			} else if (axis && axis.type === 'category' && Array.isArray(axis.data) && axis.data.length > 0) {
				var slot = Math.floor((width - 120) / axis.data.length) - 8;
				axis.axisLabel = Object.assign({}, axis.axisLabel, { width: Math.max(slot, 40), overflow: 'break', lineHeight: 15 });
			}
		});
		// Value axes drop a label that would overlap the next (an axis
		// whose ends are not round numbers puts two close together), and
		// label only their round ticks, not such ends.
		[].concat(option.yAxis || []).forEach(function (axis) {
			if (axis && axis.type === 'value') {
				axis.axisLabel = Object.assign({}, axis.axisLabel, { hideOverlap: true }, roundEnds(axis));
			}
		});
		// A legend wraps onto more lines on a narrow chart, or one with many
		// series; the grids, measured from the bottom, move up by the
		// lines it adds, and the chart grows by as much (see measure).
		if (room > 0) {
			[].concat(option.grid || []).forEach(function (grid) {
				if (grid && grid.bottom !== undefined) {
					grid.bottom = parseFloat(grid.bottom) + room;
				}
			});
		}
		var localised = localise(option, element);
		if (!localised) {
			[].concat(option.xAxis || [], option.yAxis || []).forEach(function (axis) {
				if (axis && axis.type === 'value') {
					axis.axisLabel = Object.assign({}, axis.axisLabel, { formatter: format });
				}
			});
		}
		alignGrids(option);
		// A level line (a target) is labelled inside the plot, above its
		// right end, clear of the labels of a second axis on the right,
		// and a little in from the plot's edge (12px), which it would
		// otherwise touch.
		[].concat(option.series || []).forEach(function (series) {
			((series && series.markLine && series.markLine.data) || []).forEach(function (item) {
				if (item && item.yAxis !== undefined && !item.label) {
					item.label = { position: 'insideEndTop', distance: [12, 4] };
				}
			});
		});
		if (option.tooltip) {
			if (!localised) {
				option.tooltip.valueFormatter = format;
			}
			option.tooltip.confine = true;
		}
		// ECharts' aria support labels the chart for screen readers: with
		// the sentence of the figure's caption where there is one, rather
		// than its own list of raw values.
		var caption = document.getElementById(element.getAttribute('aria-labelledby'));
		option.aria = { enabled: true, label: caption ? { description: caption.textContent } : {} };
		option.backgroundColor = 'transparent';
		// Charts appear at once, calm, with no animation: the numbers
		// matter, not the show, and the first screen draws faster.
		option.animation = false;
		return option;
	}

	// Drawing a chart touches the page in two ways: reading it (the size
	// of the chart's box, okr.css's colours there) and writing it (the
	// chart's SVG). A read after a write makes the browser lay the page out
	// there and then, a forced layout, and drawing several charts in one
	// go takes long enough to hold up a reader's taps. So charts wait in a
	// queue and are drawn in steps, each a task of its own just after the
	// browser has painted a frame, when the layout is fresh: a step first
	// reads what every waiting chart needs (measure), and only then writes:
	// it gives the chart it started in the step before its options
	// (finish), and starts the next (begin). ECharts reads the page only
	// as a chart gets its options, so that read too finds the layout fresh.
	// A chart thus takes two frames and no step draws more than one.
	//
	// Each chart is an item: its element, and once measured its size,
	// options and theme, once begun its ECharts instance.
	var queue = []; // items waiting to be begun, in order
	var begun = null; // the item begun in the last step, to finish
	var drawn = []; // the items finished, to resize or repaint
	var stepping = false;

	// measure reads what item's chart needs from the page, writing
	// nothing: its box's size and okr.css's colours there; and builds its
	// options and theme. A legend of several lines makes the chart taller
	// by its lines after the first (item.room, which begin gives the box
	// as --legend-room), so that the plot keeps the height okr.css gives
	// it however many series the legend names.
	function measure(item) {
		var element = item.element;
		var css = colours(element);
		item.width = element.clientWidth;
		var height = element.clientHeight - room(element); // without the room reserved or a last drawing added
		var source = document.getElementById(element.getAttribute('data-chart'));
		var base = kinds[element.getAttribute('data-kind')] || {};
		var option = resolve(merge(base, JSON.parse(source.textContent)), css);
		item.room = (legendLines(option.legend, item.width) - 1) * legendLine;
		item.height = height + item.room;
		item.option = prepare(option, element, item.width, item.room);
		labelInk(item.option, css);
		item.look = theme(css);
		if (item.look.color) {
			item.option.color = item.look.color;
		}
	}

	// room returns the legend's room element's box has now.
	function room(element) {
		return parseFloat(element.style.getPropertyValue('--legend-room')) || 0;
	}

	// reserve gives every chart's box that shows, before any is drawn,
	// the room its legend will take at its width (see measure), as the
	// chart's own options name the legend's series: so that drawing a
	// chart moves nothing below it. All boxes are read before any is
	// written.
	function reserve() {
		elements.map(function (element) {
			var width = element.clientWidth;
			var source = document.getElementById(element.getAttribute('data-chart'));
			try {
				return width > 0 ? (legendLines(JSON.parse(source.textContent).legend, width) - 1) * legendLine : 0;
			} catch (err) {
				return 0; // drawing it says what is wrong
			}
		}).forEach(function (px, i) {
			if (px > 0) {
				elements[i].style.setProperty('--legend-room', px + 'px');
			}
		});
	}

	// begin starts item's chart, at the size measured, without reading
	// the page.
	function begin(item) {
		if (item.chart) {
			item.chart.dispose();
		}
		item.element.style.setProperty('--legend-room', item.room + 'px');
		item.chart = echarts.init(item.element, item.look, {
			renderer: 'svg',
			locale: root.lang === 'sv' ? 'SV' : 'EN',
			width: item.width,
			height: item.height
		});
	}

	// finish gives item's chart its options, which draws it, and the
	// first time marks it data-rendered when ECharts is done.
	function finish(item) {
		if (!item.rendered) {
			item.chart.on('finished', function () {
				if (!item.rendered) {
					item.rendered = true;
					item.element.setAttribute('data-rendered', '');
					settle();
				}
			});
		}
		item.chart.setOption(item.option);
		drawn.push(item);
	}

	// fail marks item's chart failed with err.
	function fail(item, err) {
		failed = true;
		item.element.setAttribute('data-error', String(err));
		if (!item.rendered) {
			item.rendered = true;
			settle();
		}
	}

	// attempt runs f on item, and marks the chart failed if it throws.
	function attempt(f, item) {
		try {
			f(item);
			return true;
		} catch (err) {
			fail(item, err);
			return false;
		}
	}

	// step is one step of drawing the queue (see above).
	function step() {
		stepping = false;
		queue.forEach(function (item) {
			if (!item.option && !attempt(measure, item)) {
				item.failed = true;
			}
		});
		queue = queue.filter(function (item) { return !item.failed; });
		if (begun) {
			attempt(finish, begun);
			begun = null;
		}
		var item = queue.shift();
		if (item && attempt(begin, item)) {
			begun = item;
		}
		schedule();
	}

	// schedule runs step just after the next frame is painted, if there
	// is anything to do.
	function schedule() {
		if (!stepping && (begun || queue.length > 0)) {
			stepping = true;
			requestAnimationFrame(function () { setTimeout(step, 0); });
		}
	}

	// flush draws every chart waiting at once: before printing, when there
	// is no next frame to wait for.
	function flush() {
		if (begun) {
			attempt(finish, begun);
			begun = null;
		}
		queue.splice(0).forEach(function (item) {
			if (attempt(measure, item) && attempt(begin, item)) {
				attempt(finish, item);
			}
		});
	}

	function draw(element) {
		if (element.hasAttribute('data-drawn')) {
			return;
		}
		element.setAttribute('data-drawn', '');
		queue.push({ element: element });
		schedule();
	}

	// repaint draws every drawn chart again, in the colours that apply
	// now: in steps, each chart keeping its old drawing until its turn.
	function repaint() {
		drawn.splice(0).forEach(function (item) {
			item.option = null;
			queue.push(item);
		});
		schedule();
	}

	// resize fits every drawn chart to its box: all boxes are read first,
	// then the charts drawn again.
	function resize() {
		drawn.map(function (item) {
			return { width: item.element.clientWidth, height: item.element.clientHeight };
		}).forEach(function (size, i) {
			drawn[i].chart.resize(size);
		});
	}

	// load fetches the scripts in needs, in order, once, and then calls
	// then; if one cannot be fetched, charts fail as without ECharts.
	var loading = null;
	function load(then) {
		if (!loading) {
			loading = [];
			var left = needs.length;
			var loaded = function () {
				left--;
				if (left <= 0) {
					kinds = window.okrChartKinds || {};
					loading.splice(0).forEach(function (f) { f(); });
					loading.done = true;
				}
			};
			needs.forEach(function (src) {
				var script = document.createElement('script');
				script.src = src;
				script.async = false; // run in the order given
				script.onload = loaded;
				script.onerror = loaded;
				document.head.appendChild(script);
			});
			if (needs.length === 0) {
				loaded();
			}
		}
		if (loading.done) {
			then();
		} else {
			loading.push(then);
		}
	}

	// start draws element once ECharts is there, or marks the charts
	// failed when it never came.
	function start(element) {
		load(function () {
			if (typeof echarts === 'undefined') {
				if (!failed) {
					failed = true;
					pending = 1;
					settle();
				}
				return;
			}
			draw(element);
		});
	}

	if (pending === 0) {
		ready();
		return;
	}
	reserve();
	if (print || !('IntersectionObserver' in window)) {
		elements.forEach(start);
	} else {
		var observer = new IntersectionObserver(function (entries) {
			entries.forEach(function (entry) {
				if (entry.isIntersecting) {
					observer.unobserve(entry.target);
					start(entry.target);
				}
			});
		}, { rootMargin: '200px 0px' });
		elements.forEach(function (element) { observer.observe(element); });
	}
	// Printing draws every chart, at once if ECharts is there.
	window.addEventListener('beforeprint', function () {
		elements.forEach(start);
		flush();
		resize();
	});
	var resizing = 0;
	window.addEventListener('resize', function () {
		clearTimeout(resizing);
		resizing = setTimeout(resize, 150);
	});
	// Charts drawn for a dark screen are drawn again when the reader
	// switches to light, or prints (paper is light), and back. A print
	// edition is always light.
	if (window.matchMedia && !print) {
		var darkScreen = window.matchMedia('(prefers-color-scheme: dark)');
		var paper = window.matchMedia('print');
		var isDark = function () { return darkScreen.matches && !paper.matches; };
		var drawnDark = isDark();
		var change = function () {
			if (isDark() !== drawnDark) {
				drawnDark = isDark();
				repaint();
				if (paper.matches) {
					flush(); // the page is about to print: no frame comes first
				}
			}
		};
		if (darkScreen.addEventListener) {
			darkScreen.addEventListener('change', change);
			paper.addEventListener('change', change);
		}
	}
})();
