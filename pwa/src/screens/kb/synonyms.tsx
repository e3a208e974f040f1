/**
 * The synonym list search expands (DVC ↔ dịch vụ công…), kept by the province office on
 * the handbook's page: what is there, add a pair, remove one.
 */
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../components/fields';
import { ErrorState, LoadingState } from '../../components/states';
import { type Synonym, addSynonym, fetchSynonyms, removeSynonym } from '../../data/knowledge';
import { useI18n } from '../../i18n';

export function SynonymPanel() {
  const { t } = useI18n();
  const [rows, setRows] = useState<Synonym[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [term, setTerm] = useState('');
  const [expansion, setExpansion] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [working, setWorking] = useState(false);

  useEffect(() => {
    fetchSynonyms().then(setRows, () => setFailed(true));
  }, []);

  const add = async (event: Event): Promise<void> => {
    event.preventDefault();
    setWorking(true);
    try {
      const result = await addSynonym(term, expansion);
      if (result.synonym) {
        const added = result.synonym;
        setRows((now) => [...(now ?? []).filter((r) => r.id !== added.id), added].sort((a, b) => a.term.localeCompare(b.term)));
        setTerm('');
        setExpansion('');
        setErrors({});
      } else {
        setErrors(Object.fromEntries(result.errors.map((e) => [e.field ?? 'term', e.message])));
      }
    } catch {
      setErrors({ term: t('kb.saveFailed') });
    } finally {
      setWorking(false);
    }
  };

  const remove = async (row: Synonym): Promise<void> => {
    const problems = await removeSynonym(row.id).catch(() => [{ field: null, code: 'NETWORK', message: t('kb.saveFailed') }]);
    if (problems.length === 0) setRows((now) => (now ?? []).filter((r) => r.id !== row.id));
  };

  return (
    <details class="card kb-synonyms">
      <summary>{t('kb.synonyms', { count: rows?.length ?? 0 })}</summary>
      <p class="hint">{t('kb.synonymsHint')}</p>
      {failed && <ErrorState message={t('kb.loadFailed')} />}
      {!rows && !failed && <LoadingState />}
      {rows && (
        <ul class="plain">
          {rows.map((row) => (
            <li key={row.id} class="row">
              <span>
                <strong>{row.term}</strong> ↔ {row.expansion}
              </span>
              <button type="button" class="small danger" aria-label={t('kb.removeSynonym', { term: row.term, expansion: row.expansion })} onClick={() => remove(row)}>
                {t('kb.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} noValidate>
        <TextField id="syn-term" label={t('kb.synonymTerm')} value={term} error={errors.term} maxLength={128} onInput={(e) => setTerm(e.currentTarget.value)} />
        <TextField id="syn-expansion" label={t('kb.synonymExpansion')} value={expansion} error={errors.expansion} maxLength={255} onInput={(e) => setExpansion(e.currentTarget.value)} />
        <button type="submit" class="secondary" disabled={working}>
          {t('kb.addSynonym')}
        </button>
      </form>
    </details>
  );
}
