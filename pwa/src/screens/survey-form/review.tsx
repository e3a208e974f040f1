/**
 * The review before submitting: every visible answer (with the server's message beside
 * it when a refused response was reopened), the respondent's unit, Back and Submit.
 */
import type { ComponentChildren, Ref } from 'preact';
import { UnitPicker } from '../../components/unit-picker';
import { useI18n } from '../../i18n';
import type { Checked, Form } from '../../rules/form';
import { piping, showAnswer } from './answers';
import { label } from './question';
import type { UnitList } from './use-unit-choice';

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
  onBack: () => void;
  onSubmit: () => void;
}

export function Review(props: Props) {
  const { top, title, form, checked, notice, choices, unitCode, onUnit, unitError, answerErrors, showErrors, saving, onBack, onSubmit } = props;
  const { t, lang } = useI18n();
  const noUnits = typeof choices !== 'string' && choices.length === 0;
  const pipe = piping(form, checked.answers, lang, t);
  return (
    <section class="form">
      <h1 ref={top} tabIndex={-1}>
        {t('form.reviewTitle')}
      </h1>
      <p class="survey-title">{title}</p>
      {notice}
      <dl class="review">
        {form.questions
          .filter((q) => q.def.kind !== 'NOTE' && checked.visible.has(q.def.key))
          .map((q) => (
            <div key={q.def.key}>
              <dt>{pipe(label(q.def, lang)) || q.def.key}</dt>
              <dd class={checked.answers[q.def.key] === undefined ? 'none' : undefined}>
                {showAnswer(q.def, checked.answers, lang, t)}
                {answerErrors.has(q.def.key) && <span class="error block">{answerErrors.get(q.def.key)}</span>}
              </dd>
            </div>
          ))}
      </dl>
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
