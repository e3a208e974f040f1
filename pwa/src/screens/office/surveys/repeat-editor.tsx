/**
 * A repeat group in the builder (decision 0035): its key, label, relevance and count
 * (computed by a rule, or chosen between minCount and maxCount), and its questions,
 * each edited with the same QuestionEditor (nested repeats alike), added, moved and
 * removed inside it. Read-only, it lists them. Rules inside read the instance's fields
 * and everything before the repeat; later questions read its fields as node-sets.
 */
import { useState } from 'preact/hooks';
import { FieldError, SelectField, TextAreaField, TextField } from '../../../components/fields';
import { type MessageKey, useI18n } from '../../../i18n';
import type { QuestionDef, QuestionKind } from '../../../rules/form';
import type { QuestionProblems } from './rule-check';
import { instanceLimits } from '../../../rules/form';
import { label } from '../../survey-form/question';
import { ADDABLE_KINDS, questionKeys } from './definition-edit';
import { QuestionActions, QuestionEditor, type QuestionEditorProps } from './question-editor';

export { ADDABLE_KINDS };

interface Props extends Omit<QuestionEditorProps, 'problems'> {
  /** A new question of `kind` with a key free in the whole definition. */
  fresh: (kind: QuestionKind) => QuestionDef;
  /** The live checks of the whole form, by position (rule-check.ts): those of its questions show under them. */
  problems?: ReadonlyMap<string, QuestionProblems>;
}

const countOrNull = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

export function RepeatEditor(props: Props) {
  const { def, p, q, number, earlier, serverError, readOnly, first, last, fresh, onChange, onMove, onRemove, problems, languages } = props;
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<QuestionKind>('TEXT');
  const id = (name: string): string => `b-${p}-${q}-${name}`;
  const inner = def.questions ?? [];
  const setInner = (questions: QuestionDef[]): void => onChange({ questions });
  const move = (i: number, delta: 1 | -1): void => {
    const to = i + delta;
    if (to < 0 || to >= inner.length) return;
    const next = [...inner];
    next.splice(i, 1);
    next.splice(to, 0, inner[i] as QuestionDef);
    setInner(next);
  };
  let before = [...earlier, def.key];
  return (
    <fieldset class="card builder-question builder-repeat" disabled={readOnly} data-question={def.key}>
      <legend>
        {t('svy.q.legend', { n: number })} <span class="meta">{t('svy.kind.REPEAT')}</span>
      </legend>
      <div class="grid2">
        <TextField id={id('labelVi')} label={t('svy.repeat.labelVi')} value={def.labelVi} error={serverError('labelVi')} onInput={(e) => onChange({ labelVi: e.currentTarget.value })} />
        <TextField id={id('labelEn')} label={t('svy.repeat.labelEn')} value={def.labelEn ?? ''} onInput={(e) => onChange({ labelEn: e.currentTarget.value })} />
      </div>
      <div class="grid2">
        <TextField id={id('key')} label={t('svy.q.key')} hint={t('svy.q.keyHint')} value={def.key} error={serverError('key')} onInput={(e) => onChange({ key: e.currentTarget.value.trim() })} />
        <TextField
          id={id('repeatCount')}
          label={t('svy.repeat.count')}
          hint={t('svy.repeat.countHint')}
          value={String(def.repeatCount ?? '')}
          error={serverError('repeatCount')}
          onInput={(e) => onChange({ repeatCount: e.currentTarget.value })}
        />
      </div>
      <div class="grid2">
        <TextField id={id('minCount')} label={t('svy.repeat.minCount')} inputMode="numeric" value={String(def.minCount ?? '')} error={serverError('minCount')} onInput={(e) => onChange({ minCount: countOrNull(e.currentTarget.value) })} />
        <TextField id={id('maxCount')} label={t('svy.repeat.maxCount')} inputMode="numeric" value={String(def.maxCount ?? '')} error={serverError('maxCount')} onInput={(e) => onChange({ maxCount: countOrNull(e.currentTarget.value) })} />
      </div>
      <TextAreaField id={id('relevant')} label={t('svy.q.relevant')} hint={t('svy.q.relevantHint')} rows={2} spellcheck={false} class="rule" value={def.relevant ?? ''} error={serverError('relevant')} onInput={(e) => onChange({ relevant: e.currentTarget.value })} />
      <FieldError message={serverError('questions')} />
      <div class="repeat-inner">
        {inner.map((question, i) => {
          const place = { p, q: `${q}-${i}`, number: `${number}.${i + 1}`, earlier: before, readOnly, first: i === 0, last: i === inner.length - 1 };
          before = [...before, ...questionKeys(question)];
          const change = (patch: Partial<QuestionDef>): void => setInner(inner.map((old, j) => (j === i ? { ...old, ...patch } : old)));
          const remove = (): void => setInner(inner.filter((_, j) => j !== i));
          const error = (name: string): string | null => serverError(`questions.${i}.${name}`);
          return question.kind === 'REPEAT' ? (
            <RepeatEditor key={i} def={question} {...place} serverError={error} fresh={fresh} problems={problems} languages={languages} onChange={change} onMove={(d) => move(i, d)} onRemove={remove} />
          ) : (
            <QuestionEditor key={i} def={question} {...place} problems={problems?.get(`${p}.${place.q}`)} languages={languages} serverError={error} onChange={change} onMove={(d) => move(i, d)} onRemove={remove} />
          );
        })}
      </div>
      {!readOnly && (
        <div class="add-question">
          <SelectField
            id={id('new-kind')}
            label={t('svy.repeat.newKind', { label: label(def, lang) || def.key })}
            options={ADDABLE_KINDS.map((k) => ({ value: k, label: t(`svy.kind.${k}` as MessageKey) }))}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as QuestionKind)}
          />
          <button type="button" class="secondary" onClick={() => setInner([...inner, fresh(kind)])}>
            {t('svy.repeat.add', { label: label(def, lang) || def.key })}
          </button>
        </div>
      )}
      <p class="meta">{String(def.repeatCount ?? '').trim() !== '' ? t('svy.repeat.computed', { rule: String(def.repeatCount) }) : t('svy.repeat.between', instanceLimits(def))}</p>
      <QuestionActions number={number} first={first} last={last} onMove={onMove} onRemove={onRemove} />
    </fieldset>
  );
}
