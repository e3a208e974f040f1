/** The review before submitting: every visible answer, the respondent's commune, Back and Submit. */
import type { ComponentChildren, Ref } from 'preact';
import { SelectField } from '../../components/fields';
import type { UnitOption } from '../../data/db';
import { useI18n } from '../../i18n';
import type { Checked, Form } from '../../rules/form';
import { showAnswer } from './answers';
import { label } from './question';

interface Props {
  top: Ref<HTMLHeadingElement>;
  title: string;
  form: Form;
  checked: Checked;
  notice: ComponentChildren;
  choices: UnitOption[];
  unitCode: string;
  onUnit: (code: string) => void;
  showErrors: boolean;
  saving: boolean;
  onBack: () => void;
  onSubmit: () => void;
}

export function Review({ top, title, form, checked, notice, choices, unitCode, onUnit, showErrors, saving, onBack, onSubmit }: Props) {
  const { t, lang } = useI18n();
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
              <dt>{label(q.def, lang)}</dt>
              <dd class={checked.answers[q.def.key] === undefined ? 'none' : undefined}>
                {showAnswer(q.def, checked.answers, lang, t)}
              </dd>
            </div>
          ))}
      </dl>
      <SelectField
        id="respondent-unit"
        label={t('form.unit')}
        placeholder={t('form.unitChoose')}
        options={choices.map((u) => ({ value: u.code, label: u.name }))}
        value={unitCode}
        onChange={(e) => onUnit(e.currentTarget.value)}
        error={showErrors && !unitCode ? t('form.unitRequired') : null}
      />
      <div class="actions">
        <button type="button" class="secondary" onClick={onBack}>
          {t('form.back')}
        </button>
        <button type="button" class="primary" onClick={onSubmit} disabled={saving}>
          {saving ? t('form.saving') : t('form.submit')}
        </button>
      </div>
    </section>
  );
}
