import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi as core } from './vi';
import { viOffice } from './vi-office';

const vi = { ...core, ...viOffice };

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the catalogues', () => {
  it('have the same keys and placeholders in Vietnamese and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [key, text] of Object.entries(vi)) {
      expect(placeholders(en[key as keyof typeof vi]), key).toEqual(placeholders(text));
    }
  });
});

describe('English, loaded when chosen', () => {
  it('falls back to Vietnamese until its chunk is loaded, then translates', async () => {
    const { loadLanguage, translator } = await import('./index');
    expect(translator('en')('nav.outbox')).toBe(vi['nav.outbox']);
    await loadLanguage('en');
    expect(translator('en')('nav.outbox')).toBe(en['nav.outbox']);
  });
});

describe("the office's strings, loaded with the office screens", () => {
  it('stay out of the initial catalogue, and translate once loaded', async () => {
    const { loadOfficeMessages, translator } = await import('./index');
    expect(Object.keys(core).filter((key) => /^(acct|reg|svy|dash|evm|cpm|net|office)\./.test(key))).toEqual([]);
    expect(translator('vi')('acct.users.title')).toBe('acct.users.title');
    await loadOfficeMessages();
    expect(translator('vi')('acct.users.title')).toBe(viOffice['acct.users.title']);
    expect(translator('vi')('nav.outbox')).toBe(core['nav.outbox']);
  });

  it('come with every office screen', () => {
    const screens = readFileSync(new URL('../screens.ts', import.meta.url), 'utf8');
    expect(screens).not.toMatch(/lazy\(\(\) => import\('\.\/screens\/office\//);
    expect(screens.match(/office\(\(\) => import\('\.\/screens\/office\//g)?.length).toBeGreaterThanOrEqual(21);
  });
});
