/**
 * The knowledge base and the assistant (issue 17): articles read and searched online
 * through `/graphql`, and the published articles the reader may see kept on the device
 * (a database of their own, `dxnet-kb`: a cache that can be dropped without touching the
 * outbox) so they can be read, searched and asked about offline.
 *
 * Attachments (PDF checklists, screenshots, forms) are listed with their article, so the
 * kept copy lists them offline too; their bytes are fetched from
 * `/uploads/article-attachments/<id>` and kept by the service worker only when small
 * (sw.ts, `ATTACHMENT_CACHE`): `attachmentKept` says whether one opens without a signal.
 * Editors upload a file first (checked on the phone as the server checks it, file-types.ts)
 * and the save attaches it (`addAttachments`) or removes one (`removeAttachments`).
 *
 * Offline search and the offline assistant work as the server's do, in a smaller way:
 * words folded (no case, tones or đ), the same abbreviations expanded, title matches
 * above body matches, and an answer only ever made of the passages it cites.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ServerError } from './db';
import { type FileKind, type FileProblem, fileProblem, uploadWithProgress } from './file-types';
import { type Connection, type Operation, type Page, graphql, operation, pageOf } from './graphql';
import { fold } from './text';

export type ArticleStatus = 'DRAFT' | 'IN_REVIEW' | 'PUBLISHED' | 'ARCHIVED';
export type ArticleAudience = 'PUBLIC' | 'STAFF' | 'UNIT';
export type ArticleKind = 'ARTICLE' | 'FAQ';

export interface Article {
  id: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  language: string;
  kind: ArticleKind;
  category: string;
  tags: string[];
  audience: ArticleAudience;
  /** For a UNIT article: the unit whose subtree reads it. */
  audienceUnitCode?: string | null;
  status: ArticleStatus;
  version: number;
  viewCount: number;
  helpfulYes: number;
  helpfulNo: number;
  updatedAt: string;
  publishedAt: string | null;
  /** In a search: the best passage, matched words between ** marks. */
  snippet?: string | null;
  /** The articles its body links to (`[text](#/kb/<slug>)`) that the reader may read. */
  related?: RelatedArticle[];
  /** The files attached now (absent on copies kept before attachments existed). */
  attachments?: ArticleAttachment[];
}

export interface ArticleAttachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  url: string;
}

/** The server's limits (knowledge/attachments.py), checked on the phone first. */
export const MAX_ATTACHMENT_BYTES = 10_000_000;
export const MAX_ATTACHMENTS = 10;
export const ATTACHMENT_KINDS: readonly FileKind[] = ['pdf', 'jpeg', 'png', 'webp', 'docx', 'xlsx'];
/** The service worker's cache of small attachments once opened (sw.ts keeps it in step). */
export const ATTACHMENT_CACHE = 'dxnet-kb-files';

export type RelatedArticle = Pick<Article, 'slug' | 'title' | 'summary'>;

export interface Citation {
  article: Pick<Article, 'id' | 'slug' | 'title'>;
  passageId: number;
  position: number;
  text: string;
}

export interface Answer {
  answered: boolean;
  answer: string;
  message: string;
  citations: Citation[];
  suggestions: Pick<Article, 'id' | 'slug' | 'title' | 'summary'>[];
  /** Made on this device from the kept articles (no signal). */
  offline?: boolean;
}

export interface ArticleVersion {
  version: number;
  title: string;
  summary: string;
  body: string;
  status: ArticleStatus;
  createdAt: string;
}

export interface UnansweredQuestion {
  question: string;
  times: number;
  lastAskedAt: string;
}

const ARTICLE = `id slug title summary body language kind category tags audience audienceUnitCode status version viewCount
  helpfulYes helpfulNo updatedAt publishedAt attachments { id fileName contentType size url }`;
const ERRORS = 'errors { field code message }';

