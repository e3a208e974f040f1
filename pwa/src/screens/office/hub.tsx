/**
 * The office (`#/office`): one page listing the desktop jobs of the provincial office and
 * the commune managers, each shown only to the roles that own it (links.ts), so a phone's
 * header carries one "Office" link instead of a dozen.
 */
import { useApp } from '../../app-state';
import { useI18n } from '../../i18n';
import { href } from '../../router';
import { officeLinksFor } from './links';

export function OfficeHub() {
  const { t } = useI18n();
  const { viewer } = useApp();
  const links = officeLinksFor(viewer);
  return (
    <section class="wide">
      <h1>{t('office.title')}</h1>
      {links.length === 0 ? (
        <p class="empty">{t('office.none')}</p>
      ) : (
        <ul class="cards office-links">
          {links.map((link) => (
            <li key={link.label} class="card">
              <a href={href(link.route)}>
                <strong>{t(link.label)}</strong>
              </a>
              <p class="meta">{t(link.hint)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
