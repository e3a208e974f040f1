import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { go } from '../app';
import { fetchSurvey, fetchUnits } from '../data/api';
import { type CachedSurvey, type UnitOption, type Viewer, cacheSurvey, cachedSurvey, deviceId, getMeta, setMeta } from '../data/db';
import { enqueue, sha256Hex } from '../data/outbox';
import { type Translate, useI18n } from '../i18n';
import { type Answers, type Form, type Location, type Problem, checkAnswers, isEmpty, parseForm, visiblePages } from '../rules/form';
import { localToday } from '../rules/rules';
import { type PhotoDraft, QuestionField, label } from './question';

const COMMUNE_KINDS = new Set(['COMMUNE', 'WARD', 'SPECIAL_ZONE']);

interface Props {
  id: string;
  viewer: Viewer | null;
  onSaved: () => void;
}

/** What the inputs hold, as answers: numbers typed as text become numbers. */
function typedAnswers(form: Form, raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const answers: Record<string, unknown> = { ...raw };
  for (const { def } of form.questions) {
    const value = raw[def.key];
    if ((def.kind === 'INTEGER' || def.kind === 'DECIMAL') && typeof value === 'string') {
      const text = value.trim().replace(',', '.');
      const number = Number(text);
      answers[def.key] = text === '' ? undefined : Number.isFinite(number) && /^-?\d*\.?\d+$/.test(text) ? number : text;
    }
  }
  return answers;
}

