import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { go } from '../app';
import { fetchSurvey } from '../data/api';
import {
  type CachedSurvey,
  type UnitOption,
  type Viewer,
  cacheSurvey,
  cachedSurvey,
  deleteDraft,
  deviceId,
  loadDraft,
  saveDraft,
} from '../data/db';
import { enqueue, sha256Hex } from '../data/outbox';
import { preparePhoto } from '../data/photo';
import { keptUnits } from '../data/units';
import { type Language, type Translate, formatTime, useI18n } from '../i18n';
import {
  type Answers,
  type Form,
  type Location,
  OTHER,
  type Problem,
  type QuestionDef,
  checkAnswers,
  isEmpty,
  parseForm,
  visiblePages,
} from '../rules/form';
import { localToday } from '../rules/rules';
import { type PhotoDraft, QuestionField, label, localized } from './question';

const COMMUNE_KINDS = new Set(['COMMUNE', 'WARD', 'SPECIAL_ZONE']);
/** Typing pauses this long before the draft is written (and at once when the page is hidden). */
const DRAFT_DELAY_MS = 300;

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
  const [preparing, setPreparing] = useState<ReadonlySet<string>>(new Set()); // photos being downscaled
  // the draft: restored once the survey is known, then written as the person goes
  const [draftReady, setDraftReady] = useState(false);
  const [draftRestoredAt, setDraftRestoredAt] = useState<string | null>(null);
  const pendingDraft = useRef<(() => Promise<void>) | null>(null);
  const draftTimer = useRef<number | undefined>(undefined);
  const drafting = useRef(true); // false once submitted or thrown away: no late write may bring it back
  const shownPhotos = useRef(photos);
  shownPhotos.current = photos;
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
    void keptUnits().then(setUnits);
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

  const surveyReady = survey !== null && survey !== 'missing';
  useEffect(() => {
    if (!surveyReady) return;
    let live = true;
    void loadDraft(owner, id)
      .then((draft) => {
        if (!live) return;
        if (draft) {
          setRaw(draft.raw);
          const kept = draft.photos.map((p) => [p.questionKey, { ...p, url: URL.createObjectURL(p.blob) }] as const);
          setPhotos(new Map(kept));
          if (draft.unitCode) setUnitCode(draft.unitCode);
          setStep(draft.step);
          setDraftRestoredAt(draft.updatedAt);
        }
      })
      .catch(() => undefined)
      .finally(() => live && setDraftReady(true));
    return () => {
      live = false;
    };
  }, [surveyReady, owner, id]);

  const writeDraft = (): void => {
    window.clearTimeout(draftTimer.current);
    const write = pendingDraft.current;
    pendingDraft.current = null;
    if (write) void write().catch(() => undefined);
  };

  useEffect(() => {
    if (!draftReady || !drafting.current || step === 'saved' || !survey || survey === 'missing') return;
    const empty = Object.values(raw).every(isEmpty) && photos.size === 0;
    const draft = {
      owner,
      surveyId: id,
      version: survey.currentVersion,
      raw,
      photos: [...photos].map(([questionKey, p]) => ({ questionKey, blob: p.blob, sha256: p.sha256 })),
      unitCode,
      step,
      updatedAt: new Date().toISOString(),
    };
    pendingDraft.current = () => (empty ? deleteDraft(owner, id) : saveDraft(draft));
    window.clearTimeout(draftTimer.current);
    draftTimer.current = window.setTimeout(writeDraft, DRAFT_DELAY_MS);
  }, [draftReady, raw, photos, unitCode, step, survey, owner, id]);

  useEffect(() => {
    // the phone may kill a hidden page without warning: write what is pending first
    const hidden = (): void => {
      if (document.visibilityState === 'hidden') writeDraft();
    };
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      writeDraft();
      shownPhotos.current.forEach((p) => URL.revokeObjectURL(p.url));
    };
  }, []);

  /** Empty the form (its photos' preview URLs freed), after a save or to start again. */
  const clearAnswers = (): void => {
    photos.forEach((p) => URL.revokeObjectURL(p.url));
    setRaw({});
    setPhotos(new Map());
    setDraftRestoredAt(null);
  };

  /** Stop writing the draft: the form was submitted or thrown away. */
  const stopDrafting = (): void => {
    drafting.current = false;
    window.clearTimeout(draftTimer.current);
    pendingDraft.current = null;
  };

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
  /** Replace (or remove) one photo; updates from the latest state, as photos finish in any order. */
  const putPhoto = (key: string, photo: PhotoDraft | null): void =>
    setPhotos((now) => {
      const next = new Map(now);
      const old = next.get(key);
      if (old) URL.revokeObjectURL(old.url);
      if (photo) next.set(key, photo);
      else next.delete(key);
      return next;
    });
  const choosePhoto = async (key: string, file: File | null): Promise<void> => {
    if (!file) {
      putPhoto(key, null);
      change(key, undefined);
      return;
    }
    setPreparing((now) => new Set(now).add(key));
    try {
      // downscaled to a JPEG (3G, the server's 10 MB limit), always a copy in memory: a
      // camera capture's File may not outlive the page on Android
      const blob = await preparePhoto(file);
      const sha256 = await sha256Hex(blob);
      putPhoto(key, { blob, sha256, url: URL.createObjectURL(blob) });
      change(key, sha256);
    } finally {
      setPreparing((now) => {
        const next = new Set(now);
        next.delete(key);
        return next;
      });
    }
  };

  const pageProblems = (index: number): string[] =>
    form.questions.filter((q) => q.page === index && checked.problems.has(q.def.key)).map((q) => q.def.key);

  const next = (): void => {
    if (preparing.size > 0) return;
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
    stopDrafting();
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
      clearAnswers();
      onSaved();
    } catch (error) {
      drafting.current = true; // not saved: the draft (written before) stays, keep it current
      throw error;
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
          <button
            type="button"
            class="primary"
            onClick={() => {
              drafting.current = true;
              setStep(0);
            }}
          >
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
    if (!Object.values(raw).every(isEmpty) && !confirm(t('form.cancelConfirm'))) return;
    stopDrafting();
    void deleteDraft(owner, id)
      .catch(() => undefined)
      .then(() => go('/'));
  };

  const startAgain = (): void => {
    if (!confirm(t('form.draftDiscardConfirm'))) return;
    clearAnswers();
    setStep(0);
    setShowErrors(false);
  };

  const restored = draftRestoredAt && (
    <p class="notice" role="status">
      {t('form.draftRestored', { time: formatTime(draftRestoredAt, lang) })}{' '}
      <button type="button" class="link" onClick={startAgain}>
        {t('form.draftDiscard')}
      </button>
    </p>
  );

  if (step === 'review') {
    return (
      <section class="form">
        <h1 ref={top} tabIndex={-1}>
          {t('form.reviewTitle')}
        </h1>
        <p class="survey-title">{survey.title}</p>
        {restored}
        <dl class="review">
          {form.questions
            .filter((q) => q.def.kind !== 'NOTE' && checked.visible.has(q.def.key))
            .map((q) => (
              <div key={q.def.key}>
                <dt>{label(q.def, lang)}</dt>
                <dd class={checked.answers[q.def.key] === undefined ? 'none' : undefined}>
                  {showAnswer(q.def, checked.answers, lang, t)}
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
  const title = pageDef ? localized(pageDef.titleVi, pageDef.titleEn, lang) : null;
  return (
    <section class="form">
      <h1 ref={top} tabIndex={-1}>
        {survey.title}
      </h1>
      <p class="progress">
        {t('form.page', { page: pageIndex + 1, pages: pages.length })}
        {title ? ` · ${title}` : ''}
      </p>
      {restored}
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
            preparing={preparing.has(q.def.key)}
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
        <button type="button" class="primary" onClick={next} disabled={preparing.size > 0}>
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

function showAnswer(def: QuestionDef, answers: Answers, lang: Language, t: Translate): string {
  const value = answers[def.key];
  if (value === undefined) return t('form.noAnswer');
  const choice = (v: string): string => {
    if (v === OTHER) return `${t('answer.other')}: ${String(answers[`${def.key}_${OTHER}`] ?? '')}`;
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

