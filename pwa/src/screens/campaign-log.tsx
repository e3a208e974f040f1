/**
 * A field log of a campaign, offline through the outbox: the commune or hamlet (only
 * the units of the viewer's own area the campaign targets), the kind of activity, people
 * and households reached, a note, photos (downscaled on the phone, data/photo.ts) and the
 * GPS position with its accuracy. Saved once with its clientId; the photos follow it.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-state';
import { BackLink } from '../components/back-link';
import { ReopenedWarning } from '../components/draft-notice';
import { CountField, SelectField, TextAreaField } from '../components/fields';
import { PhotoPicker, usePhotoPicker } from '../components/photo-picker';
import { ErrorState, LoadingState } from '../components/states';
import { UnitPicker } from '../components/unit-picker';
import {
  type CampaignProgress,
  FIELD_ACTIVITY_KINDS,
  type FieldActivityKind,
  type LogDraft,
  enqueueFieldLog,
  fetchProgress,
  reopenedLog,
  unitsInCampaign,
} from '../data/campaigns';
import type { ServerError } from '../data/db';
import { type AreaUnit, areaUnits } from '../data/network';
import { useI18n } from '../i18n';
import { type ScreenProps, href } from '../router';
import { fromVietnamInput, vietnamInput } from '../data/days';

type Position = { latitude: number; longitude: number; accuracy: number | null };

const localNow = (): string => vietnamInput(new Date());

/** The server's field names, as this form's fields. */
const FIELDS: Record<string, string> = {
  adminUnitCode: 'unit',
  happenedAt: 'when',
  peopleReached: 'people',
  householdsReached: 'households',
  note: 'note',
  location: 'location',
};