export function SurveyForm({ id, viewer, onSaved }: Props) {
  const { t, lang } = useI18n();
  const owner = viewer?.username ?? '';
  const [survey, setSurvey] = useState<CachedSurvey | null | 'missing'>(null);
  const [raw, setRaw] = useState<Record<string, unknown>>({});
  const [photos, setPhotos] = useState<Map<string, PhotoDraft>>(new Map());
  const [step, setStep] = useState<number | 'review' | 'saved'>(0);
  const [showErrors, setShowErrors] = useState(false);
  const [units, setUnits] = useState<UnitOption[]>([]);
  const [unitCode, setUnitCode] = useState('');
  const [saving, setSaving] = useState(false);
  const top = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const kept = await cachedSurvey(id);
      if (kept && live) setSurvey(kept);
      try {
        const fresh = await fetchSurvey(id, owner);
        if (fresh) await cacheSurvey(fresh);
        if (live && (!kept || (fresh && fresh.currentVersion !== kept.currentVersion))) setSurvey(fresh ?? 'missing');
      } catch {
        if (live && !kept) setSurvey('missing');
      }
    })();
    return () => {
      live = false;
    };
  }, [id, owner]);

  useEffect(() => {
    void (async () => {
      let list = (await getMeta('units')) ?? [];
      if (list.length === 0) {
        try {
          list = await fetchUnits();
          await setMeta('units', list);
        } catch {
          list = [];
        }
      }
      setUnits(list);
    })();
  }, []);

  const form = useMemo(() => (survey && survey !== 'missing' ? parseForm(survey.definition) : null), [survey]);
  const today = localToday();
  const checked = useMemo(() => (form ? checkAnswers(form, typedAnswers(form, raw), today) : null), [form, raw, today]);

  // The respondent's unit: the survey's own when it covers one commune, else the viewer's.
  const choices = useMemo(() => {
    if (!survey || survey === 'missing') return units;
    if (COMMUNE_KINDS.has(survey.area.kind)) return [survey.area];
    return units;
  }, [survey, units]);
  useEffect(() => {
    if (unitCode) return;
    if (choices.length === 1 && choices[0]) setUnitCode(choices[0].code);
    else if (viewer && choices.some((u) => u.code === viewer.scope.code)) setUnitCode(viewer.scope.code);
  }, [choices, viewer, unitCode]);

  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), []);

  if (survey === null) return <p class="loading">{t('app.loading')}</p>;
  if (survey === 'missing' || !form || !checked) {
    return (
      <p class="error" role="alert">
        {t('surveys.notFound')}
      </p>
    );
  }

  const pages = visiblePages(form, checked.visible);
  const pageIndex = typeof step === 'number' ? Math.min(step, Math.max(pages.length - 1, 0)) : 0;
  const page = pages[pageIndex] ?? 0;
  const scrollTop = (): void => {
    window.scrollTo(0, 0);
    top.current?.focus();
  };

  const change = (key: string, value: unknown): void => setRaw((now) => ({ ...now, [key]: value }));
  const choosePhoto = async (key: string, file: File | null): Promise<void> => {
    const old = photos.get(key);
    if (old) URL.revokeObjectURL(old.url);
    const next = new Map(photos);
    if (!file) {
      next.delete(key);
      setPhotos(next);
      change(key, undefined);
      return;
    }
    // a copy in memory: a camera capture's File may not outlive the page on Android
    const blob = new Blob([await file.arrayBuffer()], { type: file.type || 'application/octet-stream' });
    const sha256 = await sha256Hex(blob);
    next.set(key, { blob, sha256, url: URL.createObjectURL(blob) });
    setPhotos(next);
    change(key, sha256);
  };

  const pageProblems = (index: number): string[] =>
    form.questions.filter((q) => q.page === index && checked.problems.has(q.def.key)).map((q) => q.def.key);

  const next = (): void => {
    const wrong = pageProblems(page);
    if (wrong.length > 0) {
      setShowErrors(true);
      document.getElementById(`q-${wrong[0]}`)?.focus();
      return;
    }
    setShowErrors(false);
    setStep(pageIndex + 1 < pages.length ? pageIndex + 1 : 'review');
    scrollTop();
  };

  const back = (): void => {
    setShowErrors(false);
    setStep(step === 'review' ? pages.length - 1 : Math.max(pageIndex - 1, 0));
    scrollTop();
  };

  const submit = async (): Promise<void> => {
    const wrongPage = pages.findIndex((p) => pageProblems(p).length > 0);
    if (wrongPage >= 0) {
      setShowErrors(true);
      setStep(wrongPage);
      return;
    }
    if (!unitCode) {
      setShowErrors(true);
      return;
    }
    setSaving(true);
    try {
      const answers: Answers = checked.answers;
      const kept = new Map<string, { blob: Blob; sha256: string }>();
      for (const [key, photo] of photos) {
        if (answers[key] === photo.sha256) kept.set(key, { blob: photo.blob, sha256: photo.sha256 });
      }
      const where = form.questions.map((q) => answers[q.def.key]).find((a): a is Location => isLocation(a));
      await enqueue({
        surveyId: survey.id,
        surveyTitle: survey.title,
        version: survey.currentVersion,
        answers,
        adminUnitCode: unitCode,
        deviceId: await deviceId(),
        location: where ? { latitude: where.lat, longitude: where.lon, accuracy: where.accuracy } : null,
        owner,
        photos: kept,
      });
      setStep('saved');
      setRaw({});
      setPhotos(new Map());
      onSaved();
    } finally {
      setSaving(false);
    }
  };

  if (step === 'saved') {
    return (
      <section class="card" aria-live="polite">
        <h1 ref={top} tabIndex={-1}>
          {t('form.savedTitle')}
        </h1>
        <p>{t('form.savedBody')}</p>
        <div class="actions">
          <button type="button" class="primary" onClick={() => setStep(0)}>
            {t('form.another')}
          </button>
          <a class="button secondary" href="#/outbox">
            {t('form.toOutbox')}
          </a>
        </div>
      </section>
    );
  }

  const cancel = (): void => {
    if (Object.values(raw).every(isEmpty) || confirm(t('form.cancelConfirm'))) go('/');
  };

  if (step === 'review') {
    return (
      <section class="form">
        <h1 ref={top} tabIndex={-1}>
          {t('form.reviewTitle')}
        </h1>
        <p class="survey-title">{survey.title}</p>
        <dl class="review">
          {form.questions
            .filter((q) => q.def.kind !== 'NOTE' && checked.visible.has(q.def.key))
            .map((q) => (
              <div key={q.def.key}>
                <dt>{label(q.def, lang)}</dt>
                <dd class={checked.answers[q.def.key] === undefined ? 'none' : undefined}>
                  {showAnswer(q.def.key, checked.answers, form, lang, t)}
                </dd>
              </div>
            ))}
        </dl>
        <label class="field">
          <span>{t('form.unit')}</span>
          <select value={unitCode} onChange={(e) => setUnitCode(e.currentTarget.value)} aria-invalid={showErrors && !unitCode ? true : undefined}>
            <option value="">{t('form.unitChoose')}</option>
            {choices.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        {showErrors && !unitCode && (
          <p class="error" role="alert">
            {t('form.unitRequired')}
          </p>
        )}
        <div class="actions">
          <button type="button" class="secondary" onClick={back}>
            {t('form.back')}
          </button>
          <button type="button" class="primary" onClick={() => void submit()} disabled={saving}>
            {saving ? t('form.saving') : t('form.submit')}
          </button>
        </div>
      </section>
    );
  }

  const pageDef = form.pages[page];
  const title = pageDef ? (lang === 'en' && pageDef.titleEn ? pageDef.titleEn : pageDef.titleVi) : null;
  return (
    <section class="form">
      <h1 ref={top} tabIndex={-1}>
        {survey.title}
      </h1>
      <p class="progress">
        {t('form.page', { page: pageIndex + 1, pages: pages.length })}
        {title ? ` · ${title}` : ''}
      </p>
      {showErrors && pageProblems(page).length > 0 && (
        <p class="error" role="alert">
          {t('form.fixErrors')}
        </p>
      )}
      {form.questions
        .filter((q) => q.page === page && checked.visible.has(q.def.key))
        .map((q) => (
          <QuestionField
            key={q.def.key}
            def={q.def}
            raw={raw}
            problem={visibleProblem(q.def.key, raw, checked.problems, showErrors)}
            photo={photos.get(q.def.key)}
            onChange={change}
            onPhoto={(key, file) => void choosePhoto(key, file)}
          />
        ))}
      <div class="actions">
        {pageIndex > 0 ? (
          <button type="button" class="secondary" onClick={back}>
            {t('form.back')}
          </button>
        ) : (
          <button type="button" class="secondary" onClick={cancel}>
            {t('form.cancel')}
          </button>
        )}
        <button type="button" class="primary" onClick={next}>
          {pageIndex + 1 < pages.length ? t('form.next') : t('form.review')}
        </button>
      </div>
    </section>
  );
}

