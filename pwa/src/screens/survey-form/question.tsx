import { useState } from 'preact/hooks';
import { hasDetector, useBarcodeCamera } from '../../components/barcode-camera';
import { fold } from '../../data/text';
import { type Language, type Translate, useI18n } from '../../i18n';
import { MediaField, type PhotoDraft } from './media';
import { ACKNOWLEDGED, type Choice, type Location, OTHER, type Problem, type QuestionDef, allowsOther } from '../../rules/form';

/** The English text when English is chosen and there is one, else the Vietnamese. */
export function localized<T extends string | null | undefined>(vi: T, en: string | null | undefined, lang: Language): string | T {
  return lang === 'en' && en ? en : vi;
}

export function label(def: { labelVi: string; labelEn?: string | null }, lang: Language): string {
  return localized(def.labelVi, def.labelEn, lang);
}

export function problemText(problem: Problem, t: Translate, lang: Language): string {
  switch (problem.code) {
    case 'CONSTRAINT':
      return (lang === 'en' ? problem.messageEn : problem.messageVi) || t('problem.CONSTRAINT');
    case 'REQUIRED':
      return (lang === 'en' ? problem.messageEn : problem.messageVi) || t('problem.REQUIRED');
    case 'INVALID_LENGTH':
      return t('problem.INVALID_LENGTH', { min: problem.min, max: problem.max });
    case 'NUMBER_OUT_OF_RANGE':
      return t('problem.NUMBER_OUT_OF_RANGE', { min: problem.min ?? '…', max: problem.max ?? '…' });
    case 'LOCATION_NOT_ACCURATE':
      return t('problem.LOCATION_NOT_ACCURATE', { meters: problem.meters });
    default:
      return t(`problem.${problem.code}`);
  }
}

export type { PhotoDraft } from './media';

interface Props {
  def: QuestionDef;
  /** Its name in the answers (paths.ts: `members[1].age` inside a repeat); its key when absent. */
  name?: string;
  /** Piping: `${name}` in the label, hint or note replaced with that answer's text. */
  pipe?: (text: string) => string;
  /** A shown CALCULATE question's value, as text. */
  calculated?: string;
  raw: Readonly<Record<string, unknown>>;
  /** Whether it must be answered now (a required condition may come and go); `def.required` when absent. */
  required?: boolean;
  /** The choices a filtered (cascading) question offers now; all of them when absent. */
  offered?: Choice[] | undefined;
  problem: Problem | null;
  /** The server's message for this answer (a refused response reopened), shown when the form has none. */
  serverError?: string | null;
  photo: PhotoDraft | undefined;
  /** The chosen photo is still being downscaled and hashed. */
  preparing?: boolean;
  onChange: (key: string, value: unknown) => void;
  onPhoto: (key: string, file: File | null) => void;
}

const same = (text: string): string => text;

