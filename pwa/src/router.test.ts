import { describe, expect, it } from 'vitest';
import { type Route, href, parseRoute } from './router';

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
  ])('%j', (route, address) => {
    expect(href(route)).toBe(address);
    expect(parseRoute(address)).toEqual(route);
  });
});
