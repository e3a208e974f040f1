/** Parts the field screens share (home, events, campaigns): an event's card, its time span, a progress bar. */
import type { EventSummary } from '../data/events';
import { type Language, VIETNAM_ZONE, useI18n } from '../i18n';
import { href } from '../router';

/** "30/11/2026, 08:00 – 16:00" on Vietnam's clock (the end's date only when it differs). */
export function timeSpan(startsAt: string, endsAt: string, lang: Language): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  const day = (d: Date): string => d.toLocaleDateString(locale, { weekday: 'short', day: '2-digit', month: '2-digit', year: 'numeric', timeZone: VIETNAM_ZONE });
  const hour = (d: Date): string => d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', timeZone: VIETNAM_ZONE });
  return day(start) === day(end) ? `${day(start)}, ${hour(start)} – ${hour(end)}` : `${day(start)} ${hour(start)} – ${day(end)} ${hour(end)}`;
}

export function EventCard({ event }: { event: EventSummary }) {
  const { t, lang } = useI18n();
  return (
    <article class="card event">
      <h3>
        <a href={href({ name: 'event', id: event.id })}>{event.title}</a>
      </h3>
      <p class="meta">
        {t(`event.kind.${event.kind}` as 'event.kind.TRAINING')} · {timeSpan(event.startsAt, event.endsAt, lang)}
      </p>
      <p class="meta">
        {event.place || event.adminUnit.name}
        {event.cancelled && <span class="tag cancelled">{t('event.cancelled')}</span>}
      </p>
    </article>
  );
}

/** A labelled bar: "Người dân: 120 / 5.000 (2%)"; a number alone when there is no goal. */
export function ProgressBar({ label, value, goal }: { label: string; value: number; goal: number | null }) {
  const { lang } = useI18n();
  const n = (x: number): string => x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
  const rate = goal ? Math.min(100, Math.round((value / goal) * 100)) : null;
  return (
    <div class="progress-row">
      <span>
        {label}: <strong>{n(value)}</strong>
        {goal ? ` / ${n(goal)} (${rate}%)` : ''}
      </span>
      {rate !== null && (
        <span class="bar" role="progressbar" aria-label={label} aria-valuenow={rate} aria-valuemin={0} aria-valuemax={100}>
          <span style={{ width: `${rate}%` }} />
        </span>
      )}
    </div>
  );
}
