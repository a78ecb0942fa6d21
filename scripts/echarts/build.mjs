// build.mjs builds the ECharts that okr sites ship, from the npm packages
// that package-lock.json pins, into templates/static/echarts/: the bundle
// of entry.js (echarts.min.js), the Swedish labels (langSV.js, copied
// unchanged) and the licences of everything bundled. It records every
// file's SHA-256 in SHA256SUMS, which the Go test of the templates package
// checks the committed files against.
//
//	npm ci && node build.mjs          rebuild and write the files
//	npm ci && node build.mjs -check   rebuild and compare; exit 1 on a difference
//
// The same pinned packages give the same bytes on every machine: esbuild's
// output depends only on its version, its options and its input.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const here = new URL('./', import.meta.url);
const repo = new URL('../../', here);
const destName = 'templates/static/echarts/';
const dest = new URL(destName, repo);
const sumsFile = new URL('SHA256SUMS', here);
const read = (path) => readFileSync(new URL('node_modules/' + path, here));

const version = JSON.parse(read('echarts/package.json')).version;
const result = await build({
	entryPoints: [new URL('entry.js', here).pathname],
	bundle: true,
	minify: true,
	format: 'iife',
	globalName: 'echarts',
	target: 'es2015',
	// ECharts' checks and warnings for developers go.
	define: { 'process.env.NODE_ENV': '"production"' },
	legalComments: 'none',
	banner: {
		js: `/* Apache ECharts ${version}, only the parts okr draws with (scripts/echarts/entry.js).
 * Licensed under the Apache License 2.0: see LICENSE and NOTICE. Bundles ZRender
 * (LICENSE-zrender), tslib (LICENSE-tslib) and code from d3 (LICENSE-d3). */`
	},
	write: false,
	logLevel: 'warning'
});

const files = {
	'echarts.min.js': result.outputFiles[0].contents,
	'langSV.js': read('echarts/i18n/langSV.js'),
	'LICENSE': read('echarts/LICENSE'),
	'NOTICE': read('echarts/NOTICE'),
	'LICENSE-d3': read('echarts/licenses/LICENSE-d3'),
	'LICENSE-zrender': read('zrender/LICENSE'),
	'LICENSE-tslib': read('tslib/LICENSE.txt')
};
const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const sums = Object.entries(files)
	.map(([name, data]) => `${sha256(data)}  ${destName}${name}\n`)
	.join('');

if (process.argv.includes('-check')) {
	const differ = [];
	for (const [name, data] of Object.entries(files)) {
		let committed = null;
		try {
			committed = readFileSync(new URL(name, dest));
		} catch {
			// A missing file differs.
		}
		if (committed === null || !Buffer.from(data).equals(committed)) {
			differ.push(destName + name);
		}
	}
	if (readFileSync(sumsFile, 'utf8') !== sums) {
		differ.push('scripts/echarts/SHA256SUMS');
	}
	if (differ.length > 0) {
		console.error('build.mjs -check: these files differ from what build.mjs makes; run node build.mjs and commit:\n  ' + differ.join('\n  '));
		process.exit(1);
	}
	console.log(`build.mjs -check: ECharts ${version} rebuilt; the committed files match (echarts.min.js ${files['echarts.min.js'].length} bytes)`);
} else {
	for (const [name, data] of Object.entries(files)) {
		writeFileSync(new URL(name, dest), data);
	}
	writeFileSync(sumsFile, sums);
	console.log(`build.mjs: ECharts ${version} built: echarts.min.js ${files['echarts.min.js'].length} bytes`);
	process.stdout.write(sums);
}
