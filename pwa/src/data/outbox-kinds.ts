/**
 * The kinds of item the outbox sends: one registration point, called once at start-up
 * (main.tsx) so items queued earlier are sent when the app opens, whichever screen is
 * shown. A new domain adds one line here for its kind (data/surveys.ts has one).
 */
import { fieldLogs } from './campaigns';
import { checkIns } from './events';
import { initiatives } from './initiatives';
import { registerOutboxKind } from './outbox';
import { surveyResponses } from './surveys';

export function registerOutboxKinds(): void {
  registerOutboxKind(surveyResponses);
  registerOutboxKind(checkIns);
  registerOutboxKind(fieldLogs);
  registerOutboxKind(initiatives);
}
