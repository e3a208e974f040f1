/**
 * A new support request (unit editors: the province office, commune and agency managers):
 * the unit of their area that needs help, the need, expertise tags, dates, person-days and
 * people to be trained or helped. The server checks the scope, the dates and the numbers;
 * its translated errors are shown on their fields. A chunk of its own, with the office's
 * strings, fetched when the form is opened.
 */
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { SelectField, TextAreaField, TextField } from '../../components/fields';
import type { ServerError } from '../../data/db';
import { createRequest } from '../../data/support';
import { useI18n } from '../../i18n';
import { FormErrors, fieldErrors, unitOptions, useFocusFirstError, useUnitChoices, wholeNumber } from '../office/events/parts';
import { TagChoice } from './tag-choice';

const FIELDS = ['adminUnitCode', 'title', 'need', 'tags', 'startsOn', 'endsOn', 'personDays', 'peopleToHelp'];

export function RequestForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const scope = viewer?.scope.code ?? '';
  const units = useUnitChoices(scope);
  const [unit, setUnit] = useState(scope);
  const [title, setTitle] = useState('');
  const [need, setNeed] = useState('');
  const [tagIds, setTagIds] = useState<number[]>([]);
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [days, setDays] = useState('');
  const [people, setPeople] = useState('');
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);
  const shown = fieldErrors(errors, FIELDS);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const local: ServerError[] = [];
    const personDays = wholeNumber(days);
    const peopleToHelp = wholeNumber(people);
    if (!startsOn) local.push({ field: 'startsOn', code: 'REQUIRED', message: t('prjf.dateRequired') });
    if (!endsOn) local.push({ field: 'endsOn', code: 'REQUIRED', message: t('prjf.dateRequired') });
    if (personDays === null || Number.isNaN(personDays)) local.push({ field: 'personDays', code: 'INVALID', message: t('supf.wholeNumber') });
    if (Number.isNaN(peopleToHelp)) local.push({ field: 'peopleToHelp', code: 'INVALID', message: t('supf.wholeNumber') });
    setErrors(local);
    if (local.length > 0) return;
    setWorking(true);
    try {
      const created = await createRequest({
        adminUnitCode: unit,
        title: title.trim(),
        need: need.trim(),
        tagIds,
        startsOn,
        endsOn,
        personDays: personDays ?? 0,
        peopleToHelp: peopleToHelp ?? 0,
      });
      setErrors(created.errors);
      if (created.id && created.errors.length === 0) onCreated();
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('sup.failed') }]);
    } finally {
      setWorking(false);
    }
  };

  return (
    <form ref={formRef} class="card stack" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="supf-request">
      <h2 id="supf-request">{t('supf.newRequest')}</h2>
      <SelectField
        id="supf-unit"
        label={t('supf.unit')}
        value={unit}
        options={units ? unitOptions(units) : [{ value: scope, label: viewer?.scope.name ?? scope }]}
        error={shown.on('adminUnitCode')}
        onChange={(e) => setUnit(e.currentTarget.value)}
      />
      <TextField id="supf-title" label={t('supf.title')} value={title} error={shown.on('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
      <TextAreaField id="supf-need" label={t('supf.need')} value={need} error={shown.on('need')} rows={3} onInput={(e) => setNeed(e.currentTarget.value)} />
      <TagChoice value={tagIds} onChange={setTagIds} error={shown.on('tags')} />
      <div class="grid2">
        <div>
          <TextField id="supf-starts" type="date" label={t('prjf.startsOn')} value={startsOn} error={shown.on('startsOn')} onInput={(e) => setStartsOn(e.currentTarget.value)} />
        </div>
        <div>
          <TextField id="supf-ends" type="date" label={t('prjf.endsOn')} value={endsOn} error={shown.on('endsOn')} onInput={(e) => setEndsOn(e.currentTarget.value)} />
        </div>
        <div>
          <TextField id="supf-days" label={t('supf.personDays')} inputMode="numeric" value={days} error={shown.on('personDays')} onInput={(e) => setDays(e.currentTarget.value)} />
        </div>
        <div>
          <TextField id="supf-people" label={t('supf.peopleToHelp')} inputMode="numeric" value={people} error={shown.on('peopleToHelp')} onInput={(e) => setPeople(e.currentTarget.value)} />
        </div>
      </div>
      <FormErrors messages={shown.rest} />
      <button type="submit" class="primary" disabled={working}>
        {t('supf.sendRequest')}
      </button>
    </form>
  );
}
