/**
 * The emulation leaderboard of a unit's child units, each score broken into its weighted
 * parts: a table on wide screens, a card per unit with a stacked bar on phones. Shared by
 * the leaderboard screen (`#/emulation`) and the KPI dashboard (`#/dashboard`).
 */
import type { Leaderboard } from '../data/recognition';
import { type MessageKey, formatNumber, useI18n } from '../i18n';
import { EmptyState } from './states';

interface Props {
  board: Leaderboard;
  /** The heading level of each unit's card on phones (2 on its own screen, 3 inside a section). */
  level?: 2 | 3;
  /** Where a unit's name leads (the dashboard drills down); plain text without. */
  unitHref?: (code: string) => string;
}

export function LeaderboardView({ board, level = 2, unitHref }: Props) {
  const { t, lang } = useI18n();
  const Heading = level === 2 ? 'h2' : 'h3';
  const totalWeight = Math.max(1, board.weights.reduce((s, w) => s + w.weight, 0));
  const name = (unit: { code: string; name: string }) =>
    unitHref ? <a href={unitHref(unit.code)}>{unit.name}</a> : unit.name;
  return (
    <>
      <p class="hint">
        {t('rec.emulation.weights')} {board.weights.map((w) => `${t(`rec.part.${w.part}` as MessageKey)} ${w.weight}`).join(' · ')}
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
                  <th scope="row">{name(unit.adminUnit)}</th>
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
              <Heading>
                {unit.rank}. {name(unit.adminUnit)}
              </Heading>
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
                      <span class="meta"> / {formatNumber((100 * p.weight) / totalWeight, lang, 1)}</span>
                    </dd>
                  </div>
                ))}
              </dl>
            </details>
          </li>
        ))}
      </ol>
    </>
  );
}
