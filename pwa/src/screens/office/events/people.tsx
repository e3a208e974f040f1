/**
 * Who is invited and who came: the answers to the invitations (`eventRoster`), filtered
 * by answer; everyone checked in (`eventAttendance`) with how they came; for a training,
 * each attendee's test score (`recordTrainingScores`), whether they passed and completed
 * it, and the link to their printable certificate (`/certificates/<token>`).
 */
import { useEffect, useState } from 'preact/hooks';
import { FieldError } from '../../../components/fields';
import { EmptyState } from '../../../components/states';
import { TableHead } from '../../../components/table-head';
import type { ServerError } from '../../../data/db';
import { type AttendanceRow, type ManagedEvent, type RosterEntry, type Rsvp, recordTrainingScores, rsvpCounts } from '../../../data/events';
import { formatTime, useI18n } from '../../../i18n';
import { FormErrors, fieldErrors, wholeNumber } from './parts';

type Answer = Rsvp | 'ALL' | 'ATTENDED';

export function Rsvps({ roster }: { roster: RosterEntry[] }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState<Answer>('ALL');
  const counts = rsvpCounts(roster);
  const invited = roster.filter((r) => r.rsvp !== null);
  const rows = roster.filter((r) => (answer === 'ALL' ? r.rsvp !== null : answer === 'ATTENDED' ? r.attended : r.rsvp === answer));
  const filters: [Answer, number][] = [
    ['ALL', invited.length],
    ['ACCEPTED', counts.ACCEPTED],
    ['DECLINED', counts.DECLINED],
    ['PENDING', counts.PENDING],
    ['ATTENDED', counts.attended],
  ];
  return (
    <>
      <div class="segmented" role="radiogroup" aria-label={t('evm.rsvp.filter')}>
        {filters.map(([value, count]) => (
          <label class="choice" key={value}>
            <input type="radio" name="rsvp-filter" value={value} checked={answer === value} onChange={() => setAnswer(value)} />
            {t(`evm.rsvp.${value}`)} <strong class="count">{count}</strong>
          </label>
        ))}
      </div>
      {rows.length === 0 ? (
        <EmptyState>{t('evm.rsvp.none')}</EmptyState>
      ) : (
        <div class="table-wrap rsvp-table">
          <table class="results">
            <caption class="sr-only">{t('evm.rsvp.caption')}</caption>
            <TableHead columns={[t('evm.people.name'), t('evm.rsvp.answer')]} />
            <tbody>
              {rows.map((r) => (
                <tr key={r.memberId}>
                  <th scope="row">{r.fullName}</th>
                  <td class={`answer ${(r.rsvp ?? 'none').toLowerCase()}`}>
                    {r.rsvp ? t(`evm.rsvp.${r.rsvp}`) : t('evm.rsvp.notInvited')}
                    {r.attended && <span class="came"> · {t('evm.rsvp.came')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function Attendance({ event, rows, onSaved }: { event: ManagedEvent; rows: AttendanceRow[]; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const training = event.kind === 'TRAINING';
  const [scores, setScores] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [saved, setSaved] = useState(false);
  const [working, setWorking] = useState(false);
  useEffect(() => setScores(Object.fromEntries(rows.map((r) => [r.member.id, r.score?.toString() ?? '']))), [rows]);
  const shown = fieldErrors(errors, ['scores']);

  if (rows.length === 0) return <EmptyState>{t('evm.people.noneYet')}</EmptyState>;

  const changed = rows.filter((r) => (scores[r.member.id] ?? '') !== (r.score?.toString() ?? '') && (scores[r.member.id] ?? '').trim() !== '');
  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const values = changed.map((r) => ({ memberId: r.member.id, score: wholeNumber(scores[r.member.id] ?? '') }));
    if (values.some((v) => v.score === null || Number.isNaN(v.score))) {
      setErrors([{ field: 'scores', code: 'INVALID', message: t('evm.form.wholeNumber') }]);
      return;
    }
    setWorking(true);
    try {
      const found = await recordTrainingScores(
        event.id,
        values.map((v) => ({ memberId: v.memberId, score: v.score as number })),
      );
      setErrors(found);
      if (found.length === 0) {
        setSaved(true);
        onSaved();
      }
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('evm.saveFailed') }]);
    } finally {
      setWorking(false);
    }
  };

  const how = (r: AttendanceRow): string => t(r.walkIn ? 'evm.people.walkIn' : r.viaQr ? 'evm.people.qr' : 'evm.people.list');
  const result = (r: AttendanceRow): string => {
    if (r.passed === true) return t('evm.people.passed');
    if (r.passed === false) return t('evm.people.failed');
    return r.completed ? t('evm.people.completed') : t('evm.people.waitingScore');
  };

  return (
    <form onSubmit={save} noValidate>
      <div class="table-wrap">
        <table class="results attendance stack">
          <caption class="sr-only">{t('evm.people.caption')}</caption>
          <TableHead
            columns={[
              t('evm.people.name'),
              t('evm.people.checkedInAt'),
              t('evm.people.how'),
              ...(training ? [t('evm.people.score'), t('evm.people.result'), t('evm.people.certificate')] : []),
            ]}
          />
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} class={r.completed ? 'completed' : ''}>
                <th scope="row">{r.member.fullName}</th>
                <td data-label={t('evm.people.checkedInAt')}>{formatTime(r.checkedInAt, lang)}</td>
                <td data-label={t('evm.people.how')}>{how(r)}</td>
                {training && (
                  <td data-label={t('evm.people.score')}>
                    <input
                      type="number"
                      inputMode="numeric"
                      class="score"
                      min={0}
                      max={100}
                      aria-label={t('evm.people.scoreOf', { name: r.member.fullName })}
                      aria-invalid={shown.on('scores') ? true : undefined}
                      value={scores[r.member.id] ?? ''}
                      onInput={(e) => setScores((now) => ({ ...now, [r.member.id]: e.currentTarget.value }))}
                    />
                  </td>
                )}
                {training && (
                  <td data-label={t('evm.people.result')} class={r.completed ? 'ok' : r.passed === false ? 'error' : ''}>
                    {result(r)}
                  </td>
                )}
                {training && (
                  <td data-label={t('evm.people.certificate')}>
                    {r.certificatePath ? (
                      <a href={r.certificatePath} target="_blank" rel="noopener" aria-label={t('evm.people.certificateOf', { name: r.member.fullName })}>
                        {t('evm.people.print')}
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {training && (
        <>
          <p class="hint">{event.passMark === null ? t('evm.people.noPassMark') : t('evm.people.passMark', { mark: event.passMark })}</p>
          <FieldError message={shown.on('scores')} />
          <FormErrors messages={shown.rest} />
          {saved && (
            <p class="flash ok" role="status">
              {t('evm.people.scoresSaved')}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={working || changed.length === 0}>
              {working ? t('evm.working') : t('evm.people.saveScores', { count: changed.length })}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
