/**
 * The survey builder (`#/surveys/new`, `#/surveys/<id>/edit`): the survey's title, area and
 * audience, its pages and questions (question-editor.tsx), checked live as the author
 * types (rule-check.ts), a preview drawn by the field screen's own components
 * (preview.tsx), and the steps of its life: save the draft, publish (version 1), save new
 * questions of a published survey as a new version, close, archive. The server's answer
 * to a save shows next to the field it concerns.
 */
import { useMemo, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { FieldError, SelectField, TextAreaField, TextField, toggled } from '../../../components/fields';
import { ErrorState, LoadingState } from '../../../components/states';
import { useRetried } from '../../../components/use-loaded';
import { kindLabel, roleLabel } from '../../../data/vocabulary';
import type { ServerError } from '../../../data/db';
import {
  type ManagedSurvey,
  NETWORK_ROLES,
  ORGANIZATION_KINDS,
  type Saved,
  type SurveyFields,
  closeSurvey,
  createSurvey,
  fetchManagedSurvey,
  mayEdit,
  publishSurvey,
  updateSurvey,
} from '../../../data/survey-admin';
import { type MessageKey, useI18n } from '../../../i18n';
import type { Definition, QuestionDef, QuestionKind } from '../../../rules/form';
import { type ScreenProps, go, href } from '../../../router';
import { addPage, addQuestion, cleanDefinition, emptyDefinition, languagesText, moveQuestion, newQuestion, parseLanguages, questionKeys, removePage, removeQuestion, updatePage, updateQuestion, withTranslation } from './definition-edit';
import { SurveyPreview } from './preview';
import { QuestionEditor } from './question-editor';
import { ADDABLE_KINDS, RepeatEditor } from './repeat-editor';
import { checkDefinition } from './rule-check';
import { useAreas } from './use-areas';
import { fromVietnamInput, vietnamInput } from '../../../data/days';

export function SurveyNew(_: ScreenProps<'surveyNew'>) {
  return <Builder survey={null} />;
}

export function SurveyEdit({ route }: ScreenProps<'surveyEdit'>) {
  const { t } = useI18n();
  const { value: survey, failed, retry } = useRetried(() => fetchManagedSurvey(route.id).then((found) => found ?? ('missing' as const)), [route.id]);
  if (failed) return <ErrorState message={t('svy.loadFailed')} onRetry={retry} />;
  if (survey === null) return <LoadingState />;
  if (survey === 'missing') return <ErrorState message={t('svy.notFound')} />;
  return <Builder key={survey.id} survey={survey} />;
}

type Confirm = 'publish' | 'version' | 'close' | 'archive';

/** What a new survey's builder said before it moved to the survey's own address. */
let carriedFlash: MessageKey | null = null;

interface ChecksProps {
  legend: string;
  /** The boxes' ids are `<name>-<value>`. */
  name: string;
  values: readonly string[];
  label: (value: string) => string;
  chosen: string[];
  disabled: boolean;
  onChange: (chosen: string[]) => void;
}

/** A group of checkboxes choosing some of `values` (organisation kinds, network roles). */
function Checks({ legend, name, values, label, chosen, disabled, onChange }: ChecksProps) {
  return (
    <fieldset class="checks" disabled={disabled}>
      <legend>{legend}</legend>
      {values.map((v) => (
        <label class="choice" key={v} for={`${name}-${v}`}>
          <input id={`${name}-${v}`} type="checkbox" checked={chosen.includes(v)} onChange={(e) => onChange(toggled(chosen, v, e.currentTarget.checked))} />
          <span>{label(v)}</span>
        </label>
      ))}
    </fieldset>
  );
}

function Builder({ survey: initial }: { survey: ManagedSurvey | null }) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const areas = useAreas(viewer);
  const [survey, setSurvey] = useState<ManagedSurvey | null>(initial);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [areaCode, setAreaCode] = useState(initial?.adminUnit.code ?? viewer?.scope.code ?? '');
  const [isPublic, setIsPublic] = useState(initial?.isPublic ?? false);
  const [kinds, setKinds] = useState<string[]>(initial?.organizationKinds ?? []);
  const [roles, setRoles] = useState<string[]>(initial?.networkRoles ?? []);
  const [opens, setOpens] = useState(initial?.opensAt ? vietnamInput(initial.opensAt) : '');
  const [closes, setCloses] = useState(initial?.closesAt ? vietnamInput(initial.closesAt) : '');
  const [definition, setDefinition] = useState<Definition>(initial?.definition ?? emptyDefinition());
  const [newKind, setNewKind] = useState<Record<number, QuestionKind>>({});
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [flash, setFlash] = useState<MessageKey | null>(() => {
    const carried = carriedFlash;
    carriedFlash = null;
    return carried;
  });
  const [working, setWorking] = useState(false);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [pane, setPane] = useState<'edit' | 'preview'>('edit');

  const fields = (): SurveyFields => ({
    title: title.trim(),
    description: description.trim(),
    definition: cleanDefinition(definition),
    // a public survey is open to everyone: the limits, greyed out, are not sent
    organizationKinds: isPublic ? [] : kinds,
    networkRoles: isPublic ? [] : roles,
    isPublic,
    opensAt: fromVietnamInput(opens),
    closesAt: fromVietnamInput(closes),
  });
  const savedDefinition = useMemo(() => JSON.stringify(survey ? cleanDefinition(survey.definition) : null), [survey]);
  const definitionChanged = JSON.stringify(cleanDefinition(definition)) !== savedDefinition;
  const problems = useMemo(() => checkDefinition(definition), [definition]);
  const status = survey?.status ?? 'DRAFT';
  const scopePath = areas?.[0]?.path ?? null;
  const readOnly = status === 'CLOSED' || status === 'ARCHIVED' || (survey !== null && areas !== null && !mayEdit(survey, scopePath));
  const area = areas?.find((a) => a.code === areaCode) ?? survey?.adminUnit ?? null;

  const fieldError = (field: string): string | null => errors.find((e) => e.field === field)?.message ?? null;

  /** Apply a mutation's answer: the survey as saved, or its errors. */
  const settle = (result: Saved, done: MessageKey): ManagedSurvey | null => {
    if (result.survey) {
      setSurvey(result.survey);
      setErrors([]);
      setFlash(done);
      return result.survey;
    }
    setErrors(result.errors);
    setFlash(null);
    return null;
  };

  const run = async (work: () => Promise<ManagedSurvey | null>): Promise<void> => {
    setWorking(true);
    setFlash(null);
    try {
      const done = await work();
      if (done && !initial) {
        carriedFlash = done.status === 'PUBLISHED' ? 'svy.published' : 'svy.saved';
        go({ name: 'surveyEdit', id: done.id });
      }
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('svy.saveFailed') }]);
    } finally {
      setWorking(false);
    }
  };

  const save = async (): Promise<ManagedSurvey | null> =>
    survey
      ? settle(await updateSurvey(survey.id, fields()), definitionChanged && status === 'PUBLISHED' ? 'svy.savedVersion' : 'svy.saved')
      : settle(await createSurvey({ ...fields(), adminUnitCode: areaCode }), 'svy.saved');

  const publish = async (): Promise<ManagedSurvey | null> => {
    const saved = await save(); // a draft saved again changes nothing but what was typed
    return saved ? settle(await publishSurvey(saved.id), 'svy.published') : null;
  };

  const confirmed = (what: Confirm): void => {
    setConfirm(null);
    if (what === 'publish') void run(publish);
    else if (what === 'version') void run(save);
    else if (survey) void run(async () => settle(await closeSurvey(survey.id, what === 'archive'), what === 'archive' ? 'svy.archived' : 'svy.closed'));
  };

  const onSave = (event: Event): void => {
    event.preventDefault();
    if (status === 'PUBLISHED' && definitionChanged) setConfirm('version');
    else void run(save);
  };

  const questionError = (p: number, q: number) => (name: string) => fieldError(`pages.${p}.questions.${q}.${name}`);
  const pageCount = definition.pages.length;
  const languages = definition.languages ?? [];
  // every key, a repeat's questions included (a later rule may read them as node-sets)
  const keys = definition.pages.flatMap((page) => page.questions.flatMap(questionKeys));
  let number = 0;
  let seen = 0;

  return (
    <section class="wide builder">
      <p class="back">
        <a href={href({ name: 'surveyManage' })}>{t('svy.backToList')}</a>
      </p>
      <div class="row">
        <h1>{survey ? survey.title : t('svy.newTitle')}</h1>
        <p class="meta">
          <span class={`tag status-${status.toLowerCase()}`}>{t(`svy.status.${status}` as MessageKey)}</span>
          {survey && survey.currentVersion > 0 && <span class="tag">{t('surveys.version', { version: survey.currentVersion })}</span>}
        </p>
      </div>
      {flash && (
        <p class="flash ok" role="status">
          {t(flash)}
        </p>
      )}
      {errors.length > 0 && (
        <div class="flash error" role="alert">
          <p>{t('svy.errors', { count: errors.length })}</p>
          <ul class="errors">
            {errors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      )}
      {readOnly && <p class="notice">{status === 'CLOSED' || status === 'ARCHIVED' ? t('svy.readOnlyClosed') : t('svy.readOnlyScope')}</p>}
      <div class="pane-switch" role="group" aria-label={t('svy.panes')}>
        <button type="button" class={pane === 'edit' ? 'primary small' : 'secondary small'} aria-pressed={pane === 'edit'} onClick={() => setPane('edit')}>
          {t('svy.paneEdit')}
        </button>
        <button type="button" class={pane === 'preview' ? 'primary small' : 'secondary small'} aria-pressed={pane === 'preview'} onClick={() => setPane('preview')}>
          {t('svy.panePreview')}
        </button>
      </div>
      <div class={`builder-grid show-${pane}`}>
        <form class="builder-edit" onSubmit={onSave} noValidate>
          <fieldset class="card" disabled={readOnly}>
            <legend>{t('svy.general')}</legend>
            <TextField id="survey-title" label={t('svy.title')} value={title} error={fieldError('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
            <TextAreaField id="survey-description" label={t('svy.description')} rows={3} value={description} error={fieldError('description')} onInput={(e) => setDescription(e.currentTarget.value)} />
            <TextField
              id="survey-languages"
              label={t('svy.languages')}
              hint={t('svy.languagesHint')}
              autocomplete="off"
              spellcheck={false}
              value={languagesText(definition.languages)}
              error={fieldError('definition.languages') ?? fieldError('languages')}
              onChange={(e) => setDefinition({ ...definition, languages: parseLanguages(e.currentTarget.value) })}
            />
            {survey ? (
              <p class="meta">{t('svy.areaIs', { name: survey.adminUnit.name })}</p>
            ) : (
              <SelectField
                id="survey-area"
                label={t('svy.area')}
                hint={t('svy.areaHint')}
                options={(areas ?? []).map((a) => ({ value: a.code, label: a.name }))}
                value={areaCode}
                error={fieldError('adminUnitCode')}
                onChange={(e) => setAreaCode(e.currentTarget.value)}
              />
            )}
            <div class="grid2">
              <label class="field">
                <span>{t('svy.opens')}</span>
                <input id="survey-opens" type="datetime-local" value={opens} onInput={(e) => setOpens(e.currentTarget.value)} />
              </label>
              <div>
                <label class="field">
                  <span>{t('svy.closes')}</span>
                  <input
                    id="survey-closes"
                    type="datetime-local"
                    value={closes}
                    aria-invalid={fieldError('closesAt') ? true : undefined}
                    aria-describedby={fieldError('closesAt') ? 'survey-closes-error' : undefined}
                    onInput={(e) => setCloses(e.currentTarget.value)}
                  />
                </label>
                {fieldError('closesAt') && (
                  <p class="error" id="survey-closes-error" role="alert">
                    {fieldError('closesAt')}
                  </p>
                )}
              </div>
            </div>
          </fieldset>

          <fieldset class="card audience" disabled={readOnly}>
            <legend>{t('svy.audience')}</legend>
            <p class="hint">{t('svy.audienceHint')}</p>
            <label class="choice" for="survey-public">
              <input id="survey-public" type="checkbox" checked={isPublic} onChange={(e) => setIsPublic(e.currentTarget.checked)} />
              <span>{t('svy.public')}</span>
            </label>
            <Checks legend={t('svy.kinds')} name="kind" values={ORGANIZATION_KINDS} label={(k) => kindLabel(t, k)} chosen={kinds} disabled={isPublic} onChange={setKinds} />
            <FieldError message={fieldError('organizationKinds')} />
            <Checks legend={t('svy.roles')} name="role" values={NETWORK_ROLES} label={(r) => roleLabel(t, r)} chosen={roles} disabled={isPublic} onChange={setRoles} />
            <FieldError message={fieldError('networkRoles')} />
          </fieldset>

          <FieldError message={fieldError('pages')} />
          {definition.pages.map((page, p) => (
            <section class="builder-page" key={p} aria-labelledby={`page-${p}-heading`}>
              <div class="row">
                <h2 id={`page-${p}-heading`}>{t('svy.page', { n: p + 1 })}</h2>
                {pageCount > 1 && !readOnly && (
                  <button type="button" class="danger small" onClick={() => setDefinition(removePage(definition, p))}>
                    {t('svy.removePage', { n: p + 1 })}
                  </button>
                )}
              </div>
              <fieldset class="grid2 page-titles" disabled={readOnly}>
                <TextField id={`page-${p}-titleVi`} label={t('svy.pageTitleVi')} value={page.titleVi ?? ''} onInput={(e) => setDefinition(updatePage(definition, p, { titleVi: e.currentTarget.value }))} />
                <TextField id={`page-${p}-titleEn`} label={t('svy.pageTitleEn')} value={page.titleEn ?? ''} onInput={(e) => setDefinition(updatePage(definition, p, { titleEn: e.currentTarget.value }))} />
                {languages.map((l) => (
                  <TextField
                    key={l.code}
                    id={`page-${p}-title-${l.code}`}
                    label={t('svy.pageTitleIn', { name: l.name })}
                    lang={l.code}
                    value={page.translations?.[l.code]?.title ?? ''}
                    onInput={(e) => setDefinition(updatePage(definition, p, { translations: withTranslation(page, l.code, 'title', e.currentTarget.value) }))}
                  />
                ))}
              </fieldset>
              {page.questions.map((def, q) => {
                number += 1;
                const earlier = keys.slice(0, seen);
                seen += questionKeys(def).length;
                const place = { number, readOnly, first: p === 0 && q === 0, last: p === pageCount - 1 && q === page.questions.length - 1 };
                const move = (delta: 1 | -1): void => setDefinition(moveQuestion(definition, p, q, delta));
                const remove = (): void => setDefinition(removeQuestion(definition, p, q));
                const change = (patch: Partial<QuestionDef>): void => setDefinition(updateQuestion(definition, p, q, patch));
                if (def.kind === 'REPEAT') {
                  const fresh = (kind: QuestionKind): QuestionDef => newQuestion(kind, definition);
                  return <RepeatEditor key={`${p}.${q}`} def={def} p={p} q={q} earlier={earlier} serverError={questionError(p, q)} fresh={fresh} problems={problems} languages={languages} {...place} onChange={change} onMove={move} onRemove={remove} />;
                }
                return (
                  <QuestionEditor
                    key={`${p}.${q}`}
                    def={def}
                    p={p}
                    q={q}
                    earlier={earlier}
                    problems={problems.get(`${p}.${q}`)}
                    languages={languages}
                    serverError={questionError(p, q)}
                    {...place}
                    onChange={change}
                    onMove={move}
                    onRemove={remove}
                  />
                );
              })}
              {!readOnly && (
                <div class="add-question">
                  <SelectField
                    id={`page-${p}-new-kind`}
                    label={t('svy.newKind', { n: p + 1 })}
                    options={ADDABLE_KINDS.map((k) => ({ value: k, label: t(`svy.kind.${k}` as MessageKey) }))}
                    value={newKind[p] ?? 'TEXT'}
                    onChange={(e) => setNewKind({ ...newKind, [p]: e.currentTarget.value as QuestionKind })}
                  />
                  <button type="button" class="secondary" onClick={() => setDefinition(addQuestion(definition, p, newKind[p] ?? 'TEXT'))}>
                    {t('svy.addQuestion', { n: p + 1 })}
                  </button>
                </div>
              )}
            </section>
          ))}
          {!readOnly && (
            <button type="button" class="secondary add-page" onClick={() => setDefinition(addPage(definition))}>
              {t('svy.addPage')}
            </button>
          )}

          <div class="builder-bar">
            {problems.size > 0 && !readOnly && <p class="warning">{t('svy.liveProblems', { count: problems.size })}</p>}
            <div class="actions">
              {!readOnly && (status === 'DRAFT' || status === 'PUBLISHED') && (
                <button type="submit" class={status === 'PUBLISHED' ? 'primary' : 'secondary'} disabled={working}>
                  {status === 'PUBLISHED' && definitionChanged ? t('svy.saveVersion', { version: (survey?.currentVersion ?? 0) + 1 }) : status === 'DRAFT' ? t('svy.saveDraft') : t('svy.save')}
                </button>
              )}
              {!readOnly && status === 'DRAFT' && (
                <button type="button" class="primary" disabled={working} onClick={() => setConfirm('publish')}>
                  {t('svy.publish')}
                </button>
              )}
              {survey && !readOnly && status === 'PUBLISHED' && (
                <button type="button" class="danger" disabled={working} onClick={() => setConfirm('close')}>
                  {t('svy.close')}
                </button>
              )}
              {survey && status === 'CLOSED' && mayEdit(survey, scopePath) && (
                <button type="button" class="secondary" disabled={working} onClick={() => setConfirm('archive')}>
                  {t('svy.archive')}
                </button>
              )}
              {survey && status !== 'DRAFT' && (
                <a class="button secondary" href={href({ name: 'surveyResults', id: survey.id })}>
                  {t('svy.results')}
                </a>
              )}
            </div>
          </div>
        </form>
        <aside class="builder-preview" aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t('svy.preview')}</h2>
          <SurveyPreview title={title || t('svy.newTitle')} definition={definition} area={area} />
        </aside>
      </div>
      {confirm && (
        <ConfirmDialog
          message={t(`svy.confirm.${confirm}` as MessageKey, { version: (survey?.currentVersion ?? 0) + 1 })}
          confirmLabel={t(`svy.confirmButton.${confirm}` as MessageKey)}
          danger={confirm === 'close'}
          onConfirm={() => confirmed(confirm)}
          onCancel={() => setConfirm(null)}
        />
      )}
    </section>
  );
}
