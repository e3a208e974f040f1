import { describe, expect, it } from 'vitest';
import { PATHS, type RouteName } from '../../router';
import { OFFICE_LINKS, isOfficeRoute } from './links';

/** A path that belongs to the office by its shape: the hub's areas and the pages they open. */
const officePath = (path: string): boolean =>
  /^(office|dashboard|registry|admin|projects|support)(\/|$)/.test(path) || /(^|\/)manage(\/|$)/.test(path) || /^surveys\/(new|:id\/(edit|results))$/.test(path);

describe('isOfficeRoute', () => {
  it('marks every office page, and only those, so the header highlights "Office" there', () => {
    for (const [name, path] of Object.entries(PATHS)) {
      expect([name, isOfficeRoute(name as RouteName)]).toEqual([name, officePath(path)]);
    }
  });

  it('covers every screen the hub lists', () => {
    for (const link of OFFICE_LINKS) expect(isOfficeRoute(link.route.name)).toBe(true);
  });

  it('leaves the field pages of events and campaigns to their own links', () => {
    expect(isOfficeRoute('events')).toBe(false);
    expect(isOfficeRoute('event')).toBe(false);
    expect(isOfficeRoute('checkIn')).toBe(false);
    expect(isOfficeRoute('campaignLog')).toBe(false);
  });
});
