/** One page of the form: its questions, the errors that show, and Back/Cancel and Next/Review. */
import type { ComponentChildren, Ref } from 'preact';
import { useI18n } from '../../i18n';
import type { Checked, Form, Question } from '../../rules/form';
import { NO_PATH, type Path } from '../../rules/paths';
import { piping } from './answers';
import { Fields } from './fields';
import { type PhotoDraft, localized } from './question';

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
  /** Grows each time "Next" finds problems (a repeat then shows its first instance with one). */
  attempt: number;
  /** The server's messages by field name (a refused response reopened). */
  serverErrors: ReadonlyMap<string, string>;
  /** `name`: the question's key, or its place inside a repeat (paths.ts). */
  onChange: (name: string, value: unknown) => void;
  onPhoto: (name: string, file: File | null) => void;
  onAdd: (repeat: Question, path: Path) => void;
  onRemove: (repeat: Question, path: Path, index: number) => void;
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
      <Fields
        questions={form.questions.filter((q) => q.page === page)}
        path={NO_PATH}
        ctx={{ form, checked, raw, photos, preparing, showErrors, attempt: props.attempt, serverErrors: props.serverErrors, onChange: props.onChange, onPhoto: props.onPhoto, onAdd: props.onAdd, onRemove: props.onRemove }}
      />
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
