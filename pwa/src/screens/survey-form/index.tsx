/**
 * The survey form (route `#/s/<id>`): pages of questions, a review, then the response
 * goes to the outbox. The work is in hooks (the definition, the commune, photos, the
 * draft) and small components (page, review, confirmation); this file ties them together.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { type Draft, type ServerError, deleteDraft, deviceId } from '../../data/db';
import { type Delivery, answeredHere, enqueueResponse, lastSaved, rememberLastSaved } from '../../data/surveys';
import { useI18n } from '../../i18n';
import { type Answers, type Definition, type Location, checkAnswers, defaultAnswers, lastSavedAnswers, parseForm } from '../../rules/form';
import { answerAt, withAnswer } from '../../rules/paths';
import { localToday } from '../../rules/rules';
import { type ScreenProps, go } from '../../router';
import { isLocation, problemsOnPage, typedAnswers, untouched } from './answers';
import { AlreadyAnswered, DraftNotice, ReopenedNotice } from '../../components/draft-notice';
import { FormPage, answerProps, pagePlace } from './form-page';
import { type FormLanguageCode, inLanguage, storeFormLanguage, storedFormLanguage } from './form-language';
import { FormLanguagePicker } from './language-picker';
import { Review } from './review';
import { Saved } from './saved';
import { useDraft } from '../../components/use-draft';
import { useInstances } from './use-instances';
import { usePhotos } from './use-photos';
import { useSurveyDefinition } from './use-survey';
import { useUnitChoice } from './use-unit-choice';

type Step = number | 'review' | 'saved';

export function SurveyForm({ route }: ScreenProps<'survey'>) {
  const { id } = route;
  const { t } = useI18n();
  const { viewer, syncNow } = useApp();
  const owner = viewer?.username ?? '';
  const survey = useSurveyDefinition(id, owner);
  const [raw, setRaw] = useState<Record<string, unknown>>({});
  const [step, setStep] = useState<Step>(0);
  const [showErrors, setShowErrors] = useState(false);
  const [saving, setSaving] = useState(false);
  const [savedId, setSavedId] = useState<string | null>(null);
  // the server's messages of a refused response reopened from the outbox; each goes once its field changes
  const [serverErrors, setServerErrors] = useState<ServerError[]>([]);
  const { choices, unitCode, setUnitCode } = useUnitChoice(survey, viewer);
  const dropServerError = (field: string): void => setServerErrors((now) => (now.some((e) => e.field === field) ? now.filter((e) => e.field !== field) : now));
  const change = (name: string, value: unknown): void => {
    setRaw((now) => withAnswer(now, name, value));
    dropServerError(`answers.${name}`);
  };
  const chooseUnit = (code: string): void => {
    setUnitCode(code);
    dropServerError('adminUnitCode');
  };
  const photos = usePhotos(change);
  const known = survey && survey !== 'missing' ? survey : null;
  const restore = (draft: Draft): void => {
    setRaw(draft.raw);
    photos.restore(draft.photos);
    if (draft.unitCode) setUnitCode(draft.unitCode);
    setServerErrors(draft.serverErrors ?? []);
    setStep(draft.step);
  };
  const draft = useDraft({
    owner,
    surveyId: id,
    version: known?.currentVersion ?? null,
    raw,
    photos: photos.photos,
    unitCode,
    step,
    serverErrors,
    onRestore: restore,
  });
  const top = useRef<HTMLHeadingElement>(null);
  // a visitor answers a public survey once per device (the server refuses a second answer)
  const [answered, setAnswered] = useState<{ delivery: Delivery; at: string } | null | 'checking'>('checking');
  useEffect(() => {
    if (owner !== '' || !known) {
      setAnswered(null);
      return;
    }
    let live = true;
    answeredHere(known.id).then(
      (found) => live && setAnswered(found),
      () => live && setAnswered(null),
    );
    return () => {
      live = false;
    };
  }, [owner, known?.id]);

  // the form's own language (decision 0038), remembered per survey on this device
  const { lang } = useI18n();
  const [formLang, setFormLang] = useState<FormLanguageCode | null>(() => storedFormLanguage(id));
  const chooseFormLang = (code: FormLanguageCode): void => {
    setFormLang(code);
    storeFormLanguage(id, code);
  };
  const form = useMemo(() => (known ? parseForm(inLanguage(known.definition, formLang, lang)) : null), [survey, formLang, lang]);
  const today = localToday();
  const checked = useMemo(() => (form ? checkAnswers(form, typedAnswers(form, raw), today) : null), [form, raw, today]);
  // a calculation calling once() keeps its first value (in the answers typed, and the
  // draft, where once() reads it back); a computed count's missing instances are made
  const instances = useInstances(form, checked, setRaw, today, (rename) => {
    photos.rename(rename);
    setServerErrors((now) =>
      now.flatMap((e) => {
        if (!e.field?.startsWith('answers.')) return [e];
        const field = rename(e.field.slice('answers.'.length));
        return field === null ? [] : [{ ...e, field: `answers.${field}` }];
      }),
    );
  });
  const [attempt, setAttempt] = useState(0);

  // defaults fill the questions the form opens with, once per filling (a draft restored
  // after them wins; a question emptied by hand stays empty)
  // (and a `defaultLastSaved` question the answer this person last saved here)
  const defaulted = useRef<Definition | null>(null);
  const last = useRef<Record<string, unknown>>({});
  useEffect(() => {
    if (!form || !known || defaulted.current === known.definition) return;
    defaulted.current = known.definition;
    let live = true;
    const fill = (saved: Record<string, unknown>): void => {
      last.current = saved;
      const defaults = defaultAnswers(form, today, saved);
      if (live && Object.keys(defaults).length > 0) setRaw((now) => ({ ...defaults, ...now }));
    };
    lastSaved(owner, known.id).then(fill, () => fill({}));
    return () => {
      live = false;
    };
  }, [form]);

  /** Empty the form (its photos' preview URLs freed), after a save or to start again. */
  const clearAnswers = (): void => {
    photos.clear();
    setRaw(form ? defaultAnswers(form, today, last.current) : {});
    setServerErrors([]);
    draft.forgetRestored();
  };

  if (survey === null || (answered === 'checking' && step !== 'saved')) return <p class="loading">{t('app.loading')}</p>;
  if (!known || !form || !checked) {
    return (
      <p class="error" role="alert">
        {t('surveys.notFound')}
      </p>
    );
  }

  const place = pagePlace(form, checked, step);
  const { pages, page, pageIndex } = place;
  const scrollTop = (): void => {
    window.scrollTo(0, 0);
    top.current?.focus();
  };
  const pageProblems = (index: number): string[] => problemsOnPage(form, checked, index);

  const next = (): void => {
    if (photos.preparing.size > 0) return;
    const wrong = pageProblems(page);
    if (wrong.length > 0) {
      setShowErrors(true);
      setAttempt((n) => n + 1);
      // a problem inside a repeat's other instance shows once the repeat turns to it
      requestAnimationFrame(() => document.getElementById(`q-${wrong[0]}`)?.focus());
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
      setAttempt((n) => n + 1);
      setStep(wrongPage);
      return;
    }
    if (!unitCode) {
      setShowErrors(true);
      return;
    }
    setSaving(true);
    draft.stop();
    try {
      const answers: Answers = checked.answers;
      const kept = new Map<string, { blob: Blob; sha256: string }>();
      for (const [name, photo] of photos.photos) {
        if (answerAt(answers, name) === photo.sha256) kept.set(name, { blob: photo.blob, sha256: photo.sha256 });
      }
      const where = form.questions.map((q) => answers[q.def.key]).find((a): a is Location => isLocation(a));
      const clientId = await enqueueResponse({
        surveyId: known.id,
        surveyTitle: known.title,
        version: known.currentVersion,
        answers,
        adminUnitCode: unitCode,
        deviceId: await deviceId(),
        location: where ? { latitude: where.lat, longitude: where.lon, accuracy: where.accuracy } : null,
        owner,
        photos: kept,
      }, known.isPublic);
      last.current = { ...last.current, ...lastSavedAnswers(form, raw) };
      await rememberLastSaved(owner, known.id, last.current);
      setSavedId(clientId);
      setStep('saved');
      clearAnswers();
      void syncNow();
    } catch (error) {
      draft.resume(); // not saved: the draft (written before) stays, keep it current
      throw error;
    } finally {
      setSaving(false);
    }
  };

  if (step === 'saved' && savedId) {
    const another = (): void => {
      draft.resume();
      setStep(0);
    };
    // a visitor may not answer a public survey twice: no "New response" for them
    const once = owner === '' && known.isPublic;
    return <Saved top={top} clientId={savedId} onAnother={once ? null : another} />;
  }

  if (answered && answered !== 'checking') return <AlreadyAnswered title={known.title} delivery={answered.delivery} at={answered.at} />;

  const cancel = (): void => {
    // answers still their defaults are no work to lose: leave without asking
    if ((!untouched(raw, defaultAnswers(form, today, last.current)) || photos.photos.size > 0) && !confirm(t('form.cancelConfirm'))) return;
    draft.stop();
    void deleteDraft(owner, id)
      .catch(() => undefined)
      .then(() => go({ name: 'home' }));
  };

  const startAgain = (): void => {
    if (!confirm(t('form.draftDiscardConfirm'))) return;
    clearAnswers();
    setStep(0);
    setShowErrors(false);
  };

  const answerErrors = new Map(
    serverErrors.filter((e) => e.field?.startsWith('answers.')).map((e) => [(e.field as string).slice('answers.'.length), e.message]),
  );
  const unitError = serverErrors.find((e) => e.field === 'adminUnitCode')?.message ?? null;
  const notice = (
    <>
      <FormLanguagePicker definition={known.definition} value={formLang} onChange={chooseFormLang} />
      {/* a reopened response says so itself; "draft restored" would repeat it */}
      <DraftNotice restoredAt={serverErrors.length > 0 ? null : draft.restoredAt} onDiscard={startAgain} />
      <ReopenedNotice errors={serverErrors.filter((e) => !e.field?.startsWith('answers.') && e.field !== 'adminUnitCode')} pending={serverErrors.length} />
    </>
  );

  // what the review and the pages are both given
  const shared = { top, title: known.title, form, checked, notice, showErrors, onBack: back };
  if (step === 'review') {
    return (
      <Review
        {...shared}
        choices={choices}
        unitCode={unitCode}
        onUnit={chooseUnit}
        unitError={unitError}
        answerErrors={answerErrors}
        saving={saving}
        media={photos.photos}
        onSubmit={() => void submit()}
      />
    );
  }

  return (
    <FormPage
      {...shared}
      {...place}
      {...answerProps(form, raw, photos, instances, change)}
      serverErrors={answerErrors}
      attempt={attempt}
      onCancel={cancel}
      onNext={next}
    />
  );
}
