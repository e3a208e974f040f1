/**
 * The KPI dashboard (`#/dashboard`, `#/dashboard/<unitCode>`, issue 14): how far a unit's
 * subtree is from the plan's targets (qualified focal points, platform adoption, trained
 * workforce), its child units as bars against the target line, sorted worst first, a
 * table of the same figures with an XLSX export, organisations by kind, per-platform
 * access and use, and the emulation leaderboard of the child units. A child's name drills
 * down (province → commune → hamlet); the breadcrumbs lead back up to the viewer's scope.
 * A unit outside the viewer's scope gets a refusal from the server, shown as such.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { LeaderboardView } from '../../../components/leaderboard';
import { ErrorState, LoadingState } from '../../../components/states';
import { useRetried } from '../../../components/use-loaded';
import { kindLabel } from '../../../data/vocabulary';
import { type NetworkKpis, fetchKpis, fetchUnitNames, isRefusal, pathCodes } from '../../../data/kpis';
import { fetchLeaderboard } from '../../../data/recognition';
import { type MessageKey, formatNumber, formatTime, useI18n } from '../../../i18n';
import { type ScreenProps, href } from '../../../router';
import { EDITORS } from '../links';
import { BarDefs, BarLegend, CountBars, RateText, TargetBar, TargetBars } from './bars';
import { INDICATORS, type Indicator, barRow, barRows, formatRate, summary, targetOf } from './chart';
import { DxPanel } from './dx';
import { COLUMNS, sheetRows } from './table';
import { todayInVietnam } from '../../../data/days';

type Props = ScreenProps<'dashboard'> | ScreenProps<'dashboardUnit'>;

type Load =
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'refused' }
  | { state: 'ready'; kpis: NetworkKpis; names: Map<string, string>; at: Date };

const unitHref = (code: string): string => href({ name: 'dashboardUnit', code });

export function Dashboard({ route }: Props) {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const code = route.name === 'dashboardUnit' ? route.code : null;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const allowed = viewer !== null && viewer.roles.some((role) => EDITORS.includes(role));

  useEffect(() => {
    if (!viewer || !allowed) return;
    let current = true;
    setLoad({ state: 'loading' });
    (async () => {
      try {
        const kpis = await fetchKpis(code);
        const codes = pathCodes(kpis.totals.adminUnit.path);
        const from = Math.max(0, codes.indexOf(viewer?.scope.code ?? ''));
        const above = codes.slice(from, -1);
        const names = await fetchUnitNames(above).catch(() => new Map<string, string>());
        if (current) setLoad({ state: 'ready', kpis, names, at: new Date() });
      } catch (error) {
        if (current) setLoad({ state: isRefusal(error) ? 'refused' : 'failed' });
      }
    })();
    return () => {
      current = false;
    };
  }, [code, attempt, viewer?.username, viewer?.scope.code]);

  if (!viewer) {
    return (
      <section class="wide dashboard">
        <h1>{t('dash.title')}</h1>
        <p class="empty">
          <a class="button primary" href={href({ name: 'signin' })}>
            {t('dash.signIn')}
          </a>
        </p>
      </section>
    );
  }
  if (!allowed) {
    return (
      <section class="wide dashboard">
        <h1>{t('dash.title')}</h1>
        <p class="warning" role="alert">
          {t('dash.notForRole')}
        </p>
      </section>
    );
  }
  if (load.state === 'refused') {
    const scope = viewer.scope.name;
    return (
      <section class="wide dashboard">
        <h1>{t('dash.refused.title')}</h1>
        <p class="warning" role="alert">
          {t('dash.refused.body', { code: code ?? '', unit: scope })}
        </p>
        <p>
          <a class="button secondary" href={href({ name: 'dashboard' })}>
            {t('dash.refused.back', { unit: scope })}
          </a>
        </p>
      </section>
    );
  }
  if (load.state !== 'ready') {
    return (
      <section class="wide dashboard">
        <h1>{t('dash.title')}</h1>
        {load.state === 'loading' ? <LoadingState /> : <ErrorState message={t('dash.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />}
      </section>
    );
  }

  const { kpis, names, at } = load;
  const unit = kpis.totals.adminUnit;
  const codes = pathCodes(unit.path);
  const trail = codes.slice(Math.max(0, codes.indexOf(viewer?.scope.code ?? '')), -1);
  return (
    <section class="wide dashboard" aria-labelledby="dash-title">
      <BarDefs />
      {trail.length > 0 && (
        <nav aria-label={t('dash.crumbs')} class="crumbs">
          <ol>
            {trail.map((c) => (
              <li key={c}>
                <a href={unitHref(c)}>{names.get(c) ?? c}</a>
              </li>
            ))}
            <li aria-current="page">{unit.name}</li>
          </ol>
        </nav>
      )}
      <h1 id="dash-title">
        {t('dash.title')}: {unit.name}
      </h1>
      <Headline kpis={kpis} />
      <div class="dash-grid">
        <ChildBars kpis={kpis} />
        <div class="dash-side">
          <section aria-labelledby="dash-kinds" class="card">
            <h2 id="dash-kinds">{t('dash.kinds.title')}</h2>
            {kpis.organizationsByKind.length === 0 ? (
              <p class="hint">{t('dash.kinds.none')}</p>
            ) : (
              <CountBars
                items={[...kpis.organizationsByKind]
                  .sort((a, b) => b.count - a.count)
                  .map((k) => ({ key: k.kind, label: kindLabel(t, k.kind), count: k.count }))}
              />
            )}
          </section>
          <Platforms kpis={kpis} />
        </div>
      </div>
      <KpiTable kpis={kpis} />
      <DxPanel code={unit.code} />
      {kpis.children.length > 0 && <Board code={unit.code} />}
      <p class="hint">{t('dash.asOf', { time: formatTime(at.toISOString(), lang) })}</p>
    </section>
  );
}

/** The three targets for the whole subtree, with its members and organisations. */
function Headline({ kpis }: { kpis: NetworkKpis }) {
  const { t, lang } = useI18n();
  const n = (value: number) => formatNumber(value, lang);
  const labels: Record<Indicator, { title: MessageKey; target: MessageKey; detail: string }> = {
    focalPoints: {
      title: 'dash.ind.focalPoints',
      target: 'dash.target.2025',
      detail: t('dash.detail.focalPoints', { part: n(kpis.totals.focalPointQualified), whole: n(kpis.totals.focalPointRequired) }),
    },
    adoption: {
      title: 'dash.ind.adoption',
      target: 'dash.target.any',
      detail: t('dash.detail.adoption', { part: n(kpis.totals.membersOnAllCorePlatforms), whole: n(kpis.totals.members), core: kpis.corePlatforms }),
    },
    trained: {
      title: 'dash.ind.trained',
      target: 'dash.target.2030',
      detail:
        kpis.totals.dxRoleMembers === null
          ? t('dash.detail.trainedUnknown')
          : t('dash.detail.trained', { part: n(kpis.totals.trainedMembers ?? 0), whole: n(kpis.totals.dxRoleMembers) }),
    },
  };
  return (
    <div class="kpi-tiles">
      {INDICATORS.map((indicator) => {
        const target = targetOf(kpis.targets, indicator);
        const row = barRow(kpis.totals, indicator, target);
        const label = labels[indicator];
        return (
          <section key={indicator} class={`card kpi-tile ${row.rate === null ? 'none' : row.met ? 'met' : 'short'}`} aria-labelledby={`tile-${indicator}`}>
            <h2 id={`tile-${indicator}`}>{t(label.title)}</h2>
            <p class="kpi-big">
              <RateText row={row} />
            </p>
            <TargetBar rate={row.rate} target={target} />
            <p class="meta">{label.detail}</p>
            <p class="meta">{t(label.target, { rate: formatRate(target, lang) })}</p>
          </section>
        );
      })}
      <section class="card kpi-tile counts" aria-labelledby="tile-counts">
        <h2 id="tile-counts">{t('dash.size')}</h2>
        <dl class="scores">
          <div>
            <dt>{t('dash.col.members')}</dt>
            <dd>{formatNumber(kpis.totals.members, lang)}</dd>
          </div>
          <div>
            <dt>{t('dash.col.organizations')}</dt>
            <dd>{formatNumber(kpis.totals.organizations, lang)}</dd>
          </div>
          <div>
            <dt>{t('dash.children.count')}</dt>
            <dd>{formatNumber(kpis.children.length, lang)}</dd>
          </div>
        </dl>
      </section>
    </div>
  );
}

