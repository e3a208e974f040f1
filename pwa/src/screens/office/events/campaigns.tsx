/**
 * The office's campaigns (`#/campaigns/manage`): the campaigns covering the viewer's area
 * (a province campaign too: a commune's manager follows their commune's part of it),
 * newest first, each with its period, goals and targeted units; each opens its progress
 * page. "New campaign" opens the form.
 */
import { useApp } from '../../../app-state';
import { ListTitle, PagedList } from '../../../components/paged-list';
import { type Campaign, fetchCampaigns } from '../../../data/campaigns';
import { useI18n } from '../../../i18n';
import { type ScreenProps, href } from '../../../router';
import { editorsOnly, formatCount, formatDay } from './parts';

function CampaignRow({ campaign }: { campaign: Campaign }) {
  const { t, lang } = useI18n();
  return (
    <article class="card">
      <h2>
        <a href={href({ name: 'campaignManage', id: campaign.id })}>{campaign.title}</a>
      </h2>
      <p class="meta">
        {formatDay(campaign.startsOn, lang)} – {formatDay(campaign.endsOn, lang)} · {campaign.adminUnit.name}
      </p>
      <p class="meta">
        {t('cpm.goals', { people: formatCount(campaign.goalPeople, lang), households: formatCount(campaign.goalHouseholds, lang) })}
      </p>
      <p class="meta">{t('cpm.targetCount', { count: campaign.targets.length })}</p>
    </article>
  );
}

function CampaignsManageScreen() {
  const { t } = useI18n();
  const { viewer } = useApp();
  const scope = viewer?.scope.code;
  return (
    <section class="wide office-list">
      <ListTitle title={t('cpm.title')} to={{ name: 'campaignCreate' }} label={t('cpm.create')} />
      <p class="hint">{t('cpm.listHint', { unit: viewer?.scope.name ?? '' })}</p>
      <PagedList
        class="cards office-grid"
        reloadKey={scope}
        load={(after) => fetchCampaigns(after)}
        keyOf={(c) => c.id}
        render={(c) => <CampaignRow campaign={c} />}
        empty={t('cpm.empty')}
        errorMessage={t('campaigns.loadFailed')}
      />
    </section>
  );
}

export const CampaignsManage = editorsOnly<ScreenProps<'campaignsManage'>>(CampaignsManageScreen);
