/**
 * Labelled form fields: a visible label tied to its control, an optional hint and an
 * error message joined to the control with aria-describedby (and aria-invalid), and
 * controls at least 48 px tall (styles.css). Screens pass the control's own attributes
 * through (`name`, `autocomplete`, `onInput`…).
 */
import type { ComponentChildren, InputHTMLAttributes, PartialInputHTMLAttributes, PartialSelectHTMLAttributes, TextareaHTMLAttributes } from 'preact';

interface FieldProps {
  /** The control's id; the hint and error get `${id}-hint` and `${id}-error`. */
  id?: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** Shown under the control, announced (role="alert"); marks the control invalid. */
  error?: string | null;
}

function described(id: string | undefined, hint: unknown, error: unknown): Record<string, unknown> {
  const ids = id ? [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean) : [];
  return {
    'aria-invalid': error ? true : undefined,
    'aria-describedby': ids.length > 0 ? ids.join(' ') : undefined,
  };
}

function Field({ id, label, hint, error, children }: FieldProps & { children: ComponentChildren }) {
  return (
    <>
      <label class="field">
        <span>{label}</span>
        {hint && (
          <small class="hint" id={id ? `${id}-hint` : undefined}>
            {hint}
          </small>
        )}
        {children}
      </label>
      {error && (
        <p class="error" role="alert" id={id ? `${id}-error` : undefined}>
          {error}
        </p>
      )}
    </>
  );
}

type InputProps = FieldProps &
  Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'label' | 'role' | 'type'> & {
    type?: 'text' | 'password' | 'email' | 'tel' | 'number' | 'date' | 'datetime-local' | 'url' | 'search';
  };

export function TextField({ id, label, hint, error, ...input }: InputProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <input id={id} {...described(id, hint, error)} {...(input as InputHTMLAttributes<HTMLInputElement>)} />
    </Field>
  );
}

/** A count: a whole number from `min` (0 unless given), typed on the phone's number pad. */
export function CountField({ min = 0, ...props }: Omit<InputProps, 'type' | 'inputMode'>) {
  return <TextField type="number" inputMode="numeric" min={min} {...props} />;
}

type TextAreaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'label'>;

export function TextAreaField({ id, label, hint, error, ...textarea }: TextAreaProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <textarea id={id} {...described(id, hint, error)} {...textarea} />
    </Field>
  );
}

export interface Option {
  value: string;
  label: string;
}

type SelectProps = FieldProps &
  Omit<PartialSelectHTMLAttributes<HTMLSelectElement>, 'label' | 'role'> & {
    options: Option[];
    /** The first, empty option ("Chọn…"), when nothing is chosen yet. */
    placeholder?: string;
  };

export function SelectField({ id, label, hint, error, options, placeholder, ...select }: SelectProps) {
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      <select id={id} {...described(id, hint, error)} {...select}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The keys of a form's draft that hold text. */
type TextKeys<D> = { [K in keyof D]-?: D[K] extends string ? K : never }[keyof D] & string;

interface Typed {
  currentTarget: { value: string };
}

/**
 * Ties a form's fields to the keys of its draft: `field.text('title')` gives a text field
 * or text area its value, the server's message for that key and the `onInput` that writes
 * what is typed back into the draft; `field.choice('kind')` does the same for a select
 * (`onChange`). A list's filters are a draft too, with no messages.
 */
export function draftFields<D>(draft: D, set: (key: TextKeys<D>, value: string) => void, error: (key: string) => string | null = () => null) {
  const shown = (key: TextKeys<D>) => ({ value: draft[key] as unknown as string, error: error(key) });
  return {
    text: (key: TextKeys<D>) => ({ ...shown(key), onInput: (e: Typed) => set(key, e.currentTarget.value) }),
    choice: (key: TextKeys<D>) => ({ ...shown(key), onChange: (e: Typed) => set(key, e.currentTarget.value) }),
  };
}

/** The server's message about fields that share no single control (a group of checkboxes, a list), announced; nothing when there is none. */
export function FieldError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}

/** `list` with `value` added (`on`) or taken out: what a checkbox of a list of choices sets. */
export function toggled<T>(list: T[], value: T, on: boolean): T[] {
  return on ? [...list, value] : list.filter((v) => v !== value);
}

interface CheckProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ComponentChildren;
  /** The box's name and value, for one of a group sent with a form (scopes, roles). */
  name?: string;
  value?: string;
}

/** A yes/no choice: a checkbox and its label, one target. */
export function CheckField({ checked, onChange, children, name, value }: CheckProps) {
  return (
    <label class="choice">
      <input type="checkbox" name={name} value={value} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      {children}
    </label>
  );
}
