/**
 * A repeat group in the builder (decision 0035), read-only: its label, its count (fixed,
 * computed by a rule, or chosen between minCount and maxCount) and its questions,
 * nested repeats included. Repeats are written in an XLSForm and imported; the builder
 * keeps them as they are, and moves or removes them whole.
 */
import { type MessageKey, useI18n } from '../../../i18n';
import type { QuestionDef } from '../../../rules/form';
import { instanceLimits } from '../../../rules/form';
import { label } from '../../survey-form/question';

interface Props {
  def: QuestionDef;
  number: number;
  readOnly: boolean;
  first: boolean;
  last: boolean;
  onMove: (delta: 1 | -1) => void;
  onRemove: () => void;
}

export function RepeatSummary({ def, number, readOnly, first, last, onMove, onRemove }: Props) {
  const { t } = useI18n();
  return (
    <fieldset class="card builder-question builder-repeat" disabled={readOnly} data-question={def.key}>
      <legend>
        {t('svy.q.legend', { n: number })} <span class="meta">{t('svy.kind.REPEAT')}</span>
      </legend>
      <RepeatBody def={def} />
      <p class="hint">{t('svy.repeat.note')}</p>
      <div class="actions question-actions">
        <button type="button" class="secondary small" disabled={first} onClick={() => onMove(-1)}>
          {t('svy.q.up', { n: number })}
        </button>
        <button type="button" class="secondary small" disabled={last} onClick={() => onMove(1)}>
          {t('svy.q.down', { n: number })}
        </button>
        <button type="button" class="danger small" onClick={onRemove}>
          {t('svy.q.remove', { n: number })}
        </button>
      </div>
    </fieldset>
  );
}

function RepeatBody({ def }: { def: QuestionDef }) {
  const { t, lang } = useI18n();
  const { min, max } = instanceLimits(def);
  const count = def.repeatCount ?? '';
  return (
    <>
      <p>
        <strong>{label(def, lang) || def.key}</strong> <code>{def.key}</code>
      </p>
      <p class="meta">{String(count).trim() !== '' ? t('svy.repeat.computed', { rule: String(count) }) : t('svy.repeat.between', { min, max })}</p>
      {def.relevant && <p class="meta">{t('svy.repeat.relevant', { rule: def.relevant })}</p>}
      <ol class="repeat-questions">
        {(def.questions ?? []).map((inner) => (
          <li key={inner.key}>
            {inner.kind === 'REPEAT' ? (
              <div class="builder-repeat nested">
                <RepeatBody def={inner} />
              </div>
            ) : (
              <>
                {label(inner, lang) || inner.key} <code>{inner.key}</code> <span class="meta">· {t(`svy.kind.${inner.kind}` as MessageKey)}</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
