/**
 * The draft of a form being filled in (a survey; a citizen's initiative, under the form id
 * "initiative"): restored once the form is known, then written
 * as the person goes (DRAFT_DELAY_MS after the last change, and at once when the page
 * is hidden or closed: a phone may kill a hidden page without warning). Submitting or
 * throwing the form away stops it, so no late write can bring the draft back.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type Draft, type ServerError, deleteDraft, loadDraft, saveDraft } from '../data/db';
import { isEmpty } from '../rules/form';

/** Typing pauses this long before the draft is written (and at once when the page is hidden). */
const DRAFT_DELAY_MS = 300;

const NO_ERRORS: ServerError[] = [];

export interface DraftInput {
  owner: string;
  surveyId: string;
  /** The survey's version, null until the survey is known (nothing is restored or written before). */
  version: number | null;
  raw: Record<string, unknown>;
  /** The chosen photos by question key (the state itself: a new Map when they change). */
  photos: ReadonlyMap<string, { blob: Blob; sha256: string }>;
  unitCode: string;
  step: number | 'review' | 'saved';
  /** The server's messages still shown (a refused response reopened), kept with the draft. */
  serverErrors?: ServerError[];
  /** Put a restored draft back into the form. */
  onRestore: (draft: Draft) => void;
}

export function useDraft({ owner, surveyId, version, raw, photos, unitCode, step, serverErrors = NO_ERRORS, onRestore }: DraftInput) {
  const [ready, setReady] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const pending = useRef<(() => Promise<void>) | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const drafting = useRef(true); // false once submitted or thrown away: no late write may bring it back

  const known = version !== null;
  useEffect(() => {
    if (!known) return;
    let live = true;
    void loadDraft(owner, surveyId)
      .then((draft) => {
        if (!live || !draft) return;
        onRestore(draft);
        setRestoredAt(draft.updatedAt);
      })
      .catch(() => undefined)
      .finally(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [known, owner, surveyId]);

  const write = (): void => {
    window.clearTimeout(timer.current);
    const next = pending.current;
    pending.current = null;
    if (next) void next().catch(() => undefined);
  };

  useEffect(() => {
    if (!ready || !drafting.current || step === 'saved' || version === null) return;
    const empty = Object.values(raw).every(isEmpty) && photos.size === 0;
    const draft: Draft = {
      owner,
      surveyId,
      version,
      raw,
      photos: [...photos].map(([questionKey, p]) => ({ questionKey, blob: p.blob, sha256: p.sha256 })),
      unitCode,
      step,
      updatedAt: new Date().toISOString(),
      serverErrors,
    };
    pending.current = () => (empty ? deleteDraft(owner, surveyId) : saveDraft(draft));
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(write, DRAFT_DELAY_MS);
  }, [ready, raw, photos, unitCode, step, serverErrors, version, owner, surveyId]);

  useEffect(() => {
    const hidden = (): void => {
      if (document.visibilityState === 'hidden') write();
    };
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      write();
    };
  }, []);

  return {
    /** When the restored draft was last saved (the notice), null when none was restored. */
    restoredAt,
    forgetRestored: (): void => setRestoredAt(null),
    /** Stop writing: the form was submitted or thrown away. */
    stop: (): void => {
      drafting.current = false;
      window.clearTimeout(timer.current);
      pending.current = null;
    },
    /** Write again (a new form after a save, or a save that failed). */
    resume: (): void => {
      drafting.current = true;
    },
  };
}
