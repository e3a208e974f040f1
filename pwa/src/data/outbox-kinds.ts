/**
 * The kinds of item the outbox sends: one registration point, called once at start-up
 * (main.tsx) so items queued earlier are sent when the app opens, whichever screen is
 * shown. Each kind is registered by a loader: its data module is fetched when the outbox
 * first needs it (items to send, the outbox screen), not in the initial bundle. A new
 * domain adds one line here for its kind.
 */
import { registerOutboxKindLoader } from './outbox';

export function registerOutboxKinds(): void {
  registerOutboxKindLoader(() => import('./surveys').then((m) => m.surveyResponses));
  registerOutboxKindLoader(() => import('./events').then((m) => m.checkIns));
  registerOutboxKindLoader(() => import('./campaigns').then((m) => m.fieldLogs));
  registerOutboxKindLoader(() => import('./initiatives').then((m) => m.initiatives));
  registerOutboxKindLoader(() => import('./projects').then((m) => m.statusReports));
  registerOutboxKindLoader(() => import('./support').then((m) => m.supportDeliveries));
}
