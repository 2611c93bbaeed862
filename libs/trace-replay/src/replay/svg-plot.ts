import type { PolicySummary } from './replay-summary';

const WIDTH = 720;
const HEIGHT = 480;
const MARGIN = { left: 80, right: 190, top: 40, bottom: 60 };
const COLOURS = { fixed: '#1f77b4', hybrid: '#d62728', tailor: '#2ca02c' } as const;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Cold starts (x) against idle memory waste (y), one point per policy, Tailor's settings joined as a curve. */
export function coldVersusWasteSvg(summaries: PolicySummary[], title: string): string {
  const xs = summaries.map((s) => s.coldMinutes);
  const ys = summaries.map((s) => s.wasteMbMinutes / 1024);
  const xMax = Math.max(...xs, 1) * 1.05;
  const yMax = Math.max(...ys, 1) * 1.05;
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number) => MARGIN.left + (v / xMax) * plotW;
  const y = (v: number) => MARGIN.top + plotH - (v / yMax) * plotH;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="22" text-anchor="middle" font-size="14">${escape(title)}</text>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top + plotH}" x2="${MARGIN.left + plotW}" y2="${MARGIN.top + plotH}" stroke="black"/>`,
    `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${MARGIN.top + plotH}" stroke="black"/>`,
    `<text x="${MARGIN.left + plotW / 2}" y="${HEIGHT - 15}" text-anchor="middle">cold invoked-minutes</text>`,
    `<text x="20" y="${MARGIN.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 20 ${MARGIN.top + plotH / 2})">idle memory waste (GB·min)</text>`,
  ];
  for (let i = 0; i <= 5; i++) {
    const xv = (xMax * i) / 5;
    const yv = (yMax * i) / 5;
    parts.push(
      `<text x="${x(xv)}" y="${MARGIN.top + plotH + 16}" text-anchor="middle">${Math.round(xv)}</text>`,
      `<text x="${MARGIN.left - 6}" y="${y(yv) + 4}" text-anchor="end">${Math.round(yv)}</text>`,
      `<line x1="${MARGIN.left}" y1="${y(yv)}" x2="${MARGIN.left + plotW}" y2="${y(yv)}" stroke="#eee"/>`,
    );
  }
  const tailor = summaries.filter((s) => s.family === 'tailor').sort((a, b) => a.coldMinutes - b.coldMinutes);
  if (tailor.length > 1) {
    const points = tailor.map((s) => `${x(s.coldMinutes).toFixed(1)},${y(s.wasteMbMinutes / 1024).toFixed(1)}`);
    parts.push(`<polyline points="${points.join(' ')}" fill="none" stroke="${COLOURS.tailor}" stroke-opacity="0.5"/>`);
  }
  for (const s of summaries) {
    const cx = x(s.coldMinutes).toFixed(1);
    const cy = y(s.wasteMbMinutes / 1024).toFixed(1);
    parts.push(
      `<circle cx="${cx}" cy="${cy}" r="4" fill="${COLOURS[s.family]}"><title>${escape(s.policy)}</title></circle>`,
    );
    if (s.family !== 'tailor') {
      parts.push(`<text x="${Number(cx) + 6}" y="${Number(cy) - 6}">${escape(s.policy)}</text>`);
    }
  }
  const legend: [string, string][] = [
    ['fixed keep-alive', COLOURS.fixed],
    ["hybrid histogram (ATC'20)", COLOURS.hybrid],
    ['Tailor (one point per cost ratio)', COLOURS.tailor],
  ];
  legend.forEach(([label, colour], i) => {
    const ly = MARGIN.top + 10 + i * 18;
    parts.push(
      `<circle cx="${WIDTH - MARGIN.right + 15}" cy="${ly}" r="4" fill="${colour}"/>`,
      `<text x="${WIDTH - MARGIN.right + 25}" y="${ly + 4}">${escape(label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}