export function QuestionField({ def, name = def.key, pipe = same, calculated, raw, required = def.required === true, offered, problem, serverError = null, photo, preparing = false, onChange, onPhoto }: Props) {
  const { t, lang } = useI18n();
  const id = `q-${name}`;
  const errorId = `${id}-error`;
  const value = raw[def.key];
  const text = pipe(label(def, lang));
  const hintText = localized(def.hintVi, def.hintEn, lang);
  const hint = hintText ? pipe(hintText) : hintText;
  const message = problem ? problemText(problem, t, lang) : serverError;
  const invalid = message !== null;
  const described = [hint ? `${id}-hint` : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': invalid || undefined, 'aria-describedby': described };

  if (def.kind === 'NOTE') {
    return (
      <div class="question note" data-key={name}>
        <p>{text}</p>
        {hint && <p class="hint">{hint}</p>}
      </div>
    );
  }
  if (def.kind === 'CALCULATE') {
    // computed from the other answers, never typed: shown read-only, updated live
    return (
      <div class="question calculated" data-key={name}>
        <span class="label" id={`${id}-label`}>
          {text || def.key}
        </span>
        <output id={id} aria-labelledby={`${id}-label`} aria-live="polite">
          {calculated ?? t('form.noAnswer')}
        </output>
        {hint && <p class="hint">{hint}</p>}
      </div>
    );
  }

  const heading = (
    <>
      {text}
      {required && (
        <span class="required" aria-label={t('form.required')}>
          {' *'}
        </span>
      )}
    </>
  );
  const footer = (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {message !== null && (
        <p class="error" id={errorId} role="alert">
          {message}
        </p>
      )}
    </>
  );

  let control;
  let grouped = false;
  switch (def.kind) {
    case 'TEXT':
      // XLSForm's "numbers": a text of digits (a phone, an ID) typed on the number pad
      control = <input {...common} type="text" inputMode={appearances(def).includes('numbers') ? 'numeric' : undefined} value={String(value ?? '')} onInput={(e) => onChange(name, e.currentTarget.value)} />;
      break;
    case 'LONG_TEXT':
      control = <textarea {...common} rows={4} value={String(value ?? '')} onInput={(e) => onChange(name, e.currentTarget.value)} />;
      break;
    case 'INTEGER':
    case 'DECIMAL':
      control = (
        <input
          {...common}
          type="text"
          inputMode={def.kind === 'INTEGER' ? 'numeric' : 'decimal'}
          value={String(value ?? '')}
          onInput={(e) => onChange(name, e.currentTarget.value)}
        />
      );
      break;
    case 'RANGE':
      control = (
        <div class="range">
          <input
            {...common}
            type="range"
            min={def.min ?? 0}
            max={def.max ?? 10}
            step={def.step ?? 1}
            value={String(value ?? def.min ?? 0)}
            onInput={(e) => onChange(name, Number(e.currentTarget.value))}
          />
          <output for={id}>{value === undefined || value === '' ? t('form.noAnswer') : String(value)}</output>
        </div>
      );
      break;
    case 'DATE':
      control = <input {...common} type="date" value={String(value ?? '')} onInput={(e) => onChange(name, e.currentTarget.value)} />;
      break;
    case 'TIME':
      control = <input {...common} type="time" value={String(value ?? '')} onInput={(e) => onChange(name, e.currentTarget.value)} />;
      break;
    case 'DATETIME':
      control = <input {...common} type="datetime-local" value={String(value ?? '')} onInput={(e) => onChange(name, e.currentTarget.value)} />;
      break;
    case 'BARCODE':
      control = <BarcodeField common={common} value={String(value ?? '')} onChange={(v) => onChange(name, v)} />;
      break;
    case 'GEOTRACE':
    case 'GEOSHAPE':
      control = <PointsField common={common} value={String(value ?? '')} onChange={(v) => onChange(name, v)} />;
      break;
    case 'ACKNOWLEDGE':
      grouped = true;
      control = (
        <div class="choices">
          <label class="choice">
            <input
              type="checkbox"
              checked={value === ACKNOWLEDGED}
            aria-describedby={described}
              onChange={(e) => onChange(name, e.currentTarget.checked ? ACKNOWLEDGED : undefined)}
            />
            <span>{t('answer.acknowledge')}</span>
          </label>
        </div>
      );
      break;
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
    case 'YES_NO':
    case 'RATING':
      grouped = true;
      control = <Choices def={def} name={name} raw={raw} offered={offered} onChange={onChange} describedBy={described} />;
      break;
    case 'LOCATION':
      grouped = true;
      control = <LocationField value={value as Location | undefined} onChange={(v) => onChange(name, v)} />;
      break;
    case 'AUDIO':
    case 'FILE':
      control = <MediaField def={def} common={common} name={name} kept={photo} preparing={preparing} onPick={onPhoto} />;
      break;
    case 'PHOTO':
      control = (
        <div class="photo">
          <input {...common} type="file" accept="image/*" capture="environment" onChange={(e) => onPhoto(name, e.currentTarget.files?.[0] ?? null)} />
          {preparing && (
            <p class="hint" role="status">
              {t('answer.photoPreparing')}
            </p>
          )}
          {photo && !preparing && (
            <div class="photo-preview">
              <img src={photo.url} alt={t('answer.photoAlt')} />
              <span>{t('answer.photoChosen', { size: Math.ceil(photo.blob.size / 1024) })}</span>
              <button type="button" class="secondary small" onClick={() => onPhoto(name, null)}>
                {t('answer.photoRemove')}
              </button>
            </div>
          )}
        </div>
      );
      break;
  }

  if (def.readOnly) {
    // shown with its default, never changed (XLSForm's read_only): a disabled fieldset
    // turns every control inside it off, whatever the kind
    control = (
      <fieldset class="read-only" disabled>
        {control}
      </fieldset>
    );
  }
  if (grouped) {
    return (
      <fieldset class={`question${invalid ? ' invalid' : ''}`} data-key={name} aria-describedby={described}>
        <legend>{heading}</legend>
        {control}
        {footer}
      </fieldset>
    );
  }
  return (
    <div class={`question${invalid ? ' invalid' : ''}`} data-key={name}>
      <label for={id}>{heading}</label>
      {control}
      {footer}
    </div>
  );
}

interface ChoiceProps {
  def: QuestionDef;
  name: string;
  raw: Readonly<Record<string, unknown>>;
  offered: Choice[] | undefined;
  describedBy: string | undefined;
  onChange: (key: string, value: unknown) => void;
}

/** The question's XLSForm appearance words (`minimal`, `likert`, `quick`, `numbers`). */
function appearances(def: QuestionDef): string[] {
  return (def.appearance ?? '').split(/\s+/).filter(Boolean);
}

/** XLSForm's "quick": once a single choice is made, on to the next question of the page. */
function moveOn(from: EventTarget | null): void {
  const question = (from as HTMLElement | null)?.closest('.question');
  let next = question?.nextElementSibling ?? null;
  while (next && !next.classList.contains('question')) next = next.nextElementSibling;
  const control = next?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea, button');
  control?.focus();
}

/** A list longer than this gets a search box; at most SHOWN matches are listed at once. */
export const SEARCH_FROM = 20;
const SHOWN = 50;

function Choices({ def, name: field, raw, offered, describedBy, onChange }: ChoiceProps) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState('');
  const value = raw[def.key];
  const name = `q-${field}`;
  let options: { value: string | number | boolean; text: string }[];
  if (def.kind === 'YES_NO') {
    options = [
      { value: true, text: t('answer.yes') },
      { value: false, text: t('answer.no') },
    ];
  } else if (def.kind === 'RATING') {
    options = [1, 2, 3, 4, 5].map((n) => ({ value: n, text: String(n) }));
  } else {
    options = (offered ?? def.choices ?? []).map((c) => ({ value: c.value, text: label(c, lang) }));
    if (allowsOther(def)) options.push({ value: OTHER, text: t('answer.other') });
  }
  const multiple = def.kind === 'MULTIPLE_CHOICE';
  const chosen = (option: string | number | boolean): boolean =>
    multiple ? Array.isArray(value) && value.includes(option) : value === option;
  const searchable = options.length > SEARCH_FROM;
  const wanted = fold(query);
  const matching = searchable && wanted ? options.filter((o) => o.value === OTHER || fold(o.text).includes(wanted) || fold(String(o.value)) === wanted) : options;
  // the chosen options stay listed whatever is typed, so an answer is never hidden
  const listed = searchable ? [...options.filter((o) => chosen(o.value) && !matching.includes(o)), ...matching].slice(0, SHOWN) : options;
  const toggle = (option: string | number | boolean): void => {
    if (!multiple) {
      onChange(field, option);
      return;
    }
    const now = Array.isArray(value) ? (value as string[]) : [];
    onChange(field, chosen(option) ? now.filter((v) => v !== option) : [...now, option]);
  };
  const otherChosen = allowsOther(def) && chosen(OTHER);
  const otherField = otherChosen && (
    <label class="field other">
      <span>{t('answer.otherText')}</span>
      <input type="text" value={String(raw[`${def.key}_${OTHER}`] ?? '')} onInput={(e) => onChange(`${field}_${OTHER}`, e.currentTarget.value)} />
    </label>
  );
  const minimal = appearances(def).includes('minimal');
  const likert = !multiple && appearances(def).includes('likert');
  const quick = !multiple && appearances(def).includes('quick');
  if (minimal && def.kind === 'SINGLE_CHOICE' && !searchable) {
    // XLSForm's "minimal": a compact drop-down
    return (
      <div class="choices minimal">
        <select aria-describedby={describedBy} aria-label={label(def, lang)} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(field, e.currentTarget.value || undefined)}>
          <option value="">{t('answer.pick')}</option>
          {options.map((option) => (
            <option key={String(option.value)} value={String(option.value)}>
              {option.text}
            </option>
          ))}
        </select>
        {otherField}
      </div>
    );
  }
  const list = (
    <div class={`choices${def.kind === 'RATING' ? ' rating' : ''}${likert ? ' likert' : ''}`}>
      {searchable && (
        <label class="field choice-search">
          <span>{t('answer.search')}</span>
          <input type="search" value={query} autoComplete="off" onInput={(e) => setQuery(e.currentTarget.value)} />
        </label>
      )}
      {searchable && (
        <p class="hint" role="status">
          {matching.length === 0 ? t('answer.searchNone') : matching.length > SHOWN ? t('answer.searchMore', { shown: SHOWN, count: matching.length }) : ''}
        </p>
      )}
      {listed.map((option) => (
        <label class="choice" key={String(option.value)}>
          <input
            type={multiple ? 'checkbox' : 'radio'}
            name={name}
            checked={chosen(option.value)}
            aria-describedby={describedBy}
            onChange={(e) => {
              toggle(option.value);
              if (quick) moveOn(e.currentTarget);
            }}
          />
          <span aria-label={def.kind === 'RATING' ? t('answer.rating', { value: option.text }) : undefined}>{option.text}</span>
        </label>
      ))}
      {otherField}
    </div>
  );
  if (!minimal || !multiple) return list;
  // "minimal" over several choices: folded under what is chosen, opened to change it
  const summary = options.filter((o) => chosen(o.value)).map((o) => o.text).join(', ');
  return (
    <details class="minimal">
      <summary>{summary || t('answer.pick')}</summary>
      {list}
    </details>
  );
}

