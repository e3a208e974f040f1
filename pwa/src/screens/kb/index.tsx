/**
 * The knowledge base (`#/kb`, `#/kb/search?q=…`): search as you type, browse by category,
 * and the articles kept on this phone. Online the server ranks (any spelling, abbreviations,
 * highlighted snippets); offline, or when the server cannot be reached, the kept articles
 * are searched on the device. Editors also see their articles being written and the
 * questions the assistant could not answer.
 */
import { useEffect, useState } from 'preact/hooks';
import { SynonymPanel } from './synonyms';
import { useApp } from '../../app-state';
import { EmptyState, ErrorState, LoadingState } from '../../components/states';
import {
  type Article,
  type ArticleOrder,
  type UnansweredQuestion,
  fetchArticles,
  fetchEditable,
  fetchUnanswered,
  keepAllForOffline,
  keptArticles,
  searchKept,
} from '../../data/knowledge';
import { type MessageKey, formatTime, useI18n } from '../../i18n';
import { type ScreenProps, hashQuery, href } from '../../router';

const EDITORS = ['PROVINCE_ADMIN', 'UNIT_MANAGER'];
export const CATEGORIES = ['vneid', 'dich-vu-cong', 'an-toan-so', 'thanh-toan-so', 'ky-nang-so', 'du-lieu-ca-nhan', 'to-cong-nghe-so', 'chuyen-doi-so', 'kinh-te-so'];

/** A category's name in the reader's language (its code when the catalogue has none). */
export function useCategoryName(): (code: string) => string {
  const { t } = useI18n();
  return (code) => (CATEGORIES.includes(code) ? t(`kb.category.${code}` as MessageKey) : code);
}

