/**
 * A new campaign (`#/campaigns/manage/new`): title, topic, the unit it covers, its
 * period, overall goals, and goals per targeted unit (the unit itself and the units right
 * below it); without targets the campaign targets its own unit. Once created, its
 * progress page.
 */
import { useRef, useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { BackLink } from '../../../components/back-link';
import { CountField, FieldError, SelectField, TextField } from '../../../components/fields';
import { FormActions } from '../../../components/form-send';
import { createCampaign } from '../../../data/campaigns';
import { todayInVietnam } from '../../../data/days';
import type { ServerError } from '../../../data/db';
import { useI18n } from '../../../i18n';
import { type ScreenProps, go } from '../../../router';
import { FormErrors, editorsOnly, fieldErrors, unitOptions, useFocusFirstError, useUnitChoices, wholeNumber } from './parts';

const FIELDS = ['title', 'topic', 'adminUnitCode', 'startsOn', 'endsOn', 'goalPeople', 'goalHouseholds', 'targets'] as const;

interface TargetRow {
  adminUnitCode: string;
  goalPeople: string;
  goalHouseholds: string;
}

const inDays = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function CampaignCreateScreen() {
  const { t } = useI18n();
  const { viewer } = useApp();
  const scope = viewer?.scope.code ?? '';
  const today = todayInVietnam();
  const [title, setTitle] = useState('');
  const [topic, setTopic] = useState('');
  const [unit, setUnit] = useState(scope);
  const [startsOn, setStartsOn] = useState(today);
  const [endsOn, setEndsOn] = useState(inDays(today, 90));
  const [goalPeople, setGoalPeople] = useState('');
  const [goalHouseholds, setGoalHouseholds] = useState('');
  const [targets, setTargets] = useState<TargetRow[]>([]);
  const [errors, setErrors] = useState<ServerError[]>([]);
  const [working, setWorking] = useState(false);
  const units = useUnitChoices(scope);
  const targetUnits = useUnitChoices(unit);
  const shown = fieldErrors(errors, FIELDS);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, errors);

  const setTarget = (index: number, key: keyof TargetRow, value: string): void =>
    setTargets((now) => now.map((row, i) => (i === index ? { ...row, [key]: value } : row)));

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const numbers = [goalPeople, goalHouseholds, ...targets.flatMap((r) => [r.goalPeople, r.goalHouseholds])];
    if (numbers.some((n) => Number.isNaN(wholeNumber(n)))) {
      setErrors([{ field: null, code: 'INVALID', message: t('evm.form.wholeNumber') }]);
      return;
    }
    const missing: ServerError[] = [];
    if (!startsOn) missing.push({ field: 'startsOn', code: 'REQUIRED', message: t('evm.form.timeRequired') });
    if (!endsOn) missing.push({ field: 'endsOn', code: 'REQUIRED', message: t('evm.form.timeRequired') });
    if (targets.some((r) => !r.adminUnitCode)) missing.push({ field: 'targets', code: 'REQUIRED', message: t('cpm.targetUnitRequired') });
    setErrors(missing);
    if (missing.length > 0) return;
    setWorking(true);
    try {
      const created = await createCampaign({
        title: title.trim(),
        topic: topic.trim(),
        adminUnitCode: unit,
        startsOn,
        endsOn,
        goalPeople: wholeNumber(goalPeople) ?? 0,
        goalHouseholds: wholeNumber(goalHouseholds) ?? 0,
        targets: targets.map((r) => ({ adminUnitCode: r.adminUnitCode, goalPeople: wholeNumber(r.goalPeople), goalHouseholds: wholeNumber(r.goalHouseholds) })),
      });
      if (created.id) go({ name: 'campaignManage', id: created.id });
      else setErrors(created.errors);
    } catch {
      setErrors([{ field: null, code: 'NETWORK', message: t('evm.saveFailed') }]);
    } finally {
      setWorking(false);
    }
  };

  return (
    <section class="wide office-form">
      <BackLink to={{ name: 'campaignsManage' }}>{t('cpm.title')}</BackLink>
      <h1>{t('cpm.create')}</h1>
      <form ref={formRef} class="card" onSubmit={submit} noValidate>
        <TextField id="cp-title" label={t('cpm.form.title')} value={title} error={shown.on('title')} onInput={(e) => setTitle(e.currentTarget.value)} />
        <TextField id="cp-topic" label={t('cpm.form.topic')} value={topic} error={shown.on('topic')} onInput={(e) => setTopic(e.currentTarget.value)} />
        <SelectField
          id="cp-unit"
          label={t('cpm.form.unit')}
          value={unit}
          options={units ? unitOptions(units) : [{ value: scope, label: viewer?.scope.name ?? scope }]}
          error={shown.on('adminUnitCode')}
          onChange={(e) => {
            setUnit(e.currentTarget.value);
            setTargets([]);
          }}
        />
        <div class="grid2">
          <div>
            <TextField id="cp-starts" type="date" label={t('cpm.form.startsOn')} value={startsOn} error={shown.on('startsOn')} onInput={(e) => setStartsOn(e.currentTarget.value)} />
          </div>
          <div>
            <TextField id="cp-ends" type="date" label={t('cpm.form.endsOn')} value={endsOn} error={shown.on('endsOn')} onInput={(e) => setEndsOn(e.currentTarget.value)} />
          </div>
        </div>
        <div class="grid2">
          <div>
            <CountField
              id="cp-people"
              label={t('cpm.form.goalPeople')}
              value={goalPeople}
              error={shown.on('goalPeople')}
              onInput={(e) => setGoalPeople(e.currentTarget.value)}
            />
          </div>
          <div>
            <CountField
              id="cp-households"
              label={t('cpm.form.goalHouseholds')}
              value={goalHouseholds}
              error={shown.on('goalHouseholds')}
              onInput={(e) => setGoalHouseholds(e.currentTarget.value)}
            />
          </div>
        </div>
        <fieldset class="question">
          <legend>{t('cpm.form.targets')}</legend>
          <p class="hint">{t('cpm.form.targetsHint')}</p>
          {targets.map((row, index) => (
            <div class="criterion-row target-row" key={index}>
              <SelectField
                label={t('cpm.form.targetUnit', { n: index + 1 })}
                placeholder={t('cpm.form.chooseUnit')}
                value={row.adminUnitCode}
                options={targetUnits ? unitOptions(targetUnits) : []}
                onChange={(e) => setTarget(index, 'adminUnitCode', e.currentTarget.value)}
              />
              <CountField
                label={t('cpm.form.targetPeople', { n: index + 1 })}
                value={row.goalPeople}
                onInput={(e) => setTarget(index, 'goalPeople', e.currentTarget.value)}
              />
              <CountField
                label={t('cpm.form.targetHouseholds', { n: index + 1 })}
                value={row.goalHouseholds}
                onInput={(e) => setTarget(index, 'goalHouseholds', e.currentTarget.value)}
              />
              <button
                type="button"
                class="danger small"
                aria-label={t('cpm.form.removeTargetNamed', { n: index + 1 })}
                onClick={() => setTargets((now) => now.filter((_, i) => i !== index))}
              >
                {t('cpm.form.removeTarget')}
              </button>
            </div>
          ))}
          <button type="button" class="secondary small" onClick={() => setTargets((now) => [...now, { adminUnitCode: '', goalPeople: '', goalHouseholds: '' }])}>
            {t('cpm.form.addTarget')}
          </button>
          <FieldError message={shown.on('targets')} />
        </fieldset>
        <FormErrors messages={shown.rest} />
        <FormActions working={working} workingLabel={t('evm.working')} submitLabel={t('cpm.form.create')} onCancel={() => go({ name: 'campaignsManage' })} />
      </form>
    </section>
  );
}

export const CampaignCreate = editorsOnly<ScreenProps<'campaignCreate'>>(CampaignCreateScreen);
