import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { vi as core } from '../i18n/vi';
import { viOffice } from '../i18n/vi-office';

const vi = { ...core, ...viOffice };
import { NETWORK_ROLES, ORGANIZATION_KINDS, kindLabel, roleLabel } from './vocabulary';

const catalogues = { vi, en } as Record<string, Record<string, string>>;

describe('the network vocabulary', () => {
  it('labels every organisation kind and role in both languages', () => {
    for (const [lang, messages] of Object.entries(catalogues)) {
      const t = (key: string): string => messages[key] ?? key;
      for (const kind of ORGANIZATION_KINDS) expect([lang, kindLabel(t, kind)]).not.toEqual([lang, `net.kind.${kind}`]);
      for (const role of NETWORK_ROLES) expect([lang, roleLabel(t, role)]).not.toEqual([lang, `net.role.${role}`]);
    }
    expect(kindLabel((k) => vi[k as keyof typeof vi], 'PEOPLES_COMMITTEE')).toBe('Ủy ban nhân dân');
  });

  it('is the only set of kind and role labels in the catalogues', () => {
    const kindKeys = Object.keys(vi).filter((key) => key.endsWith('.PEOPLES_COMMITTEE') || key.endsWith('.TELECOM_POSTAL'));
    const roleKeys = Object.keys(vi).filter((key) => key.endsWith('.TECH_TEAM_DEPUTY'));
    expect(kindKeys).toEqual(['net.kind.PEOPLES_COMMITTEE', 'net.kind.TELECOM_POSTAL']);
    expect(roleKeys).toEqual(['net.role.TECH_TEAM_DEPUTY']);
  });
});