const LIST = operation(`query KbArticles($search: String, $category: String, $first: Int, $after: String, $order: ArticleOrder!) {
  articles(search: $search, category: $category, first: $first, after: $after, order: $order) {
    edges { node { ${ARTICLE} snippet } } pageInfo { hasNextPage endCursor } } }`);
const ONE = operation(`query KbArticle($slug: String!) { article(slug: $slug) { ${ARTICLE} related { slug title summary } } }`);
const EDITABLE = operation(`query KbEditable { editableArticles(first: 100) { edges { node { ${ARTICLE} } } pageInfo { hasNextPage endCursor } } }`);
const BY_ID = operation(`query KbById($id: ID!) { node(id: $id) { ... on Article { ${ARTICLE} } } }`);
const SYNONYMS = operation('query KbSynonyms { synonyms { id term expansion } }');
const ADD_SYNONYM = operation(`mutation KbAddSynonym($input: AddSynonymInput!) { addSynonym(input: $input) { synonym { id term expansion } ${ERRORS} } }`);
const REMOVE_SYNONYM = operation(`mutation KbRemoveSynonym($input: RemoveSynonymInput!) { removeSynonym(input: $input) { synonym { id } ${ERRORS} } }`);
const VERSIONS = operation(`query KbVersions($slug: String!) { articleVersions(slug: $slug) { version title summary body status createdAt } }`);
const UNANSWERED = operation('query KbUnanswered { unansweredQuestions { question times lastAskedAt } }');
const ASK = operation(`mutation KbAsk($input: AskAssistantInput!) { askAssistant(input: $input) {
  answer { answered answer message citations { article { id slug title } passageId position text }
    suggestions { id slug title summary } } ${ERRORS} } }`);
const RATE = operation(`mutation KbRate($input: RateArticleInput!) { rateArticle(input: $input) { article { id helpfulYes helpfulNo } ${ERRORS} } }`);
const CREATE = operation(`mutation KbCreate($input: CreateArticleInput!) { createArticle(input: $input) { article { ${ARTICLE} } ${ERRORS} } }`);
const UPDATE = operation(`mutation KbUpdate($input: UpdateArticleInput!) { updateArticle(input: $input) { article { ${ARTICLE} } ${ERRORS} } }`);
const SUBMIT = operation(`mutation KbSubmit($input: ArticleIdInput!) { submitArticleForReview(input: $input) { article { ${ARTICLE} } ${ERRORS} } }`);
const PUBLISH = operation(`mutation KbPublish($input: ArticleIdInput!) { publishArticle(input: $input) { article { ${ARTICLE} } ${ERRORS} } }`);
const ARCHIVE = operation(`mutation KbArchive($input: ArticleIdInput!) { archiveArticle(input: $input) { article { ${ARTICLE} } ${ERRORS} } }`);

/** Articles the server ranks for `search` (all of the reader's, newest first, without one). */
export type ArticleOrder = 'RECENT' | 'MOST_READ';

export async function fetchArticles(options: { search?: string; category?: string; after?: string | null; first?: number; order?: ArticleOrder }): Promise<Page<Article>> {
  const data = await graphql<{ articles: Connection<Article> }>(LIST, {
    search: options.search?.trim() || null,
    category: options.category || null,
    first: options.first ?? 20,
    after: options.after ?? null,
    order: options.order ?? 'RECENT',
  });
  return pageOf(data.articles);
}

/** One article (the server counts a view); kept for offline reading when published. */
export async function fetchArticle(slug: string): Promise<Article | null> {
  const article = (await graphql<{ article: Article | null }>(ONE, { slug })).article;
  if (article?.status === 'PUBLISHED') await keepArticles([article]);
  return article;
}

/** The articles the editor may edit, every status, latest first (their 100 latest). */
export async function fetchEditable(): Promise<Article[]> {
  return pageOf((await graphql<{ editableArticles: Connection<Article> }>(EDITABLE)).editableArticles).nodes;
}

