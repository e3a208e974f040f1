/**
 * Surveys of the office (`#/surveys/manage`): every survey of the viewer's area (and of the
 * units above it, which they may read but not change), by status, with links to build,
 * publish and close it and to its results. Province admins and unit managers.
 */
import { useState } from 'preact/hooks';
import { useApp } from '../../../app-state';
import { SelectField } from '../../../components/fields';
import { ListTitle, PagedList } from '../../../components/paged-list';
import { type ManagedSurvey, SURVEY_STATUSES, type SurveyStatus, fetchManagedSurveys, mayEdit } from '../../../data/survey-admin';
import { type MessageKey, formatTime, useI18n } from '../../../i18n';
import { href } from '../../../router';
import { useAreas } from './use-areas';

export function SurveyManage() {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const areas = useAreas(viewer);
  const scopePath = areas?.[0]?.path ?? null;
  const [status, setStatus] = useState<SurveyStatus | ''>('');

  const row = (survey: ManagedSurvey) => {
    const editable = mayEdit(survey, scopePath);
    return (
      <article class="card managed-survey">
        <h2>
          <a href={href({ name: editable ? 'surveyEdit' : 'surveyResults', id: survey.id })}>{survey.title}</a>
        </h2>
        <p class="meta">
          <span class={`tag status-${survey.status.toLowerCase()}`}>{t(`svy.status.${survey.status}` as MessageKey)}</span>
          {survey.isPublic && <span class="tag">{t('surveys.public')}</span>}
          {' · '}
          {survey.adminUnit.name}
          {survey.currentVersion > 0 && ` · ${t('surveys.version', { version: survey.currentVersion })}`}
          {' · '}
          {t('svy.created', { time: formatTime(survey.createdAt, lang) })}
        </p>
        <div class="links">
          {editable && (
            <a class="button secondary small" href={href({ name: 'surveyEdit', id: survey.id })}>
              {survey.status === 'DRAFT' || survey.status === 'PUBLISHED' ? t('svy.edit') : t('svy.view')}
            </a>
          )}
          {survey.status !== 'DRAFT' && (
            <a class="button secondary small" href={href({ name: 'surveyResults', id: survey.id })}>
              {t('svy.results')}
            </a>
          )}
          {survey.status === 'PUBLISHED' && (
            <a class="button secondary small" href={href({ name: 'survey', id: survey.id })}>
              {t('svy.answer')}
            </a>
          )}
        </div>
      </article>
    );
  };

  return (
    <section class="wide">
      <ListTitle title={t('svy.manageTitle')} to={{ name: 'surveyNew' }} label={t('svy.new')} class="button primary" />
      <div class="filters">
        <SelectField
          id="survey-status"
          label={t('svy.statusFilter')}
          placeholder={t('svy.allStatuses')}
          options={SURVEY_STATUSES.map((s) => ({ value: s, label: t(`svy.status.${s}` as MessageKey) }))}
          value={status}
          onChange={(e) => setStatus(e.currentTarget.value as SurveyStatus | '')}
        />
      </div>
      <PagedList
        class="cards managed-surveys"
        load={(after) => fetchManagedSurveys(after, status || null)}
        keyOf={(s) => s.id}
        render={row}
        empty={t('svy.none')}
        errorMessage={t('svy.loadFailed')}
        reloadKey={status}
      />
    </section>
  );
}
