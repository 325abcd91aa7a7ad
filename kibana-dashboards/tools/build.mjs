// Builds privacy-metrics.ndjson (Kibana saved objects) from the panel specs in ../panels.
//
//   node tools/build.mjs          writes ../privacy-metrics.ndjson
//   node tools/build.mjs --check  exits 1 when the committed file differs from what the specs give
//
// Every panel is a Vega-Lite spec whose data.url is an Elasticsearch search on privacy-rollups-* only; Kibana sends it
// with the dashboard's context and time range filled in, and the raw response becomes the data.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'privacy-metrics.ndjson');

// Pinned to versions Kibana 8.8 (the oldest supported: the first to read typeMigrationVersion) knows; newer Kibanas
// migrate the objects forward on import.
const CORE_MIGRATION_VERSION = '8.8.0';
const TYPE_MIGRATION_VERSION = { 'index-pattern': '8.0.0', visualization: '8.5.0', dashboard: '8.7.0' };
const EMPTY_SEARCH = JSON.stringify({ query: { query: '', language: 'kuery' }, filter: [] });

function savedObject(type, id, attributes, references = []) {
  return {
    attributes,
    coreMigrationVersion: CORE_MIGRATION_VERSION,
    id,
    managed: false,
    references,
    type,
    typeMigrationVersion: TYPE_MIGRATION_VERSION[type],
  };
}

const panels = readdirSync(join(root, 'panels'))
  .filter((f) => f.endsWith('.json') || f.endsWith('.md'))
  .sort()
  .map((file) => {
    const text = readFileSync(join(root, 'panels', file), 'utf8');
    const id = 'privacy-metrics-panel-' + file.replace(/^\d+-/, '').replace(/\.(vl\.json|json|md)$/, '');
    if (file.endsWith('.md')) {
      const title = text.split('\n')[0].replace(/^#+\s*/, '');
      return {
        file,
        size: { w: 16, h: 15 },
        object: savedObject('visualization', id, {
          title,
          description: '',
          uiStateJSON: '{}',
          version: 1,
          visState: JSON.stringify({
            title,
            type: 'markdown',
            aggs: [],
            params: { markdown: text, fontSize: 12, openLinksInNewTab: false },
          }),
          kibanaSavedObjectMeta: { searchSourceJSON: EMPTY_SEARCH },
        }),
      };
    }
    const spec = JSON.parse(text);
    const size = spec['x-panel-size'] ?? { w: 24, h: 15 };
    delete spec['x-panel-size'];
    const title = typeof spec.title === 'string' ? spec.title : spec.title.text;
    return {
      file,
      size,
      object: savedObject('visualization', id, {
        title,
        description: spec.description ?? '',
        uiStateJSON: '{}',
        version: 1,
        visState: JSON.stringify({ title, type: 'vega', aggs: [], params: { spec: JSON.stringify(spec, null, 2) } }),
        kibanaSavedObjectMeta: { searchSourceJSON: EMPTY_SEARCH },
      }),
    };
  });

// 48-column grid, filled left to right.
let x = 0;
let y = 0;
let rowHeight = 0;
const panelsJSON = [];
const references = [];
panels.forEach((p, i) => {
  if (x + p.size.w > 48) {
    x = 0;
    y += rowHeight;
    rowHeight = 0;
  }
  panelsJSON.push({
    version: CORE_MIGRATION_VERSION,
    type: 'visualization',
    gridData: { x, y, w: p.size.w, h: p.size.h, i: String(i) },
    panelIndex: String(i),
    embeddableConfig: { enhancements: {} },
    panelRefName: `panel_${i}`,
  });
  references.push({ name: `${i}:panel_${i}`, type: 'visualization', id: p.object.id });
  x += p.size.w;
  rowHeight = Math.max(rowHeight, p.size.h);
});

const dataView = savedObject('index-pattern', 'privacy-rollups', {
  title: 'privacy-rollups-*',
  name: 'Privacy metrics rollups (noised)',
  timeFieldName: 'window_start',
  fields: '[]',
  fieldFormatMap: '{}',
  runtimeFieldMap: '{}',
  allowNoIndex: true,
});

const dashboard = savedObject(
  'dashboard',
  'privacy-metrics-cross-service-usage',
  {
    title: 'Cross-service usage',
    description: 'Noised, differentially private usage counts from privacy-rollups-* (never raw events).',
    hits: 0,
    version: 1,
    timeRestore: true,
    timeFrom: 'now-13M/M',
    timeTo: 'now',
    refreshInterval: { pause: true, value: 0 },
    optionsJSON: JSON.stringify({ useMargins: true, syncColors: false, hidePanelTitles: false }),
    panelsJSON: JSON.stringify(panelsJSON),
    kibanaSavedObjectMeta: { searchSourceJSON: EMPTY_SEARCH },
  },
  references,
);

const ndjson = [dataView, ...panels.map((p) => p.object), dashboard].map((o) => JSON.stringify(o)).join('\n') + '\n';

if (process.argv.includes('--check')) {
  const current = readFileSync(out, 'utf8');
  if (current !== ndjson) {
    console.error('privacy-metrics.ndjson is out of date: run `node kibana-dashboards/tools/build.mjs` and commit it');
    process.exit(1);
  }
  console.log('privacy-metrics.ndjson is up to date');
} else {
  writeFileSync(out, ndjson);
  console.log(`wrote ${out} (${panels.length} panels)`);
}
