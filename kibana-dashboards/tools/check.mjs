// Checks privacy-metrics.ndjson the way Kibana would use it, without Kibana:
//  1. structure: every line parses, has the fields an import needs, every dashboard reference resolves, no object
//     reads anything but privacy-rollups-*;
//  2. queries: every Vega panel's data.url, with Kibana's placeholders filled in, is sent to a real Elasticsearch
//     node, and the hits must carry every field the panel's transforms read;
//  3. rendering: every Vega-Lite spec, with the real response as its data, is rendered to PNG in headless Chromium
//     with vega-embed (Kibana also renders Vega in the browser).
//
//   node tools/check.mjs [--es http://127.0.0.1:9200] [--auth user:password] [--out DIR] [--from ISO --to ISO]
//
// Without --es only the structure is checked. Exit code 0 when everything passed; problems are printed one a line.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const problems = [];
const problem = (msg) => problems.push(msg);

// ---------- 1. structure ----------
const lines = readFileSync(join(root, 'privacy-metrics.ndjson'), 'utf8').split('\n').filter((l) => l.trim() !== '');
const objects = [];
lines.forEach((line, n) => {
  try {
    objects.push(JSON.parse(line));
  } catch (e) {
    problem(`line ${n + 1}: not JSON (${e.message})`);
  }
});
const byKey = new Map(objects.map((o) => [`${o.type}:${o.id}`, o]));
for (const o of objects) {
  for (const f of ['id', 'type', 'attributes', 'references', 'coreMigrationVersion', 'typeMigrationVersion']) {
    if (o[f] === undefined) problem(`${o.type}:${o.id}: field [${f}] is missing`);
  }
  if (!o.attributes?.title) problem(`${o.type}:${o.id}: attributes.title is missing`);
  for (const r of o.references ?? []) {
    if (!byKey.has(`${r.type}:${r.id}`)) problem(`${o.type}:${o.id}: reference [${r.name}] to ${r.type}:${r.id} does not resolve`);
  }
}
if (lines.join('\n').includes('metrics-events')) problem('an object mentions metrics-events: dashboards must read only privacy-rollups-*');
const dataView = objects.find((o) => o.type === 'index-pattern');
if (!dataView || dataView.attributes.title !== 'privacy-rollups-*') problem('no data view on privacy-rollups-*');

const dashboards = objects.filter((o) => o.type === 'dashboard');
if (dashboards.length !== 1 || dashboards[0].attributes.title !== 'Cross-service usage') problem('expected one dashboard "Cross-service usage"');
const vegaPanels = [];
for (const d of dashboards) {
  const panels = JSON.parse(d.attributes.panelsJSON);
  for (const p of panels) {
    const ref = d.references.find((r) => r.name === `${p.panelIndex}:${p.panelRefName}`);
    if (!ref) {
      problem(`dashboard panel ${p.panelIndex}: no reference named [${p.panelIndex}:${p.panelRefName}]`);
      continue;
    }
    const g = p.gridData;
    if (!(g && g.x >= 0 && g.w > 0 && g.x + g.w <= 48 && g.h > 0)) problem(`dashboard panel ${p.panelIndex}: gridData outside the 48-column grid`);
    const vis = byKey.get(`${ref.type}:${ref.id}`);
    if (!vis) continue;
    const visState = JSON.parse(vis.attributes.visState);
    if (visState.type === 'vega') {
      const spec = JSON.parse(visState.params.spec); // the specs are JSON, a subset of HJSON
      const url = spec.data?.url;
      if (!url || typeof url !== 'object') problem(`${vis.id}: data.url must be an Elasticsearch query object`);
      else if (!/^privacy-rollups-/.test(url.index)) problem(`${vis.id}: reads index [${url.index}], only privacy-rollups-* is allowed`);
      vegaPanels.push({ id: vis.id, title: visState.title, spec });
    } else if (visState.type !== 'markdown') {
      problem(`${vis.id}: unexpected visualization type [${visState.type}]`);
    }
  }
}
console.log(`structure: ${objects.length} objects, ${vegaPanels.length} Vega panels`);

