/**
 * "My card" (`#/card/<token>`): a member's check-in QR code, drawn on the device from
 * the token in the link (it opens offline once the app has been opened), its expiry,
 * and the trainings attended with their certificates when the viewer may read them.
 * `#/card/me` opens the signed-in member's own card.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { renderSVG } from 'uqr';
import { useApp } from '../app-state';
import { EmptyState, ErrorState, LoadingState } from '../components/states';
import { type KeptCard, fetchMyToken, loadCard } from '../data/cards';
import { QR_TOKEN_LIFETIME_DAYS, readToken } from '../data/events';
import { VIETNAM_ZONE, formatTime, useI18n } from '../i18n';
import { type ScreenProps, go } from '../router';

export function CardScreen({ route }: ScreenProps<'card'>) {
  const { t, lang } = useI18n();
  const { viewer } = useApp();
  const token = route.token;
  const claims = useMemo(() => (token === 'me' ? null : readToken(token)), [token]);
  const [card, setCard] = useState<KeptCard | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (token === 'me') {
      fetchMyToken().then(
        (mine) => go({ name: 'card', token: mine }),
        () => setFailed(true),
      );
      return;
    }
    if (claims) void loadCard(token, claims.memberPk, viewer !== null).then(setCard);
  }, [token, viewer === null]);

  const svg = useMemo(() => (claims ? renderSVG(token, { border: 2, ecc: 'M' }) : ''), [token, claims]);

  if (token === 'me') return failed ? <ErrorState message={t('card.noMember')} /> : <LoadingState />;
  if (!claims) return <ErrorState message={t('card.invalid')} />;
  const expires = new Date(claims.issuedAt.getTime() + QR_TOKEN_LIFETIME_DAYS * 86_400_000);
  const expired = expires.getTime() < Date.now();
  return (
    <section class="member-card wide">
      <h1>{t('card.title')}</h1>
      <div class="card qr-card">
        {card?.fullName && <h2>{card.fullName}</h2>}
        <img class="qr" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={t('card.qrAlt')} width={240} height={240} />
        <p class={expired ? 'error' : 'meta'}>
          {expired ? t('card.expired') : t('card.expires', { date: expires.toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: VIETNAM_ZONE }) })}
        </p>
        <p class="hint">{t('card.howTo')}</p>
      </div>
      <h2>{t('card.history')}</h2>
      {card === null ? (
        <LoadingState />
      ) : card.history === null ? (
        <EmptyState>{viewer ? t('card.historyUnavailable') : t('card.historySignIn')}</EmptyState>
      ) : card.history.length === 0 ? (
        <EmptyState>{t('card.noHistory')}</EmptyState>
      ) : (
        <ul class="cards">
          {card.history.map((a) => (
            <li key={a.id} class="card">
              <h3>{a.event.title}</h3>
              <p class="meta">
                {formatTime(a.event.startsAt, lang)}
                {a.event.hours !== null && <> · {t('card.hours', { hours: a.event.hours })}</>}
                {a.score !== null && <> · {t('card.score', { score: a.score })}</>}
              </p>
              <p class={a.completed ? 'ok' : 'meta'}>{a.completed ? t('card.completed') : t('card.notCompleted')}</p>
              {a.certificatePath && (
                <a class="button secondary" href={a.certificatePath} target="_blank" rel="noopener">
                  {t('card.certificate')}
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {card && card.history !== null && <p class="hint">{t('card.savedAt', { time: formatTime(card.savedAt, lang) })}</p>}
    </section>
  );
}
