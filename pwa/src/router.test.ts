import { describe, expect, it } from 'vitest';
import { PATHS, type Route, hashQuery, href, parseRoute } from './router';

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
    // the office's pages are not taken for an event or a campaign called "manage"
    ['#/events/manage', { name: 'eventsManage' }],
    ['#/events/manage/new', { name: 'eventCreate' }],
    ['#/events/RXZlbnQ6MQ%3D%3D/manage', { name: 'eventManage', id: 'RXZlbnQ6MQ==' }],
    ['#/campaigns/manage', { name: 'campaignsManage' }],
    ['#/campaigns/manage/new', { name: 'campaignCreate' }],
    ['#/campaigns/Q2FtcGFpZ246MQ%3D%3D/manage', { name: 'campaignManage', id: 'Q2FtcGFpZ246MQ==' }],
    ['#/registry/import', { name: 'registryImport' }],
    ['#/registry/members', { name: 'registryMembers' }],
    ['#/registry/members/TWVtYmVyOjE%3D', { name: 'registryMember', id: 'TWVtYmVyOjE=' }],
    ['#/registry/organizations', { name: 'registryOrganizations' }],
    ['#/registry/organizations/T3JnYW5pemF0aW9uOjE%3D', { name: 'registryOrganization', id: 'T3JnYW5pemF0aW9uOjE=' }],
    ['#/registry', { name: 'home' }],
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
    [{ name: 'eventsManage' }, '#/events/manage'],
    [{ name: 'eventManage', id: 'RXZlbnQ6MQ==' }, '#/events/RXZlbnQ6MQ%3D%3D/manage'],
    [{ name: 'campaignManage', id: 'a/b' }, '#/campaigns/a%2Fb/manage'],
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

describe('PATHS order', () => {
  it('opens every route from its own address (no earlier path takes it)', () => {
    for (const [name, pattern] of Object.entries(PATHS)) {
      const params = Object.fromEntries(
        pattern
          .split('/')
          .filter((s) => s.startsWith(':'))
          .map((s) => [s.slice(1), 'RXZlbnQ6MQ==']),
      );
      const route = { name, ...params } as Route;
      expect(parseRoute(href(route))).toEqual(route);
    }
  });
});
