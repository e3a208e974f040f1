/**
 * Hand-written SVG bars (decision 0016): a rate against its target line, the gap to the
 * target hatched and coloured, and every value written next to its bar, so neither colour
 * nor the drawing is the only way to read a figure. The SVGs are decoration
 * (`aria-hidden`); the text beside them is what a screen reader reads.
 */
import type { ComponentChildren } from 'preact';
import { formatNumber, useI18n } from '../../../i18n';
import { type BarRow, domainMax, formatRate, scale } from './chart';

/** The hatch pattern of the gaps, once per page (SVGs share a document's ids). */
export function BarDefs() {
  return (
    <svg width="0" height="0" class="defs" aria-hidden="true" focusable="false">
      <defs>
        <pattern id="dash-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="4" height="4" class="gap-bg" />
          <line x1="0" y1="0" x2="0" y2="4" class="gap-line" />
        </pattern>
      </defs>
    </svg>
  );
}

/** One bar: the rate filled, the gap up to the target hatched, the target a line. */
export function TargetBar({ rate, target }: { rate: number | null; target: number }) {
  const max = domainMax(target);
  const x = rate === null ? 0 : scale(rate, max);
  const tx = scale(target, max);
  return (
    <svg class="kpi-bar" viewBox="0 0 101 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="track" width="100" height="10" />
      {rate !== null && <rect class="value" width={x} height="10" />}
      {rate !== null && tx > x && <rect class="gap" x={x} width={tx - x} height="10" fill="url(#dash-hatch)" />}
      <line class="target" x1={tx} x2={tx} y1="0" y2="10" vector-effect="non-scaling-stroke" />
    </svg>
  );
}

/** "45,7 % (9/20) · còn thiếu 54,3 %", or "đạt", or "chưa có số liệu". */
export function RateText({ row }: { row: Pick<BarRow, 'rate' | 'part' | 'whole' | 'gap' | 'met'> }) {
  const { t, lang } = useI18n();
  if (row.rate === null) return <span class="kpi-value none">{t('dash.noData')}</span>;
  return (
    <span class="kpi-value">
      <strong>{formatRate(row.rate, lang)}</strong>
      {row.part !== null && row.whole !== null && (
        <span class="meta"> ({formatNumber(row.part, lang)}/{formatNumber(row.whole, lang)})</span>
      )}{' '}
      {row.met ? <span class="status met">✓ {t('dash.met')}</span> : <span class="status short">{t('dash.gap', { gap: formatRate(row.gap, lang) })}</span>}
    </span>
  );
}

/** Child units as bars against the target, in the order given (worst first). */
export function TargetBars({ rows, link }: { rows: BarRow[]; link: (row: BarRow) => string }) {
  return (
    <ol class="kpi-bars">
      {rows.map((row) => (
        <li key={row.code} class={row.rate === null ? 'none' : row.met ? 'met' : 'short'}>
          <a class="kpi-name" href={link(row)}>
            {row.name}
          </a>
          <TargetBar rate={row.rate} target={row.target} />
          <RateText row={row} />
        </li>
      ))}
    </ol>
  );
}

/** A legend in words for the bars' three marks. */
export function BarLegend({ target }: { target: number }) {
  const { t, lang } = useI18n();
  return (
    <p class="kpi-legend hint">
      <Swatch kind="value">{t('dash.legend.value')}</Swatch>
      <Swatch kind="gap">{t('dash.legend.gap')}</Swatch>
      <Swatch kind="target">{t('dash.legend.target', { rate: formatRate(target, lang) })}</Swatch>
    </p>
  );
}

function Swatch({ kind, children }: { kind: 'value' | 'gap' | 'target'; children: ComponentChildren }) {
  return (
    <span class="swatch-item">
      <svg class={`swatch ${kind}`} viewBox="0 0 10 10" aria-hidden="true" focusable="false">
        {kind === 'target' ? (
          <line x1="5" x2="5" y1="0" y2="10" class="target" />
        ) : (
          <rect width="10" height="10" class={kind} fill={kind === 'gap' ? 'url(#dash-hatch)' : undefined} />
        )}
      </svg>
      {children}
    </span>
  );
}

/** Counts as bars scaled to the largest, each with its number. */
export function CountBars({ items }: { items: { key: string; label: string; count: number }[] }) {
  const { lang } = useI18n();
  const max = Math.max(1, ...items.map((i) => i.count));
  return (
    <ul class="kpi-bars counts">
      {items.map((item) => (
        <li key={item.key}>
          <span class="kpi-name">{item.label}</span>
          <svg class="kpi-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="track" width="100" height="10" />
            <rect class="count" width={scale(item.count, max)} height="10" />
          </svg>
          <span class="kpi-value">
            <strong>{formatNumber(item.count, lang)}</strong>
          </span>
        </li>
      ))}
    </ul>
  );
}
