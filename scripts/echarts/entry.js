// entry.js: the parts of Apache ECharts that okr's charts use, and no more.
// okr draws line charts (key results, milestones, KPIs, objective progress)
// and bar charts (period summaries, team histories) on a grid, with
// tooltips, legends, mark lines (targets, the as-of date), mark areas (KPI
// zones, lifted periods) and ECharts' aria descriptions, through the SVG
// renderer. The legend is the plain one, which wraps; nothing scrolls.
// A chart option that needs a part left out is drawn without it, or not at
// all: add the part here and run build.mjs.
import { use } from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import {
	AriaComponent,
	GridComponent,
	LegendPlainComponent,
	MarkAreaComponent,
	MarkLineComponent,
	TooltipComponent
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

use([
	LineChart,
	BarChart,
	GridComponent,
	TooltipComponent,
	LegendPlainComponent,
	MarkLineComponent,
	MarkAreaComponent,
	AriaComponent,
	SVGRenderer
]);

// The API of echarts/core that scripts call on a chart (init,
// getInstanceByDom, dispose, registerLocale, ...), and echarts.format for
// tooltips' encodeHTML; the rest of echarts/core's exports (graphic
// helpers, geo maps, classes for extensions) is left out.
export * from 'echarts/lib/core/echarts.js';
export { format } from 'echarts/core';