/** The child units as bars for one indicator at a time, worst first. */
function ChildBars({ kpis }: { kpis: NetworkKpis }) {
  const { t, lang } = useI18n();
  const [indicator, setIndicator] = useState<Indicator>('focalPoints');
  const target = targetOf(kpis.targets, indicator);
  const rows = barRows(kpis.children, indicator, target, lang);
  const { met, measured } = summary(rows);
  return (
    <section aria-labelledby="dash-children" class="card dash-children">
      <h2 id="dash-children">{t('dash.children.title')}</h2>
      {kpis.children.length === 0 ? (
        <p class="hint">{t('dash.children.none')}</p>
      ) : (
        <>
          <fieldset class="segmented">
            <legend>{t('dash.children.indicator')}</legend>
            {INDICATORS.map((i) => (
              <label key={i} class="choice">
                <input type="radio" name="indicator" value={i} checked={indicator === i} onChange={() => setIndicator(i)} />
                {t(`dash.ind.${i}` as MessageKey)}
              </label>
            ))}
          </fieldset>
          <p class="meta" aria-live="polite">
            {t('dash.children.summary', { met, measured, total: rows.length })} {t('dash.children.sorted')}
          </p>
          <BarLegend target={target} />
          <TargetBars rows={rows} link={(row) => unitHref(row.code)} />
        </>
      )}
    </section>
  );
}

