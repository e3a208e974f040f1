/** One page of the form: its questions, the errors that show, and Back/Cancel and Next/Review. */
import type { ComponentChildren, Ref } from 'preact';
import { useI18n } from '../../i18n';
import type { Checked, Form } from '../../rules/form';
import { piping, showAnswer, visibleProblem } from './answers';
import { type PhotoDraft, QuestionField, localized } from './question';

interface Props {
  top: Ref<HTMLHeadingElement>;
  title: string;
  form: Form;
  checked: Checked;
  /** The page shown (its index in the form) and its place among the visible pages. */
  page: number;
  pageIndex: number;
  pageCount: number;
  notice: ComponentChildren;
  raw: Readonly<Record<string, unknown>>;
  photos: ReadonlyMap<string, PhotoDraft>;
  preparing: ReadonlySet<string>;
  showErrors: boolean;
  /** Keys of the questions of this page with a problem. */
  problems: string[];
  /** The server's messages by question key (a refused response reopened). */
  serverErrors: ReadonlyMap<string, string>;
  onChange: (key: string, value: unknown) => void;
  onPhoto: (key: string, file: File | null) => void;
  onBack: () => void;
  onCancel: () => void;
  onNext: () => void;
}

export function FormPage(props: Props) {
  const { top, title, form, checked, page, pageIndex, pageCount, notice, raw, photos, preparing, showErrors, problems } = props;
  const { t, lang } = useI18n();
  const pageDef = form.pages[page];
  const pipe = piping(form, checked.answers, lang, t);
  const titleText = pageDef ? localized(pageDef.titleVi, pageDef.titleEn, lang) : null;
  const pageTitle = titleText ? pipe(titleText) : titleText;
  return (
    <section class="form">
      <h1 ref={top} tabIndex={-1}>
        {title}
      </h1>
      <p class="progress">
        {t('form.page', { page: pageIndex + 1, pages: pageCount })}
        {pageTitle ? ` · ${pageTitle}` : ''}
      </p>
      {notice}
      {showErrors && problems.length > 0 && (
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
            pipe={pipe}
            calculated={q.def.kind === 'CALCULATE' ? showAnswer(q.def, checked.answers, lang, t) : undefined}
            raw={raw}
            offered={checked.offered.get(q.def.key)}
            required={checked.required.has(q.def.key)}
            problem={visibleProblem(q.def.key, raw, checked.problems, showErrors)}
            serverError={props.serverErrors.get(q.def.key) ?? null}
            photo={photos.get(q.def.key)}
            preparing={preparing.has(q.def.key)}
            onChange={props.onChange}
            onPhoto={props.onPhoto}
          />
        ))}
      <div class="actions">
        {pageIndex > 0 ? (
          <button type="button" class="secondary" onClick={props.onBack}>
            {t('form.back')}
          </button>
        ) : (
          <button type="button" class="secondary" onClick={props.onCancel}>
            {t('form.cancel')}
          </button>
        )}
        <button type="button" class="primary" onClick={props.onNext} disabled={preparing.size > 0}>
          {pageIndex + 1 < pageCount ? t('form.next') : t('form.review')}
        </button>
      </div>
    </section>
  );
}
