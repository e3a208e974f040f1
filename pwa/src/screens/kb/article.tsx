/**
 * One article (`#/kb/<slug>`): read from the server and kept on the phone, or read from
 * the phone when there is no signal; the articles it links to that the reader may read
 * (from the server, or among the kept ones offline); its attachments (attachments.tsx);
 * "was this helpful?"; a link to edit it for editors.
 */
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { Markdown } from '../../components/markdown';
import { EmptyState, ErrorState, LoadingState, StatusNotice } from '../../components/states';
import {
  type Article,
  type RelatedArticle,
  fetchArticle,
  keptArticle,
  keptArticles,
  rateArticle,
  relatedAmong,
} from '../../data/knowledge';
import { formatTime, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { AttachmentList } from './attachments';
import { useCategoryName } from './index';

const EDITORS = ['PROVINCE_ADMIN', 'UNIT_MANAGER'];

export function ArticleScreen({ route }: ScreenProps<'kbArticle'>) {
  const { t, lang } = useI18n();
  const { viewer, online } = useApp();
  const categoryName = useCategoryName();
  const [article, setArticle] = useState<Article | null | undefined>(undefined);
  const [fromDevice, setFromDevice] = useState(false);
  const [failed, setFailed] = useState(false);
  const [rated, setRated] = useState<'yes' | 'no' | 'failed' | null>(null);

  useEffect(() => {
    let live = true;
    setArticle(undefined);
    setFailed(false);
    setRated(null);
    const fromPhone = async (): Promise<void> => {
      const kept = await keptArticle(route.slug);
      if (!live) return;
      setArticle(kept);
      setFromDevice(kept !== null);
      setFailed(kept === null);
    };
    if (!online) {
      void fromPhone();
    } else {
      fetchArticle(route.slug).then(
        (found) => {
          if (!live) return;
          setArticle(found);
          setFromDevice(false);
        },
        () => void fromPhone(),
      );
    }
    return () => {
      live = false;
    };
  }, [route.slug, online]);

  useEffect(() => {
    if (article) document.title = `${article.title} – DXNet`;
  }, [article?.title]);

  const [related, setRelated] = useState<RelatedArticle[]>([]);
  useEffect(() => {
    let live = true;
    if (!article) setRelated([]);
    else if (article.related) setRelated(article.related);
    else void keptArticles().then((kept) => live && setRelated(relatedAmong(article, kept)));
    return () => {
      live = false;
    };
  }, [article]);

  if (article === undefined && !failed) return <LoadingState />;
  if (failed) return <ErrorState message={t('kb.articleOffline')} />;
  if (!article) return <EmptyState>{t('kb.notFound')}</EmptyState>;

  const rate = async (helpful: boolean): Promise<void> => {
    try {
      const errors = await rateArticle(article.id, helpful);
      setRated(errors.length ? 'failed' : helpful ? 'yes' : 'no');
    } catch {
      setRated('failed');
    }
  };
  const editor = viewer !== null && EDITORS.some((role) => viewer.roles.includes(role));
  return (
    <article class="kb-article">
      <p class="meta">
        <a href={href({ name: 'kb' })}>{t('kb.title')}</a> · {categoryName(article.category)}
      </p>
      <h1>{article.title}</h1>
      {article.summary && <p class="lead">{article.summary}</p>}
      <p class="meta">
        {t('kb.updated', { time: formatTime(article.updatedAt, lang) })}
        {article.status !== 'PUBLISHED' && ` · ${t(`kb.status.${article.status}`)}`}
      </p>
      {fromDevice && <StatusNotice>{t('kb.readingKept')}</StatusNotice>}
      <Markdown source={article.body} />
      <AttachmentList attachments={article.attachments ?? []} offline={!online || fromDevice} />
      {article.tags.length > 0 && (
        <p class="tags">
          {article.tags.map((tag) => (
            <span key={tag} class="tag">
              #{tag}
            </span>
          ))}
        </p>
      )}
      {related.length > 0 && (
        <nav class="kb-related" aria-labelledby="kb-related-title">
          <h2 id="kb-related-title">{t('kb.related')}</h2>
          <ul>
            {related.map((other) => (
              <li key={other.slug}>
                <a href={href({ name: 'kbArticle', slug: other.slug })}>{other.title}</a>
                {other.summary && <span class="meta">{other.summary}</span>}
              </li>
            ))}
          </ul>
        </nav>
      )}
      {article.status === 'PUBLISHED' && online && (
        <div class="card helpful" aria-live="polite">
          {rated === 'yes' || rated === 'no' ? (
            <p class="success">{t('kb.thanks')}</p>
          ) : (
            <>
              <p>{t('kb.helpful')}</p>
              <div class="actions">
                <button type="button" class="secondary" onClick={() => rate(true)}>
                  {t('kb.helpfulYes')}
                </button>
                <button type="button" class="secondary" onClick={() => rate(false)}>
                  {t('kb.helpfulNo')}
                </button>
              </div>
              {rated === 'failed' && <p class="error">{t('kb.rateFailed')}</p>}
            </>
          )}
        </div>
      )}
      <p class="kb-links">
        <a href={href({ name: 'assistant' })}>{t('kb.askAssistant')}</a>
        {editor && (
          <>
            {' · '}
            <a href={href({ name: 'kbEdit', id: article.id })}>{t('kb.edit')}</a>
          </>
        )}
      </p>
    </article>
  );
}
