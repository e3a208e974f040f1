/**
 * Import from a spreadsheet (`#/registry/import`): pick members, organisations or hamlets
 * and a CSV or Excel file; the server's dry run comes back as a table of the rows with
 * errors (each message on its cell, in the request's language) and of the rows that
 * would update a record (the changed cells marked), with the counts of rows to create,
 * update and leave unchanged. The error report downloads as CSV; then commit, either all
 * or nothing or the valid rows only. An export edited in Excel updates its records.
 */
import { useState } from 'preact/hooks';
import { ErrorState } from '../../../components/states';
import { TableHead } from '../../../components/table-head';
import type { ServerError } from '../../../data/db';
import { type ImportKind, type ImportReport, errorReportCsv, exportUrl, fileToBase64, runImport } from '../../../data/registry';
import { type MessageKey, useI18n } from '../../../i18n';
import { href } from '../../../router';
import { RegistryTabs } from './parts';

/** The import mutations take the file inside a 1 MB request: base64 grows it by a third. */
const MAX_BYTES = 740_000;
const KINDS: { value: ImportKind; label: MessageKey }[] = [
  { value: 'members', label: 'reg.import.members' },
  { value: 'organizations', label: 'reg.import.organizations' },
  { value: 'adminUnits', label: 'reg.import.adminUnits' },
];

interface Picked {
  name: string;
  content: string;
}