/** An article by its id, for its editor (any status); null when not theirs. */
export async function fetchForEditing(id: string): Promise<Article | null> {
  const node = (await graphql<{ node: Article | null }>(BY_ID, { id })).node;
  return node && 'slug' in node ? node : null;
}

export interface Synonym {
  id: number;
  term: string;
  expansion: string;
}

export async function fetchSynonyms(): Promise<Synonym[]> {
  return (await graphql<{ synonyms: Synonym[] }>(SYNONYMS)).synonyms;
}

export async function addSynonym(term: string, expansion: string): Promise<{ synonym: Synonym | null; errors: ServerError[] }> {
  return (await graphql<{ addSynonym: { synonym: Synonym | null; errors: ServerError[] } }>(ADD_SYNONYM, { input: { term, expansion } })).addSynonym;
}

export async function removeSynonym(id: number): Promise<ServerError[]> {
  return (await graphql<{ removeSynonym: { errors: ServerError[] } }>(REMOVE_SYNONYM, { input: { id } })).removeSynonym.errors;
}

export async function fetchVersions(slug: string): Promise<ArticleVersion[]> {
  return (await graphql<{ articleVersions: ArticleVersion[] }>(VERSIONS, { slug })).articleVersions;
}

export async function fetchUnanswered(): Promise<UnansweredQuestion[]> {
  return (await graphql<{ unansweredQuestions: UnansweredQuestion[] }>(UNANSWERED)).unansweredQuestions;
}

export async function askAssistant(question: string, conversationId: string | null): Promise<{ answer: Answer | null; errors: ServerError[] }> {
  const data = await graphql<{ askAssistant: { answer: Answer | null; errors: ServerError[] } }>(ASK, { input: { question, conversationId } });
  return data.askAssistant;
}

export async function rateArticle(id: string, helpful: boolean): Promise<ServerError[]> {
  const data = await graphql<{ rateArticle: { errors: ServerError[] } }>(RATE, { input: { id, helpful } });
  return data.rateArticle.errors;
}

export interface ArticleFields {
  title: string;
  summary: string;
  body: string;
  slug: string;
  language: string;
  kind: ArticleKind;
  category: string;
  tags: string[];
  audience: ArticleAudience;
  audienceUnitCode: string | null;
}

export interface Saved {
  article: Article | null;
  errors: ServerError[];
}

/** The files a save attaches (upload ids) and removes (attachment ids). */
export interface AttachmentChanges {
  add: string[];
  remove: string[];
}

export async function saveArticle(id: string | null, fields: ArticleFields, files: AttachmentChanges = { add: [], remove: [] }): Promise<Saved> {
  if (id === null) return (await graphql<{ createArticle: Saved }>(CREATE, { input: { ...fields, addAttachments: files.add } })).createArticle;
  const input = { id, ...fields, addAttachments: files.add, removeAttachments: files.remove };
  return (await graphql<{ updateArticle: Saved }>(UPDATE, { input })).updateArticle;
}

export interface Upload {
  uploadId: string;
  fileName: string;
  contentType: string;
  size: number;
}

/** Why the server would refuse `file` as an attachment (read from its bytes), or null. */
export function attachmentProblem(file: Blob): Promise<FileProblem | null> {
  return fileProblem(file, ATTACHMENT_KINDS, MAX_ATTACHMENT_BYTES);
}

/**
 * Upload a file for a later save to attach (kept 24 hours on the server), reporting
 * progress; the server's refusal comes back as its translated errors, a lost connection
 * rejects.
 */
export async function uploadAttachment(file: File, onProgress: (sent: number) => void): Promise<{ upload: Upload } | { errors: ServerError[] }> {
  const outcome = await uploadWithProgress(`/uploads/article-attachments?fileName=${encodeURIComponent(file.name)}`, file, onProgress);
  return outcome.ok ? { upload: outcome.body as Upload } : { errors: outcome.errors };
}

