/**
 * `#/initiatives/new`: a citizen submits an idea without an account, with or without a
 * signal. Every field submitInitiative takes, checked on the phone (checks.ts);
 * attachments checked for type (from their bytes) and 5 MB before they are kept; the
 * honeypot off screen and out of the tab order; the form kept as a draft as it is typed
 * (components/use-draft.ts, form id "initiative"); submitting queues it in the outbox
 * (the `initiative` kind) and shows what really happened: waiting on this phone, or sent
 * with its tracking code (submitted.tsx).
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { DraftNotice } from '../../components/draft-notice';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import { useDraft } from '../../components/use-draft';
import type { Draft, UnitOption } from '../../data/db';
import { formatSize } from '../../data/file-types';
import { sha256Hex } from '../../data/ids';
import {
  ATTACHMENT_ACCEPT,
  type AttachmentProblem,
  CATEGORIES,
  type InitiativeCategory,
  LIMITS,
  MAX_ATTACHMENTS,
  attachmentProblem,
  enqueueInitiative,
} from '../../data/initiatives';
import { keptUnits } from '../../data/network';
import { useI18n } from '../../i18n';
import type { ScreenProps } from '../../router';
import { EMPTY, type Fields, checkFields, normalizePhone } from './checks';
import { Submitted } from './submitted';

/** The draft's form id in the drafts store (beside survey ids). */
export const DRAFT_ID = 'initiative';
/** The honeypot's label: never shown to people (off screen), a word robots fill in. */
const HONEYPOT_LABEL = 'Website';

interface Attachment {
  key: string;
  fileName: string;
  size: number;
  blob: Blob;
  sha256: string;
}