/** `**word**` marks of a snippet as <mark>, everything else as text. */
export function Snippet({ text }: { text: string }) {
  const parts = text.split('**');
  return <p class="snippet">{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</p>;
}

function ArticleItem({ article }: { article: Article }) {
  const { t, lang } = useI18n();
  const categoryName = useCategoryName();
  return (
    <li class="card kb-item">
      <a href={href({ name: 'kbArticle', slug: article.slug })}>
        <strong>{article.title}</strong>
      </a>
      {article.snippet ? <Snippet text={article.snippet} /> : <p class="meta">{article.summary}</p>}
      <p class="meta">
        {categoryName(article.category)} · {t('kb.updated', { time: formatTime(article.updatedAt, lang) })}
        {article.kind === 'FAQ' && ` · ${t('kb.faq')}`}
      </p>
    </li>
  );
}

type Results = { articles: Article[]; offline: boolean; more: string | null };

export function KnowledgeBase(_props: ScreenProps<'kb'> | ScreenProps<'kbSearch'>) {
  const { t } = useI18n();
  const { viewer, online } = useApp();
  const categoryName = useCategoryName();
  const [text, setText] = useState(() => hashQuery().get('q') ?? '');
  const [category, setCategory] = useState('');
  const [order, setOrder] = useState<ArticleOrder>('RECENT');
  const [results, setResults] = useState<Results | null>(null);
  const [failed, setFailed] = useState(false);
  const [kept, setKept] = useState<number | null>(null);
  const [keeping, setKeeping] = useState(false);
  const editor = viewer !== null && EDITORS.some((role) => viewer.roles.includes(role));

  useEffect(() => {
    void keptArticles().then((all) => setKept(all.length));
  }, []);

  // search as you type: the address follows the text (shareable), results follow after a pause
  useEffect(() => {
    const query = text.trim();
    const address = query ? `#/kb/search?q=${encodeURIComponent(query)}` : '#/kb';
    if (location.hash !== address) history.replaceState(null, '', address);
    let live = true;
    setFailed(false);
    const timer = setTimeout(async () => {
      const offlineResults = async (): Promise<Results> => {
        const all = await keptArticles();
        const inCategory = category ? all.filter((a) => a.category === category) : all;
        const found = query ? searchKept(inCategory, query) : inCategory.sort((a, b) => (order === 'MOST_READ' ? b.viewCount - a.viewCount : 0) || b.updatedAt.localeCompare(a.updatedAt));
        return { articles: found, offline: true, more: null };
      };
      try {
        const page = online ? await fetchArticles({ search: query, category, order }) : null;
        const next: Results = page ? { articles: page.nodes, offline: false, more: page.hasNextPage ? page.endCursor : null } : await offlineResults();
        if (live) setResults(next);
      } catch {
        const next = await offlineResults();
        if (live) {
          setResults(next);
          setFailed(next.articles.length === 0);
        }
      }
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, category, order, online]);

  const more = async (): Promise<void> => {
    if (!results?.more) return;
    const page = await fetchArticles({ search: text, category, order, after: results.more });
    setResults({ articles: [...results.articles, ...page.nodes], offline: false, more: page.hasNextPage ? page.endCursor : null });
  };

  const keepAll = async (): Promise<void> => {
    setKeeping(true);
    try {
      setKept(await keepAllForOffline());
    } finally {
      setKeeping(false);
    }
  };

  return (
    <section class="wide kb">
      <h1>{t('kb.title')}</h1>
      <p class="hint">{t('kb.intro')}</p>
      <div class="kb-search">
        <label for="kb-q">{t('kb.search')}</label>
        <input id="kb-q" type="search" value={text} autocomplete="off" placeholder={t('kb.searchPlaceholder')} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <div class="chips" role="group" aria-label={t('kb.categories')}>
        <button type="button" class="chip" aria-pressed={category === ''} onClick={() => setCategory('')}>
          {t('kb.allCategories')}
        </button>
        {CATEGORIES.map((code) => (
          <button key={code} type="button" class="chip" aria-pressed={category === code} onClick={() => setCategory(code)}>
            {categoryName(code)}
          </button>
        ))}
      </div>
      <p class="kb-links">
        <a href={href({ name: 'assistant' })}>{t('kb.askAssistant')}</a>
        {editor && (
          <>
            {' · '}
            <a href={href({ name: 'kbEdit', id: 'new' })}>{t('kb.newArticle')}</a>
          </>
        )}
      </p>
      <p class="meta" data-testid="kb-kept">
        {kept === null ? '' : kept === 0 ? t('kb.keptNone') : t('kb.kept', { count: kept })}{' '}
        {online && (
          <button type="button" class="link" onClick={keepAll} disabled={keeping}>
            {keeping ? t('kb.keeping') : t('kb.keepAll')}
          </button>
        )}
      </p>
      {!text.trim() && (
        <div class="chips" role="group" aria-label={t('kb.order')}>
          {(['RECENT', 'MOST_READ'] as const).map((o) => (
            <button key={o} type="button" class="chip" aria-pressed={order === o} onClick={() => setOrder(o)}>
              {t(o === 'RECENT' ? 'kb.recent' : 'kb.mostRead')}
            </button>
          ))}
        </div>
      )}
      {results?.offline && <p class="notice" role="status">{t('kb.offlineResults')}</p>}
      {failed && <ErrorState message={t('kb.loadFailed')} />}
      {!results && !failed && <LoadingState />}
      {results && results.articles.length === 0 && !failed && <EmptyState>{text.trim() ? t('kb.noMatch', { text: text.trim() }) : t('kb.empty')}</EmptyState>}
      {results && results.articles.length > 0 && (
        <ul class="cards" aria-label={t('kb.results')} data-testid="kb-results">
          {results.articles.map((article) => (
            <ArticleItem key={article.slug} article={article} />
          ))}
        </ul>
      )}
      {results?.more && (
        <button type="button" class="secondary" onClick={more}>
          {t('app.loadMore')}
        </button>
      )}
      {editor && online && <EditorPanel />}
      {viewer?.roles.includes('PROVINCE_ADMIN') && online && <SynonymPanel />}
    </section>
  );
}

/** For editors: their articles in the works, and what readers asked that no article answers. */
function EditorPanel() {
  const { t, lang } = useI18n();
  const [mine, setMine] = useState<Article[] | null>(null);
  const [questions, setQuestions] = useState<UnansweredQuestion[] | null>(null);
  useEffect(() => {
    fetchEditable().then(setMine, () => setMine([]));
    fetchUnanswered().then(setQuestions, () => setQuestions([]));
  }, []);
  const unpublished = (mine ?? []).filter((a) => a.status !== 'PUBLISHED');
  return (
    <div class="kb-editor-panel">
      <h2>{t('kb.inTheWorks')}</h2>
      {mine === null ? (
        <LoadingState />
      ) : unpublished.length === 0 ? (
        <EmptyState>{t('kb.noDrafts')}</EmptyState>
      ) : (
        <ul class="cards">
          {unpublished.map((a) => (
            <li key={a.id} class="card">
              <a href={href({ name: 'kbEdit', id: a.id })}>{a.title}</a>
              <p class="meta">
                {t(`kb.status.${a.status}` as MessageKey)} · {t('kb.updated', { time: formatTime(a.updatedAt, lang) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('kb.unanswered')}</h2>
      {questions === null ? (
        <LoadingState />
      ) : questions.length === 0 ? (
        <EmptyState>{t('kb.noUnanswered')}</EmptyState>
      ) : (
        <ul class="plain" data-testid="kb-unanswered">
          {questions.slice(0, 20).map((q) => (
            <li key={q.question}>
              “{q.question}” <span class="meta">{t('kb.askedTimes', { count: q.times })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
