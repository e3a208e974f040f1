/**
 * The instances of repeat groups in the form's answers (decision 0035), as pure
 * functions over what the inputs hold: a new instance with its defaults, one removed,
 * and the form settled after a check (a computed count's or minCount's missing
 * instances made, once() calculations kept with their first value).
 */
import { type Checked, type Form, type Question, instanceLimits, newInstance } from '../../rules/form';
import { type Path, type Raw, answerAt, instancesOf, nodeAt, parseName, updateAt, withAnswer } from '../../rules/paths';
import { typedAnswers } from './answers';

/** The answers with one more instance of `repeat` (in the instance `path`), its defaults filled. */
export function appendInstance(form: Form, raw: Raw, repeat: Question, path: Path, today: string): Record<string, unknown> {
  const key = repeat.def.key;
  const count = instancesOf(nodeAt(raw, path)?.[key]).length;
  const instance = newInstance(repeat, typedAnswers(form, raw), [...path, [key, count]], today);
  return updateAt(raw, path, (node) => ({ ...node, [key]: [...instancesOf(node[key]), instance] }));
}

/** The answers without instance `index` of the repeat `key` (in the instance `path`). */
export function removeInstance(raw: Raw, path: Path, key: string, index: number): Record<string, unknown> {
  return updateAt(raw, path, (node) => ({ ...node, [key]: instancesOf(node[key]).filter((_, i) => i !== index) }));
}

/**
 * What the form must hold after a check, or null when it already does: the instances a
 * count asks for beyond those there (a computed count that drops instances leaves them
 * in the draft, unsent) or a user's repeat needs at least (minCount), and once()
 * calculations computed for the first time.
 */
export function settle(form: Form, raw: Raw, checked: Checked, today: string): Record<string, unknown> | null {
  let next: Raw = raw;
  for (const [name, count] of checked.counts) {
    const parsed = parseName(name);
    const repeat = parsed && form.byKey.get(parsed.key);
    if (!parsed || !repeat) continue;
    const wanted = repeat.repeatCount === null ? Math.max(count, instanceLimits(repeat.def).min) : count;
    for (let have = instancesOf(answerAt(next, name)).length; have < wanted; have += 1) {
      next = appendInstance(form, next, repeat, parsed.path, today);
    }
  }
  for (const [name, value] of checked.firsts) {
    if (answerAt(next, name) === undefined) next = withAnswer(next, name, value);
  }
  return next === raw ? null : { ...next };
}
