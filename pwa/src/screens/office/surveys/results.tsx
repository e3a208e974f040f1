/**
 * Results of a survey (`#/surveys/<id>/results`): responses in the chosen unit and per unit
 * below it (click one to go down, the trail to come back), a chart per question (options
 * with their counts and shares, number statistics), text answers page by page, and the
 * responses as CSV or XLSX for the same unit. Province admins and unit managers, within
 * their area (the server narrows to it).
 */
import { useEffect, useState } from 'preact/hooks';
import { SelectField } from '../../../components/fields';
import { PagedList } from '../../../components/paged-list';
import { ErrorState, LoadingState } from '../../../components/states';
import { TableHead } from '../../../components/table-head';
import {
  type ManagedSurvey,
  type QuestionResult,
  type SurveyResults,
  type Unit,
  exportUrl,
  fetchManagedSurvey,
  fetchSurveyResults,
  fetchTextAnswers,
} from '../../../data/survey-admin';
import { type Language, type MessageKey, type Translate, useI18n } from '../../../i18n';
import { OTHER, type QuestionDef, parseForm } from '../../../rules/form';
import { type ScreenProps, href } from '../../../router';
import { label, localized } from '../../survey-form/question';
import { type Bar, BarChart } from './chart';

const TEXT_KINDS = new Set(['TEXT', 'LONG_TEXT', 'BARCODE']);

function percent(value: number, lang: Language): string {
  return `${value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 1 })} %`;
}

function number(value: number | null, lang: Language): string {
  return value === null ? '—' : value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
}

function optionLabel(value: string, def: QuestionDef | undefined, t: Translate, lang: Language): string {
  if (value === OTHER) return t('answer.other');
  if (def?.kind === 'YES_NO') return value === 'yes' ? t('answer.yes') : t('answer.no');
  const choice = def?.choices?.find((c) => c.value === value);
  return choice ? label(choice, lang) : value;
}

