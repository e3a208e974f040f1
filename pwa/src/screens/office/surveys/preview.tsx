/**
 * The builder's preview: the form as a respondent sees it, drawn by the field screen's own
 * components (FormPage, QuestionField, Review from screens/survey-form) and checked by the
 * same rules, so skip logic and constraints can be tried while the form is written.
 * Nothing is saved or sent.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Unit } from '../../../data/survey-admin';
import { useI18n } from '../../../i18n';
import { type Definition, checkAnswers, parseForm } from '../../../rules/form';
import { localToday } from '../../../rules/rules';
import { withAnswer } from '../../../rules/paths';
import { problemsOnPage, typedAnswers } from '../../survey-form/answers';
import { FormPage, answerProps, pagePlace } from '../../survey-form/form-page';
import { Review } from '../../survey-form/review';
import { useInstances } from '../../survey-form/use-instances';
import { usePhotos } from '../../survey-form/use-photos';

interface Props {
  title: string;
  definition: Definition;
  area: Unit | null;
}

type Step = number | 'review' | 'done';

const NO_SERVER_ERRORS: ReadonlyMap<string, string> = new Map();

export function SurveyPreview({ title, definition, area }: Props) {
  const { t } = useI18n();
  const [raw, setRaw] = useState<Record<string, unknown>>({});
  const [step, setStep] = useState<Step>(0);
  const [showErrors, setShowErrors] = useState(false);
  const [unitCode, setUnitCode] = useState(area?.code ?? '');
  const change = (name: string, value: unknown): void => setRaw((now) => withAnswer(now, name, value));
  const photos = usePhotos(change);
  const top = useRef<HTMLHeadingElement>(null);
  const form = useMemo(() => parseForm(definition), [definition]);
  const today = localToday();
  const checked = useMemo(() => checkAnswers(form, typedAnswers(form, raw), today), [form, raw, today]);
  const instances = useInstances(form, checked, setRaw, today, photos.rename);
  const [attempt, setAttempt] = useState(0);

  const restart = (): void => {
    photos.clear();
    setRaw({});
    setShowErrors(false);
    setStep(0);
  };

  if (form.questions.length === 0) return <p class="empty">{t('svy.previewEmpty')}</p>;

  const place = pagePlace(form, checked, step);
  const { pages, page, pageIndex } = place;
  const pageProblems = (index: number): string[] => problemsOnPage(form, checked, index);
  const next = (): void => {
    if (pageProblems(page).length > 0) {
      setShowErrors(true);
      setAttempt((n) => n + 1);
      return;
    }
    setShowErrors(false);
    setStep(pageIndex + 1 < pages.length ? pageIndex + 1 : 'review');
  };
  const back = (): void => {
    setShowErrors(false);
    setStep(step === 'review' ? pages.length - 1 : Math.max(pageIndex - 1, 0));
  };

  // what the review and the pages are both given
  const shared = { top, title, form, checked, notice: null, showErrors, onBack: back };
  let body;
  if (step === 'done') {
    body = (
      <div class="card">
        <p role="status">{t('svy.previewDone')}</p>
        <button type="button" class="secondary" onClick={restart}>
          {t('svy.previewRestart')}
        </button>
      </div>
    );
  } else if (step === 'review') {
    body = (
      <Review
        {...shared}
        choices={area ? [{ code: area.code, name: area.name, kind: '', path: `/${area.code}/` }] : []}
        unitCode={unitCode}
        onUnit={setUnitCode}
        unitError={null}
        answerErrors={NO_SERVER_ERRORS}
        saving={false}
        onSubmit={() => {
          const wrong = pages.findIndex((p) => pageProblems(p).length > 0);
          if (wrong >= 0) {
            setShowErrors(true);
            setStep(wrong);
          } else setStep('done');
        }}
      />
    );
  } else {
    body = (
      <FormPage
        {...shared}
        {...place}
        {...answerProps(form, raw, photos, instances, change)}
        serverErrors={NO_SERVER_ERRORS}
        attempt={attempt}
        onCancel={restart}
        onNext={next}
      />
    );
  }
  return (
    <div class="preview-frame">
      <p class="preview-label">{t('svy.previewNote')}</p>
      {body}
    </div>
  );
}