/** Whether an attachment opens without a signal (the service worker kept it). */
export async function attachmentKept(url: string): Promise<boolean> {
  if (typeof caches === 'undefined') return false;
  try {
    return (await (await caches.open(ATTACHMENT_CACHE)).match(url)) !== undefined;
  } catch {
    return false;
  }
}

export type Transition = 'submit' | 'publish' | 'archive';

const MOVES: Record<Transition, { query: Operation; field: string }> = {
  submit: { query: SUBMIT, field: 'submitArticleForReview' },
  publish: { query: PUBLISH, field: 'publishArticle' },
  archive: { query: ARCHIVE, field: 'archiveArticle' },
};

export async function moveArticle(id: string, to: Transition): Promise<Saved> {
  const { query, field } = MOVES[to];
  const data = await graphql<Record<string, Saved>>(query, { input: { id } });
  return data[field] as Saved;
}

// --- kept on the device -------------------------------------------------------------

interface KbSchema extends DBSchema {
  articles: { key: string; value: Article & { keptAt: string } };
}

let opening: Promise<IDBPDatabase<KbSchema>> | null = null;

function kbDb(): Promise<IDBPDatabase<KbSchema>> {
  opening ??= openDB<KbSchema>('dxnet-kb', 1, {
    upgrade(db) {
      db.createObjectStore('articles', { keyPath: 'slug' });
    },
  });
  return opening;
}

/** Keep published articles for offline reading (replacing older copies). */
export async function keepArticles(articles: Article[]): Promise<void> {
  if (typeof indexedDB === 'undefined' || articles.length === 0) return;
  const db = await kbDb();
  const tx = db.transaction('articles', 'readwrite');
  const keptAt = new Date().toISOString();
  for (const article of articles) if (article.status === 'PUBLISHED') void tx.store.put({ ...article, snippet: null, keptAt });
  await tx.done;
}

const ARTICLE_LINK = /\]\(#\/kb\/([a-z0-9]+(?:-[a-z0-9]+)*)\)/g;

/** The slugs `body` links to (`[text](#/kb/<slug>)`), in order, each once (as the server). */
export function linkedSlugs(body: string): string[] {
  return [...new Set(Array.from(body.matchAll(ARTICLE_LINK), (m) => m[1] ?? ''))].slice(0, 20);
}

/**
 * Without a signal: the articles `article` links to among the kept ones (the phone keeps
 * only what its reader may read, so this leaks nothing the server would not show).
 */
export function relatedAmong(article: Article, kept: Article[]): RelatedArticle[] {
  const bySlug = new Map(kept.map((a) => [a.slug, a]));
  return linkedSlugs(article.body)
    .filter((slug) => slug !== article.slug)
    .flatMap((slug) => {
      const found = bySlug.get(slug);
      return found ? [{ slug: found.slug, title: found.title, summary: found.summary }] : [];
    });
}

export async function keptArticles(): Promise<Article[]> {
  if (typeof indexedDB === 'undefined') return [];
  return (await kbDb()).getAll('articles');
}

export async function keptArticle(slug: string): Promise<Article | null> {
  if (typeof indexedDB === 'undefined') return null;
  return (await (await kbDb()).get('articles', slug)) ?? null;
}

/** Every published article the reader may see, kept for offline use (at most 500). */
export async function keepAllForOffline(): Promise<number> {
  const all: Article[] = [];
  let after: string | null = null;
  for (let page = 0; page < 5; page += 1) {
    const got = await fetchArticles({ after, first: 100 });
    all.push(...got.nodes);
    if (!got.hasNextPage) break;
    after = got.endCursor;
  }
  await keepArticles(all);
  return all.filter((a) => a.status === 'PUBLISHED').length;
}

// --- offline search and answers -----------------------------------------------------

/**
 * The one-word abbreviations people type and what they stand for, as the server's
 * editable synonym list starts (migrations/0009_knowledge.py SYNONYMS; a test keeps the
 * two in step).
 */
export const ABBREVIATIONS: Record<string, string> = {
  dvc: 'dich vu cong',
  cds: 'chuyen doi so',
  vneid: 'dinh danh dien tu',
  tthc: 'thu tuc hanh chinh',
  cccd: 'can cuoc cong dan',
  bhyt: 'bao hiem y te',
  bhxh: 'bao hiem xa hoi',
  ubnd: 'uy ban nhan dan',
  tcn: 'to cong nghe',
  tcncd: 'to cong nghe so cong dong',
  qr: 'ma qr',
  otp: 'ma xac thuc',
  bdhvs: 'binh dan hoc vu so',
  dldn: 'du lieu ca nhan',
  nd13: 'nghi dinh 13',
};

/** Folded words of a question, abbreviations expanded, words of one letter dropped. */
export function terms(text: string): string[] {
  const words = fold(text)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1);
  return words.flatMap((w) => [w, ...(ABBREVIATIONS[w]?.split(' ') ?? [])]);
}

