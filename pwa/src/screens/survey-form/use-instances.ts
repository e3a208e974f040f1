/**
 * Repeat groups in a form being filled (the field form and the builder's preview): a
 * check's missing instances and first once() values put into the answers, and an
 * instance added or removed (the names after a removed one move up: `renamed` lets
 * the photos and the server's messages follow them).
 */
import { useEffect } from 'preact/hooks';
import type { Checked, Form, Question } from '../../rules/form';
import { type Path, fieldName, shiftedName } from '../../rules/paths';
import { appendInstance, removeInstance, settle } from './instances';

type SetRaw = (update: (now: Record<string, unknown>) => Record<string, unknown>) => void;

export function useInstances(form: Form | null, checked: Checked | null, setRaw: SetRaw, today: string, renamed: (rename: (name: string) => string | null) => void) {
  useEffect(() => {
    if (form && checked) setRaw((now) => settle(form, now, checked, today) ?? now);
  }, [checked]);
  return {
    add: (repeat: Question, path: Path): void => {
      if (form) setRaw((now) => appendInstance(form, now, repeat, path, today));
    },
    remove: (repeat: Question, path: Path, index: number): void => {
      setRaw((now) => removeInstance(now, path, repeat.def.key, index));
      const list = fieldName(path, repeat.def.key);
      renamed((name) => shiftedName(name, list, index));
    },
  };
}
