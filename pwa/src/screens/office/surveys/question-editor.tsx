/**
 * One question of the builder: its kind, key and labels; the settings its kind takes
 * (choices, limits, pattern, accuracy); its relevance rule and its constraint with the
 * messages shown when it fails. The live checks (rule-check.ts) and the server's answer on
 * save show under the field they concern.
 */
import type { ComponentChildren } from 'preact';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { type MessageKey, type Translate, useI18n } from '../../../i18n';
import { type Choice, FILE_ACCEPTS, type FormLanguage, type QuestionDef, type QuestionKind } from '../../../rules/form';
import { ADDABLE_KINDS, CHOICE_KINDS, RANGE_KINDS, TEXT_KINDS, columnsText, kindPatch, parseColumns, withTranslation } from './definition-edit';
import type { QuestionProblems, RuleProblem } from './rule-check';

/** What the builder gives a question's editor (and a repeat's, which has the whole form's problems instead). */
export interface QuestionEditorProps {
  def: QuestionDef;
  /** Its place, "p.q", for ids and the server's error fields (pages.p.questions.q.name); "q-i" inside a repeat. */
  p: number;
  q: number | string;
  /** Its number as shown ("3", or "3.1" inside a repeat). */
  number: number | string;
  /** Keys of the questions before this one: what its rules may read. */
  earlier: string[];
  problems: QuestionProblems | undefined;
  serverError: (name: string) => string | null;
  readOnly: boolean;
  first: boolean;
  last: boolean;
  onChange: (patch: Partial<QuestionDef>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
  /** The form's languages beyond Vietnamese and English: a label (and choice labels) in each. */
  languages?: readonly FormLanguage[];
}

type Props = QuestionEditorProps;

const NO_LANGUAGES: readonly FormLanguage[] = [];

export function ruleText(problem: RuleProblem, t: Translate): string {
  switch (problem.code) {
    case 'syntax':
      return t('svy.rule.syntax', { detail: problem.detail });
    case 'unknown':
      return t('svy.rule.unknown', { key: problem.key });
    case 'later':
      return t('svy.rule.later', { key: problem.key });
    case 'current':
      return t('svy.rule.current');
  }
}

const numberOrNull = (text: string): number | null => {
  const value = text.trim() === '' ? Number.NaN : Number(text.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
};

function Checkbox({ id, checked, disabled, onChange, children }: { id: string; checked: boolean; disabled: boolean; onChange: (v: boolean) => void; children: ComponentChildren }) {
  return (
    <label class="choice" for={id}>
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{children}</span>
    </label>
  );
}

export function QuestionEditor({ def, p, q, number, earlier, problems, serverError, readOnly, first, last, onChange, onMove, onRemove, languages = NO_LANGUAGES }: Props) {
  const { t } = useI18n();
  const id = (name: string): string => `b-${p}-${q}-${name}`;
  const local = problems;
  /** The live problem first, else the server's answer to the last save. */
  const error = (name: string, live: string | null = null): string | null => live ?? serverError(name);
  const kind = def.kind;
  const choices = def.choices ?? [];
  const setChoice = (index: number, patch: Partial<Choice>): void =>
    onChange({ choices: choices.map((c, i) => (i === index ? { ...c, ...patch } : c)) });
  const keyProblem = local?.key === 'invalid' ? t('svy.q.keyInvalid') : local?.key === 'duplicate' ? t('svy.q.keyDuplicate') : null;

  return (
    <fieldset class="card builder-question" disabled={readOnly} data-question={def.key}>
      <legend>
        {t('svy.q.legend', { n: number })} <span class="meta">{t(`svy.kind.${kind}` as MessageKey)}</span>
      </legend>
      <div class="grid2">
        <SelectField
          id={id('kind')}
          label={t('svy.q.kind')}
          options={ADDABLE_KINDS.map((k) => ({ value: k, label: t(`svy.kind.${k}` as MessageKey) }))}
          value={kind}
          error={error('kind')}
          onChange={(e) => onChange(kindPatch(def, e.currentTarget.value as QuestionKind))}
        />
        <TextField
          id={id('key')}
          label={t('svy.q.key')}
          hint={t('svy.q.keyHint')}
          value={def.key}
          error={error('key', keyProblem)}
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => onChange({ key: e.currentTarget.value.trim() })}
        />
      </div>
      <TextField
        id={id('labelVi')}
        label={kind === 'NOTE' ? t('svy.q.noteVi') : t('svy.q.labelVi')}
        value={def.labelVi}
        error={error('labelVi', local?.label ? t('svy.q.labelRequired') : null)}
        onInput={(e) => onChange({ labelVi: e.currentTarget.value })}
      />
      <TextField id={id('labelEn')} label={kind === 'NOTE' ? t('svy.q.noteEn') : t('svy.q.labelEn')} value={def.labelEn ?? ''} onInput={(e) => onChange({ labelEn: e.currentTarget.value })} />
      {languages.map((l) => (
        <TextField
          key={l.code}
          id={id(`label-${l.code}`)}
          label={t('svy.q.labelIn', { name: l.name })}
          lang={l.code}
          value={def.translations?.[l.code]?.label ?? ''}
          onInput={(e) => onChange({ translations: withTranslation(def, l.code, 'label', e.currentTarget.value) })}
        />
      ))}
      {kind === 'CALCULATE' && (
        <>
          <TextAreaField
            id={id('calculation')}
            label={t('svy.q.calculation')}
            hint={t('svy.q.calculationHint')}
            rows={2}
            spellcheck={false}
            class="rule"
            value={def.calculation ?? ''}
            error={error('calculation', local?.calculation === 'required' ? t('svy.q.calculationRequired') : local?.calculation ? ruleText(local.calculation, t) : null)}
            onInput={(e) => onChange({ calculation: e.currentTarget.value })}
          />
          <Checkbox id={id('show')} checked={(def.appearance ?? '').split(/\s+/).includes('show')} disabled={readOnly} onChange={(v) => onChange({ appearance: v ? 'show' : null })}>
            {t('svy.q.calculationShow')}
          </Checkbox>
        </>
      )}
      {kind !== 'NOTE' && (
        <>
          <div class="grid2">
            <TextField id={id('hintVi')} label={t('svy.q.hintVi')} value={def.hintVi ?? ''} onInput={(e) => onChange({ hintVi: e.currentTarget.value })} />
            <TextField id={id('hintEn')} label={t('svy.q.hintEn')} value={def.hintEn ?? ''} onInput={(e) => onChange({ hintEn: e.currentTarget.value })} />
          </div>
          {languages.map((l) => (
            <TextField
              key={l.code}
              id={id(`hint-${l.code}`)}
              label={t('svy.q.hintIn', { name: l.name })}
              lang={l.code}
              value={def.translations?.[l.code]?.hint ?? ''}
              onInput={(e) => onChange({ translations: withTranslation(def, l.code, 'hint', e.currentTarget.value) })}
            />
          ))}
          {kind !== 'CALCULATE' && (
            <>
              <Checkbox id={id('required')} checked={def.required === true} disabled={readOnly} onChange={(v) => onChange({ required: v })}>
                {t('svy.q.required')}
              </Checkbox>
              <TextAreaField
                id={id('requiredIf')}
                label={t('svy.q.requiredIf')}
                hint={t('svy.q.requiredIfHint')}
                rows={1}
                spellcheck={false}
                class="rule"
                value={typeof def.required === 'string' ? def.required : ''}
                error={error('required', local?.required ? ruleText(local.required, t) : null)}
                onInput={(e) => onChange({ required: e.currentTarget.value.trim() ? e.currentTarget.value : false })}
              />
            </>
          )}
        </>
      )}

      {CHOICE_KINDS.has(kind) && (
        <fieldset class="builder-choices">
          <legend>{t('svy.q.choices')}</legend>
          {choices.map((choice, index) => (
            <div class="choice-row" key={index}>
              <TextField
                id={id(`choice-${index}-value`)}
                label={t('svy.q.choiceValue', { n: index + 1 })}
                value={choice.value}
                autocomplete="off"
                spellcheck={false}
                onInput={(e) => setChoice(index, { value: e.currentTarget.value.trim() })}
              />
              <TextField id={id(`choice-${index}-labelVi`)} label={t('svy.q.choiceLabelVi', { n: index + 1 })} value={choice.labelVi} onInput={(e) => setChoice(index, { labelVi: e.currentTarget.value })} />
              <TextField id={id(`choice-${index}-labelEn`)} label={t('svy.q.choiceLabelEn', { n: index + 1 })} value={choice.labelEn ?? ''} onInput={(e) => setChoice(index, { labelEn: e.currentTarget.value })} />
              {languages.map((l) => (
                <TextField
                  key={l.code}
                  id={id(`choice-${index}-label-${l.code}`)}
                  label={t('svy.q.choiceLabelIn', { n: index + 1, name: l.name })}
                  lang={l.code}
                  value={choice.translations?.[l.code]?.label ?? ''}
                  onInput={(e) => setChoice(index, { translations: { ...choice.translations, [l.code]: { label: e.currentTarget.value } } })}
                />
              ))}
              <TextField
                id={id(`choice-${index}-columns`)}
                label={t('svy.q.choiceColumns', { n: index + 1 })}
                hint={t('svy.q.choiceColumnsHint')}
                autocomplete="off"
                spellcheck={false}
                value={columnsText(choice.columns)}
                onChange={(e) => setChoice(index, { columns: parseColumns(e.currentTarget.value) })}
              />
              <button type="button" class="danger small" disabled={choices.length <= 1} onClick={() => onChange({ choices: choices.filter((_, i) => i !== index) })}>
                {t('svy.q.removeChoice', { n: index + 1 })}
              </button>
            </div>
          ))}
          {(local?.choices || serverError('choices')) && (
            <p class="error" role="alert">
              {error('choices', local?.choices ? t('svy.q.choicesInvalid') : null)}
            </p>
          )}
          <button type="button" class="secondary small" onClick={() => onChange({ choices: [...choices, { value: nextValue(choices), labelVi: '', labelEn: '' }] })}>
            {t('svy.q.addChoice')}
          </button>
          <Checkbox id={id('allowOther')} checked={Boolean(def.allowOther)} disabled={readOnly} onChange={(v) => onChange({ allowOther: v })}>
            {t('svy.q.allowOther')}
          </Checkbox>
          <TextAreaField
            id={id('choiceFilter')}
            label={t('svy.q.choiceFilter')}
            hint={t('svy.q.choiceFilterHint')}
            rows={1}
            spellcheck={false}
            class="rule"
            value={def.choiceFilter ?? ''}
            error={error('choiceFilter', null)}
            onInput={(e) => onChange({ choiceFilter: e.currentTarget.value })}
          />
        </fieldset>
      )}
      {kind !== 'NOTE' && kind !== 'CALCULATE' && (
        <TextField
          id={id('default')}
          label={t('svy.q.default')}
          hint={t('svy.q.defaultHint')}
          spellcheck={false}
          value={def.default ?? ''}
          error={error('default', null)}
          onInput={(e) => onChange({ default: e.currentTarget.value })}
        />
      )}

      {RANGE_KINDS.has(kind) && (
        <div class="grid2">
          <TextField id={id('min')} type="number" label={t('svy.q.min')} value={def.min ?? ''} error={error('min', local?.range ? t('svy.q.rangeInvalid') : null)} onInput={(e) => onChange({ min: numberOrNull(e.currentTarget.value) })} />
          <TextField id={id('max')} type="number" label={t('svy.q.max')} value={def.max ?? ''} error={error('max')} onInput={(e) => onChange({ max: numberOrNull(e.currentTarget.value) })} />
          {kind === 'RANGE' && (
            <TextField id={id('step')} type="number" label={t('svy.q.step')} min={0} value={def.step ?? ''} error={error('step')} onInput={(e) => onChange({ step: numberOrNull(e.currentTarget.value) })} />
          )}
        </div>
      )}
      {kind === 'FILE' && (
        <fieldset class="checks">
          <legend>{t('svy.q.accept')}</legend>
          {FILE_ACCEPTS.map((a) => (
            <Checkbox
              key={a}
              id={id(`accept-${a}`)}
              checked={(def.accept ?? []).includes(a)}
              disabled={readOnly}
              onChange={(v) => onChange({ accept: v ? [...(def.accept ?? []), a] : (def.accept ?? []).filter((x) => x !== a) })}
            >
              {t(`answer.fileKind.${a}` as MessageKey)}
            </Checkbox>
          ))}
        </fieldset>
      )}
      {TEXT_KINDS.has(kind) && (
        <>
          <div class="grid2">
            <TextField id={id('minLength')} type="number" label={t('svy.q.minLength')} min={0} value={def.minLength ?? ''} error={error('minLength')} onInput={(e) => onChange({ minLength: numberOrNull(e.currentTarget.value) })} />
            <TextField id={id('maxLength')} type="number" label={t('svy.q.maxLength')} min={0} value={def.maxLength ?? ''} error={error('maxLength')} onInput={(e) => onChange({ maxLength: numberOrNull(e.currentTarget.value) })} />
          </div>
          <TextField
            id={id('pattern')}
            label={t('svy.q.pattern')}
            hint={t('svy.q.patternHint')}
            value={def.pattern ?? ''}
            spellcheck={false}
            error={error('pattern', local?.pattern ? t('svy.q.patternInvalid') : null)}
            onInput={(e) => onChange({ pattern: e.currentTarget.value })}
          />
        </>
      )}
      {kind === 'LOCATION' && (
        <TextField id={id('requiredAccuracy')} type="number" label={t('svy.q.accuracy')} min={0} value={def.requiredAccuracy ?? ''} error={error('requiredAccuracy')} onInput={(e) => onChange({ requiredAccuracy: numberOrNull(e.currentTarget.value) })} />
      )}

      <TextAreaField
        id={id('relevant')}
        label={t('svy.q.relevant')}
        hint={
          <>
            {t('svy.q.relevantHint')} {earlier.length > 0 ? t('svy.q.earlierKeys', { keys: earlier.map((k) => `\${${k}}`).join(', ') }) : t('svy.q.noEarlierKeys')}
          </>
        }
        rows={2}
        spellcheck={false}
        class="rule"
        value={def.relevant ?? ''}
        error={error('relevant', local?.relevant ? ruleText(local.relevant, t) : null)}
        onInput={(e) => onChange({ relevant: e.currentTarget.value })}
      />
      {kind !== 'NOTE' && kind !== 'CALCULATE' && (
        <>
          <TextAreaField
            id={id('constraint')}
            label={t('svy.q.constraint')}
            hint={t('svy.q.constraintHint')}
            rows={2}
            spellcheck={false}
            class="rule"
            value={def.constraint ?? ''}
            error={error('constraint', local?.constraint ? ruleText(local.constraint, t) : null)}
            onInput={(e) => onChange({ constraint: e.currentTarget.value })}
          />
          <div class="grid2">
            <TextField id={id('constraintMessageVi')} label={t('svy.q.messageVi')} value={def.constraintMessageVi ?? ''} onInput={(e) => onChange({ constraintMessageVi: e.currentTarget.value })} />
            <TextField id={id('constraintMessageEn')} label={t('svy.q.messageEn')} value={def.constraintMessageEn ?? ''} onInput={(e) => onChange({ constraintMessageEn: e.currentTarget.value })} />
          </div>
        </>
      )}
      <QuestionActions number={number} first={first} last={last} onMove={onMove} onRemove={onRemove} />
    </fieldset>
  );
}

type ActionProps = Pick<Props, 'number' | 'first' | 'last' | 'onMove' | 'onRemove'>;

/** A question's (or a repeat's) "Up", "Down" and "Remove" buttons, numbered for screen readers. */
export function QuestionActions({ number, first, last, onMove, onRemove }: ActionProps) {
  const { t } = useI18n();
  return (
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
  );
}

/** The next free choice value: a, b, c… then c27, c28… */
function nextValue(choices: Choice[]): string {
  const taken = new Set(choices.map((c) => c.value));
  const letter = 'abcdefghijklmnopqrstuvwxyz'.split('').find((l) => !taken.has(l));
  if (letter) return letter;
  let n = choices.length + 1;
  while (taken.has(`c${n}`)) n += 1;
  return `c${n}`;
}
