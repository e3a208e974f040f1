/**
 * `#/showcase/<id>`: one awarded model, the page a shared link opens (`showcaseItem`):
 * the award and its citation, the problem, the solution and the results, and where the
 * model is replicated. Kept on the phone once opened. Public fields only.
 */
import { useEffect, useState } from 'preact/hooks';
import { BackLink } from '../../components/back-link';
import { CopyShare } from '../../components/share';
import { ErrorState, LoadingState, StatusNotice } from '../../components/states';
import { TableHead } from '../../components/table-head';
import { type ShowcaseDetail, fetchShowcaseItem } from '../../data/initiatives';
import { formatDate, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';

type Loaded = { item: ShowcaseDetail | null; offline: boolean } | 'failed' | null;

export function ShowcaseItemScreen({ route }: ScreenProps<'showcaseItem'>) {
  const { t, lang } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    fetchShowcaseItem(route.id).then(
      (found) => live && setLoaded(found),
      () => live && setLoaded('failed'),
    );
    return () => {
      live = false;
    };
  }, [route.id, attempt]);

  if (loaded === null) return <LoadingState />;
  if (loaded === 'failed') return <ErrorState message={t('show.loadFailed')} onRetry={() => setAttempt((n) => n + 1)} />;
  const { item, offline } = loaded;
  if (!item) {
    return (
      <section class="narrow-form">
        <ErrorState message={t('show.notFound')} />
        <a href={href({ name: 'showcase' })}>{t('show.back')}</a>
      </section>
    );
  }
  const link = `${location.origin}${location.pathname}${href({ name: 'showcaseItem', id: item.id })}`;

  return (
    <article class="wide model-page">
      <BackLink to={{ name: 'showcase' }}>{t('show.back')}</BackLink>
      <p class={`level level-${item.level}`}>{t(`rec.award.${item.level}`)}</p>
      <h1>{item.title}</h1>
      <p class="meta">
        {item.organizationName ? `${item.organizationName} · ` : ''}
        {item.adminUnit.name} · {t(`rec.category.${item.category}`)}
      </p>
      {offline && <StatusNotice>{t('show.offline')}</StatusNotice>}
      <div class="model-grid">
        <div>
          <section class="card award">
            <h2>{t('show.award')}</h2>
            <p>
              {item.roundTitle} · {formatDate(item.awardedOn, lang)}
            </p>
            <blockquote class="citation">{item.citation}</blockquote>
          </section>
          <h2>{t('show.summary')}</h2>
          <p class="prose">{item.summary}</p>
          <h2>{t('show.problem')}</h2>
          <p class="prose">{item.problem}</p>
          <h2>{t('show.solution')}</h2>
          <p class="prose">{item.solution}</p>
          {item.results && (
            <>
              <h2>{t('show.results')}</h2>
              <p class="prose">{item.results}</p>
            </>
          )}
        </div>
        <div>
          <h2>{t('show.replications')}</h2>
          {item.replications.length === 0 ? (
            <p class="empty">{t('show.notReplicated')}</p>
          ) : (
            <table class="replications">
              <caption class="offscreen">{t('show.replications')}</caption>
              <TableHead columns={[t('show.repOrganization'), t('show.repSince'), t('show.repStatus')]} />
              <tbody>
                {item.replications.map((r, i) => (
                  <tr key={`${r.organizationName}-${i}`}>
                    <th scope="row">
                      {r.organizationName}
                      <span class="hint block">{r.adminUnit.name}</span>
                    </th>
                    <td>{formatDate(r.startedAt, lang)}</td>
                    <td>{t(`rec.replication.${r.status}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2>{t('show.share')}</h2>
          <CopyShare copy={link} copyLabel={t('show.copyLink')} share={{ title: item.title, text: item.citation, url: link }} />
        </div>
      </div>
    </article>
  );
}