export function SurveyResultsScreen({ route }: ScreenProps<'surveyResults'>) {
  const { t } = useI18n();
  const [survey, setSurvey] = useState<ManagedSurvey | null | 'missing' | 'failed'>(null);
  const [results, setResults] = useState<SurveyResults | null | 'failed'>(null);
  /** The units chosen below the survey's area, outermost first ([] = the whole area). */
  const [trail, setTrail] = useState<Unit[]>([]);
  const [root, setRoot] = useState<Unit | null>(null);
  const [attempt, setAttempt] = useState(0);
  const unitCode = trail.at(-1)?.code ?? null;

  useEffect(() => {
    let live = true;
    fetchManagedSurvey(route.id).then(
      (found) => live && setSurvey(found ?? 'missing'),
      () => live && setSurvey('failed'),
    );
    return () => {
      live = false;
    };
  }, [route.id, attempt]);

  useEffect(() => {
    let live = true;
    setResults(null);
    fetchSurveyResults(route.id, unitCode).then(
      (found) => {
        if (!live) return;
        setResults(found);
        if (unitCode === null) setRoot(found.area);
      },
      () => live && setResults('failed'),
    );
    return () => {
      live = false;
    };
  }, [route.id, unitCode, attempt]);

  if (survey === 'missing') return <ErrorState message={t('svy.notFound')} />;
  if (survey === 'failed' || results === 'failed') return <ErrorState message={t('svy.resultsFailed')} onRetry={() => setAttempt((n) => n + 1)} />;
  if (survey === null) return <LoadingState />;

  // every question by key, a repeat's included (their results count instances)
  const definitions = new Map([...parseForm(survey.definition).byKey].map(([key, q]) => [key, q.def] as const));
  const path = root ? [root, ...trail] : trail;
  const choose = (code: string): void => {
    const at = path.findIndex((u) => u.code === code);
    if (at >= 0) setTrail(path.slice(1, at + 1));
    else {
      const child = results?.units.find((u) => u.adminUnit.code === code);
      if (child) setTrail([...trail, child.adminUnit]);
    }
  };
  const current = path.at(-1) ?? null;

  return (
    <section class="wide results">
      <p class="back">
        <a href={href({ name: 'surveyManage' })}>{t('svy.backToList')}</a>
      </p>
      <div class="row">
        <h1>{t('svy.resultsTitle', { title: survey.title })}</h1>
        <p class="meta">
          <span class={`tag status-${survey.status.toLowerCase()}`}>{t(`svy.status.${survey.status}` as MessageKey)}</span>
          {survey.currentVersion > 0 && <span class="tag">{t('surveys.version', { version: survey.currentVersion })}</span>}
        </p>
      </div>
      <div class="results-tools">
        <SelectField
          id="results-unit"
          label={t('svy.unitFilter')}
          hint={t('svy.unitFilterHint')}
          options={[
            ...path.map((u, depth) => ({ value: u.code, label: `${'— '.repeat(depth)}${u.name}` })),
            ...(results?.units ?? []).map((u) => ({ value: u.adminUnit.code, label: `${'— '.repeat(path.length)}${u.adminUnit.name}` })),
          ]}
          value={current?.code ?? ''}
          onChange={(e) => choose(e.currentTarget.value)}
        />
        <div class="exports">
          <p class="meta">{t('svy.export', { unit: current?.name ?? survey.adminUnit.name })}</p>
          <a class="button secondary small" href={exportUrl(survey.id, 'csv', unitCode)} download>
            {t('svy.exportCsv')}
          </a>
          <a class="button secondary small" href={exportUrl(survey.id, 'xlsx', unitCode)} download>
            {t('svy.exportXlsx')}
          </a>
        </div>
      </div>
      {trail.length > 0 && (
        <nav class="trail" aria-label={t('svy.trail')}>
          {path.map((u, i) => (
            <span key={u.code}>
              {i > 0 && ' › '}
              {i < path.length - 1 ? (
                <button type="button" class="link" onClick={() => choose(u.code)}>
                  {u.name}
                </button>
              ) : (
                <strong aria-current="location">{u.name}</strong>
              )}
            </span>
          ))}
        </nav>
      )}
      {results === null ? (
        <LoadingState />
      ) : (
        <>
          <p class="total" role="status">
            {t('svy.responses', { count: results.responses, unit: results.area.name })}
          </p>
          {results.units.length > 0 && <UnitTable results={results} onChoose={choose} />}
          <div class="question-results">
            {results.questions.map((q) => (
              <QuestionCard
                key={q.key}
                surveyId={survey.id}
                result={q}
                def={definitions.get(q.key)}
                repeat={q.repeat ? definitions.get(q.repeat) : undefined}
                responses={results.responses}
                unitCode={unitCode}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function UnitTable({ results, onChoose }: { results: SurveyResults; onChoose: (code: string) => void }) {
  const { t } = useI18n();
  const units = [...results.units].sort((a, b) => b.responses - a.responses || a.adminUnit.name.localeCompare(b.adminUnit.name, 'vi'));
  const top = Math.max(1, ...units.map((u) => u.responses));
  return (
    <div class="card unit-counts">
      <h2 id="unit-counts-heading">{t('svy.perUnit')}</h2>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="unit-counts-heading">
        <table class="data">
          <TableHead columns={[t('svy.unit'), t('svy.responsesHeading')]} />
          <tbody>
            {units.map((u) => (
              <tr key={u.adminUnit.code}>
                <th scope="row">
                  <button type="button" class="link" onClick={() => onChoose(u.adminUnit.code)}>
                    {u.adminUnit.name}
                  </button>
                </th>
                <td>
                  <div class="bar-cell">
                  <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                    <rect class="track" x="0" y="0" width="100" height="10" />
                    <rect class="fill" x="0" y="0" width={((u.responses / top) * 100).toFixed(2)} height="10" />
                  </svg>
                  <span class="figure">{u.responses}</span>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

interface CardProps {
  surveyId: string;
  result: QuestionResult;
  def: QuestionDef | undefined;
  /** The repeat holding it: its answers are counted once per instance. */
  repeat: QuestionDef | undefined;
  responses: number;
  unitCode: string | null;
}

function QuestionCard({ surveyId, result, def, repeat, responses, unitCode }: CardProps) {
  const { t, lang } = useI18n();
  const title = localized(result.labelVi, result.labelEn, lang) || result.key; // a calculation may have no label
  let chart = null;
  if (result.options.length > 0) {
    const bars: Bar[] = result.options.map((o) => ({
      key: o.value,
      label: optionLabel(o.value, def, t, lang),
      value: o.count,
      text: `${o.count} · ${percent(o.percent, lang)}`,
    }));
    chart = <BarChart caption={title} labelHeading={t('svy.option')} valueHeading={t('svy.count')} bars={bars} />;
  } else if (result.numbers) {
    const n = result.numbers;
    const stats: [MessageKey, number | null][] = [
      ['svy.min', n.min],
      ['svy.median', n.median],
      ['svy.mean', n.mean],
      ['svy.max', n.max],
    ];
    const bars = stats.map(([key, value]) => ({ key, label: t(key), value: value ?? 0, text: number(value, lang) }));
    chart = <BarChart caption={title} labelHeading={t('svy.statistic')} valueHeading={t('svy.value')} bars={bars} />;
  }
  const texts = TEXT_KINDS.has(result.kind);
  const other = def?.allowOther && (def.kind === 'SINGLE_CHOICE' || def.kind === 'MULTIPLE_CHOICE');
  return (
    <article class="card question-result" data-key={result.key}>
      <h2>{title}</h2>
      <p class="meta">
        {t(`svy.kind.${result.kind}` as MessageKey)} ·{' '}
        {result.repeat
          ? t('svy.answeredInstances', { count: result.answered, repeat: repeat ? label(repeat, lang) || result.repeat : result.repeat })
          : t('svy.answered', { count: result.answered, of: responses })}
      </p>
      {chart}
      {texts && <TextAnswers surveyId={surveyId} questionKey={result.key} unitCode={unitCode} heading={t('svy.textAnswers')} />}
      {other && <TextAnswers surveyId={surveyId} questionKey={`${result.key}_${OTHER}`} unitCode={unitCode} heading={t('svy.otherAnswers')} />}
    </article>
  );
}

function TextAnswers({ surveyId, questionKey, unitCode, heading }: { surveyId: string; questionKey: string; unitCode: string | null; heading: string }) {
  const { t } = useI18n();
  return (
    <div class="text-answers">
      <h3>{heading}</h3>
      <PagedList
        class="texts"
        load={(after) => fetchTextAnswers(surveyId, questionKey, unitCode, after)}
        keyOf={(item) => item.key}
        render={(item) => <q>{item.text}</q>}
        empty={t('svy.noTexts')}
        errorMessage={t('svy.textsFailed')}
        reloadKey={unitCode}
      />
    </div>
  );
}
