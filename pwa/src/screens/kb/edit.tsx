/**
 * Writing an article (`#/kb/edit/new`, `#/kb/edit/<id>`), for editors: the fields the API
 * takes, the body in Markdown with a live preview rendered exactly as readers see it, its
 * attachments (attach.tsx: uploaded when picked, attached by the save), the workflow (draft → in review → published → archived), and every kept version with what
 * changed since it.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { SelectField, TextAreaField, TextField, draftFields } from '../../components/fields';
import { Markdown } from '../../components/markdown';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import type { ServerError } from '../../data/db';
import {
  type Article,
  type ArticleFields,
  type ArticleVersion,
  type Transition,
  fetchForEditing,
  fetchVersions,
  moveArticle,
  saveArticle,
} from '../../data/knowledge';
import { type MessageKey, formatTime, useI18n } from '../../i18n';
import { type ScreenProps, go, href } from '../../router';
import { AttachmentsEditor, type PendingFile } from './attach';
import { lineDiff } from './diff';
import { CATEGORIES, useCategoryName } from './index';

const EMPTY: ArticleFields = {
  title: '',
  summary: '',
  body: '',
  slug: '',
  language: 'vi',
  kind: 'ARTICLE',
  category: 'vneid',
  tags: [],
  audience: 'PUBLIC',
  audienceUnitCode: null,
};

const MOVES: Record<Article['status'], Transition[]> = {
  DRAFT: ['submit', 'publish', 'archive'],
  IN_REVIEW: ['publish', 'archive'],
  PUBLISHED: ['archive'],
  ARCHIVED: [],
};

function fieldsOf(article: Article): ArticleFields {
  const { title, summary, body, slug, language, kind, category, tags, audience } = article;
  // a UNIT article keeps its unit when saved again (not the editor's own unit)
  return { title, summary, body, slug, language, kind, category, tags, audience, audienceUnitCode: article.audienceUnitCode ?? null };
}

export function ArticleEditor({ route }: ScreenProps<'kbEdit'>) {
  const { t } = useI18n();
  const { viewer, online } = useApp();
  const categoryName = useCategoryName();
  const creating = route.id === 'new';
  const [article, setArticle] = useState<Article | null | undefined>(creating ? null : undefined);
  const [fields, setFields] = useState<ArticleFields>(EMPTY);
  const [tags, setTags] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [working, setWorking] = useState(false);
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState<PendingFile[]>([]);
  const [removing, setRemoving] = useState<Set<string>>(new Set());

  useEffect(() => {
    setPending([]);
    setRemoving(new Set());
    if (creating) {
      setArticle(null);
      setFields({ ...EMPTY, audienceUnitCode: null });
      setTags('');
      return;
    }
    setArticle(undefined);
    fetchForEditing(route.id).then(
      (found) => {
        setArticle(found);
        if (found) {
          setFields(fieldsOf(found));
          setTags(found.tags.join(', '));
        }
      },
      () => setFailed(true),
    );
  }, [route.id]);

  if (failed) return <ErrorState message={t('kb.loadFailed')} />;
  if (article === undefined) return <LoadingState />;
  if (!creating && article === null) return <EmptyState>{t('kb.notFound')}</EmptyState>;

  // the unit a UNIT article keeps (its code when it is not the editor's own unit)
  const audienceUnit = fields.audienceUnitCode && fields.audienceUnitCode !== viewer?.scope.code ? fields.audienceUnitCode : (viewer?.scope.name ?? '');
  const set = <K extends keyof ArticleFields>(key: K, value: ArticleFields[K]): void => setFields((now) => ({ ...now, [key]: value }));
  const field = draftFields(fields, set, (key) => errors[key] ?? null);
  const show = (result: { article: Article | null; errors: ServerError[] }, done: MessageKey): Article | null => {
    if (result.article) {
      setErrors({});
      setNotice({ kind: 'success', text: t(done) });
      return result.article;
    }
    const byField: Record<string, string> = {};
    for (const e of result.errors) byField[e.field ?? ''] = e.message;
    setErrors(byField);
    setNotice({ kind: 'error', text: result.errors.find((e) => !e.field)?.message ?? t('kb.fixErrors') });
    return null;
  };

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    setWorking(true);
    try {
      const input: ArticleFields = {
        ...fields,
        tags: tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
        audienceUnitCode: fields.audience === 'UNIT' ? (fields.audienceUnitCode ?? viewer?.scope.code ?? null) : null,
      };
      const files = { add: pending.flatMap((p) => (p.state === 'ready' && p.uploadId ? [p.uploadId] : [])), remove: [...removing] };
      const saved = show(await saveArticle(article?.id ?? null, input, files), 'kb.saved');
      if (saved) {
        setArticle(saved);
        setPending((now) => now.filter((p) => p.state === 'uploading'));
        setRemoving(new Set());
        if (creating) go({ name: 'kbEdit', id: saved.id });
      }
    } catch {
      setNotice({ kind: 'error', text: t('kb.saveFailed') });
    } finally {
      setWorking(false);
    }
  };

  const move = async (to: Transition): Promise<void> => {
    if (!article) return;
    setWorking(true);
    try {
      const moved = show(await moveArticle(article.id, to), `kb.moved.${to}` as MessageKey);
      if (moved) setArticle(moved);
    } catch {
      setNotice({ kind: 'error', text: t('kb.saveFailed') });
    } finally {
      setWorking(false);
    }
  };

  return (
    <section class="wide kb-edit">
      <p class="meta">
        <a href={href({ name: 'kb' })}>{t('kb.title')}</a>
        {article && (
          <>
            {' · '}
            {t(`kb.status.${article.status}` as MessageKey)} · {t('kb.version', { version: article.version })}
          </>
        )}
      </p>
      <h1>{creating ? t('kb.newArticle') : t('kb.editTitle')}</h1>
      {notice && (
        <p class={notice.kind} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="kb-notice">
          {notice.text}
        </p>
      )}
      <div class="kb-edit-grid">
        <form onSubmit={save} noValidate class="card">
          <TextField id="kb-title" label={t('kb.field.title')} maxLength={255} {...field.text('title')} />
          <TextAreaField id="kb-summary" label={t('kb.field.summary')} maxLength={1000} rows={2} {...field.text('summary')} />
          <TextAreaField id="kb-body" label={t('kb.field.body')} hint={t('kb.field.bodyHint')} rows={14} {...field.text('body')} />
          <SelectField id="kb-category" label={t('kb.field.category')} options={CATEGORIES.map((code) => ({ value: code, label: categoryName(code) }))} {...field.choice('category')} />
          <TextField id="kb-tags" label={t('kb.field.tags')} hint={t('kb.field.tagsHint')} value={tags} error={errors.tags} onInput={(e) => setTags(e.currentTarget.value)} />
          <SelectField
            id="kb-kind"
            label={t('kb.field.kind')}
            value={fields.kind}
            options={[
              { value: 'ARTICLE', label: t('kb.kind.ARTICLE') },
              { value: 'FAQ', label: t('kb.kind.FAQ') },
            ]}
            onChange={(e) => set('kind', e.currentTarget.value as ArticleFields['kind'])}
          />
          <SelectField
            id="kb-language"
            label={t('kb.field.language')}
            options={[
              { value: 'vi', label: 'Tiếng Việt' },
              { value: 'en', label: 'English' },
            ]}
            {...field.choice('language')}
          />
          <SelectField
            id="kb-audience"
            label={t('kb.field.audience')}
            value={fields.audience}
            error={errors.audience ?? errors.audienceUnitCode}
            options={(['PUBLIC', 'STAFF', 'UNIT'] as const).map((a) => ({ value: a, label: t(`kb.audience.${a}` as MessageKey, { unit: audienceUnit }) }))}
            onChange={(e) => set('audience', e.currentTarget.value as ArticleFields['audience'])}
          />
          <TextField id="kb-slug" label={t('kb.field.slug')} hint={t('kb.field.slugHint')} maxLength={120} {...field.text('slug')} />
          <AttachmentsEditor current={article?.attachments ?? []} pending={pending} setPending={setPending} removing={removing} setRemoving={setRemoving} online={online} />
          {(errors.addAttachments ?? errors.removeAttachments) && (
            <p class="error" role="alert">
              {errors.addAttachments ?? errors.removeAttachments}
            </p>
          )}
          <button type="submit" class="primary wide-button" disabled={working || pending.some((p) => p.state === 'uploading')}>
            {t('kb.save')}
          </button>
          {article && MOVES[article.status].length > 0 && (
            <div class="actions">
              {MOVES[article.status].map((to) => (
                <button key={to} type="button" class="secondary" disabled={working} onClick={() => move(to)}>
                  {t(`kb.move.${to}` as MessageKey)}
                </button>
              ))}
            </div>
          )}
        </form>
        <div class="card kb-preview" aria-label={t('kb.preview')} role="region">
          <h2 class="meta">{t('kb.preview')}</h2>
          <h3>{fields.title || t('kb.field.title')}</h3>
          {fields.summary && <p class="lead">{fields.summary}</p>}
          <Markdown source={fields.body} />
        </div>
      </div>
      {article && <Versions slug={article.slug} current={article} />}
    </section>
  );
}

function Versions({ slug, current }: { slug: string; current: Article }) {
  const { t, lang } = useI18n();
  const [versions, setVersions] = useState<ArticleVersion[] | null>(null);
  useEffect(() => {
    fetchVersions(slug).then(setVersions, () => setVersions([]));
  }, [slug, current.version, current.status]);
  if (!versions || versions.length < 2) return null;
  return (
    <details class="card versions">
      <summary>{t('kb.versions', { count: versions.length })}</summary>
      <ol class="plain">
        {versions.map((v) => (
          <li key={`${v.version}-${v.createdAt}`}>
            <details>
              <summary>
                {t('kb.version', { version: v.version })} · {t(`kb.status.${v.status}` as MessageKey)} · {formatTime(v.createdAt, lang)}
              </summary>
              <pre class="diff" aria-label={t('kb.changesSince')}>
                {lineDiff(v.body, current.body).map((line, i) => (
                  <span key={i} class={`diff-${line.kind}`}>
                    {line.kind === 'added' ? '+ ' : line.kind === 'removed' ? '− ' : '  '}
                    {line.text}
                    {'\n'}
                  </span>
                ))}
              </pre>
            </details>
          </li>
        ))}
      </ol>
    </details>
  );
}
