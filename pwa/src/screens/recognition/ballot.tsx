/**
 * One nomination for a committee member (`#/committee/<nominationId>`), built for a
 * phone: the initiative in full, a score per criterion within its bounds with its weight,
 * or a recusal with its reason; the ballot can be revised until the round closes (every
 * revision is kept and listed). A member the server recuses automatically (they submitted
 * the initiative or belong to its organisation) is told so. When another tab or device
 * revised the ballot first, the screen says so and shows the ballot as it now stands.
 * Sealed: while the round is open nobody else's scores exist here; after the close, the
 * frozen result, this member's ballot and (unless the round keeps them sealed) the others'.
 */
import { useEffect, useState } from 'preact/hooks';
import { CheckField, TextAreaField, TextField } from '../../components/fields';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import {
  type Ballot,
  type Criterion,
  type RoundDetail,
  type Score,
  castBallot,
  fetchMyRounds,
  fetchRound,
} from '../../data/recognition';
import { formatTime, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { InitiativeView, ScoreList, errorText, formatNumber } from './parts';

type Notice = { kind: 'saved' | 'stale' | 'auto' | 'error'; text: string } | null;

function valuesOf(ballot: Ballot | null): Record<string, string> {
  return Object.fromEntries((ballot?.scores ?? []).map((s) => [s.criterion, String(s.score)]));
}

function parseScore(text: string): number | null {
  const value = Number(text.trim().replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
}

function CurrentBallot({ ballot, criteria }: { ballot: Ballot; criteria: Criterion[] }) {
  const { t, lang } = useI18n();
  return (
    <div class="card current" data-testid="current-ballot">
      <h2>{t('rec.ballot.current', { revision: ballot.revision })}</h2>
      <p class="meta">{t('rec.ballot.updatedAt', { time: formatTime(ballot.updatedAt, lang) })}</p>
      {ballot.recused ? (
        <p>{ballot.autoRecused ? t('rec.ballot.autoRecused') : t('rec.ballot.recusedBecause', { reason: ballot.recusalReason ?? '' })}</p>
      ) : (
        <ScoreList criteria={criteria} scores={ballot.scores} />
      )}
      {ballot.comment && <p class="ballot-comment">{t('rec.ballot.commentShown', { comment: ballot.comment })}</p>}
      {ballot.revisions.length > 1 && (
        <details>
          <summary>{t('rec.ballot.revisions', { count: ballot.revisions.length })}</summary>
          <ol class="revisions">
            {ballot.revisions.map((r) => (
              <li key={r.revision}>
                {t('rec.ballot.revision', { revision: r.revision, time: formatTime(r.at, lang) })}:{' '}
                {r.recused ? t('rec.ballot.recusedTag') : criteria.map((c) => `${c.label} ${r.scores.find((s) => s.criterion === c.key)?.score ?? '—'}`).join(' · ')}
                {r.comment && ` · ${t('rec.ballot.commentShown', { comment: r.comment })}`}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

export function BallotScreen({ route }: ScreenProps<'ballot'>) {
  const { t, lang } = useI18n();
  const [rounds, setRounds] = useState<RoundDetail[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [values, setValues] = useState<Record<string, string>>({});
  const [recuse, setRecuse] = useState(false);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    setFailed(false);
    fetchMyRounds().then(setRounds, () => setFailed(true));
  }, [attempt]);

  const round = rounds?.find((r) => r.nominations.some((n) => n.id === route.id)) ?? null;
  const index = round ? round.nominations.findIndex((n) => n.id === route.id) : -1;
  const nomination = round?.nominations[index] ?? null;
  const ballot = nomination?.myBallot ?? null;

  // the form starts from the ballot as it stands (and again when another tab changed it)
  useEffect(() => {
    setValues(valuesOf(ballot));
    setRecuse(ballot?.recused === true && !ballot.autoRecused);
    setReason(ballot?.recused && !ballot.autoRecused ? (ballot.recusalReason ?? '') : '');
    setComment(ballot?.comment ?? '');
    setFieldErrors({});
  }, [route.id, ballot?.revision]);

  useEffect(() => {
    setNotice(null);
    document.querySelector<HTMLElement>('h1')?.focus();
  }, [route.id]);

  if (failed) return <ErrorState message={t('rec.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!rounds) return <LoadingState />;
  if (!round || !nomination) return <EmptyState>{t('rec.ballot.notFound')}</EmptyState>;

  const open = round.status === 'OPEN' && new Date(round.closesAt) > new Date();
  const replace = (fresh: RoundDetail): void => setRounds((now) => (now ?? []).map((r) => (r.id === fresh.id ? fresh : r)));
  const reload = async (): Promise<Ballot | null> => {
    const fresh = await fetchRound(round.id);
    if (!fresh) return null;
    replace(fresh);
    return fresh.nominations.find((n) => n.id === nomination.id)?.myBallot ?? null;
  };

  const validate = (): Score[] | null => {
    const errors: Record<string, string> = {};
    const scores: Score[] = [];
    if (recuse) {
      if (!reason.trim()) errors.recusalReason = t('rec.ballot.reasonRequired');
    } else {
      for (const c of round.criteria) {
        const value = parseScore(values[c.key] ?? '');
        if (value === null || value < 0 || value > c.maxScore) errors[c.key] = t('rec.ballot.range', { max: c.maxScore });
        else scores.push({ criterion: c.key, score: value });
      }
    }
    setFieldErrors(errors);
    return Object.keys(errors).length > 0 ? null : scores;
  };

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const scores = validate();
    if (!scores) {
      setNotice({ kind: 'error', text: t('rec.fixErrors') });
      return;
    }
    setWorking(true);
    setNotice(null);
    try {
      const result = await castBallot({
        nominationId: nomination.id,
        scores,
        recuse,
        recusalReason: recuse ? reason.trim() : '',
        comment: comment.trim(),
        expectedRevision: ballot?.revision ?? null,
      });
      const codes = result.errors.map((e) => e.code);
      if (result.ballot) {
        await reload();
        setNotice(
          result.autoRecused
            ? { kind: 'auto', text: t('rec.ballot.autoRecused') }
            : { kind: 'saved', text: t('rec.ballot.saved', { revision: result.ballot.revision }) },
        );
      } else if (codes.includes('STALE_BALLOT_REVISION') || codes.includes('BALLOT_ALREADY_CAST')) {
        const current = await reload();
        setNotice({ kind: 'stale', text: t('rec.ballot.stale', { revision: current?.revision ?? 0 }) });
      } else if (codes.includes('ROUND_CLOSED')) {
        await reload();
        setNotice({ kind: 'error', text: errorText(result.errors, t('rec.ballot.failed')) });
      } else {
        const byField: Record<string, string> = {};
        for (const e of result.errors) if (e.field) byField[e.field.replace(/^scores\./, '')] = e.message;
        setFieldErrors(byField);
        setNotice({ kind: 'error', text: errorText(result.errors, t('rec.ballot.failed')) });
      }
    } catch {
      setNotice({ kind: 'error', text: t('rec.ballot.failed') });
    } finally {
      setWorking(false);
    }
  };

  const previous = round.nominations[index - 1];
  const next = round.nominations[index + 1];
  const result = nomination.result;
  return (
    <section class="ballot">
      <p class="meta">
        <a href={href({ name: 'committee' })}>{round.title}</a> · {t('rec.ballot.position', { index: index + 1, total: round.nominations.length })}
      </p>
      <h1 tabIndex={-1}>{nomination.initiative.title}</h1>
      <InitiativeView initiative={nomination.initiative} />

      {notice && (
        <p class={notice.kind === 'error' ? 'error' : notice.kind === 'saved' ? 'success' : 'notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="ballot-notice">
          {notice.text}
        </p>
      )}

      {ballot && <CurrentBallot ballot={ballot} criteria={round.criteria} />}

      {!open ? (
        <div class="card">
          <h2>{t('rec.ballot.closedTitle')}</h2>
          {result ? (
            <>
              <p data-testid="nomination-result">
                {result.hasQuorum
                  ? t('rec.result.line', { rank: result.rank ?? '—', score: formatNumber(result.score ?? 0, lang) })
                  : t('rec.result.noQuorum')}{' '}
                <span class="meta">{t('rec.result.counts', { ballots: result.ballots, recusals: result.recusals })}</span>
              </p>
              <ScoreList criteria={round.criteria} scores={result.criterionMeans} />
            </>
          ) : (
            <p class="hint">{t('rec.ballot.closedNoResult')}</p>
          )}
          {nomination.ballots && nomination.ballots.length > 0 && (
            <details>
              <summary>{t('rec.ballot.everyBallot', { count: nomination.ballots.length })}</summary>
              {nomination.ballots.map((b) => (
                <div key={b.id} class="other">
                  <h3>{b.voterName}</h3>
                  {b.recused ? <p class="meta">{t('rec.ballot.recusedTag')}</p> : <ScoreList criteria={round.criteria} scores={b.scores} />}
                  {b.comment && <p class="ballot-comment">{t('rec.ballot.commentShown', { comment: b.comment })}</p>}
                </div>
              ))}
            </details>
          )}
        </div>
      ) : ballot?.autoRecused ? null : (
        <form class="card" onSubmit={submit} noValidate>
          <h2>{ballot ? t('rec.ballot.revise') : t('rec.ballot.score')}</h2>
          <p class="hint">{t('rec.ballot.sealed')}</p>
          <CheckField checked={recuse} onChange={setRecuse}>
            {t('rec.ballot.recuse')}
          </CheckField>
          {recuse ? (
            <TextAreaField
              id="recusal-reason"
              label={t('rec.ballot.reason')}
              value={reason}
              maxLength={500}
              error={fieldErrors.recusalReason}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
          ) : (
            round.criteria.map((c) => (
              <TextField
                key={c.key}
                id={`score-${c.key}`}
                label={c.label}
                hint={t('rec.ballot.criterionHint', { weight: c.weight, max: c.maxScore })}
                inputMode="decimal"
                autocomplete="off"
                value={values[c.key] ?? ''}
                error={fieldErrors[c.key]}
                onInput={(e) => {
                  const value = e.currentTarget.value;
                  setValues((now) => ({ ...now, [c.key]: value }));
                }}
              />
            ))
          )}
          <TextAreaField
            id="ballot-comment"
            label={t('rec.ballot.comment')}
            hint={t('rec.ballot.commentHint')}
            value={comment}
            maxLength={4000}
            error={fieldErrors.comment}
            onInput={(e) => setComment(e.currentTarget.value)}
          />
          <button type="submit" class="primary wide-button" disabled={working}>
            {working ? t('rec.working') : ballot ? t('rec.ballot.saveRevision', { revision: ballot.revision + 1 }) : t('rec.ballot.submit')}
          </button>
        </form>
      )}

      <nav class="actions pager" aria-label={t('rec.ballot.pager')}>
        {previous ? (
          <a class="button secondary" href={href({ name: 'ballot', id: previous.id })}>
            {t('rec.ballot.previous')}
          </a>
        ) : (
          <span />
        )}
        {next ? (
          <a class="button secondary" href={href({ name: 'ballot', id: next.id })}>
            {t('rec.ballot.next')}
          </a>
        ) : (
          <a class="button secondary" href={href({ name: 'committee' })}>
            {t('rec.ballot.backToList')}
          </a>
        )}
      </nav>
    </section>
  );
}
