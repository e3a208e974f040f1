import { useEffect, useRef } from 'preact/hooks';
import { type Route, href } from '../router';
import type { Viewer } from '../data/db';
import { secureContext } from '../data/ids';
import { useI18n } from '../i18n';
import { RecognitionLinks } from './recognition/nav';
import { isOfficeRoute, officeLinksFor } from './office/links';

// Campaign work (field logs) is for staff; a committee member has nothing to log there.
const FIELD_ROLES = ['PROVINCE_ADMIN', 'UNIT_MANAGER', 'FIELD_STAFF'];
// One link for the citizens' initiative pages (send, follow, the showcase), for visitors
// and staff who help citizens send ideas; editors have "Sàng lọc" instead, so their
// header does not grow another row.
const CITIZEN_ROUTES: Route['name'][] = ['track', 'trackCode', 'initiativeNew', 'showcase', 'showcaseItem'];
const EDITOR_ROLES = ['PROVINCE_ADMIN', 'UNIT_MANAGER'];

interface Props {
  viewer: Viewer | null;
  pending: number;
  online: boolean;
  route: Route;
  onSignOut: () => void;
}

export function Header({ viewer, pending, online, route, onSignOut }: Props) {
  const { t, lang, setLang } = useI18n();
  const current = (name: Route['name']): 'page' | undefined => (route.name === name ? 'page' : undefined);
  // A partner's account (doitac.*) is only that: events and citizens' initiatives are not theirs.
  const partner = !!viewer?.roles.includes('PARTNER');
  const nav = useRef<HTMLElement>(null);
  // On a phone the links are one row that scrolls sideways: bring the current one into view.
  useEffect(() => {
    const row = nav.current;
    const link = row?.querySelector<HTMLElement>('[aria-current=page]');
    if (!row) return;
    // no current link (the home): back to the start, not where the last page left it
    row.scrollLeft = link ? link.offsetLeft - row.offsetLeft - (row.clientWidth - link.offsetWidth) / 2 : 0;
  }, [route.name, viewer?.username]);
  return (
    <header class="top">
      <div class="brand">
        <a href={href({ name: 'home' })} class="brand-name" aria-label={`${t('app.name')} – ${t('nav.home')}`} aria-current={current('home')}>
          {t('app.name')}
        </a>
        <span class="brand-tagline">{t('app.tagline')}</span>
        <button
          type="button"
          class="link lang"
          lang={lang === 'vi' ? 'en' : 'vi'}
          aria-label={t('nav.languageLabel')}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {t('nav.language')}
        </button>
      </div>
      {viewer && (
        <div class="who-row">
          <p class="who" data-testid="who">
            {t('nav.who', { name: viewer.displayName, unit: viewer.scope.name })}
          </p>
          <button type="button" class="link" onClick={onSignOut} title={t('signIn.as', { name: viewer.displayName })}>
            {t('nav.signOut')}
          </button>
        </div>
      )}
      <nav aria-label={t('nav.main')} ref={nav}>
        {viewer ? (
          <>
            {!partner && (
              <a href={href({ name: 'events' })} aria-current={['events', 'event', 'checkIn'].includes(route.name) ? 'page' : undefined}>
                {t('nav.events')}
              </a>
            )}
            {FIELD_ROLES.some((role) => viewer.roles.includes(role)) && (
              <a href={href({ name: 'campaigns' })} aria-current={['campaigns', 'campaign', 'campaignLog'].includes(route.name) ? 'page' : undefined}>
                {t('nav.campaigns')}
              </a>
            )}
          </>
        ) : (
          <a href={href({ name: 'home' })} aria-current={route.name === 'home' || route.name === 'surveys' || route.name === 'survey' ? 'page' : undefined}>
            {t('nav.surveys')}
          </a>
        )}
        <a href={href({ name: 'kb' })} aria-current={['kb', 'kbSearch', 'kbArticle', 'kbEdit', 'assistant'].includes(route.name) ? 'page' : undefined}>
          {t('nav.kb')}
        </a>
        <a href={href({ name: 'outbox' })} aria-current={current('outbox')}>
          {t('nav.outbox')}
          {pending > 0 && (
            <span class="badge" data-testid="outbox-count">
              {pending}
            </span>
          )}
        </a>
        {!partner && !EDITOR_ROLES.some((role) => viewer?.roles.includes(role)) && (
          <a href={href({ name: 'track' })} aria-current={CITIZEN_ROUTES.includes(route.name) ? 'page' : undefined}>
            {t('nav.initiatives')}
          </a>
        )}
        <RecognitionLinks viewer={viewer} route={route} />
        {partner && (
          <a href={href({ name: 'supportRequests' })} aria-current={route.name.startsWith('support') ? 'page' : undefined}>
            {t('sup.title')}
          </a>
        )}
        {officeLinksFor(viewer).length > 0 && (
          <a href={href({ name: 'office' })} aria-current={isOfficeRoute(route.name) ? 'page' : undefined}>
            {t('nav.office')}
          </a>
        )}
        {!viewer && (
          <a href={href({ name: 'signin' })} aria-current={current('signin')}>
            {t('nav.signIn')}
          </a>
        )}
      </nav>
      {!secureContext() && (
        <p class="offline insecure" role="alert">
          {t('app.insecure')}
        </p>
      )}
      {!online && (
        <p class="offline" role="status">
          {t('app.offline')}
        </p>
      )}
    </header>
  );
}