function countOf(haystack: string[], term: string): number {
  let n = 0;
  for (const word of haystack) if (word === term || (term.length >= 3 && word.startsWith(term))) n += 1;
  return n;
}

/** Kept articles ranked for `query`: a title match counts three times a body match. */
export function searchKept(articles: Article[], query: string): Article[] {
  const wanted = [...new Set(terms(query))];
  if (wanted.length === 0) return [];
  const scored = articles.map((article) => {
    const title = terms(`${article.title} ${article.tags.join(' ')}`);
    const body = terms(`${article.summary} ${article.body}`);
    let score = 0;
    let matched = 0;
    for (const term of wanted) {
      const hits = 3 * countOf(title, term) + Math.min(countOf(body, term), 5);
      if (hits > 0) matched += 1;
      score += hits;
    }
    return { article, score: score * (matched / wanted.length) };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.article.title.localeCompare(b.article.title))
    .map((s) => s.article);
}

/** An article's passages: its title with its summary, then each paragraph of its body. */
export function passagesOf(article: Article): string[] {
  const paragraphs = article.body
    .split(/\n\s*\n/)
    .map((p) => p.replace(/^#+\s*/gm, '').trim())
    .filter((p) => p.length > 0);
  return [`${article.title}. ${article.summary}`.trim(), ...paragraphs];
}

/**
 * The assistant without the server: the kept passages that share the most words with
 * the question, quoted as they are, with where they come from. Nothing matched: says so
 * and suggests the closest articles (none when nothing shares a word).
 */
export function answerOffline(articles: Article[], question: string): Answer {
  const wanted = [...new Set(terms(question))];
  const candidates = searchKept(articles, question).slice(0, 5);
  const scored: { article: Article; position: number; text: string; score: number }[] = [];
  for (const article of candidates) {
    passagesOf(article).forEach((text, position) => {
      const words = terms(text);
      const matched = wanted.filter((term) => countOf(words, term) > 0).length;
      if (matched > 0) scored.push({ article, position, text, score: matched / wanted.length });
    });
  }
  scored.sort((a, b) => b.score - a.score || a.position - b.position);
  const best = scored.filter((s) => s.score >= 0.5).slice(0, 3);
  if (best.length === 0) {
    return {
      answered: false,
      answer: '',
      message: '',
      citations: [],
      suggestions: candidates.slice(0, 3).map(({ id, slug, title, summary }) => ({ id, slug, title, summary })),
      offline: true,
    };
  }
  return {
    answered: true,
    answer: best.map((b) => b.text).join('\n\n'),
    message: '',
    citations: best.map((b) => ({ article: { id: b.article.id, slug: b.article.slug, title: b.article.title }, passageId: -1, position: b.position, text: b.text })),
    suggestions: [],
    offline: true,
  };
}
