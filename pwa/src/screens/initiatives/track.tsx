/**
 * `#/track`: the citizens' page for initiatives. Send a new one, look one up by its
 * tracking code, and "My initiatives": every submission made on this phone (kept in
 * IndexedDB), waiting to be sent or with its code and the status last seen. Works offline.
 */
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../../components/fields';
import { EmptyState } from '../../components/states';
import type { MyInitiative } from '../../data/db';
import { myInitiatives, normalizeCode } from '../../data/initiatives';
import { listOutbox, onOutboxChange } from '../../data/outbox';
import { formatTime, useI18n } from '../../i18n';
import { type ScreenProps, go, href } from '../../router';

export function TrackHub(_: ScreenProps<'track'>) {
  const { t, lang } = useI18n();
  const [mine, setMine] = useState<MyInitiative[] | null>(null);
  const [queued, setQueued] = useState<Map<string, string>>(new Map());
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const read = (): void => {
      void myInitiatives().then(setMine, () => setMine([]));
      void listOutbox().then((items) => setQueued(new Map(items.map((i) => [i.clientId, i.state]))));
    };
    read();
    return onOutboxChange(read);
  }, []);

  const look = (e: Event): void => {
    e.preventDefault();
    const normalized = normalizeCode(code);
    if (!normalized) {
      setError(t('track.codeInvalid'));
      return;
    }
    go({ name: 'trackCode', code: normalized });
  };

  return (
    <section class="wide init-hub">
      <h1>{t('track.title')}</h1>
      <p class="hint">{t('track.intro')}</p>
      <div class="init-hub-grid">
        <div>
          <a class="button primary big" href={href({ name: 'initiativeNew' })}>
            {t('track.new')}
          </a>
          <form class="card track-form" onSubmit={look} noValidate>
            <h2>{t('track.lookUp')}</h2>
            <TextField
              id="track-code"
              label={t('track.code')}
              hint={t('track.codeHint')}
              autocapitalize="characters"
              autocomplete="off"
              spellcheck={false}
              value={code}
              error={error}
              onInput={(e) => {
                setCode(e.currentTarget.value);
                setError(null);
              }}
            />
            <button type="submit" class="primary">
              {t('track.open')}
            </button>
          </form>
          <p>
            <a href={href({ name: 'showcase' })}>{t('track.toShowcase')}</a>
          </p>
        </div>
        <div>
          <h2>{t('init.mine')}</h2>
          {mine === null ? null : mine.length === 0 ? (
            <EmptyState>{t('track.noneYet')}</EmptyState>
          ) : (
            <ul class="cards my-initiatives">
              {mine.map((m) => (
                <li key={m.clientId} class="card" data-state={m.trackingCode ? 'sent' : 'waiting'}>
                  <h3>{m.trackingCode ? <a href={href({ name: 'trackCode', code: m.trackingCode })}>{m.title}</a> : m.title}</h3>
                  {m.trackingCode ? (
                    <p>
                      <span class="code-inline">{m.trackingCode}</span>
                      {m.status && (
                        <>
                          {' · '}
                          <span class={`status status-${m.status}`}>{t(`rec.status.${m.status}` as 'rec.status.SUBMITTED')}</span>
                        </>
                      )}
                    </p>
                  ) : queued.get(m.clientId) === 'failed' ? (
                    <p class="error">
                      {t('track.refused')} <a href={href({ name: 'outbox' })}>{t('form.toOutbox')}</a>
                    </p>
                  ) : queued.has(m.clientId) ? (
                    <p class="waiting">{t('track.waiting')}</p>
                  ) : (
                    <p class="hint">{t('track.discarded')}</p>
                  )}
                  <p class="hint">
                    {t('track.submittedAt', { time: formatTime(m.createdAt, lang) })}
                    {m.checkedAt && ` · ${t('track.checkedAt', { time: formatTime(m.checkedAt, lang) })}`}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