interface BarcodeProps {
  common: Record<string, unknown>;
  value: string;
  onChange: (value: string) => void;
}

/** A code typed, pasted or read with the camera (where the browser has a detector). */
function BarcodeField({ common, value, onChange }: BarcodeProps) {
  const { t } = useI18n();
  const [scanning, setScanning] = useState(false);
  const [failed, setFailed] = useState(false);
  const video = useBarcodeCamera(
    scanning,
    (code) => {
      setScanning(false);
      onChange(code);
    },
    () => {
      setFailed(true);
      setScanning(false);
    },
  );
  return (
    <div class="barcode">
      <input {...common} type="text" autoComplete="off" autoCapitalize="off" spellcheck={false} value={value} onInput={(e) => onChange(e.currentTarget.value)} />
      {hasDetector() && (
        <button type="button" class="secondary" onClick={() => setScanning(!scanning)}>
          {scanning ? t('answer.scanStop') : t('answer.scan')}
        </button>
      )}
      {failed && <p class="error">{t('answer.cameraFailed')}</p>}
      {scanning && <video ref={video} class="camera" muted playsInline aria-label={t('answer.camera')} />}
    </div>
  );
}

/**
 * A trace or a shape: its points, one a line ("lat lon", as ODK writes them), typed or
 * added from the device's position one at a time as the respondent walks the boundary.
 */