/** Access and active use per platform in the subtree, against every member. */
function Platforms({ kpis }: { kpis: NetworkKpis }) {
  const { t, lang } = useI18n();
  const members = kpis.totals.members;
  const rate = (n: number) => (members ? n / members : null);
  return (
    <section aria-labelledby="dash-platforms" class="card">
      <h2 id="dash-platforms">{t('dash.platforms.title')}</h2>
      <p class="hint">{t('dash.platforms.hint', { members: formatNumber(members, lang) })}</p>
      <ul class="platforms">
        {kpis.platforms.map((p) => {
          const access = rate(p.membersWithAccess);
          const active = rate(p.membersActive);
          const line = (key: MessageKey, value: number | null, count: number) => (
            <div class="platform-line">
              <span>{t(key)}</span>
              <TargetBar rate={value} target={1} />
              <span class="kpi-value">
                <strong>{formatRate(value, lang)}</strong> <span class="meta">({formatNumber(count, lang)})</span>
              </span>
            </div>
          );
          return (
            <li key={p.platform.code}>
              <h3>
                {lang === 'vi' ? p.platform.name : p.platform.nameEn}
                {p.platform.isCore && <span class="tag">{t('dash.platforms.core')}</span>}
              </h3>
              {line('dash.platforms.access', access, p.membersWithAccess)}
              {line('dash.platforms.active', active, p.membersActive)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** Every figure per child unit and the total, as a table; exported as XLSX on click. */
function KpiTable({ kpis }: { kpis: NetworkKpis }) {
  const { t, lang } = useI18n();
  const [exporting, setExporting] = useState(false);
  const [failed, setFailed] = useState(false);
  const unit = kpis.totals.adminUnit;
  const cell = (kind: 'count' | 'rate', value: number | null) =>
    kind === 'rate' ? formatRate(value, lang) : value === null ? '—' : formatNumber(value, lang);

  const exportXlsx = async () => {
    setExporting(true);
    setFailed(false);
    try {
      const { xlsxBytes, downloadXlsx } = await import('./xlsx');
      const { header, rows, rateColumns } = sheetRows(kpis.children, kpis.totals, t);
      const day = todayInVietnam();
      downloadXlsx(`chi-so-${unit.code}-${day}.xlsx`, xlsxBytes(unit.name, header, rows, rateColumns));
    } catch {
      setFailed(true);
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-labelledby="dash-table">
      <div class="row">
        <h2 id="dash-table">{t('dash.table.title')}</h2>
        <button type="button" class="secondary" onClick={() => void exportXlsx()} disabled={exporting}>
          {exporting ? t('dash.exporting') : t('dash.export')}
        </button>
      </div>
      {failed && <ErrorState message={t('dash.exportFailed')} />}
      <div class="table-wrap">
        <table class="results kpi-table">
          <caption>{t('dash.table.caption', { unit: unit.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.col.unit')}</th>
              {COLUMNS.map((c) => (
                <th scope="col" class="num" key={c.label}>
                  {t(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kpis.children.map((child) => (
              <tr key={child.adminUnit.code}>
                <th scope="row">
                  <a href={unitHref(child.adminUnit.code)}>{child.adminUnit.name}</a>
                </th>
                {COLUMNS.map((c) => (
                  <td class="num" key={c.label}>
                    {cell(c.kind, c.value(child))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">
                {t('dash.total')}: {unit.name}
              </th>
              {COLUMNS.map((c) => (
                <td class="num" key={c.label}>
                  {cell(c.kind, c.value(kpis.totals))}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

/** The child units' emulation scores this year, each broken into its parts. */
function Board({ code }: { code: string }) {
  const { t } = useI18n();
  const year = new Date().getFullYear();
  const { value: board, failed, retry } = useRetried(() => fetchLeaderboard({ start: `${year}-01-01`, end: `${year}-12-31` }, code), [code, year]);
  return (
    <section aria-labelledby="dash-board" class="dash-board">
      <h2 id="dash-board">{t('dash.board.title', { year })}</h2>
      {failed && <ErrorState message={t('dash.board.failed')} onRetry={retry} />}
      {!board && !failed && <LoadingState />}
      {board && <LeaderboardView board={board} level={3} unitHref={unitHref} />}
    </section>
  );
}
