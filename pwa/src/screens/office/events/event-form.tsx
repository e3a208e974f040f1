/**
 * The event form, for a new event (or series) and for editing one: what `createEvent`
 * and `updateEvent` take. Times are Vietnam time as typed; the trainer, hours and pass
 * mark only for trainings; a series repeats monthly or quarterly. The server checks
 * everything again and its errors are shown on their fields.
 */
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { CountField, FieldError, SelectField, TextAreaField, TextField, draftFields } from '../../../components/fields';
import { FormActions } from '../../../components/form-send';
import { useLoaded } from '../../../components/use-loaded';
import type { ServerError } from '../../../data/db';
import { EVENT_KINDS, type EventFields, type EventKind, type ManagedEvent, type NewEvent, type Organization, type Recurrence, fetchOrganizers } from '../../../data/events';
import { vietnamInput } from '../../../data/days';
import { type MessageKey, useI18n } from '../../../i18n';
import { FormErrors, fieldErrors, unitOptions, useFocusFirstError, useUnitChoices, wholeNumber } from './parts';

const FIELDS = [
  'kind',
  'title',
  'topic',
  'adminUnitCode',
  'startsAt',
  'endsAt',
  'place',
  'onlineUrl',
  'capacity',
  'organizerId',
  'agenda',
  'documents',
  'trainer',
  'hours',
  'passMark',
  'recurrence',
  'occurrences',
  'minutes',
] as const;

interface Draft {
  kind: EventKind;
  title: string;
  topic: string;
  adminUnitCode: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  capacity: string;
  organizerId: string;
  agenda: string;
  documents: { title: string; url: string }[];
  trainer: string;
  hours: string;
  passMark: string;
  recurrence: Recurrence | '';
  occurrences: string;
  minutes: string;
}

function draftOf(event: ManagedEvent | null, scopeCode: string): Draft {
  return {
    kind: (event?.kind as EventKind | undefined) ?? 'TRAINING',
    title: event?.title ?? '',
    topic: event?.topic ?? '',
    adminUnitCode: event?.adminUnit.code ?? scopeCode,
    startsAt: event ? vietnamInput(event.startsAt) : '',
    endsAt: event ? vietnamInput(event.endsAt) : '',
    place: event?.place ?? '',
    onlineUrl: event?.onlineUrl ?? '',
    capacity: event?.capacity?.toString() ?? '',
    organizerId: event?.organizer?.id ?? '',
    agenda: event?.agenda ?? '',
    documents: event?.documents.map((d) => ({ ...d })) ?? [],
    trainer: event?.trainer ?? '',
    hours: event?.hours?.toString() ?? '',
    passMark: event?.passMark?.toString() ?? '',
    recurrence: '',
    occurrences: '6',
    minutes: event?.minutes ?? '',
  };
}

type Submit = { create: NewEvent } | { update: EventFields & { minutes: string } };

interface Props {
  /** The event edited; null for a new one. */
  event: ManagedEvent | null;
  /** Save; resolves to the server's errors (none: saved). */
  onSubmit: (values: Submit) => Promise<ServerError[]>;
  onCancel?: () => void;
}

