import { describe, expect, it } from 'vitest';
import { type Route, hashQuery, href, parseRoute } from './router';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { name: 'home' }],
    ['#', { name: 'home' }],
    ['#/', { name: 'home' }],
    ['#/surveys', { name: 'surveys' }],
    ['#/signin', { name: 'signin' }],
    ['#signin', { name: 'signin' }],
    ['#/outbox', { name: 'outbox' }],
    ['#/s/U3VydmV5OjE%3D', { name: 'survey', id: 'U3VydmV5OjE=' }],
    ['#/s/a/b', { name: 'survey', id: 'a/b' }],
    ['#/s/', { name: 'home' }],
    ['#/s/%E0%A4%A', { name: 'home' }],
    ['#/nowhere', { name: 'home' }],
    ['#/outbox/extra', { name: 'home' }],
    ['#/events', { name: 'events' }],
    ['#/card/abc.def', { name: 'card', token: 'abc.def' }],
    ['#/campaigns', { name: 'campaigns' }],
    ['#/campaigns/Q2FtcGFpZ246MQ%3D%3D/log', { name: 'campaignLog', id: 'Q2FtcGFpZ246MQ==' }],
    ['#/campaigns/Q2FtcGFpZ246MQ%3D%3D', { name: 'campaign', id: 'Q2FtcGFpZ246MQ==' }],
    ['#/events/RXZlbnQ6MQ%3D%3D', { name: 'event', id: 'RXZlbnQ6MQ==' }],
    ['#/events/RXZlbnQ6MQ%3D%3D/check-in', { name: 'checkIn', id: 'RXZlbnQ6MQ==' }],
    ['#/kb', { name: 'kb' }],
    ['#/kb/search?q=dinh%20danh', { name: 'kbSearch' }],
    ['#/kb/search', { name: 'kbSearch' }],
    ['#/kb/edit/new', { name: 'kbEdit', id: 'new' }],
    ['#/kb/nang-cap-vneid-muc-2', { name: 'kbArticle', slug: 'nang-cap-vneid-muc-2' }],
    ['#/assistant', { name: 'assistant' }],
    ['#/surveys/manage', { name: 'surveyManage' }],
    ['#/surveys/new', { name: 'surveyNew' }],
    ['#/surveys/U3VydmV5OjE%3D/edit', { name: 'surveyEdit', id: 'U3VydmV5OjE=' }],
    ['#/surveys/U3VydmV5OjE%3D/results', { name: 'surveyResults', id: 'U3VydmV5OjE=' }],
    ['#/surveys/U3VydmV5OjE%3D', { name: 'home' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});

describe('href', () => {
  it.each<[Route, string]>([
    [{ name: 'home' }, '#/'],
    [{ name: 'surveys' }, '#/surveys'],
    [{ name: 'checkIn', id: 'RXZlbnQ6MQ==' }, '#/events/RXZlbnQ6MQ%3D%3D/check-in'],
    [{ name: 'signin' }, '#/signin'],
    [{ name: 'outbox' }, '#/outbox'],
    [{ name: 'survey', id: 'U3VydmV5OjE=' }, '#/s/U3VydmV5OjE%3D'],
    [{ name: 'survey', id: 'a/b c' }, '#/s/a%2Fb%20c'],
  ])('%j', (route, address) => {
    expect(href(route)).toBe(address);
    expect(parseRoute(address)).toEqual(route);
  });
});

describe('hashQuery', () => {
  it('reads the parameters after the route', () => {
    expect(hashQuery('#/kb/search?q=dinh%20danh%20m%E1%BB%A9c%202').get('q')).toBe('dinh danh mức 2');
    expect(hashQuery('#/kb/search').get('q')).toBeNull();
  });
});
