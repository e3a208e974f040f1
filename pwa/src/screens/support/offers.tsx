/**
 * Partners' offers (`#/support/offers`): every active offer for staff, their own for a
 * partner: expertise, experts lent, capacity, units served, period.
 */
import { PagedList } from '../../components/paged-list';
import { type SupportOffer, fetchOffers } from '../../data/support';
import { useI18n } from '../../i18n';
import type { ScreenProps } from '../../router';
import { SupportTabs, Tags, day } from './parts';

function OfferCard({ offer }: { offer: SupportOffer }) {
  const { t, lang } = useI18n();
  return (
    <article class="card">
      <h3>{offer.title}</h3>
      <p class="meta">
        <strong>{offer.partner.name}</strong> · {day(offer.startsOn, lang)} – {day(offer.endsOn, lang)}
      </p>
      <Tags tags={offer.tags} />
      {offer.description && <p>{offer.description}</p>}
      <p class="meta">{t('sup.capacity', { count: offer.capacityPersonDays })}</p>
      <p class="meta">{t('sup.served', { units: offer.servedUnits.map((u) => u.name).join(', ') })}</p>
      {offer.experts.length > 0 && (
        <p class="meta">{t('sup.experts', { names: offer.experts.map((e) => `${e.fullName} (${e.position})`).join(', ') })}</p>
      )}
    </article>
  );
}

export function SupportOffers(_: ScreenProps<'supportOffers'>) {
  const { t } = useI18n();
  return (
    <section class="wide">
      <h1>{t('sup.title')}</h1>
      <SupportTabs current="supportOffers" />
      <h2>{t('sup.offers')}</h2>
      <PagedList
        class="cards office-grid"
        load={fetchOffers}
        keyOf={(o) => o.id}
        render={(o) => <OfferCard offer={o} />}
        empty={t('sup.noOffers')}
        errorMessage={t('sup.failed')}
      />
    </section>
  );
}
