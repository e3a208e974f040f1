/**
 * The committee member's rounds (`#/committee`): in each open round, the nominations
 * still to score first, then the ones scored (with the revision) or recused; closed
 * rounds link to their results and to the member's own ballots.
 */
import { useEffect, useState } from 'preact/hooks';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { type Nomination, type RoundDetail, fetchMyRounds } from '../../data/recognition';
import { formatTime, useI18n } from '../../i18n';
import { href } from '../../router';

function BallotState({ nomination }: { nomination: Nomination }) {
  const { t } = useI18n();
  const ballot = nomination.myBallot;
  if (!ballot) return <span class="tag todo">{t('rec.committee.toScore')}</span>;
  if (ballot.autoRecused) return <span class="tag">{t('rec.ballot.autoRecusedTag')}</span>;
  if (ballot.recused) return <span class="tag">{t('rec.ballot.recusedTag')}</span>;
  return <span class="tag done">{t('rec.committee.scored', { revision: ballot.revision })}</span>;
}

export function Committee() {
  const { t, lang } = useI18n();
  const [rounds, setRounds] = useState<RoundDetail[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setFailed(false);
    fetchMyRounds().then(setRounds, () => setFailed(true));
  }, [attempt]);

  if (failed) return <ErrorState message={t('rec.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!rounds) return <LoadingState />;
  return (
    <section class="wide">
      <h1>{t('rec.committee.title')}</h1>
      {rounds.length === 0 && <EmptyState>{t('rec.committee.none')}</EmptyState>}
      {rounds.map((round) => {
        const open = round.status === 'OPEN';
        const todo = round.nominations.filter((n) => !n.myBallot);
        const sorted = open ? [...todo, ...round.nominations.filter((n) => n.myBallot)] : round.nominations;
        return (
          <article class="card round" key={round.id}>
            <h2>{round.title}</h2>
            <p class="meta">
              {open
                ? t('rec.committee.closes', { time: formatTime(round.closesAt, lang) })
                : t('rec.round.closedAt', { time: formatTime(round.closedAt ?? round.closesAt, lang) })}
              {round.viewerIsChair && <span class="tag">{t('rec.chair')}</span>}
            </p>
            {open && (
              <p class={todo.length > 0 ? 'notice' : 'hint'} data-testid="todo-count">
                {todo.length > 0
                  ? t('rec.committee.todo', { count: todo.length, total: round.nominations.length })
                  : t('rec.committee.allDone')}
              </p>
            )}
            <ul class="nominations">
              {sorted.map((n) => (
                <li key={n.id}>
                  <a href={href({ name: 'ballot', id: n.id })}>{n.initiative.title}</a>
                  <BallotState nomination={n} />
                </li>
              ))}
            </ul>
            {(!open || round.viewerIsChair) && (
              <a class="button secondary" href={href({ name: 'round', id: round.id })}>
                {open ? t('rec.committee.followRound') : t('rec.committee.results')}
              </a>
            )}
          </article>
        );
      })}
    </section>
  );
}
