/**
 * `#/showcase`: the public gallery of awarded models (`showcase`), newest award first,
 * filterable by category and commune. Only public fields are asked for: the model, its
 * place, the award and its citation, how many places replicate it; never a submitter.
 */
import { useEffect, useState } from 'preact/hooks';
import { SelectField } from '../../components/fields';
import { PagedList } from '../../components/paged-list';
import type { UnitOption } from '../../data/db';
import { CATEGORIES, type InitiativeCategory, type ShowcaseFilter, type ShowcaseSummary, fetchShowcase } from '../../data/initiatives';
import { keptUnits } from '../../data/network';
import { formatDate, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';

function ModelCard({ item }: { item: ShowcaseSummary }) {
  const { t, lang } = useI18n();
  const places = new Set(item.replications.map((r) => r.adminUnit.code)).size;
  return (
    <article class="card model">
      <p class={`level level-${item.level}`}>{t(`rec.award.${item.level}`)}</p>
      <h2>
        <a href={href({ name: 'showcaseItem', id: item.id })}>{item.title}</a>
      </h2>
      <p class="meta">
        {item.adminUnit.name} · {t(`rec.category.${item.category}`)} · {formatDate(item.awardedOn, lang)}
      </p>
      <p>{item.summary}</p>
      <blockquote class="citation">{item.citation}</blockquote>
      <p class="hint">{places > 0 ? t('show.replicatedIn', { n: places }) : t('show.notReplicated')}</p>
    </article>
  );
}

export function Showcase(_: ScreenProps<'showcase'>) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<ShowcaseFilter>({ category: '', unit: '' });
  const [units, setUnits] = useState<UnitOption[]>([]);

  useEffect(() => {
    void keptUnits().then(setUnits);
  }, []);

  return (
    <section class="wide showcase">
      <h1>{t('show.title')}</h1>
      <p class="hint">{t('show.intro')}</p>
      <form class="showcase-filters" onSubmit={(e) => e.preventDefault()} aria-label={t('show.filters')}>
        <SelectField
          id="show-category"
          label={t('show.category')}
          placeholder={t('show.all')}
          options={CATEGORIES.map((c) => ({ value: c, label: t(`rec.category.${c}`) }))}
          value={filter.category}
          onChange={(e) => {
            const category = e.currentTarget.value as InitiativeCategory | '';
            setFilter((now) => ({ ...now, category }));
          }}
        />
        <SelectField
          id="show-unit"
          label={t('show.unit')}
          placeholder={t('show.everywhere')}
          options={units.map((u) => ({ value: u.code, label: u.name }))}
          value={filter.unit}
          onChange={(e) => {
            const unit = e.currentTarget.value;
            setFilter((now) => ({ ...now, unit }));
          }}
        />
      </form>
      <PagedList
        class="cards models"
        load={(after) => fetchShowcase(after, filter)}
        keyOf={(item) => item.id}
        render={(item) => <ModelCard item={item} />}
        empty={t('show.empty')}
        errorMessage={t('show.loadFailed')}
        reloadKey={`${filter.category}|${filter.unit}`}
      />
      <p>
        <a href={href({ name: 'initiativeNew' })}>{t('show.submitYours')}</a>
      </p>
    </section>
  );
}
