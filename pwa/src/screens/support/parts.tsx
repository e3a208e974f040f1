/**
 * Pieces the expert-support screens share: who the viewer is (a partner, or staff who
 * request), tags as chips, a request's place and dates, the screen's tabs.
 */
import type { Viewer } from '../../data/db';
import type { SupportRequest, Tag } from '../../data/support';
import { type Language, useI18n } from '../../i18n';
import { type Route, href } from '../../router';

export const isPartner = (viewer: Viewer | null) => !!viewer?.roles.includes('PARTNER');
export const isRequester = (viewer: Viewer | null) => !!viewer?.roles.some((r) => r === 'PROVINCE_ADMIN' || r === 'UNIT_MANAGER');
export const isFieldStaff = (viewer: Viewer | null) =>
  !!viewer?.roles.some((r) => r === 'PROVINCE_ADMIN' || r === 'UNIT_MANAGER' || r === 'FIELD_STAFF');

export function day(value: string, lang: Language): string {
  return new Date(`${value}T00:00:00`).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}

export function Tags({ tags }: { tags: Tag[] }) {
  return (
    <ul class="sup-tags">
      {tags.map((tag) => (
        <li key={tag.id}>{tag.name}</li>
      ))}
    </ul>
  );
}

export function RequestMeta({ request }: { request: SupportRequest }) {
  const { t, lang } = useI18n();
  return (
    <p class="meta">
      {request.adminUnit.name} · {day(request.startsOn, lang)} – {day(request.endsOn, lang)} ·{' '}
      {t('sup.personDays', { count: request.personDays })} · {t('sup.people', { count: request.peopleToHelp })}
    </p>
  );
}

export function SupportTabs({ current }: { current: 'supportRequests' | 'supportOffers' }) {
  const { t } = useI18n();
  const tabs: { route: Route; label: 'sup.requests' | 'sup.offers' }[] = [
    { route: { name: 'supportRequests' }, label: 'sup.requests' },
    { route: { name: 'supportOffers' }, label: 'sup.offers' },
  ];
  return (
    <nav class="sup-tabs" aria-label={t('sup.title')}>
      {tabs.map((tab) => (
        <a key={tab.label} href={href(tab.route)} aria-current={tab.route.name === current ? 'page' : undefined}>
          {t(tab.label)}
        </a>
      ))}
    </nav>
  );
}
