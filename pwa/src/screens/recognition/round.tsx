/**
 * One round (`#/recognition/rounds/<id>`) for province admins, unit managers and its
 * chair: the criteria and the committee; while open, nominating accepted initiatives and
 * who has voted on each (never the scores) and closing the round; once closed, the frozen
 * results with their quorum flags, awards with a level and a citation, finalising the
 * round, and the replications of awarded models.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import { TableHead } from '../../components/table-head';
import {
  AWARD_LEVELS,
  type AwardLevel,
  type Initiative,
  REPLICATION_STATUSES,
  type ReplicationStatus,
  type Result,
  type RoundDetail,
  closeRound,
  fetchNominable,
  fetchResults,
  fetchRound,
  finalizeRound,
  grantAward,
  nominate,
  recordReplication,
  searchOrganizations,
} from '../../data/recognition';
import { type MessageKey, formatTime, useI18n } from '../../i18n';
import type { ScreenProps } from '../../router';
import { InitiativeView, ScoreList, errorText, formatDate, formatNumber, isEditor } from './parts';
import { todayInVietnam } from '../../data/days';

/** Run an action; its errors (or `done`, else "Saved") are shown at the top and the round reloads. */
type Run = (action: () => Promise<{ message: string } | null>, done?: string) => Promise<void>;

function Nominate({ roundId, run }: { roundId: string; run: Run }) {
  const { t } = useI18n();
  const [choices, setChoices] = useState<Initiative[] | null>(null);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    fetchNominable().then(setChoices, () => setChoices([]));
  }, []);
  return (
    <form
      class="card"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen) void run(async () => ({ message: errorText(await nominate(roundId, chosen), '') })).then(() => setChosen(''));
      }}
    >
      <SelectField
        id="nominate"
        label={t('rec.round.nominate')}
        placeholder={choices === null ? t('app.loading') : choices.length === 0 ? t('rec.round.nothingToNominate') : t('rec.round.chooseInitiative')}
        value={chosen}
        options={(choices ?? []).map((i) => ({ value: i.id, label: `${i.title} (${i.adminUnit.name})` }))}
        onChange={(e) => setChosen(e.currentTarget.value)}
      />
      <button type="submit" class="primary" disabled={!chosen}>
        {t('rec.round.nominateSubmit')}
      </button>
    </form>
  );
}

function AwardForm({ result, run }: { result: Result; run: Run }) {
  const { t } = useI18n();
  const [level, setLevel] = useState<AwardLevel | ''>('');
  const [citation, setCitation] = useState('');
  return (
    <form
      class="award-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (level) void run(async () => ({ message: errorText(await grantAward(result.nominationId, level, citation.trim()), '') }));
      }}
    >
      <SelectField
        id={`level-${result.nominationId}`}
        label={t('rec.award.level')}
        placeholder={t('rec.award.chooseLevel')}
        value={level}
        options={AWARD_LEVELS.map((l) => ({ value: l, label: t(`rec.award.${l}` as MessageKey) }))}
        onChange={(e) => setLevel(e.currentTarget.value as AwardLevel)}
      />
      <TextAreaField id={`citation-${result.nominationId}`} label={t('rec.award.citation')} value={citation} onInput={(e) => setCitation(e.currentTarget.value)} />
      <button type="submit" class="primary" disabled={!level || !citation.trim()}>
        {t('rec.award.grant')}
      </button>
    </form>
  );
}