export function EventForm({ event, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const scope = viewer?.scope.code ?? '';
  const [draft, setDraft] = useState<Draft>(() => draftOf(event, scope));
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const organizers = useLoaded(() => fetchOrganizers(draft.adminUnitCode), [] as Organization[], [draft.adminUnitCode]);
  const units = useUnitChoices(event ? null : scope);
  const creating = event === null;
  const training = draft.kind === 'TRAINING';

  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((now) => ({ ...now, [key]: value }));
  const setDocument = (index: number, key: 'title' | 'url', value: string): void =>
    setDraft((now) => ({ ...now, documents: now.documents.map((d, i) => (i === index ? { ...d, [key]: value } : d)) }));
  const shown = fieldErrors(errors, FIELDS);
  const field = draftFields(draft, set, shown.on);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  /** What the browser can tell before asking the server: the times and the numbers. */
  const localErrors = (): ServerError[] => {
    const found: ServerError[] = [];
    const need = (field: string, message: MessageKey): void => {
      found.push({ field, code: 'REQUIRED', message: t(message) });
    };
    if (!draft.startsAt) need('startsAt', 'evm.form.timeRequired');
    if (!draft.endsAt) need('endsAt', 'evm.form.timeRequired');
    for (const field of ['capacity', 'passMark', 'occurrences'] as const)
      if (Number.isNaN(wholeNumber(draft[field]))) need(field, 'evm.form.wholeNumber');
    if (draft.hours.trim() && !Number.isFinite(Number(draft.hours.replace(',', '.')))) need('hours', 'evm.form.number');
    return found;
  };

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const local = localErrors();
    setErrors(local);
    if (local.length > 0) return;
    const fields: EventFields = {
      title: draft.title.trim(),
      topic: draft.topic.trim(),
      place: draft.place.trim(),
      onlineUrl: draft.onlineUrl.trim(),
      startsAt: `${draft.startsAt}:00`,
      endsAt: `${draft.endsAt}:00`,
      capacity: wholeNumber(draft.capacity),
      agenda: draft.agenda,
      documents: draft.documents.filter((d) => d.title.trim() || d.url.trim()).map((d) => ({ title: d.title.trim(), url: d.url.trim() })),
      organizerId: draft.organizerId || null,
      trainer: training ? draft.trainer.trim() : '',
      hours: training && draft.hours.trim() ? Number(draft.hours.replace(',', '.')) : null,
      passMark: training ? wholeNumber(draft.passMark) : null,
    };
    setWorking(true);
    try {
      const values: Submit = creating
        ? {
            create: {
              ...fields,
              kind: draft.kind,
              adminUnitCode: draft.adminUnitCode,
              recurrence: draft.recurrence || null,
              occurrences: draft.recurrence ? (wholeNumber(draft.occurrences) ?? 1) : 1,
            },
          }
        : { update: { ...fields, minutes: draft.minutes } };
      setErrors(await onSubmit(values));
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('evm.saveFailed') }]);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form ref={formRef} class="event-form" onSubmit={submit} noValidate>
      {creating && (
        <div class="grid2">
          <div>
            <SelectField
              id="ev-kind"
              label={t('evm.form.kind')}
              value={draft.kind}
              options={EVENT_KINDS.map((k) => ({ value: k, label: t(`event.kind.${k}` as MessageKey) }))}
              error={shown.on('kind')}
              onChange={(e) => set('kind', e.currentTarget.value as EventKind)}
            />
          </div>
          <div>
            <SelectField
              id="ev-unit"
              label={t('evm.form.unit')}
              options={units ? unitOptions(units) : [{ value: scope, label: viewer?.scope.name ?? scope }]}
              {...field.choice('adminUnitCode')}
            />
          </div>
        </div>
      )}
      <TextField id="ev-title" label={t('evm.form.title')} {...field.text('title')} />
      <TextField id="ev-topic" label={t('evm.form.topic')} {...field.text('topic')} />
      <div class="grid2">
        <div>
          <TextField id="ev-starts" type="datetime-local" label={t('evm.form.startsAt')} {...field.text('startsAt')} />
        </div>
        <div>
          <TextField id="ev-ends" type="datetime-local" label={t('evm.form.endsAt')} {...field.text('endsAt')} />
        </div>
      </div>
      <p class="hint">{t('evm.form.timeHint')}</p>
      <TextField id="ev-place" label={t('evm.form.place')} {...field.text('place')} />
      <div class="grid2">
        <div>
          <TextField id="ev-url" type="url" label={t('evm.form.onlineUrl')} {...field.text('onlineUrl')} />
        </div>
        <div>
          <CountField id="ev-capacity" min={1} label={t('evm.form.capacity')} {...field.text('capacity')} />
        </div>
      </div>
      <SelectField
        id="ev-organizer"
        label={t('evm.form.organizer')}
        placeholder={t('evm.form.noOrganizer')}
        options={[
          ...organizers.map((o) => ({ value: o.id, label: o.name })),
          ...(event?.organizer && !organizers.some((o) => o.id === event.organizer?.id) ? [{ value: event.organizer.id, label: event.organizer.name }] : []),
        ]}
        {...field.choice('organizerId')}
      />
      {training && (
        <fieldset class="question">
          <legend>{t('evm.form.trainingPart')}</legend>
          <TextField id="ev-trainer" label={t('evm.form.trainer')} {...field.text('trainer')} />
          <div class="grid2">
            <div>
              <TextField id="ev-hours" type="number" inputMode="decimal" step="0.5" min={0} label={t('evm.form.hours')} {...field.text('hours')} />
            </div>
            <div>
              <CountField id="ev-passmark" max={100} label={t('evm.form.passMark')} {...field.text('passMark')} />
            </div>
          </div>
          <p class="hint">{t('evm.form.passMarkHint')}</p>
        </fieldset>
      )}
      <TextAreaField id="ev-agenda" label={t('evm.form.agenda')} {...field.text('agenda')} />
      <fieldset class="question">
        <legend>{t('evm.form.documents')}</legend>
        {draft.documents.map((doc, index) => (
          <div class="criterion-row" key={index}>
            <TextField label={t('evm.form.documentTitle')} value={doc.title} onInput={(e) => setDocument(index, 'title', e.currentTarget.value)} />
            <TextField type="url" label={t('evm.form.documentUrl')} value={doc.url} onInput={(e) => setDocument(index, 'url', e.currentTarget.value)} />
            <button
              type="button"
              class="danger small"
              aria-label={t('evm.form.removeDocumentNamed', { n: index + 1 })}
              onClick={() => setDraft((now) => ({ ...now, documents: now.documents.filter((_, i) => i !== index) }))}
            >
              {t('evm.form.removeDocument')}
            </button>
          </div>
        ))}
        <button type="button" class="secondary small" onClick={() => setDraft((now) => ({ ...now, documents: [...now.documents, { title: '', url: '' }] }))}>
          {t('evm.form.addDocument')}
        </button>
        <FieldError message={shown.on('documents')} />
      </fieldset>
      {creating && (
        <div class="grid2">
          <div>
            <SelectField
              id="ev-recurrence"
              label={t('evm.form.recurrence')}
              value={draft.recurrence}
              options={[
                { value: '', label: t('evm.form.once') },
                { value: 'MONTHLY', label: t('evm.form.MONTHLY') },
                { value: 'QUARTERLY', label: t('evm.form.QUARTERLY') },
              ]}
              error={shown.on('recurrence')}
              onChange={(e) => set('recurrence', e.currentTarget.value as Recurrence | '')}
            />
          </div>
          <div>
            {draft.recurrence && (
              <CountField id="ev-occurrences" min={2} max={24} label={t('evm.form.occurrences')} {...field.text('occurrences')} />
            )}
          </div>
        </div>
      )}
      {!creating && (
        <TextAreaField id="ev-minutes" label={t('evm.form.minutes')} hint={t('evm.form.minutesHint')} {...field.text('minutes')} />
      )}
      <FormErrors messages={shown.rest} />
      <FormActions working={working} workingLabel={t('evm.working')} submitLabel={creating ? t('evm.form.create') : t('evm.form.save')} onCancel={onCancel} />
    </form>
  );
}
