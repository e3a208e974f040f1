/**
 * A partner's offer, new or changed (partner logins `doitac.*`): the title and what it
 * covers, expertise tags, the experts lent (members of the partner's own organisation),
 * capacity in person-days a month, the units served (the whole province or chosen
 * communes) and the period. The server checks everything again; its translated errors are
 * shown on their fields. A chunk of its own, with the office's strings.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { CheckField, FieldError, TextAreaField, TextField, toggled } from '../../components/fields';
import { useLoaded } from '../../components/use-loaded';
import type { ServerError } from '../../data/db';
import { type AreaUnit, keptUnits, searchUnits } from '../../data/network';
import { type Expert, type SupportOffer, createOffer, fetchExperts, updateOffer } from '../../data/support';
import { useI18n } from '../../i18n';
import { FormErrors, fieldErrors, useFocusFirstError, wholeNumber } from '../office/events/parts';
import { TagChoice } from './tag-choice';

const FIELDS = ['title', 'description', 'tags', 'expertIds', 'capacityPersonDays', 'servedUnitCodes', 'startsOn', 'endsOn'];
const SHOWN = 30;

/** The whole province, or communes found by name (no diacritics needed). */
function ServedUnits({ value, onChange, error }: { value: string[]; onChange: (codes: string[]) => void; error: string | null }) {
  const { t } = useI18n();
  const communes = useLoaded(keptUnits, [] as AreaUnit[], []);
  const [query, setQuery] = useState('');
  const province = communes[0]?.path.split('/').filter(Boolean)[0] ?? '';
  const matches = useMemo(() => searchUnits(communes, query).slice(0, SHOWN), [communes, query]);
  const chosen = communes.filter((u) => value.includes(u.code) && !matches.includes(u));
  const toggle = (code: string, on: boolean): void => onChange(on ? [...value, code] : value.filter((c) => c !== code));
  return (
    <fieldset class="question" aria-invalid={error ? true : undefined}>
      <legend>{t('supf.served')}</legend>
      {province && (
        <label class="choice">
          <input type="checkbox" checked={value.includes(province)} onChange={(e) => toggle(province, e.currentTarget.checked)} /> {t('supf.wholeProvince')}
        </label>
      )}
      <TextField id="supf-unit-search" type="search" label={t('supf.findCommune')} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      <div class="sup-choices">
        {[...chosen, ...matches].map((u) => (
          <label class="choice" key={u.code}>
            <input type="checkbox" checked={value.includes(u.code)} onChange={(e) => toggle(u.code, e.currentTarget.checked)} /> {u.name}
          </label>
        ))}
      </div>
      <FieldError message={error} />
    </fieldset>
  );
}

export function OfferForm({ offer, onSaved }: { offer: SupportOffer | null; onSaved: () => void }) {
  const { t } = useI18n();
  const experts = useLoaded(fetchExperts, [] as Expert[], []);
  const [title, setTitle] = useState(offer?.title ?? '');
  const [description, setDescription] = useState(offer?.description ?? '');
  const [tagIds, setTagIds] = useState<number[]>(offer?.tags.map((x) => x.id) ?? []);
  const [expertIds, setExpertIds] = useState<string[]>(offer?.experts.map((x) => x.id) ?? []);
  const [capacity, setCapacity] = useState(offer ? String(offer.capacityPersonDays) : '');
  const [units, setUnits] = useState<string[]>(offer?.servedUnits.map((u) => u.code) ?? []);
  const [startsOn, setStartsOn] = useState(offer?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(offer?.endsOn ?? '');
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const shown = fieldErrors(errors, FIELDS);
  const prefix = offer ? `supf-o${offer.id}` : 'supf-offer';

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const local: ServerError[] = [];
    const days = wholeNumber(capacity);
    if (!startsOn) local.push({ field: 'startsOn', code: 'REQUIRED', message: t('prjf.dateRequired') });
    if (!endsOn) local.push({ field: 'endsOn', code: 'REQUIRED', message: t('prjf.dateRequired') });
    if (days === null || Number.isNaN(days)) local.push({ field: 'capacityPersonDays', code: 'INVALID', message: t('supf.wholeNumber') });
    setErrors(local);
    if (local.length > 0) return;
    const fields = { title: title.trim(), description: description.trim(), tagIds, expertIds, capacityPersonDays: days ?? 0, servedUnitCodes: units, startsOn, endsOn };
    setWorking(true);
    try {
      const saved = offer ? await updateOffer(offer.id, fields) : await createOffer(fields);
      setErrors(saved.errors);
      if (saved.id && saved.errors.length === 0) onSaved();
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('sup.failed') }]);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form ref={formRef} class="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${prefix}-h`}>
      <h2 id={`${prefix}-h`}>{offer ? t('supf.editOffer') : t('supf.newOffer')}</h2>
      <TextField id={`${prefix}-title`} label={t('supf.offerTitle')} value={title} error={shown.on('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
      <TextAreaField id={`${prefix}-desc`} label={t('supf.description')} value={description} error={shown.on('description')} rows={3} onInput={(e) => setDescription(e.currentTarget.value)} />
      <TagChoice value={tagIds} onChange={setTagIds} error={shown.on('tags')} />
      <fieldset class="question">
        <legend>{t('supf.experts')}</legend>
        {experts.length === 0 && <p class="hint">{t('supf.noExperts')}</p>}
        {experts.map((x) => (
          <CheckField key={x.id} checked={expertIds.includes(x.id)} onChange={(on) => setExpertIds((now) => toggled(now, x.id, on))}>
            {' '}
            {x.fullName}
            {x.position ? ` (${x.position})` : ''}
          </CheckField>
        ))}
        <FieldError message={shown.on('expertIds')} />
      </fieldset>
      <TextField id={`${prefix}-capacity`} label={t('supf.capacity')} inputMode="numeric" value={capacity} error={shown.on('capacityPersonDays')} onInput={(e) => setCapacity(e.currentTarget.value)} />
      <ServedUnits value={units} onChange={setUnits} error={shown.on('servedUnitCodes')} />
      <div class="grid2">
        <div>
          <TextField id={`${prefix}-starts`} type="date" label={t('prjf.startsOn')} value={startsOn} error={shown.on('startsOn')} onInput={(e) => setStartsOn(e.currentTarget.value)} />
        </div>
        <div>
          <TextField id={`${prefix}-ends`} type="date" label={t('prjf.endsOn')} value={endsOn} error={shown.on('endsOn')} onInput={(e) => setEndsOn(e.currentTarget.value)} />
        </div>
      </div>
      <FormErrors messages={shown.rest} />
      <button type="submit" class="primary" disabled={working}>
        {offer ? t('supf.saveOffer') : t('supf.publishOffer')}
      </button>
    </form>
  );
}