function Summary({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const invalid = report.totalRows - report.validRows;
  const items: [MessageKey, number, string][] = [
    ['reg.import.total', report.totalRows, ''],
    ['reg.import.new', report.newRows, 'new'],
    ['reg.import.changed', report.changedRows, 'changed'],
    ['reg.import.unchanged', report.unchangedRows, ''],
    ['reg.import.invalid', invalid, invalid ? 'invalid' : ''],
  ];
  return (
    <dl class="import-summary">
      {items.map(([label, value, tone]) => (
        <div key={label} class={tone}>
          <dt>{t(label)}</dt>
          <dd>{value.toLocaleString('vi-VN')}</dd>
        </div>
      ))}
    </dl>
  );
}

function RowsTable({ report }: { report: ImportReport }) {
  const { t } = useI18n();
  const errorsAt = new Map<string, string[]>();
  for (const error of report.rowErrors) {
    const key = `${error.row}\u0000${error.column ?? ''}`;
    errorsAt.set(key, [...(errorsAt.get(key) ?? []), error.message]);
  }
  const listed = new Set(report.rows.map((r) => r.row));
  const unlisted = report.rowErrors.filter((e) => !listed.has(e.row)).length;
  if (report.rows.length === 0) return null;
  return (
    <>
      <div class="table-wrap">
        <table class="results import-table">
          <caption>{t('reg.import.tableCaption')}</caption>
          <TableHead columns={[t('reg.import.row'), t('reg.import.action'), ...report.columns]} />
          <tbody>
            {report.rows.map((row) => {
              const rowErrors = errorsAt.get(`${row.row}\u0000`) ?? [];
              return (
                <tr key={row.row} class={`action-${row.action.toLowerCase()}`}>
                  <th scope="row">{row.row}</th>
                  <td>
                    <span class={`tag ${row.action === 'INVALID' ? 'cancelled' : 'todo'}`}>{t(`reg.import.action.${row.action}` as MessageKey)}</span>
                    {rowErrors.map((m) => (
                      <span key={m} class="cell-message">
                        {m}
                      </span>
                    ))}
                  </td>
                  {report.columns.map((column, index) => {
                    const messages = errorsAt.get(`${row.row}\u0000${column}`) ?? [];
                    const changed = row.changedColumns.includes(column);
                    const tone = messages.length ? 'cell-error' : changed ? 'cell-changed' : '';
                    return (
                      <td key={column} class={tone}>
                        {row.cells[index] || <span class="meta">—</span>}
                        {changed && <span class="cell-flag">{t('reg.import.changedCell')}</span>}
                        {messages.map((m) => (
                          <span key={m} class="cell-message">
                            {m}
                          </span>
                        ))}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(report.rowsTruncated || unlisted > 0) && <p class="meta">{t('reg.import.truncated', { count: unlisted })}</p>}
    </>
  );
}

export function ImportScreen() {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>('members');
  const [picked, setPicked] = useState<Picked | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [refusal, setRefusal] = useState<ServerError[]>([]);
  const [validOnly, setValidOnly] = useState(false);
  const [working, setWorking] = useState<'check' | 'commit' | null>(null);
  const [failed, setFailed] = useState('');

  /** Sends the file (a dry run to check it, or the import itself) and shows the server's report. */
  const send = async (step: 'check' | 'commit', run: () => ReturnType<typeof runImport>): Promise<void> => {
    setWorking(step);
    setFailed('');
    try {
      const result = await run();
      setReport(result.report);
      setRefusal(result.errors);
    } catch {
      setFailed(t('reg.import.failed'));
    } finally {
      setWorking(null);
    }
  };

  const check = async (file: Picked, forKind: ImportKind): Promise<void> => {
    setReport(null);
    setRefusal([]);
    await send('check', () => runImport(forKind, file.name, file.content, true, false));
  };

  const pick = async (event: Event): Promise<void> => {
    const file = (event.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setPicked(null);
      setReport(null);
      setFailed(t('reg.import.tooLarge', { max: Math.floor(MAX_BYTES / 1000) }));
      return;
    }
    const next = { name: file.name, content: await fileToBase64(file) };
    setPicked(next);
    await check(next, kind);
  };

  const commit = async (): Promise<void> => {
    if (!picked) return;
    await send('commit', () => runImport(kind, picked.name, picked.content, false, validOnly));
  };

  const download = (): void => {
    if (!report) return;
    const csv = errorReportCsv(report, [t('reg.import.row'), t('reg.import.column'), t('reg.import.code'), t('reg.import.message')]);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `loi-nhap-${(picked?.name ?? 'tep').replace(/\.[^.]+$/, '')}.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const invalid = report ? report.totalRows - report.validRows : 0;
  const writable = report ? report.newRows + report.changedRows : 0;
  const canCommit = report?.dryRun && writable > 0 && (validOnly || invalid === 0);

  return (
    <section class="wide registry">
      <RegistryTabs />
      <h1>{t('reg.import.title')}</h1>
      <p class="meta">{t('reg.import.intro')}</p>
      <p class="meta import-start">
        {t('reg.import.startFrom')}{' '}
        <a href={exportUrl('members', 'xlsx', '')} download>
          {t('reg.import.startMembers')}
        </a>
        {' · '}
        <a href={exportUrl('organizations', 'xlsx', '')} download>
          {t('reg.import.startOrganizations')}
        </a>
      </p>
      <div class="card import-pick">
        <fieldset class="question">
          <legend>{t('reg.import.kind')}</legend>
          <div class="choices">
            {KINDS.map((k) => (
              <label class="choice" key={k.value}>
                <input
                  type="radio"
                  name="import-kind"
                  value={k.value}
                  checked={kind === k.value}
                  onChange={() => {
                    setKind(k.value);
                    if (picked) void check(picked, k.value);
                  }}
                />
                {t(k.label)}
              </label>
            ))}
          </div>
        </fieldset>
        <label class="field">
          <span>{t('reg.import.file')}</span>
          <small class="hint" id="import-file-hint">
            {t('reg.import.fileHint')}
          </small>
          <input
            id="import-file"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby="import-file-hint"
            onChange={(e) => void pick(e)}
          />
        </label>
        {working === 'check' && <p class="loading">{t('reg.import.checking')}</p>}
      </div>
      {failed && <ErrorState message={failed} />}
      {refusal.length > 0 && (
        <p class="error" role="alert">
          {refusal.map((e) => e.message).join(' ')}
        </p>
      )}
      {report && (
        <div class="import-report" aria-live="polite">
          <h2>{report.dryRun ? t('reg.import.dryRunTitle') : t('reg.import.doneTitle')}</h2>
          {!report.dryRun && report.applied && (
            <p class="success" role="status">
              {t('reg.import.done', { created: report.created, updated: report.updated })}
            </p>
          )}
          <Summary report={report} />
          <RowsTable report={report} />
          {report.rowErrors.length > 0 && (
            <button type="button" class="secondary small" onClick={download}>
              {t('reg.import.downloadErrors')}
            </button>
          )}
          {report.dryRun && (
            <div class="card commit">
              <fieldset class="question">
                <legend>{t('reg.import.mode')}</legend>
                <div class="choices">
                  <label class="choice">
                    <input type="radio" name="import-mode" checked={!validOnly} onChange={() => setValidOnly(false)} />
                    {t('reg.import.allOrNothing')}
                  </label>
                  <label class="choice">
                    <input type="radio" name="import-mode" checked={validOnly} onChange={() => setValidOnly(true)} />
                    {t('reg.import.validOnly')}
                  </label>
                </div>
              </fieldset>
              {!validOnly && invalid > 0 && <p class="meta">{t('reg.import.fixFirst')}</p>}
              <button type="button" class="primary" disabled={!canCommit || working !== null} onClick={() => void commit()}>
                {working === 'commit' ? t('reg.saving') : t('reg.import.commit', { count: writable })}
              </button>
            </div>
          )}
          {!report.dryRun && (
            <p>
              <a href={href({ name: kind === 'organizations' ? 'registryOrganizations' : 'registryMembers' })}>{t('reg.import.openList')}</a>
            </p>
          )}
        </div>
      )}
    </section>
  );
}
