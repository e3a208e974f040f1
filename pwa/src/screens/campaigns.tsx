/** Awareness campaigns covering the viewer's area, newest first ("Load more"). */
import { PagedList } from '../components/paged-list';
import { fetchCampaigns } from '../data/campaigns';
import { useI18n } from '../i18n';
import { href } from '../router';

export function CampaignList() {
  const { t, lang } = useI18n();
  const day = (iso: string): string => new Date(`${iso}T00:00:00`).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <section>
      <h1>{t('campaigns.title')}</h1>
      <PagedList
        load={(after) => fetchCampaigns(after)}
        keyOf={(c) => c.id}
        render={(c) => (
          <article class="card">
            <h2>
              <a href={href({ name: 'campaign', id: c.id })}>{c.title}</a>
            </h2>
            <p class="meta">{c.topic}</p>
            <p class="meta">
              {day(c.startsOn)} – {day(c.endsOn)} · {c.adminUnit.name}
            </p>
          </article>
        )}
        empty={t('campaigns.empty')}
        errorMessage={t('campaigns.loadFailed')}
      />
    </section>
  );
}