export function CampaignLogScreen({ route }: ScreenProps<'campaignLog'>) {
  const { t } = useI18n();
  const { viewer, syncNow } = useApp();
  const [progress, setProgress] = useState<CampaignProgress | null>(null);
  const [units, setUnits] = useState<AreaUnit[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [unit, setUnit] = useState('');
  const [kind, setKind] = useState<FieldActivityKind>('DOOR_TO_DOOR');
  const [when, setWhen] = useState(localNow);
  const [people, setPeople] = useState('');
  const [households, setHouseholds] = useState('');
  const [note, setNote] = useState('');
  const picker = usePhotoPicker();
  const { photos, preparing } = picker;
  const [position, setPosition] = useState<Position | null>(null);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  // a refused log reopened from the outbox: its messages on their fields, the others above
  const [reopened, setReopened] = useState<ServerError[] | null>(null);

  const restore = (draft: LogDraft): void => {
    const { log } = draft;
    setUnit(log.adminUnitCode);
    setKind(log.activity);
    setWhen(vietnamInput(log.happenedAt));
    setPeople(String(log.peopleReached));
    setHouseholds(String(log.householdsReached));
    setNote(log.note);
    setPosition(log.location);
    picker.restore(draft.photos);
    const onFields: Record<string, string> = {};
    for (const e of draft.serverErrors) if (e.field && FIELDS[e.field]) onFields[FIELDS[e.field] as string] = e.message;
    setErrors(onFields);
    setReopened(draft.serverErrors.filter((e) => !e.field || !FIELDS[e.field]));
  };

  useEffect(() => {
    if (!viewer) return;
    Promise.all([fetchProgress(route.id), areaUnits(viewer.scope.code), reopenedLog(viewer.username, route.id)]).then(
      ([found, area, draft]) => {
        setProgress(found.progress);
        const allowed = unitsInCampaign(area, found.progress.campaign);
        setUnits(allowed);
        if (allowed.length === 1) setUnit(allowed[0]?.code ?? '');
        if (draft) restore(draft);
      },
      () => setFailed(true),
    );
  }, [route.id, viewer?.scope.code]);

  if (!viewer) return <ErrorState message={t('campaign.signIn')} />;
  if (failed) return <ErrorState message={t('campaign.loadFailed')} />;
  if (!progress || !units) return <LoadingState />;
  const campaign = progress.campaign;

  const locate = (): void => {
    if (!navigator.geolocation) return setLocating('failed');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPosition({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const count = (text: string): number | null => (text.trim() === '' ? 0 : /^\d+$/.test(text.trim()) ? Number(text) : null);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    const peopleReached = count(people);
    const householdsReached = count(households);
    if (!unit) problems.unit = t('log.unitRequired');
    if (peopleReached === null) problems.people = t('log.wholeNumber');
    if (householdsReached === null) problems.households = t('log.wholeNumber');
    const happenedAt = fromVietnamInput(when);
    if (!happenedAt || Date.parse(happenedAt) > Date.now() + 10 * 60_000) problems.when = t('log.whenInvalid');
    setErrors(problems);
    if (!happenedAt || Object.keys(problems).length > 0) return;
    const chosen = units.find((u) => u.code === unit);
    await enqueueFieldLog(
      viewer.username,
      {
        campaignId: campaign.id,
        campaignTitle: campaign.title,
        adminUnitCode: unit,
        unitName: chosen?.name ?? unit,
        happenedAt,
        activity: kind,
        peopleReached: peopleReached ?? 0,
        householdsReached: householdsReached ?? 0,
        note: note.trim(),
        location: position,
      },
      new Map(photos.map((p, i) => [`photo-${i + 1}`, { blob: p.blob, sha256: p.sha256 }])),
    );
    picker.clear();
    setSaved(true);
    void syncNow();
  };

  if (saved)
    return (
      <section class="card narrow" aria-live="polite">
        <h1>{t('log.saved')}</h1>
        <p>{t('log.savedBody')}</p>
        <div class="actions">
          <a class="button secondary" href={href({ name: 'outbox' })}>
            {t('form.toOutbox')}
          </a>
          <a class="button primary" href={href({ name: 'campaign', id: campaign.id })}>
            {t('log.back')}
          </a>
        </div>
      </section>
    );

  return (
    <form class="log-form" onSubmit={(e) => void submit(e)} noValidate>
      <BackLink to={{ name: 'campaign', id: campaign.id }}>{campaign.title}</BackLink>
      <h1>{t('log.title')}</h1>
      {reopened && <ReopenedWarning message={t('log.reopened')} errors={reopened} />}
      {units.length === 0 ? (
        <p class="warning">{t('log.noUnits')}</p>
      ) : (
        <UnitPicker
          id="log-unit"
          label={t('log.unit')}
          hint={t('log.unitHint')}
          units={units}
          value={unit}
          error={errors.unit}
          onChange={(code) => {
            setUnit(code);
            setErrors(({ unit: _shown, ...others }) => others); // a new choice answers the message
          }}
        />
      )}
      <SelectField
        id="log-kind"
        label={t('log.kind')}
        options={FIELD_ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`log.kind.${k}`) }))}
        value={kind}
        onChange={(e) => setKind(e.currentTarget.value as FieldActivityKind)}
      />
      <label class="field">
        <span>{t('log.when')}</span>
        <input type="datetime-local" value={when} aria-invalid={errors.when ? true : undefined} onInput={(e) => setWhen(e.currentTarget.value)} />
      </label>
      {errors.when && <p class="error">{errors.when}</p>}
      <div class="two">
        <CountField id="log-people" label={t('log.people')} value={people} error={errors.people} onInput={(e) => setPeople(e.currentTarget.value)} />
        <CountField
          id="log-households"
          label={t('log.households')}
          value={households}
          error={errors.households}
          onInput={(e) => setHouseholds(e.currentTarget.value)}
        />
      </div>
      <TextAreaField id="log-note" label={t('log.note')} value={note} maxLength={2000} error={errors.note} onInput={(e) => setNote(e.currentTarget.value)} />
      <PhotoPicker picker={picker} />
      <fieldset class="question location">
        <legend>{t('log.location')}</legend>
        {position && (
          <p class="value" data-testid="log-position">
            {t('answer.location', { lat: position.latitude.toFixed(5), lon: position.longitude.toFixed(5), accuracy: position.accuracy ?? '?' })}
          </p>
        )}
        {locating === 'failed' && <p class="error">{t('log.locationFailed')}</p>}
        {errors.location && <p class="error">{errors.location}</p>}
        <button type="button" class="secondary" disabled={locating === 'busy'} onClick={locate}>
          {locating === 'busy' ? t('answer.locating') : position ? t('answer.locateAgain') : t('answer.locate')}
        </button>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" disabled={preparing || units.length === 0}>
          {t('log.save')}
        </button>
      </div>
    </form>
  );
}
