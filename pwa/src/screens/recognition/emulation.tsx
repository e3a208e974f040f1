/**
 * The emulation leaderboard (`#/emulation`): the child units of the viewer's scope ranked
 * by their emulation score over a year, each score broken into its weighted parts (focal
 * points, training, surveys, initiatives submitted and awarded, replications).
 */
import { useEffect, useState } from 'preact/hooks';
import { SelectField } from '../../components/fields';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { type Leaderboard, fetchLeaderboard } from '../../data/recognition';
import { type MessageKey, useI18n } from '../../i18n';
import { formatDate, formatNumber } from './parts';

export function Emulation() {
  const { t, lang } = useI18n();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [board, setBoard] = useState<Leaderboard | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setBoard(null);
    setFailed(false);
    fetchLeaderboard({ start: `${year}-01-01`, end: `${year}-12-31` }).then(setBoard, () => setFailed(true));
  }, [year, attempt]);

  const years = [0, 1, 2].map((back) => String(thisYear - back));
  return (
    <section class="wide">
      <h1>{t('rec.emulation.title')}</h1>
      <SelectField id="year" label={t('rec.emulation.year')} value={year} options={years.map((y) => ({ value: y, label: y }))} onChange={(e) => setYear(e.currentTarget.value)} />
      {failed && <ErrorState message={t('rec.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />}
      {!board && !failed && <LoadingState />}
      {board && (
        <>
          <p class="meta">
            {board.adminUnit.name} · {formatDate(board.periodStart, lang)} – {formatDate(board.periodEnd, lang)}
          </p>
          <p class="hint">
            {t('rec.emulation.weights')}{' '}
            {board.weights.map((w) => `${t(`rec.part.${w.part}` as MessageKey)} ${w.weight}`).join(' · ')}
          </p>
          {board.units.length === 0 && <EmptyState>{t('rec.emulation.empty')}</EmptyState>}
          {board.units.length > 0 && (
            <div class="table-wrap board-table">
              <table class="results">
                <thead>
                  <tr>
                    <th scope="col">{t('rec.result.rank')}</th>
                    <th scope="col">{t('rec.emulation.unit')}</th>
                    <th scope="col" class="num">
                      {t('rec.result.score')}
                    </th>
                    {board.weights.map((w) => (
                      <th scope="col" class="num" key={w.part}>
                        <span class={`dot part-${w.part.toLowerCase()}`} aria-hidden="true" />
                        {t(`rec.part.${w.part}` as MessageKey)} ({w.weight})
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {board.units.map((unit) => (
                    <tr key={unit.adminUnit.code}>
                      <td>{unit.rank}</td>
                      <th scope="row">{unit.adminUnit.name}</th>
                      <td class="num">
                        <strong>{formatNumber(unit.score, lang, 1)}</strong>
                      </td>
                      {board.weights.map((w) => {
                        const part = unit.parts.find((p) => p.part === w.part);
                        return (
                          <td class="num" key={w.part}>
                            {part?.available ? formatNumber(part.points, lang, 1) : t('rec.emulation.notMeasured')}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <ol class="leaderboard">
            {board.units.map((unit) => (
              <li key={unit.adminUnit.code} class="card">
                <div class="row">
                  <h2>
                    {unit.rank}. {unit.adminUnit.name}
                  </h2>
                  <strong class="score">{formatNumber(unit.score, lang, 1)}</strong>
                </div>
                <div class="bar" aria-hidden="true">
                  {unit.parts.map((p) => (
                    <span key={p.part} class={`seg part-${p.part.toLowerCase()}`} style={{ width: `${p.points}%` }} />
                  ))}
                </div>
                <details>
                  <summary>{t('rec.emulation.breakdown')}</summary>
                  <dl class="scores parts">
                  {unit.parts.map((p) => (
                    <div key={p.part}>
                      <dt>
                        <span class={`dot part-${p.part.toLowerCase()}`} aria-hidden="true" />
                        {t(`rec.part.${p.part}` as MessageKey)}
                      </dt>
                      <dd>
                        {p.available ? formatNumber(p.points, lang, 1) : t('rec.emulation.notMeasured')}
                        <span class="meta"> / {formatNumber((100 * p.weight) / Math.max(1, board.weights.reduce((s, w) => s + w.weight, 0)), lang, 1)}</span>
                      </dd>
                    </div>
                  ))}
                  </dl>
                </details>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