function ReplicationForm({ initiativeId, run }: { initiativeId: string; run: Run }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [orgs, setOrgs] = useState<{ id: string; name: string; adminUnit: { name: string } }[]>([]);
  const [org, setOrg] = useState('');
  const [started, setStarted] = useState(todayInVietnam());
  const [status, setStatus] = useState<ReplicationStatus>('PLANNED');
  const [note, setNote] = useState('');
  return (
    <details class="replication-form">
      <summary>{t('rec.replication.record')}</summary>
      <div class="row">
        <TextField id={`org-search-${initiativeId}`} type="search" label={t('rec.replication.searchOrg')} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
        <button type="button" class="secondary small" onClick={() => void searchOrganizations(search.trim()).then(setOrgs, () => setOrgs([]))}>
          {t('rec.replication.search')}
        </button>
      </div>
      <SelectField
        id={`org-${initiativeId}`}
        label={t('rec.replication.organization')}
        placeholder={t('rec.replication.chooseOrg')}
        value={org}
        options={orgs.map((o) => ({ value: o.id, label: `${o.name} (${o.adminUnit.name})` }))}
        onChange={(e) => setOrg(e.currentTarget.value)}
      />
      <TextField id={`started-${initiativeId}`} type="date" label={t('rec.replication.startedAt')} value={started} onInput={(e) => setStarted(e.currentTarget.value)} />
      <SelectField
        id={`rstatus-${initiativeId}`}
        label={t('rec.replication.status')}
        value={status}
        options={REPLICATION_STATUSES.map((s) => ({ value: s, label: t(`rec.replication.${s}` as MessageKey) }))}
        onChange={(e) => setStatus(e.currentTarget.value as ReplicationStatus)}
      />
      <TextAreaField id={`rnote-${initiativeId}`} label={t('rec.replication.note')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <button
        type="button"
        class="primary"
        disabled={!org}
        onClick={() => void run(async () => ({ message: errorText(await recordReplication({ initiativeId, organizationId: org, startedAt: started, status, note: note.trim() }), '') }))}
      >
        {t('rec.replication.save')}
      </button>
    </details>
  );
}

function Results({ round, results, editor, run }: { round: RoundDetail; results: Result[]; editor: boolean; run: Run }) {
  const { t, lang } = useI18n();
  const byId = new Map(round.nominations.map((n) => [n.id, n]));
  return (
    <>
      <h2>{t('rec.result.title')}</h2>
      <div class="table-wrap">
        <table class="results" data-testid="results">
          <TableHead columns={[t('rec.result.rank'), t('rec.result.initiative'), t('rec.result.score'), t('rec.result.ballots'), t('rec.result.quorum')]} />
          <tbody>
            {results.map((r) => (
              <tr key={r.nominationId} data-nomination={r.nominationId}>
                <td>{r.rank ?? '—'}</td>
                <td>{r.initiative.title}</td>
                <td class="num">{r.score === null ? '—' : formatNumber(r.score, lang)}</td>
                <td class="num">
                  {r.ballots}
                  {r.recusals > 0 && <span class="meta"> (+{r.recusals} {t('rec.result.recusedShort')})</span>}
                </td>
                <td>{r.hasQuorum ? t('rec.result.quorumMet') : t('rec.result.quorumMissed')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul class="cards">
        {results.map((r) => {
          const nomination = byId.get(r.nominationId);
          return (
            <li key={r.nominationId} class="card">
              <h3>
                {r.rank ? `${r.rank}. ` : ''}
                {r.initiative.title}
              </h3>
              <ScoreList criteria={round.criteria} scores={r.criterionMeans} />
              {r.award ? (
                <p class="success">
                  {t(`rec.award.${r.award.level}` as MessageKey)} — {r.award.citation}
                </p>
              ) : (
                editor && r.hasQuorum && round.status === 'CLOSED' && <AwardForm result={r} run={run} />
              )}
              {r.award && nomination && (
                <>
                  <h4>{t('rec.replication.title')}</h4>
                  {nomination.initiative.replications.length === 0 ? (
                    <p class="hint">{t('rec.replication.none')}</p>
                  ) : (
                    <ul>
                      {nomination.initiative.replications.map((rep) => (
                        <li key={rep.id}>
                          {rep.organization.name} ({rep.organization.adminUnit.name}) · {t(`rec.replication.${rep.status}` as MessageKey)} ·{' '}
                          {formatDate(rep.startedAt, lang)}
                        </li>
                      ))}
                    </ul>
                  )}
                  {editor && <ReplicationForm initiativeId={nomination.initiative.id} run={run} />}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}

export function RoundScreen({ route }: ScreenProps<'round'>) {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const [round, setRound] = useState<RoundDetail | null | undefined>(undefined);
  const [results, setResults] = useState<Result[]>([]);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [asking, setAsking] = useState<'close' | 'finalize' | null>(null);

  useEffect(() => {
    setFailed(false);
    fetchRound(route.id)
      .then(async (fresh) => {
        setResults(fresh && fresh.status !== 'OPEN' ? await fetchResults(fresh.id) : []);
        setRound(fresh);
      })
      .catch(() => setFailed(true));
  }, [route.id, attempt]);

  const run: Run = async (action, done) => {
    setMessage(null);
    try {
      const outcome = await action();
      if (outcome?.message) setMessage({ error: true, text: outcome.message });
      else setMessage({ error: false, text: done ?? t('rec.saved') });
    } catch {
      setMessage({ error: true, text: t('rec.saveFailed') });
    }
    setAttempt((n) => n + 1);
  };

  if (failed) return <ErrorState message={t('rec.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />;
  if (round === undefined) return <LoadingState />;
  if (round === null) return <EmptyState>{t('rec.round.notFound')}</EmptyState>;

  const editor = isEditor(viewer?.roles ?? []);
  const open = round.status === 'OPEN';
  return (
    <section class="wide">
      <h1>{round.title}</h1>
      <p class="meta">
        <span class="tag">{t(`rec.roundStatus.${round.status}` as MessageKey)}</span> {round.adminUnit.name} ·{' '}
        {t('rec.rounds.window', { opens: formatTime(round.opensAt, lang), closes: formatTime(round.closesAt, lang) })}
      </p>
      {message && (
        <p class={message.error ? 'error' : 'success'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div class="split">
        <div class="card">
          <h2>{t('rec.rounds.criteria')}</h2>
          <ul class="criteria">
            {round.criteria.map((c) => (
              <li key={c.key}>
                {c.label} <span class="meta">{t('rec.ballot.criterionHint', { weight: c.weight, max: c.maxScore })}</span>
              </li>
            ))}
          </ul>
        </div>
        <div class="card">
          <h2>{t('rec.rounds.committee')}</h2>
          <p class="meta">{t('rec.rounds.committeeLine', { count: round.committee.length, quorum: round.quorum })}</p>
          <ul>
            {round.committee.map((seat) => (
              <li key={seat.userId}>
                {seat.displayName} {seat.isChair && <span class="tag">{t('rec.chair')}</span>}
              </li>
            ))}
          </ul>
        </div>
      </div>

      {open && editor && <Nominate roundId={round.id} run={run} />}

      {open ? (
        <>
          <h2>{t('rec.round.nominations', { count: round.nominations.length })}</h2>
          <p class="hint">{t('rec.round.sealedHint')}</p>
          {round.nominations.length === 0 && <EmptyState>{t('rec.round.noNominations')}</EmptyState>}
          <ul class="cards">
            {round.nominations.map((n) => (
              <li key={n.id} class="card" data-testid={`nomination-${n.id}`}>
                <h3>{n.initiative.title}</h3>
                <p class="meta">{n.initiative.adminUnit.name}</p>
                {n.votes !== null && (
                  <>
                    <p class="votes">{t('rec.round.voted', { count: n.votedCount ?? n.votes.length, total: round.committee.length })}</p>
                    <ul class="voters">
                      {n.votes.map((v, i) => (
                        <li key={i}>
                          {v.voterName} · {v.recused ? t('rec.ballot.recusedTag') : t('rec.round.hasVoted')} · <span class="meta">{formatTime(v.castAt, lang)}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                <InitiativeView initiative={n.initiative} />
              </li>
            ))}
          </ul>
          {(editor || round.viewerIsChair) && (
            <div class="actions">
              <button type="button" class="danger" onClick={() => setAsking('close')}>
                {t('rec.round.close')}
              </button>
            </div>
          )}
        </>
      ) : (
        <>
          <Results round={round} results={results} editor={editor} run={run} />
          {editor && round.status === 'CLOSED' && (
            <div class="actions">
              <button type="button" class="secondary" onClick={() => setAsking('finalize')}>
                {t('rec.round.finalize')}
              </button>
            </div>
          )}
        </>
      )}
      {asking && (
        <ConfirmDialog
          message={asking === 'close' ? t('rec.round.closeConfirm') : t('rec.round.finalizeConfirm')}
          confirmLabel={asking === 'close' ? t('rec.round.close') : t('rec.round.finalize')}
          danger={asking === 'close'}
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const action = asking === 'close' ? closeRound : finalizeRound;
            setAsking(null);
            void run(async () => ({ message: errorText(await action(round.id), '') }), asking === 'close' ? t('rec.round.closed') : t('rec.round.finalized'));
          }}
        />
      )}
    </section>
  );
}
