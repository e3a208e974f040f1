/** One page of the form: its questions, the errors that show, and Back/Cancel and Next/Review. */
import type { ComponentChildren, Ref } from 'preact';
import { useI18n } from '../../i18n';
import { type Checked, type Form, visiblePages } from '../../rules/form';
import { NO_PATH, type Raw, parseName } from '../../rules/paths';
import { piping, problemsOnPage } from './answers';
import { Fields, type FieldsContext } from './fields';
import { localized } from './question';
import type { useInstances } from './use-instances';
import type { usePhotos } from './use-photos';

/** Where `step` stands among the pages the answers leave visible (on the review: the first), and that page's problems. */
export function pagePlace(form: Form, checked: Checked, step: number | string) {
  const pages = visiblePages(form, checked.visible);
  const pageIndex = typeof step === 'number' ? Math.min(step, Math.max(pages.length - 1, 0)) : 0;
  const page = pages[pageIndex] ?? 0;
  return { pages, page, pageIndex, pageCount: pages.length, problems: problemsOnPage(form, checked, page) };
}

/** A page's props that come from the answers being written: them, their photos, and the repeats' instances. */
export function answerProps(form: Form, raw: Raw, photos: ReturnType<typeof usePhotos>, instances: ReturnType<typeof useInstances>, onChange: Props['onChange']) {
  return {
    raw,
    photos: photos.photos,
    preparing: photos.preparing,
    onChange,
    onPhoto: (name: string, file: File | null) => void photos.choose(name, file, form.byKey.get(parseName(name)?.key ?? '')?.def),
    onAdd: instances.add,
    onRemove: instances.remove,
  };
}

/** The page's own props beside the context its questions are drawn with (fields.tsx). */
interface Props extends FieldsContext {
  top: Ref<HTMLHeadingElement>;
  title: string;
  /** The page shown (its index in the form) and its place among the visible pages. */
  page: number;
  pageIndex: number;
  pageCount: number;
  notice: ComponentChildren;
  /** Keys of the questions of this page with a problem. */
  problems: string[];
  onBack: () => void;
  onCancel: () => void;
  onNext: () => void;
}

export function FormPage(props: Props) {
  const { top, title, form, checked, page, pageIndex, pageCount, notice, preparing, showErrors, problems } = props;
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
        ctx={props}
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
