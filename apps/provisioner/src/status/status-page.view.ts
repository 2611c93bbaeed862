import { numericLeaves } from '@tailor/platform';

import type { StatusEnvironmentRow, StatusImageRow, StatusModelRow, StatusPoolRow } from './status.repository';

export interface StatusSnapshot {
  generatedAt: Date;
  refreshSeconds: number;
  counts: { byState: Record<string, number>; lastHourByPath: Record<string, number> };
  environments: StatusEnvironmentRow[];
  pools: (StatusPoolRow & { containers: Record<string, number> })[];
  images: { rows: StatusImageRow[]; byStatus: Record<string, number>; hits: number };
  models: { champions: StatusModelRow[]; latest: StatusModelRow | null };
  replay: { generatedAt: string; directory: string } | null;
}

const TIMING_STEPS = [
  ['predictMs', 'predict', '#6366f1'],
  ['resolveImageMs', 'image', '#0ea5e9'],
  ['createContainerMs', 'create', '#f59e0b'],
  ['startContainerMs', 'start', '#ef4444'],
  ['readyMs', 'ready', '#10b981'],
] as const;

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const html = (strings: TemplateStringsArray, ...values: unknown[]): string =>
  strings.reduce((out, part, index) => out + part + (index < values.length ? String(values[index] ?? '') : ''), '');

const time = (date: Date | null | undefined): string =>
  date ? `<time datetime="${date.toISOString()}">${escapeHtml(date.toISOString().replace('T', ' ').slice(0, 19))}</time>` : '–';
