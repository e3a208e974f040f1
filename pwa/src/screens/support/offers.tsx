/**
 * Partners' offers (`#/support/offers`): every active offer for staff, their own for a
 * partner: expertise, experts lent, capacity, units served, period.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { lazy } from '../../components/lazy';
import { PagedList } from '../../components/paged-list';
import { StatusNotice } from '../../components/states';
import { type SupportOffer, fetchOffers } from '../../data/support';
import { loadOfficeMessages, useI18n } from '../../i18n';
import type { ScreenProps } from '../../router';
import { SupportTabs, Tags, day, isPartner } from './parts';

/** The offer form: its own chunk, with the office's strings, fetched when a partner opens it. */
const OfferForm = lazy(() => Promise.all([import('./offer-form'), loadOfficeMessages()]).then(([m]) => m.OfferForm));

function OfferCard({ offer, editable, onSaved }: { offer: SupportOffer; editable: boolean; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const [editing, setEditing] = useState(false);
  if (editing) return <OfferForm offer={offer} onSaved={onSaved} />;
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
      {editable && (
        <button type="button" class="button small" onClick={() => setEditing(true)}>
          {t('sup.editOffer')}
        </button>
      )}
    </article>
  );
}

export function SupportOffers(_: ScreenProps<'supportOffers'>) {
  const { t } = useI18n();
  const { viewer } = useApp();
  const partner = isPartner(viewer);
  const [creating, setCreating] = useState(false);
  const [saved, setSaved] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (): void => {
    setCreating(false);
    setSaved((n) => n + 1);
    setNotice(t('sup.offerSaved'));
  };
  return (
    <section class="wide">
      <h1>{t('sup.title')}</h1>
      <SupportTabs current="supportOffers" />
      <h2>{t('sup.offers')}</h2>
      {notice && <StatusNotice>{notice}</StatusNotice>}
      {partner &&
        (creating ? (
          <OfferForm offer={null} onSaved={done} />
        ) : (
          <button type="button" class="button primary" onClick={() => setCreating(true)}>
            {t('sup.newOffer')}
          </button>
        ))}
      <PagedList
        class="cards office-grid"
        reloadKey={String(saved)}
        load={fetchOffers}
        keyOf={(o) => o.id}
        render={(o) => <OfferCard offer={o} editable={partner} onSaved={done} />}
        empty={t('sup.noOffers')}
        errorMessage={t('sup.failed')}
      />
    </section>
  );
}
