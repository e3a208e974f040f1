import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi } from './vi';

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
