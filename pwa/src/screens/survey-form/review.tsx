/**
 * The review before submitting: every visible answer (with the server's message beside
 * it when a refused response was reopened), the respondent's unit, Back and Submit.
 */
import type { ComponentChildren, Ref } from 'preact';
import { UnitPicker } from '../../components/unit-picker';
import { useI18n } from '../../i18n';
import type { Answers, Checked, Form, Question } from '../../rules/form';
import { NO_PATH, type Path, fieldName, nodeAt } from '../../rules/paths';
import { piping, showAnswer } from './answers';
import { keptName } from './media';
import { type PhotoDraft, label } from './question';
import { formatSize } from '../../data/file-types';
import type { Language, Translate } from '../../i18n';
import type { UnitList } from './use-unit-choice';

const NO_MEDIA: ReadonlyMap<string, PhotoDraft> = new Map();

interface Props {
  top: Ref<HTMLHeadingElement>;
  title: string;
  form: Form;
  checked: Checked;
  notice: ComponentChildren;
  choices: UnitList;
  unitCode: string;
  onUnit: (code: string) => void;
  /** The server's message on the unit, and on answers by question key (a reopened response). */
  unitError: string | null;
  answerErrors: ReadonlyMap<string, string>;
  showErrors: boolean;
  saving: boolean;
  /** The photos, recordings and files kept, by field name: the review names each with its size. */
  media?: ReadonlyMap<string, PhotoDraft>;
  onBack: () => void;
  onSubmit: () => void;
}

export function Review(props: Props) {
  const { top, title, form, checked, notice, choices, unitCode, onUnit, unitError, answerErrors, showErrors, saving, media = NO_MEDIA, onBack, onSubmit } = props;
  const { t } = useI18n();
  const noUnits = typeof choices !== 'string' && choices.length === 0;
  return (
    <section class="form">
      <h1 ref={top} tabIndex={-1}>
        {t('form.reviewTitle')}
      </h1>
      <p class="survey-title">{title}</p>
      {notice}
      <ReviewList form={form} checked={checked} questions={form.questions} path={NO_PATH} answerErrors={answerErrors} media={media} />
      {choices === 'loading' ? (
        <p class="loading">{t('units.loading')}</p>
      ) : choices === 'failed' ? (
        <p class="error" role="alert">
          {t('units.failed')}
        </p>
      ) : noUnits ? (
        <p class="error" role="alert">
          {t('units.none')}
        </p>
      ) : (
        <UnitPicker
          id="respondent-unit"
          label={t('form.unit')}
          hint={t('form.unitHint')}
          units={choices}
          value={unitCode}
          onChange={onUnit}
          error={unitError ?? (showErrors && !unitCode ? t('form.unitRequired') : null)}
        />
      )}
      <div class="actions">
        <button type="button" class="secondary" onClick={onBack}>
          {t('form.back')}
        </button>
        <button type="button" class="primary" onClick={onSubmit} disabled={saving || typeof choices === 'string' || noUnits}>
          {saving ? t('form.saving') : t('form.submit')}
        </button>
      </div>
    </section>
  );
}

interface ListProps {
  form: Form;
  checked: Checked;
  questions: readonly Question[];
  path: Path;
  answerErrors: ReadonlyMap<string, string>;
  media: ReadonlyMap<string, PhotoDraft>;
}

/** Every visible answer of one level; a repeat lists each of its instances under its title. */
function ReviewList({ form, checked, questions, path, answerErrors, media }: ListProps) {
  const { t, lang } = useI18n();
  const pipe = piping(form, checked.answers, lang, t, path);
  const kept = (nodeAt(checked.answers, path) ?? {}) as Answers;
  return (
    <dl class="review">
      {questions
        .filter((q) => q.def.kind !== 'NOTE' && checked.visible.has(fieldName(path, q.def.key)))
        .map((q) => {
          const name = fieldName(path, q.def.key);
          const count = q.def.kind === 'REPEAT' ? (checked.counts.get(name) ?? 0) : 0;
          return (
            <div key={name} class={q.def.kind === 'REPEAT' ? 'review-repeat' : undefined}>
              <dt>{pipe(label(q.def, lang)) || q.def.key}</dt>
              <dd class={kept[q.def.key] === undefined ? 'none' : undefined}>
                {mediaText(q.def.kind, media.get(name), kept[q.def.key], lang, t) ?? showAnswer(q.def, kept, lang, t)}
                {answerErrors.has(name) && <span class="error block">{answerErrors.get(name)}</span>}
                {Array.from({ length: count }, (_, index) => {
                  const inner: Path = [...path, [q.def.key, index]];
                  const title = piping(form, checked.answers, lang, t, inner)(label(q.def, lang)) || q.def.key;
                  return (
                    <section key={index} class="review-instance" aria-label={t('repeat.instance', { label: title, n: index + 1, count })}>
                      <h3>{t('repeat.instance', { label: title, n: index + 1, count })}</h3>
                      <ReviewList form={form} checked={checked} questions={q.questions} path={inner} answerErrors={answerErrors} media={media} />
                    </section>
                  );
                })}
              </dd>
            </div>
          );
        })}
    </dl>
  );
}

/** A photo, recording or file answer as the review lists it: its name (a file) and size. */
function mediaText(kind: string, kept: PhotoDraft | undefined, answer: unknown, lang: Language, t: Translate): string | null {
  if (kind !== 'PHOTO' && kind !== 'AUDIO' && kind !== 'FILE') return null;
  if (kept === undefined || kept.sha256 !== answer) return null;
  const size = formatSize(kept.blob.size, lang);
  if (kind === 'FILE') return t('answer.fileChosen', { name: keptName(kept.blob) ?? t('answer.mediaKept'), size });
  if (kind === 'AUDIO') return t('answer.audioKept', { size });
  return t('answer.photoChosen', { size: Math.ceil(kept.blob.size / 1024) });
}
