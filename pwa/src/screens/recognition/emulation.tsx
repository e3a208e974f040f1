/**
 * The emulation leaderboard (`#/emulation`): the child units of the viewer's scope ranked
 * by their emulation score over a year, each score broken into its weighted parts (focal
 * points, training, surveys, initiatives submitted and awarded, replications). The board
 * itself is components/leaderboard.tsx, shared with the KPI dashboard.
 */
import { useEffect, useState } from 'preact/hooks';
import { SelectField } from '../../components/fields';
import { LeaderboardView } from '../../components/leaderboard';
import { ErrorState, LoadingState } from '../../components/states';
import { type Leaderboard, fetchLeaderboard } from '../../data/recognition';
import { useI18n } from '../../i18n';
import { formatDate } from './parts';
import { todayInVietnam } from '../../data/days';

export function Emulation() {
  const { t, lang } = useI18n();
  const thisYear = Number(todayInVietnam().slice(0, 4));
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
          <LeaderboardView board={board} />
        </>
      )}
    </section>
  );
}
