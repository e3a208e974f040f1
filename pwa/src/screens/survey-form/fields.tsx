/**
 * The questions of one level of the form (a page, or one instance of a repeat), and a
 * repeat group as a list of instance cards (decision 0035): each card titled with the
 * repeat's label (piped in its instance) and its number, "Add" until maxCount and
 * "Remove" (confirmed) down to minCount when the user chooses the count; a computed
 * count follows its rule. A narrow phone shows one instance at a time with "Previous"
 * and "Next"; a wide screen lists them all (styles.css `.repeat`).
 */
import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { StatusNotice } from '../../components/states';
import { useI18n } from '../../i18n';
import { type Answers, type Checked, type Form, type Question, instanceLimits } from '../../rules/form';
import { type Path, type Raw, fieldName, instancesOf, nodeAt } from '../../rules/paths';
import { piping, showAnswer, visibleProblem } from './answers';
import { type PhotoDraft, QuestionField, label, problemText } from './question';

export interface FieldsContext {
  form: Form;
  checked: Checked;
  /** What the inputs hold, the whole form's. */
  raw: Raw;
  photos: ReadonlyMap<string, PhotoDraft>;
  preparing: ReadonlySet<string>;
  showErrors: boolean;
  /** Grows each time "Next" or "Submit" finds problems: a repeat then shows its first instance with one. */
  attempt: number;
  /** The server's messages by field name (a refused response reopened). */
  serverErrors: ReadonlyMap<string, string>;
  onChange: (name: string, value: unknown) => void;
  onPhoto: (name: string, file: File | null) => void;
  onAdd: (repeat: Question, path: Path) => void;
  onRemove: (repeat: Question, path: Path, index: number) => void;
}

interface FieldsProps {
  questions: readonly Question[];
  /** The instance these questions are asked in (none at the top level). */
  path: Path;
  ctx: FieldsContext;
}

export function Fields({ questions, path, ctx }: FieldsProps) {
  const { t, lang } = useI18n();
  const { checked } = ctx;
  const pipe = piping(ctx.form, checked.answers, lang, t, path);
  const node = nodeAt(ctx.raw, path) ?? {};
  const kept = nodeAt(checked.answers, path) ?? {};
  return (
    <>
      {questions
        .filter((q) => checked.visible.has(fieldName(path, q.def.key)))
        .map((q) => {
          const name = fieldName(path, q.def.key);
          if (q.def.kind === 'REPEAT') return <RepeatField key={name} repeat={q} path={path} ctx={ctx} />;
          return (
            <QuestionField
              key={name}
              def={q.def}
              name={name}
              pipe={pipe}
              calculated={q.def.kind === 'CALCULATE' ? showAnswer(q.def, kept as Answers, lang, t) : undefined}
              raw={node}
              offered={checked.offered.get(name)}
              required={checked.required.has(name)}
              problem={visibleProblem(name, ctx.raw, checked.problems, ctx.showErrors)}
              serverError={ctx.serverErrors.get(name) ?? null}
              photo={ctx.photos.get(name)}
              preparing={ctx.preparing.has(name)}
              onChange={ctx.onChange}
              onPhoto={ctx.onPhoto}
            />
          );
        })}
    </>
  );
}

interface RepeatProps {
  repeat: Question;
  path: Path;
  ctx: FieldsContext;
}

