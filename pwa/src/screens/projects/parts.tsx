/** Pieces the project screens share: the progress bar and the late / at-risk / report-due tags. */
import type { ProjectSummary } from '../../data/projects';
import { useI18n } from '../../i18n';

export function ProgressBar({ value }: { value: number }) {
  const { t } = useI18n();
  return (
    <div class="progress-line">
      <progress max={100} value={value} aria-label={t('prj.progress')} />
      <span>{value} %</span>
    </div>
  );
}

/** Words, not only colours: "Trễ hạn", "Có rủi ro", "Đến hạn báo cáo". */
export function Flags({ project }: { project: Pick<ProjectSummary, 'late' | 'atRisk' | 'reportDue' | 'lastRag'> }) {
  const { t } = useI18n();
  if (!project.late && !project.atRisk && !project.reportDue) return null;
  return (
    <p class="flags">
      {project.late && <span class="tag late">{t('prj.late')}</span>}
      {project.atRisk && <span class={`tag rag-${project.lastRag ?? 'AMBER'}`}>{t('prj.atRisk')}</span>}
      {project.reportDue && <span class="tag due">{t('prj.reportDue')}</span>}
    </p>
  );
}
