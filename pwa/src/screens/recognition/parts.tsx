/**
 * Pieces the recognition screens share: an initiative in full (with its attachments,
 * opened in the browser), a status tag, the workflow history, numbers and dates for
 * people, and the server's errors as one message.
 */
import type { ServerError } from '../../data/db';
import type { Criterion, Initiative, InitiativeStatus, Score, StatusChange } from '../../data/recognition';
import { type MessageKey, formatDate, formatNumber, formatTime, useI18n } from '../../i18n';

export { formatDate };

/** Moved to i18n (the shared leaderboard uses it too); kept here for the recognition screens. */
export { formatNumber };

export function StatusTag({ status }: { status: InitiativeStatus }) {
  const { t } = useI18n();
  return <span class={`tag status-${status.toLowerCase()}`}>{t(`rec.status.${status}` as MessageKey)}</span>;
}

/** The first error's message (the server translates them), or a fallback. */
export function errorText(errors: ServerError[], fallback: string): string {
  return errors.map((e) => e.message).join(' ') || fallback;
}

function fileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The initiative as submitted: what it solves, how, the results, its files. */
export function InitiativeView({ initiative, open = false }: { initiative: Initiative; open?: boolean }) {
  const { t, lang } = useI18n();
  const sections: [MessageKey, string][] = [
    ['rec.summary', initiative.summary],
    ['rec.problem', initiative.problem],
    ['rec.solution', initiative.solution],
    ['rec.results', initiative.results],
  ];
  return (
    <details class="card initiative" open={open}>
      <summary>{t('rec.initiativeDetails')}</summary>
      <p class="meta">
        {initiative.adminUnit.name}
        {initiative.organization && ` · ${initiative.organization.name}`} · {t('rec.submittedOn', { date: formatDate(initiative.submittedAt, lang) })}
      </p>
      {initiative.submitterName && <p class="meta">{t('rec.submitter', { name: initiative.submitterName })}</p>}
      {sections
        .filter(([, text]) => text)
        .map(([label, text]) => (
          <div key={label}>
            <h3>{t(label)}</h3>
            <p class="prose">{text}</p>
          </div>
        ))}
      <h3>{t('rec.attachments')}</h3>
      {initiative.attachments.length === 0 ? (
        <p class="hint">{t('rec.noAttachments')}</p>
      ) : (
        <ul class="files">
          {initiative.attachments.map((file) => (
            <li key={file.id}>
              <a href={file.downloadUrl} target="_blank" rel="noopener">
                {file.fileName}
              </a>{' '}
              <span class="meta">({fileSize(file.size)})</span>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

export function History({ history }: { history: StatusChange[] }) {
  const { t, lang } = useI18n();
  return (
    <ol class="history">
      {history.map((step, index) => (
        <li key={index}>
          <strong>{t(`rec.status.${step.toStatus}` as MessageKey)}</strong> <span class="meta">{formatTime(step.at, lang)}</span>
          {step.note && <p>{t('rec.staffNote', { note: step.note })}</p>}
          {step.publicNote && <p>{t('rec.publicNoteShown', { note: step.publicNote })}</p>}
        </li>
      ))}
    </ol>
  );
}

/** A ballot's scores, criterion by criterion, with the weights. */
export function ScoreList({ criteria, scores }: { criteria: Criterion[]; scores: Score[] }) {
  const { lang } = useI18n();
  const byKey = new Map(scores.map((s) => [s.criterion, s.score]));
  return (
    <dl class="scores">
      {criteria.map((c) => (
        <div key={c.key}>
          <dt>{c.label}</dt>
          <dd>
            {byKey.has(c.key) ? formatNumber(byKey.get(c.key) ?? 0, lang) : '—'} / {c.maxScore}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Province admins and unit managers: they screen, open rounds, nominate and award. */
export function isEditor(roles: string[]): boolean {
  return roles.includes('PROVINCE_ADMIN') || roles.includes('UNIT_MANAGER');
}