function RepeatField({ repeat, path, ctx }: RepeatProps) {
  const { t, lang } = useI18n();
  const { checked } = ctx;
  const { key } = repeat.def;
  const name = fieldName(path, key);
  const count = checked.counts.get(name) ?? 0;
  const computed = repeat.repeatCount !== null || (repeat.def.repeatCount ?? '') !== '';
  const { min, max } = instanceLimits(repeat.def);
  const [current, setCurrent] = useState(0);
  const [removing, setRemoving] = useState<number | null>(null);
  const shown = Math.min(current, Math.max(count - 1, 0));
  const inside = (index: number): string => `${name}[${index}].`;
  const hasProblem = (index: number): boolean => [...checked.problems.keys()].some((n) => n.startsWith(inside(index)));

  // after a refused "Next", show the first instance with a problem (the phone shows one at a time)
  useEffect(() => {
    if (ctx.attempt === 0 || hasProblem(shown)) return;
    const wrong = Array.from({ length: count }, (_, i) => i).find(hasProblem);
    if (wrong !== undefined) setCurrent(wrong);
  }, [ctx.attempt]);

  const title = (index: number): string => {
    const pipe = piping(ctx.form, checked.answers, lang, t, [...path, [key, index]]);
    return t('repeat.instance', { label: pipe(label(repeat.def, lang)) || key, n: index + 1, count });
  };
  const problem = visibleProblem(name, ctx.raw, checked.problems, ctx.showErrors);
  const message = problem ? problemText(problem, t, lang) : (ctx.serverErrors.get(name) ?? null);
  const hint = lang === 'en' && repeat.def.hintEn ? repeat.def.hintEn : repeat.def.hintVi;
  const add = (): void => {
    ctx.onAdd(repeat, path);
    setCurrent(count);
  };
  const confirmRemove = (): void => {
    if (removing === null) return;
    ctx.onRemove(repeat, path, removing);
    setCurrent(Math.max(Math.min(shown, count - 2), 0));
    setRemoving(null);
  };
  // a computed count that went down leaves the instances beyond it in the draft (decision 0035)
  const dropped = computed ? instancesOf(nodeAt(ctx.raw, path)?.[key]).length - count : 0;
  const headingId = `q-${name}-label`;
  return (
    <section class={`question repeat${message ? ' invalid' : ''}`} data-key={name} aria-labelledby={headingId}>
      <h2 id={headingId} class="repeat-title">
        {piping(ctx.form, checked.answers, lang, t, path)(label(repeat.def, lang)) || key}
        <span class="repeat-count">{t('repeat.count', { count })}</span>
      </h2>
      {hint && <p class="hint">{hint}</p>}
      {computed && <p class="hint">{t('repeat.computed', { count })}</p>}
      {dropped > 0 && <StatusNotice>{t('repeat.dropped', { count: dropped })}</StatusNotice>}
      {count === 0 && <p class="empty">{t('repeat.none')}</p>}
      {count > 1 && (
        <nav class="repeat-nav" aria-label={t('repeat.pick')}>
          <button type="button" class="secondary small" disabled={shown === 0} onClick={() => setCurrent(shown - 1)}>
            {t('repeat.previous')}
          </button>
          <select aria-label={t('repeat.pick')} value={String(shown)} onChange={(e) => setCurrent(Number(e.currentTarget.value))}>
            {Array.from({ length: count }, (_, i) => (
              <option key={i} value={String(i)}>
                {`${title(i)}${hasProblem(i) && ctx.showErrors ? ' ⚠' : ''}`}
              </option>
            ))}
          </select>
          <button type="button" class="secondary small" disabled={shown >= count - 1} onClick={() => setCurrent(shown + 1)}>
            {t('repeat.next')}
          </button>
        </nav>
      )}
      {Array.from({ length: count }, (_, index) => (
        <div key={index} class={`instance${index === shown ? ' current' : ''}`} role="group" aria-label={title(index)} data-instance={inside(index)}>
          <h3>{title(index)}</h3>
          <Fields questions={repeat.questions} path={[...path, [key, index]]} ctx={ctx} />
          {!computed && count > min && (
            <button type="button" class="secondary small remove" onClick={() => setRemoving(index)}>
              {t('repeat.remove')}
            </button>
          )}
        </div>
      ))}
      {message !== null && (
        <p class="error" id={`q-${name}-error`} role="alert">
          {message}
        </p>
      )}
      {!computed && count < max && (
        <button type="button" class="secondary add" onClick={add}>
          {t('repeat.add', { label: label(repeat.def, lang).replace(/\$\{[^}]*\}/g, '').trim() || key })}
        </button>
      )}
      {removing !== null && (
        <ConfirmDialog
          message={t('repeat.removeConfirm', { title: title(removing) })}
          confirmLabel={t('repeat.remove')}
          danger
          onConfirm={confirmRemove}
          onCancel={() => setRemoving(null)}
        />
      )}
    </section>
  );
}
