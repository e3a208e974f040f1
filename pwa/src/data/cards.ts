/**
 * A member's card: their check-in QR code and the trainings they attended. The QR code
 * is drawn on the device from the token in the card's link (`#/card/<token>`), so it
 * opens offline; the training history needs an account that may read it (the member
 * themself or staff of their area): the API gives a token-holder without an account
 * nothing more than the token. What was seen is kept on the device.
 */
import { keep, kept } from './db';
import { graphql, operation } from './graphql';

export interface TrainingRecord {
  id: string;
  checkedInAt: string;
  score: number | null;
  passed: boolean | null;
  completed: boolean;
  certificatePath: string | null;
  event: { id: string; title: string; startsAt: string; hours: number | null };
}

export interface KeptCard {
  token: string;
  fullName: string | null;
  history: TrainingRecord[] | null;
  savedAt: string;
}

const HISTORY = operation(`query History($id: ID) { trainingHistory(memberId: $id) {
  id checkedInAt score passed completed certificatePath event { id title startsAt hours } } }`);
const MEMBER = operation('query Member($id: ID!) { member(id: $id) { fullName } }');
const MY_TOKEN = operation('query MyToken { memberQrToken { token } }');

/** The global ID of the member a token names. */
export function memberGlobalId(memberPk: number): string {
  return btoa(`Member:${memberPk}`);
}

/** The signed-in person's own check-in code (their account must be linked to a member). */
export async function fetchMyToken(): Promise<string> {
  const data = await graphql<{ memberQrToken: { token: string } }>(MY_TOKEN);
  return data.memberQrToken.token;
}

/** The card of a token: fetched when the viewer may read it (and kept), else as kept. */
export async function loadCard(token: string, memberPk: number, signedIn: boolean): Promise<KeptCard> {
  const stored = await kept<KeptCard>(`card:${token}`);
  if (!signedIn) return stored ?? { token, fullName: null, history: null, savedAt: new Date().toISOString() };
  try {
    const id = memberGlobalId(memberPk);
    const [history, member] = await Promise.all([
      graphql<{ trainingHistory: TrainingRecord[] }>(HISTORY, { id }),
      graphql<{ member: { fullName: string } | null }>(MEMBER, { id }).catch(() => ({ member: null })),
    ]);
    const card: KeptCard = {
      token,
      fullName: member.member?.fullName ?? stored?.fullName ?? null,
      history: history.trainingHistory,
      savedAt: new Date().toISOString(),
    };
    await keep(`card:${token}`, card);
    return card;
  } catch {
    const card = stored ?? { token, fullName: null, history: null, savedAt: new Date().toISOString() };
    await keep(`card:${token}`, card);
    return card;
  }
}
