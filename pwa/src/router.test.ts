import { describe, expect, it } from 'vitest';
import { type Route, href, parseRoute } from './router';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { name: 'surveys' }],
    ['#', { name: 'surveys' }],
    ['#/', { name: 'surveys' }],
    ['#/signin', { name: 'signin' }],
    ['#signin', { name: 'signin' }],
    ['#/outbox', { name: 'outbox' }],
    ['#/s/U3VydmV5OjE%3D', { name: 'survey', id: 'U3VydmV5OjE=' }],
    ['#/s/a/b', { name: 'survey', id: 'a/b' }],
    ['#/s/', { name: 'surveys' }],
    ['#/s/%E0%A4%A', { name: 'surveys' }],
    ['#/nowhere', { name: 'surveys' }],
    ['#/outbox/extra', { name: 'surveys' }],
  ])('%s', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });
});

describe('href', () => {
  it.each<[Route, string]>([
    [{ name: 'surveys' }, '#/'],
    [{ name: 'signin' }, '#/signin'],
    [{ name: 'outbox' }, '#/outbox'],
    [{ name: 'survey', id: 'U3VydmV5OjE=' }, '#/s/U3VydmV5OjE%3D'],
    [{ name: 'survey', id: 'a/b c' }, '#/s/a%2Fb%20c'],
  ])('%j', (route, address) => {
    expect(href(route)).toBe(address);
    expect(parseRoute(address)).toEqual(route);
  });
});