function PointsField({ common, value, onChange }: BarcodeProps) {
  const { t } = useI18n();
  const add = (point: Location | undefined): void => {
    if (!point) return;
    const line = `${point.lat} ${point.lon} 0 ${point.accuracy ?? 0}`;
    onChange(value.trim() ? `${value.trim()}\n${line}` : line);
  };
  const count = value.split(/[;\n]/).filter((p) => p.trim()).length;
  return (
    <div class="points">
      <textarea {...common} rows={4} spellcheck={false} value={value.replace(/;/g, '\n')} onInput={(e) => onChange(e.currentTarget.value)} />
      <p class="hint" role="status">
        {t('answer.points', { count })}
      </p>
      <LocationField value={undefined} onChange={add} addLabel={t('answer.addPoint')} />
    </div>
  );
}

function LocationField({ value, onChange, addLabel }: { value: Location | undefined; onChange: (value: Location | undefined) => void; addLabel?: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const locate = (): void => {
    if (!('geolocation' in navigator)) {
      setFailure(t('answer.locationUnsupported'));
      return;
    }
    setBusy(true);
    setFailure(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setBusy(false);
        const round = (n: number, digits: number): number => Number(n.toFixed(digits));
        onChange({
          lat: round(position.coords.latitude, 6),
          lon: round(position.coords.longitude, 6),
          accuracy: round(position.coords.accuracy, 1),
        });
      },
      (error) => {
        setBusy(false);
        setFailure(t('answer.locationDenied', { reason: error.message }));
      },
      { enableHighAccuracy: true, timeout: 30_000, maximumAge: 0 },
    );
  };
  return (
    <div class="location">
      {value && (
        <p class="value" role="status">
          {t('answer.location', { lat: value.lat, lon: value.lon, accuracy: value.accuracy ?? '?' })}
        </p>
      )}
      <button type="button" class="secondary" onClick={locate} disabled={busy}>
        {busy ? t('answer.locating') : value ? t('answer.locateAgain') : (addLabel ?? t('answer.locate'))}
      </button>
      {failure && <p class="error">{failure}</p>}
    </div>
  );
}