export function InitiativeForm(_: ScreenProps<'initiativeNew'>) {
  const { t, lang } = useI18n();
  const { viewer, syncNow } = useApp();
  const owner = viewer?.username ?? '';
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [fileProblems, setFileProblems] = useState<{ name: string; problem: AttachmentProblem | 'tooMany' }[]>([]);
  const [units, setUnits] = useState<UnitOption[] | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const top = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void keptUnits().then(setUnits);
  }, []);

  const photos = useMemo(() => new Map(attachments.map((a) => [a.key, { blob: a.blob, sha256: a.sha256 }])), [attachments]);
  const raw = useMemo<Record<string, unknown>>(
    () => ({ ...fields, website: '', attachments: attachments.map(({ key, fileName, size }) => ({ key, fileName, size })) }),
    [fields, attachments],
  );
  const restore = (draft: Draft): void => {
    const { attachments: metas, ...rest } = draft.raw as Partial<Fields> & { attachments?: { key: string; fileName: string; size: number }[] };
    setFields({ ...EMPTY, ...rest, website: '' });
    const blobs = new Map(draft.photos.map((p) => [p.questionKey, p]));
    setAttachments(
      (metas ?? []).flatMap((m) => {
        const kept = blobs.get(m.key);
        return kept ? [{ ...m, blob: kept.blob, sha256: kept.sha256 }] : [];
      }),
    );
  };
  const draft = useDraft({
    owner,
    surveyId: DRAFT_ID,
    version: 1,
    raw,
    photos,
    unitCode: fields.adminUnitCode,
    step: sent ? 'saved' : 0,
    onRestore: restore,
  });

  const problems = checkFields(fields);
  const errorOf = (name: keyof Fields): string | null => {
    const problem = problems[name];
    return showErrors && problem ? t(problem.key, problem.params) : null;
  };
  const set =
    (name: keyof Fields) =>
    (e: { currentTarget: { value: string } }): void => {
      const value = e.currentTarget.value;
      setFields((now) => ({ ...now, [name]: value }));
    };

  const addFiles = async (files: FileList | null): Promise<void> => {
    if (!files) return;
    const refused: typeof fileProblems = [];
    const added: Attachment[] = [];
    for (const file of Array.from(files)) {
      if (attachments.length + added.length >= MAX_ATTACHMENTS) {
        refused.push({ name: file.name, problem: 'tooMany' });
        continue;
      }
      const problem = await attachmentProblem(file);
      if (problem) {
        refused.push({ name: file.name, problem });
        continue;
      }
      // a copy in memory: a picked File may not outlive the page on Android
      const blob = new Blob([await file.arrayBuffer()], { type: file.type });
      const sha256 = await sha256Hex(blob);
      if (attachments.some((a) => a.sha256 === sha256) || added.some((a) => a.sha256 === sha256)) continue;
      const used = new Set([...attachments, ...added].map((a) => a.key));
      const key = [1, 2, 3, 4, 5].map((n) => `file-${n}`).find((k) => !used.has(k)) ?? `file-${sha256.slice(0, 8)}`;
      added.push({ key, fileName: file.name, size: blob.size, blob, sha256 });
    }
    setFileProblems(refused);
    if (added.length > 0) setAttachments((now) => [...now, ...added]);
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (Object.keys(problems).length > 0) {
      setShowErrors(true);
      const first = Object.keys(problems)[0];
      document.getElementById(`init-${first}`)?.focus();
      return;
    }
    setSaving(true);
    draft.stop();
    try {
      const clientId = await enqueueInitiative(
        owner,
        {
          title: fields.title.trim(),
          summary: fields.summary.trim(),
          problem: fields.problem.trim(),
          solution: fields.solution.trim(),
          results: fields.results.trim(),
          category: fields.category as InitiativeCategory,
          adminUnitCode: fields.adminUnitCode,
          submitterName: fields.submitterName.trim(),
          submitterPhone: normalizePhone(fields.submitterPhone) ?? fields.submitterPhone,
          submitterEmail: fields.submitterEmail.trim() || null,
          website: fields.website,
        },
        attachments,
        [owner, DRAFT_ID],
      );
      setSent(clientId);
      setFields(EMPTY);
      setAttachments([]);
      draft.forgetRestored();
      window.scrollTo(0, 0);
      void syncNow();
    } catch (error) {
      draft.resume();
      throw error;
    } finally {
      setSaving(false);
    }
  };

  if (sent) {
    const another = (): void => {
      draft.resume();
      setShowErrors(false);
      setSent(null);
    };
    return <Submitted clientId={sent} onAnother={another} />;
  }

  const startAgain = (): void => {
    if (!confirm(t('form.draftDiscardConfirm'))) return;
    setFields(EMPTY);
    setAttachments([]);
    setFileProblems([]);
    setShowErrors(false);
    draft.forgetRestored();
  };

  const limit = (name: keyof typeof LIMITS): number => LIMITS[name][1];
  /** A text field's value, message and input handler, by its name in the draft (`bounded`: and its length limit). */
  const field = (name: keyof Fields) => ({ value: fields[name], error: errorOf(name), onInput: set(name) });
  const bounded = (name: keyof typeof LIMITS & keyof Fields) => ({ ...field(name), maxLength: limit(name) });

  return (
    <form class="init-form narrow-form" onSubmit={(e) => void submit(e)} noValidate>
      <h1 ref={top} tabIndex={-1}>
        {t('init.newTitle')}
      </h1>
      <p class="hint">{t('init.newIntro')}</p>
      <DraftNotice restoredAt={draft.restoredAt} onDiscard={startAgain} />
      {showErrors && Object.keys(problems).length > 0 && (
        <p class="error" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      <TextField id="init-title" label={t('init.title')} hint={t('init.titleHint')} {...bounded('title')} />
      <SelectField
        id="init-category"
        label={t('init.category')}
        placeholder={t('init.categoryChoose')}
        options={CATEGORIES.map((c) => ({ value: c, label: t(`rec.category.${c}`) }))}
        value={fields.category}
        error={errorOf('category')}
        onChange={set('category')}
      />
      <SelectField
        id="init-adminUnitCode"
        label={t('init.unit')}
        hint={units && units.length === 0 ? t('init.unitsOffline') : undefined}
        placeholder={t('form.unitChoose')}
        options={(units ?? []).map((u) => ({ value: u.code, label: u.name }))}
        value={fields.adminUnitCode}
        error={errorOf('adminUnitCode')}
        onChange={set('adminUnitCode')}
      />
      <TextAreaField id="init-summary" label={t('init.summary')} hint={t('init.summaryHint')} rows={3} {...bounded('summary')} />
      <TextAreaField id="init-problem" label={t('init.problem')} rows={4} {...bounded('problem')} />
      <TextAreaField id="init-solution" label={t('init.solution')} rows={4} {...bounded('solution')} />
      <TextAreaField id="init-results" label={t('init.results')} hint={t('init.optional')} rows={3} {...bounded('results')} />
      <fieldset class="init-files">
        <legend>{t('init.files', { max: MAX_ATTACHMENTS })}</legend>
        <p class="hint" id="init-files-hint">
          {t('init.filesHint')}
        </p>
        <input
          id="init-files"
          type="file"
          accept={ATTACHMENT_ACCEPT}
          multiple
          aria-label={t('init.addFiles')}
          aria-describedby="init-files-hint"
          disabled={attachments.length >= MAX_ATTACHMENTS}
          onChange={(e) => {
            void addFiles(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
        {fileProblems.map((f) => (
          <p key={f.name} class="error" role="alert">
            {t(`init.file.${f.problem}`, { name: f.name, max: MAX_ATTACHMENTS })}
          </p>
        ))}
        {attachments.length > 0 && (
          <ul class="init-file-list">
            {attachments.map((a) => (
              <li key={a.key}>
                <span class="file-name">{a.fileName}</span> <span class="hint">{formatSize(a.size, lang)}</span>
                <button
                  type="button"
                  class="secondary small"
                  aria-label={t('init.removeFile', { name: a.fileName })}
                  onClick={() => setAttachments((now) => now.filter((x) => x.key !== a.key))}
                >
                  {t('init.remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <fieldset class="init-contact">
        <legend>{t('init.contact')}</legend>
        <p class="hint">{t('init.contactHint')}</p>
        <TextField id="init-submitterName" label={t('init.name')} autocomplete="name" maxLength={200} {...field('submitterName')} />
        <TextField id="init-submitterPhone" type="tel" label={t('init.phone')} hint={t('init.phoneHint')} autocomplete="tel" inputMode="tel" {...field('submitterPhone')} />
        <TextField id="init-submitterEmail" type="email" label={t('init.email')} hint={t('init.optional')} autocomplete="email" {...field('submitterEmail')} />
      </fieldset>
      {/* the honeypot: off screen, out of the tab order, hidden from screen readers; only robots fill it */}
      <div class="hp" aria-hidden="true">
        <label>
          {HONEYPOT_LABEL}
          <input type="text" name="website" tabIndex={-1} autocomplete="off" value={fields.website} onInput={set('website')} />
        </label>
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={saving}>
          {saving ? t('form.saving') : t('init.submit')}
        </button>
      </div>
    </form>
  );
}