function isLocation(value: unknown): value is Location {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'lat' in value;
}

/** Problems show after "Next"; a filled answer that breaks a rule shows at once. */
function visibleProblem(
  key: string,
  raw: Readonly<Record<string, unknown>>,
  problems: Map<string, Problem>,
  showErrors: boolean,
): Problem | null {
  const problem = problems.get(key) ?? null;
  if (problem === null) return null;
  if (showErrors) return problem;
  return !isEmpty(raw[key]) && problem.code !== 'REQUIRED' ? problem : null;
}

function showAnswer(
  key: string,
  answers: Answers,
  form: Form,
  lang: 'vi' | 'en',
  t: Translate,
): string {
  const value = answers[key];
  const def = form.questions.find((q) => q.def.key === key)?.def;
  if (value === undefined || !def) return t('form.noAnswer');
  const choice = (v: string): string => {
    if (v === 'other') return `${t('answer.other')}: ${String(answers[`${key}_other`] ?? '')}`;
    const found = def.choices?.find((c) => c.value === v);
    return found ? label(found, lang) : v;
  };
  if (typeof value === 'boolean') return value ? t('answer.yes') : t('answer.no');
  if (Array.isArray(value)) return value.map(choice).join(', ');
  if (isLocation(value)) return t('answer.location', { lat: value.lat, lon: value.lon, accuracy: value.accuracy ?? '?' });
  if (def.kind === 'SINGLE_CHOICE' && typeof value === 'string') return choice(value);
  if (def.kind === 'PHOTO') return t('answer.photoChosen', { size: '…' });
  return String(value);
}