const ms = (value: number | undefined): string => (value === undefined ? '–' : `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`);
const bytes = (value: bigint | number | null | undefined): string => {
  const n = Number(value ?? 0);
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${Math.round(n / 1e3)} kB`;
};
const badge = (value: string | null | undefined, kind = 'neutral'): string =>
  value ? `<span class="badge ${escapeHtml(kind)}">${escapeHtml(value)}</span>` : '–';
const pathKind = (path: string | null): string =>
  path === 'warm_hit' ? 'good' : path === 'cold_specialized' ? 'info' : path === 'cold_fallback' ? 'warn' : 'neutral';
const stateKind = (state: string): string => (state === 'running' ? 'good' : state === 'failed' ? 'bad' : 'neutral');
const empty = (columns: number, text: string): string => `<tr><td colspan="${columns}" class="empty">${escapeHtml(text)}</td></tr>`;

function timingBar(timings: unknown): string {
  const values = (timings ?? {}) as Record<string, number>;
  const total = values.totalMs;
  if (typeof total !== 'number' || total <= 0) return '–';
  const segments = TIMING_STEPS.filter(([key]) => typeof values[key] === 'number' && values[key] > 0)
    .map(
      ([key, label, color]) =>
        `<span style="width:${((values[key] / total) * 100).toFixed(1)}%;background:${color}" title="${label} ${ms(values[key])}"></span>`,
    )
    .join('');
  return `<div class="timing"><div class="bar">${segments}</div><span class="total">${ms(total)}</span></div>`;
}

function tiles(snapshot: StatusSnapshot): string {
  const { byState, lastHourByPath } = snapshot.counts;
  const warm = lastHourByPath.warm_hit ?? 0;
  const cold = (lastHourByPath.cold_specialized ?? 0) + (lastHourByPath.cold_fallback ?? 0);
  const idle = snapshot.pools.reduce((sum, pool) => sum + (pool.containers.idle ?? 0), 0);
  const champion = snapshot.models.champions[0];
  const tile = (label: string, value: string, note = '') =>
    `<div class="tile"><div class="value">${value}</div><div class="label">${escapeHtml(label)}</div><div class="note">${note}</div></div>`;
  return html`<section class="tiles">
    ${tile('running environments', String(byState.running ?? 0), `${byState.removed ?? 0} removed, ${byState.failed ?? 0} failed`)}
    ${tile('provisions in the last hour', String(warm + cold), `${warm} warm · ${cold} cold`)}
    ${tile('idle warm containers', String(idle), `${snapshot.pools.length} pools`)}
    ${tile('images ready', String(snapshot.images.byStatus.ready ?? 0), `${snapshot.images.hits} hits · ${snapshot.images.byStatus.building ?? 0} building`)}
    ${tile('model in use', champion ? `v${champion.version}` : 'none', champion ? escapeHtml(champion.kind) : 'default profiles serve')}
  </section>`;
}

function poolsSection(pools: StatusSnapshot['pools']): string {
  const rows = pools.map(
    (pool) => html`<tr>
      <td><b>${escapeHtml(pool.applicationId)}</b><br><code>${escapeHtml(pool.endpointId)}</code></td>
      <td><code title="${escapeHtml(pool.profileHash)}">${escapeHtml(pool.profileHash.slice(0, 12))}</code><br><small>${escapeHtml(pool.imageRef)}</small></td>
      <td class="num">${pool.memoryMb} MB</td>
      <td class="num">${pool.containers.idle ?? 0} / ${pool.containers.starting ?? 0} / ${pool.containers.claimed ?? 0}</td>
      <td class="num"><b>${pool.targetSize}</b></td>
      <td class="num">${pool.minSize > 0 ? `${pool.minSize} until ${time(pool.minSizeUntil)}` : '–'}</td>
      <td>${time(pool.floorUntil)}</td>
      <td>${time(pool.lastProvisionAt)}</td>
      <td>${time(pool.reconciledAt)}</td>
    </tr>`,
  );
  return html`<section><h2>Warm pools and their forecast</h2>
    <table><thead><tr><th>endpoint</th><th>profile / image</th><th>memory</th><th>idle / starting / claimed</th>
    <th>target (forecast)</th><th>pre-warm</th><th>reactive floor until</th><th>last provision</th><th>reconciled</th></tr></thead>
    <tbody>${rows.join('') || empty(9, 'No warm pool yet: pools appear after the first provisions of an endpoint.')}</tbody></table></section>`;
}

function provisionsSection(environments: StatusEnvironmentRow[]): string {
  const rows = environments.map(
    (env) => html`<tr data-environment-id="${escapeHtml(env.id)}" data-state="${escapeHtml(env.state)}">
      <td>${time(env.createdAt)}</td>
      <td><code title="${escapeHtml(env.id)}">${escapeHtml(env.id.slice(0, 8))}</code></td>
      <td><b>${escapeHtml(env.applicationId)}</b><br><code>${escapeHtml(env.endpointId)}</code></td>
      <td>${badge(env.state, stateKind(env.state))}</td>
      <td>${badge(env.path, pathKind(env.path))}</td>
      <td>${escapeHtml(env.profileSource ?? '–')} / ${escapeHtml(env.imageMatch ?? '–')}</td>
      <td class="timings">${env.failureReason ? `<span class="error">${escapeHtml(env.failureReason)}</span>` : timingBar(env.timings)}</td>
    </tr>`,
  );
  const legend = TIMING_STEPS.map(([, label, color]) => `<span><i style="background:${color}"></i>${label}</span>`).join('');
  return html`<section><h2>Recent provisions</h2><div class="legend">${legend}</div>
    <table><thead><tr><th>at</th><th>environment</th><th>endpoint</th><th>state</th><th>path</th><th>profile / image match</th>
    <th>timings</th></tr></thead>
    <tbody>${rows.join('') || empty(7, 'No provision yet: POST /provision to start one.')}</tbody></table></section>`;
}

function imagesSection({ rows, byStatus, hits }: StatusSnapshot['images']): string {
  const summary = Object.entries(byStatus)
    .map(([status, count]) => `${count} ${escapeHtml(status)}`)
    .join(' · ');
  const body = rows.map(
    (image) => html`<tr>
      <td><code>${escapeHtml(image.imageRef.length > 48 ? `…${image.imageRef.slice(-47)}` : image.imageRef)}</code></td>
      <td>${badge(image.status, image.status === 'ready' ? 'good' : image.status === 'failed' ? 'bad' : 'info')}</td>
      <td class="num">${image.sizeBytes === null ? '–' : bytes(image.sizeBytes)}</td>
      <td class="num">${image.hits}</td>
      <td>${image.libraries.length ? escapeHtml(image.libraries.slice(0, 6).join(', ')) + (image.libraries.length > 6 ? ' …' : '') : '<small>base</small>'}</td>
      <td>${time(image.lastUsedAt)}</td>
    </tr>`,
  );
  return html`<section><h2>Image cache</h2><p class="muted">${summary || 'empty'} · ${hits} hits in all</p>
    <table><thead><tr><th>image</th><th>status</th><th>size</th><th>hits</th><th>libraries</th><th>last used</th></tr></thead>
    <tbody>${body.join('') || empty(6, 'No image yet.')}</tbody></table></section>`;
}

/** Metrics of a model against its baselines: groups like { model: {...}, frequency: {...} } become one table each. */
function metricsTables(metrics: unknown): string {
  if (!metrics || typeof metrics !== 'object') return '<p class="muted">no metrics recorded</p>';
  const tables: string[] = [];
  const flat: Record<string, number> = {};
  for (const [key, value] of Object.entries(metrics as Record<string, unknown>)) {
    const group = value as Record<string, unknown> | null;
    const isComparison =
      group && typeof group === 'object' && 'model' in group && Object.values(group).every((v) => v && typeof v === 'object');
    if (isComparison) {
      // jsonb does not keep key order: the model first, then its baselines by name
      const columns = ['model', ...Object.keys(group).filter((column) => column !== 'model').sort()];
      const leaves = Object.fromEntries(columns.map((column) => [column, numericLeaves(group[column])]));
      const names = [...new Set(columns.flatMap((column) => Object.keys(leaves[column])))];
      const rows = names.map(
        (name) =>
          `<tr><td>${escapeHtml(name)}</td>${columns
            .map((column) => `<td class="num">${leaves[column][name] === undefined ? '–' : formatNumber(leaves[column][name])}</td>`)
            .join('')}</tr>`,
      );
      tables.push(
        `<h3>${escapeHtml(key)}: model vs baselines</h3><table class="compact"><thead><tr><th>metric</th>${columns
          .map((column) => `<th>${escapeHtml(column)}</th>`)
          .join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`,
      );
    } else {
      Object.assign(flat, numericLeaves({ [key]: value }, 2, 20));
    }
  }
  const flatRows = Object.entries(flat).map(([name, value]) => `<tr><td>${escapeHtml(name)}</td><td class="num">${formatNumber(value)}</td></tr>`);
  if (flatRows.length) tables.unshift(`<table class="compact"><tbody>${flatRows.join('')}</tbody></table>`);
  return tables.join('') || '<p class="muted">no numeric metrics</p>';
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 || Number.isInteger(value) ? value.toLocaleString('en-US', { maximumFractionDigits: 0 }) : value.toPrecision(4);
}

function modelSection({ champions, latest }: StatusSnapshot['models']): string {
  const describe = (model: StatusModelRow) =>
    html`<div class="model"><p><b>${escapeHtml(model.kind)} v${model.version}</b> ${badge(model.status, model.status === 'champion' ? 'good' : model.status === 'rejected' ? 'bad' : 'info')}
      trained ${time(model.createdAt)}${model.status === 'champion' && model.promotedAt ? `, serving since ${time(model.promotedAt)}` : ''}</p>
      ${model.statusReason ? `<p class="muted">${escapeHtml(model.statusReason)}</p>` : ''}${metricsTables(model.metrics)}</div>`;
  const latestIsChampion = latest && champions.some((c) => c.kind === latest.kind && c.version === latest.version);
  return html`<section><h2>Current model</h2>
    ${champions.length ? champions.map(describe).join('') : '<p class="muted">No model serves yet: every endpoint gets the default profile.</p>'}
    ${latest && !latestIsChampion ? `<h3>Latest trained</h3>${describe(latest)}` : ''}</section>`;
}

function replaySection(replay: StatusSnapshot['replay']): string {
  return html`<section><h2>Latest keep-warm replay: cold starts vs idle memory</h2>
    ${
      replay
        ? `<p class="muted">written ${escapeHtml(replay.generatedAt)} by <code>npm run replay</code></p><img class="replay" src="status/replay.svg" alt="cold starts against wasted idle memory per keep-warm policy">`
        : '<p class="muted">No replay yet: <code>npm run replay -- --trace &lt;dir&gt;</code> writes one.</p>'
    }</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;background:#f6f7f9;color:#1f2430}
header{background:#1f2430;color:#fff;padding:14px 28px;display:flex;align-items:baseline;gap:18px}
header h1{font-size:20px;margin:0}header .muted{color:#aab}
main{padding:18px 28px;max-width:1400px}
section{background:#fff;border:1px solid #e3e6ea;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h2{font-size:16px;margin:2px 0 10px}h3{font-size:13px;margin:10px 0 6px;color:#445}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-size:12px;color:#667;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
table.compact{width:auto;min-width:360px}code{font-size:12px}small,.muted{color:#778}
.empty{color:#889;text-align:center;padding:14px}.error{color:#b91c1c}
.badge{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12px;background:#e5e7eb}
.badge.good{background:#d1fae5;color:#065f46}.badge.warn{background:#fef3c7;color:#92400e}.badge.info{background:#dbeafe;color:#1e40af}.badge.bad{background:#fee2e2;color:#991b1b}
.tiles{display:flex;gap:12px;background:none;border:none;padding:0}
.tile{flex:1;background:#fff;border:1px solid #e3e6ea;border-radius:8px;padding:10px 14px}
.tile .value{font-size:26px;font-weight:700}.tile .label{color:#556}.tile .note{color:#889;font-size:12px}
.timing{display:flex;align-items:center;gap:8px}.bar{display:flex;width:220px;height:10px;border-radius:5px;overflow:hidden;background:#eef0f3}
.bar span{display:block;height:100%}.total{font-variant-numeric:tabular-nums}
.legend{display:flex;gap:12px;font-size:12px;color:#667;margin-bottom:6px}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
img.replay{max-width:100%;border:1px solid #eef0f3}
`;

/** The whole page: server-rendered, no script, refreshed by the browser every refreshSeconds. */
export function renderStatusPage(snapshot: StatusSnapshot): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${snapshot.refreshSeconds}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Tailor status</title><style>${STYLE}</style></head>
<body><header><h1>Tailor status</h1><span class="muted">as of ${time(snapshot.generatedAt)} UTC · refreshes every ${snapshot.refreshSeconds} s</span></header>
<main>${tiles(snapshot)}${provisionsSection(snapshot.environments)}${poolsSection(snapshot.pools)}${imagesSection(snapshot.images)}${modelSection(snapshot.models)}${replaySection(snapshot.replay)}</main>
</body></html>
`;
}
