/**
 * Check-in at an event, offline from the roster downloaded on the event's page: a QR
 * code (camera or typed), a search of the roster by name or phone without diacritics,
 * or a walk-in registered on the spot. Each check-in is an outbox item with its own
 * clientId, shown at once as "checked in (waiting to send)" and applied once by the
 * server; a wrong, expired or revoked code, and a member already checked in, are told
 * at once, offline too (the server checks the code's signature when it is sent).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../../app-state';
import { BackLink } from '../../components/back-link';
import { SelectField, TextField } from '../../components/fields';
import { EmptyState, LoadingState } from '../../components/states';
import { type CheckInItem, type KeptRoster, QR_TOKEN_LIFETIME_DAYS, enqueueCheckIn, keptRoster, pendingCheckIns, readToken } from '../../data/events';
import { onOutboxChange } from '../../data/outbox';
import { fold, phoneDigits } from '../../data/text';
import { formatTime, useI18n } from '../../i18n';
import { type ScreenProps, href } from '../../router';
import { Scanner } from './scanner';

type Message = { text: string; tone: 'ok' | 'error' };

interface Row {
  key: string;
  memberPk: number;
  memberId: string;
  fullName: string;
  phone: string;
  state: 'attended' | 'waiting' | 'refused' | 'absent';
}

const SHOWN = 60;

export function CheckInScreen({ route }: ScreenProps<'checkIn'>) {
  const { t, lang } = useI18n();
  const { viewer, syncNow } = useApp();
  const [roster, setRoster] = useState<KeptRoster | null | undefined>(undefined);
  const [pending, setPending] = useState<CheckInItem[]>([]);
  const [query, setQuery] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const [walkIn, setWalkIn] = useState({ fullName: '', phone: '', organizationId: '' });
  const [walkInErrors, setWalkInErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    const load = (): void => {
      void keptRoster(route.id).then((r) => setRoster(r ?? null));
      void pendingCheckIns(route.id).then(setPending);
    };
    load();
    return onOutboxChange(load);
  }, [route.id]);

  const rows = useMemo<Row[]>(() => {
    if (!roster) return [];
    const byMember = new Map(pending.map((p) => [p.memberPk, p]));
    const state = (pk: number, attended: boolean): Row['state'] => {
      if (attended) return 'attended';
      const item = byMember.get(pk);
      if (!item) return 'absent';
      return item.state === 'failed' ? 'refused' : 'waiting';
    };
    const listed = roster.entries.map((e) => ({
      key: `m${e.memberPk}`,
      memberPk: e.memberPk,
      memberId: e.memberId,
      fullName: e.fullName,
      phone: e.phone ?? '',
      state: state(e.memberPk, e.attended),
    }));
    const known = new Set(roster.entries.map((e) => e.memberPk));
    const extra = pending
      .filter((p) => !known.has(p.memberPk))
      .map((p) => ({
        key: p.clientId,
        memberPk: p.memberPk,
        memberId: p.memberId ?? '',
        fullName: p.fullName,
        phone: p.walkIn?.phone ?? '',
        state: state(p.memberPk, false),
      }));
    return [...listed, ...extra];
  }, [roster, pending]);

  if (roster === undefined) return <LoadingState />;
  if (roster === null)
    return (
      <section>
        <h1>{t('checkIn.title')}</h1>
        <EmptyState>{t('checkIn.noRosterHere')}</EmptyState>
        <a class="button primary" href={href({ name: 'event', id: route.id })}>
          {t('checkIn.toEvent')}
        </a>
      </section>
    );

  const owner = viewer?.username ?? '';
  const event = roster.event;
  const done = rows.filter((r) => r.state === 'attended' || r.state === 'waiting').length;
  const say = (text: string, tone: Message['tone']): void => setMessage({ text, tone });

  const queue = async (row: { memberPk: number; fullName: string }, how: { token?: string; memberId?: string; walkIn?: typeof walkIn }): Promise<void> => {
    await enqueueCheckIn(owner, {
      eventId: event.id,
      eventTitle: event.title,
      memberQrToken: how.token ?? null,
      memberId: how.token || how.walkIn ? null : (how.memberId ?? null),
      walkIn: how.walkIn ?? null,
      memberPk: row.memberPk,
      fullName: row.fullName,
    });
    say(t('checkIn.done', { name: row.fullName }), 'ok');
    void syncNow();
  };

  const already = (pk: number): Row | undefined => rows.find((r) => r.memberPk === pk && (r.state === 'attended' || r.state === 'waiting'));

  const byCode = (code: string): void => {
    const claims = readToken(code);
    if (!claims) return say(t('checkIn.invalidCode'), 'error');
    if (claims.issuedAt.getTime() + QR_TOKEN_LIFETIME_DAYS * 86_400_000 < Date.now()) return say(t('checkIn.expiredCode'), 'error');
    const entry = roster.entries.find((e) => e.memberPk === claims.memberPk);
    if (entry && claims.version < entry.tokenVersion) return say(t('checkIn.revokedCode'), 'error');
    const seen = already(claims.memberPk);
    if (seen) return say(t('checkIn.already', { name: seen.fullName }), 'error');
    const name = entry?.fullName ?? t('checkIn.notListed', { id: claims.memberPk });
    void queue({ memberPk: claims.memberPk, fullName: name }, { token: code.trim() });
  };

  const byRow = (row: Row): void => {
    if (already(row.memberPk)) return say(t('checkIn.already', { name: row.fullName }), 'error');
    void queue(row, { memberId: row.memberId });
  };

  const registerWalkIn = (e: Event): void => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const name = walkIn.fullName.trim();
    const phone = phoneDigits(walkIn.phone);
    if (name.length < 2) errors.fullName = t('checkIn.walkInName');
    if (!/^0\d{9,10}$/.test(phone)) errors.phone = t('checkIn.walkInPhone');
    if (!walkIn.organizationId) errors.organizationId = t('checkIn.walkInOrganization');
    setWalkInErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const same = rows.find((r) => r.phone && phoneDigits(r.phone) === phone);
    if (same && (same.state === 'attended' || same.state === 'waiting')) return say(t('checkIn.already', { name: same.fullName }), 'error');
    void queue({ memberPk: -Date.now(), fullName: name }, { walkIn: { fullName: name, phone, organizationId: walkIn.organizationId } });
    setWalkIn({ fullName: '', phone: '', organizationId: walkIn.organizationId });
  };

  const folded = fold(query);
  const digits = phoneDigits(query);
  const matches = rows.filter(
    (r) => !folded || fold(r.fullName).includes(folded) || (digits.length >= 3 && phoneDigits(r.phone).includes(digits)),
  );

  return (
    <section class="check-in wide">
      <BackLink to={{ name: 'event', id: event.id }}>{event.title}</BackLink>
      <h1>{t('checkIn.title')}</h1>
      <p class="meta" data-testid="check-in-count">
        {t('checkIn.count', { done, total: rows.length })} · {t('checkIn.rosterAt', { time: formatTime(roster.downloadedAt, lang) })}
      </p>
      {message && (
        <p class={`flash ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="check-in-message">
          {message.text}
        </p>
      )}
      <div class="check-in-grid">
        <div>
          <Scanner onCode={byCode} />
          <details class="walk-in">
            <summary>{t('checkIn.walkInTitle')}</summary>
            <form onSubmit={registerWalkIn} noValidate>
              <TextField
                id="walkin-name"
                label={t('checkIn.fullName')}
                value={walkIn.fullName}
                error={walkInErrors.fullName}
                autoComplete="off"
                onInput={(e) => setWalkIn({ ...walkIn, fullName: e.currentTarget.value })}
              />
              <TextField
                id="walkin-phone"
                type="tel"
                label={t('checkIn.phone')}
                value={walkIn.phone}
                error={walkInErrors.phone}
                autoComplete="off"
                inputMode="tel"
                onInput={(e) => setWalkIn({ ...walkIn, phone: e.currentTarget.value })}
              />
              <SelectField
                id="walkin-org"
                label={t('checkIn.organization')}
                placeholder={t('checkIn.organizationChoose')}
                options={roster.organizations.map((o) => ({ value: o.id, label: o.name }))}
                value={walkIn.organizationId}
                error={walkInErrors.organizationId}
                onChange={(e) => setWalkIn({ ...walkIn, organizationId: e.currentTarget.value })}
              />
              <button type="submit" class="primary">
                {t('checkIn.walkInSubmit')}
              </button>
            </form>
          </details>
        </div>
        <div>
          <h2>{t('checkIn.roster')}</h2>
          <TextField
            id="roster-search"
            type="search"
            label={t('checkIn.search')}
            value={query}
            autoComplete="off"
            onInput={(e) => setQuery(e.currentTarget.value)}
          />
          {matches.length === 0 ? (
            <EmptyState>{t('checkIn.noMatch')}</EmptyState>
          ) : (
            <ul class="roster">
              {matches.slice(0, SHOWN).map((row) => (
                <li key={row.key} class={`roster-row ${row.state}`} data-state={row.state}>
                  <span class="who">
                    <strong>{row.fullName}</strong>
                    {row.phone && <span class="meta"> · {row.phone}</span>}
                    <span class="state">{t(`checkIn.state.${row.state}`)}</span>
                  </span>
                  {row.state === 'absent' && (
                    <button type="button" class="secondary small" aria-label={t('checkIn.checkInName', { name: row.fullName })} onClick={() => byRow(row)}>
                      {t('checkIn.checkIn')}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
          {matches.length > SHOWN && <p class="hint">{t('checkIn.more', { count: matches.length - SHOWN })}</p>}
        </div>
      </div>
    </section>
  );
}