// ---------- 2. queries ----------
// Kibana replaces the dashboard-context strings by the dashboard's query clauses (none here) and
// {"%timefilter%": true} by the time picker's range.
function fill(node, range) {
  if (Array.isArray(node)) {
    return node.filter((v) => !(typeof v === 'string' && /^%dashboard_context-(must|filter|must_not)_clause%$/.test(v))).map((v) => fill(v, range));
  }
  if (node && typeof node === 'object') {
    if (node['%timefilter%'] === true) return { gte: range.from, lte: range.to, format: 'strict_date_optional_time' };
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, range)]));
  }
  return node;
}
const property = (obj, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), obj);

async function search(url, range) {
  const headers = { 'Content-Type': 'application/json' };
  if (args.auth) headers.Authorization = 'Basic ' + Buffer.from(args.auth).toString('base64');
  const body = fill(url.body, range);
  const res = await fetch(`${args.es.replace(/\/$/, '')}/${encodeURIComponent(url.index)}/_search`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

const rendered = [];
if (args.es) {
  const now = new Date();
  const range = {
    from: args.from ?? new Date(Date.UTC(now.getUTCFullYear() - 1, now.getUTCMonth() - 1, 1)).toISOString(),
    to: args.to ?? now.toISOString(),
  };
  const outDir = resolve(args.out ?? join(root, 'target', 'previews'));
  mkdirSync(outDir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'pm-vega-'));
  for (const panel of vegaPanels) {
    let response;
    try {
      response = await search(panel.spec.data.url, range);
    } catch (e) {
      problem(`${panel.id}: query failed: ${e.message}`);
      continue;
    }
    const values = property(response, panel.spec.data.format?.property ?? '') ?? response;
    if (!Array.isArray(values) || values.length === 0) {
      problem(`${panel.id}: the query returned no rows at [${panel.spec.data.format?.property}]`);
      continue;
    }
    const used = [...new Set([...JSON.stringify(panel.spec.transform ?? []).matchAll(/datum\._source\.([A-Za-z0-9_@]+)/g)].map((m) => m[1]))];
    for (const f of used) {
      const missing = values.filter((v) => v._source?.[f] === undefined).length;
      if (missing > 0) problem(`${panel.id}: ${missing} of ${values.length} rows lack field [${f}] the panel reads`);
    }
    // ---------- 3. rendering ----------
    const spec = structuredClone(panel.spec);
    spec.data = { values };
    spec.width = 700;
    spec.height = 320;
    spec.autosize = { type: 'pad' };
    const png = join(outDir, panel.id.replace(/^privacy-metrics-panel-/, '') + '.png');
    try {
      render(spec, png, work);
      if (!existsSync(png) || statSync(png).size < 2000) throw new Error('no image written');
      rendered.push(png);
      console.log(`panel ${panel.id}: ${values.length} rows, fields [${used.join(', ')}], rendered ${png}`);
    } catch (e) {
      problem(`${panel.id}: rendering failed: ${e.message}`);
    }
  }
  rmSync(work, { recursive: true, force: true });
}

function render(spec, png, work) {
  const mod = (p) => pathToFileURL(join(root, 'node_modules', p)).href;
  const html = join(work, 'panel.html');
  writeFileSync(
    html,
    `<!doctype html><html><head><meta charset="utf-8">
<script src="${mod('vega/build/vega.min.js')}"></script>
<script src="${mod('vega-lite/build/vega-lite.min.js')}"></script>
<script src="${mod('vega-embed/build/vega-embed.min.js')}"></script>
<style>body{margin:0;background:#fff;font-family:sans-serif}</style></head>
<body><div id="vis"></div><pre id="err" style="color:red"></pre>
<script>
vegaEmbed('#vis', ${JSON.stringify(spec)}, {actions: false, renderer: 'canvas'})
  .catch(e => { document.getElementById('err').textContent = 'RENDER ERROR ' + e; document.title = 'RENDER ERROR'; });
</script></body></html>`,
  );
  const profile = mkdtempSync(join(work, 'profile-'));
  execFileSync(
    process.env.CHROMIUM ?? '/usr/bin/chromium',
    [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--hide-scrollbars', `--user-data-dir=${profile}`,
      '--allow-file-access-from-files', '--virtual-time-budget=10000', '--window-size=900,420', `--screenshot=${png}`,
      pathToFileURL(html).href,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120000 },
  );
}

if (problems.length) {
  problems.forEach((p) => console.error('PROBLEM ' + p));
  console.error(`${problems.length} problem(s)`);
  process.exit(1);
}
console.log(`dashboard checks passed (${rendered.length} previews)`);
