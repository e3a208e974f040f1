import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ABBREVIATIONS, type Article, answerOffline, searchKept, terms } from './knowledge';

function article(slug: string, title: string, body: string, extra: Partial<Article> = {}): Article {
  return {
    id: slug,
    slug,
    title,
    summary: '',
    body,
    language: 'vi',
    kind: 'ARTICLE',
    category: 'vneid',
    tags: [],
    audience: 'PUBLIC',
    status: 'PUBLISHED',
    version: 1,
    viewCount: 0,
    helpfulYes: 0,
    helpfulNo: 0,
    updatedAt: '2026-11-01T00:00:00Z',
    publishedAt: '2026-11-01T00:00:00Z',
    ...extra,
  };
}

const KEPT = [
  article('vneid-muc-2', 'Nâng cấp tài khoản định danh điện tử mức 2', 'Đến công an cấp xã nơi cư trú.\n\nMang thẻ căn cước gắn chip và điện thoại chính chủ.'),
  article('dvc', 'Nộp hồ sơ trên Cổng Dịch vụ công', 'Đăng nhập dichvucong.gov.vn bằng tài khoản VNeID.\n\nChọn thủ tục và nộp lệ phí trực tuyến.'),
  article('lua-dao', 'Nhận biết cuộc gọi lừa đảo', 'Cơ quan công an không gọi điện yêu cầu chuyển tiền.\n\nKhông bấm vào đường link lạ.'),
];

describe('searching the articles kept on the phone', () => {
  it('finds Vietnamese typed without tones, đ or case', () => {
    expect(searchKept(KEPT, 'dinh danh muc 2')[0]?.slug).toBe('vneid-muc-2');
    expect(searchKept(KEPT, 'ĐỊNH DANH')[0]?.slug).toBe('vneid-muc-2');
    expect(searchKept(KEPT, 'lua dao')[0]?.slug).toBe('lua-dao');
  });

  it('expands abbreviations and matches a word being typed', () => {
    expect(terms('DVC')).toEqual(['dvc', 'dich', 'vu', 'cong']);
    expect(searchKept(KEPT, 'dvc')[0]?.slug).toBe('dvc');
    expect(searchKept(KEPT, 'cuoc goi lu')[0]?.slug).toBe('lua-dao');
  });

  it('treats quotes, stars and SQL as plain words, and finds nothing for nothing', () => {
    expect(searchKept(KEPT, '" * NEAR OR 1=1; --')).toEqual([]);
    expect(searchKept(KEPT, '   ')).toEqual([]);
  });

  it('knows every one-word abbreviation the server starts with', () => {
    const migration = readFileSync(new URL('../../../migrations/0009_knowledge.py', import.meta.url), 'utf8');
    const block = migration.slice(migration.indexOf('SYNONYMS = ('), migration.indexOf(')\n\n', migration.indexOf('SYNONYMS = (')));
    const server = [...block.matchAll(/\("([a-z0-9]+)", "([a-z0-9 ]+)"\)/g)].filter((m) => !(m[1] as string).includes(' '));
    expect(server.length).toBeGreaterThan(10);
    for (const [, term] of server) expect(Object.keys(ABBREVIATIONS)).toContain(term);
  });
});

describe('the assistant without a signal', () => {
  it('answers only with kept passages, citing where each comes from', () => {
    const answer = answerOffline(KEPT, 'nang cap dinh danh muc 2 o dau?');
    expect(answer.answered).toBe(true);
    expect(answer.offline).toBe(true);
    expect(answer.citations.map((c) => c.article.slug)).toContain('vneid-muc-2');
    for (const c of answer.citations) expect(answer.answer).toContain(c.text);
  });

  it('says it has no answer rather than inventing one', () => {
    const answer = answerOffline(KEPT, 'giá lúa hôm nay bao nhiêu');
    expect(answer.answered).toBe(false);
    expect(answer.answer).toBe('');
    expect(answer.citations).toEqual([]);
  });
});

describe('links between articles', () => {
  it('reads the slugs a body links to, in order, each once, as the server does', async () => {
    const { linkedSlugs } = await import('./knowledge');
    expect(linkedSlugs('[a](#/kb/vneid-muc-2) [b](#/kb/Bad_Slug) [c](https://x.vn/#/kb/dvc) [d](#/kb/dvc) [e](#/kb/vneid-muc-2)')).toEqual([
      'vneid-muc-2',
      'dvc',
    ]);
  });

  it('offline, relates only the kept articles (what the reader may read), never itself', async () => {
    const { relatedAmong } = await import('./knowledge');
    const hub = article('hub', 'Mục lục', '[VNeID](#/kb/vneid-muc-2), [kín](#/kb/noi-bo), [mình](#/kb/hub), [DVC](#/kb/dvc)');
    expect(relatedAmong(hub, [...KEPT, hub]).map((a) => a.slug)).toEqual(['vneid-muc-2', 'dvc']);
  });
});
