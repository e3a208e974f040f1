/**
 * Expert support in figures for the viewer's area (staff): per partner and per unit below
 * it, requests, requests met, hours to match, person-days delivered, people helped, rating.
 */
import { ErrorState, LoadingState } from '../../components/states';
import { TableHead } from '../../components/table-head';
import { useFetched } from '../../components/use-loaded';
import { type FigureRow, fetchFigures } from '../../data/support';
import { useI18n } from '../../i18n';

function Table({ caption, rows, first }: { caption: string; rows: FigureRow[]; first: string }) {
  const { t, lang } = useI18n();
  const num = (value: number | null) => (value === null ? '—' : value.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB'));
  return (
    <div class="table-scroll">
      <table class="sup-figures">
        <caption>{caption}</caption>
        <TableHead columns={[first, t('sup.fig.requests'), t('sup.fig.met'), t('sup.fig.hours'), t('sup.fig.days'), t('sup.fig.people'), t('sup.fig.rating')]} />
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td>{num(row.requests)}</td>
              <td>{num(row.requestsMet)}</td>
              <td>{num(row.averageHoursToMatch)}</td>
              <td>{num(row.personDaysDelivered)}</td>
              <td>{num(row.peopleHelped)}</td>
              <td>{num(row.averageRating)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SupportFigures() {
  const { t } = useI18n();
  const { state, load } = useFetched(fetchFigures, []);
  if (state === 'loading') return <LoadingState />;
  if (state === 'error') return <ErrorState message={t('sup.failed')} onRetry={load} />;
  return (
    <>
      <h2>{t('sup.fig.title')}</h2>
      <Table caption={t('sup.fig.byPartner')} rows={state.byPartner} first={t('sup.fig.partner')} />
      <Table caption={t('sup.fig.byUnit')} rows={[...state.byUnit, state.total]} first={t('sup.fig.unit')} />
    </>
  );
}
