/**
 * A list over a Relay connection: loads the first page, then the next with "Load more"
 * (`first`/`after`), and says when there is nothing or when loading failed (with a
 * retry). The caller gives `load(after)` (a data module's call returning a `Page`) and
 * how to show one item; `reloadKey` starts again from the first page when it changes.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Page } from '../data/graphql';
import { useI18n } from '../i18n';
import { type Route, href } from '../router';
import { EmptyState, ErrorState, LoadingState } from './states';

/** A list screen's title, with the link that makes a new item beside it ("New campaign"). */
export function ListTitle({ title, to, label, class: className = 'button primary small' }: { title: string; to: Route; label: string; class?: string }) {
  return (
    <div class="row">
      <h1>{title}</h1>
      <a class={className} href={href(to)}>
        {label}
      </a>
    </div>
  );
}

interface Props<T> {
  load: (after: string | null) => Promise<Page<T>>;
  /** The item's stable key (its id). */
  keyOf: (item: T) => string;
  render: (item: T) => ComponentChildren;
  /** Shown when the first page is empty. */
  empty: ComponentChildren;
  /** Shown when a page fails to load (the network, the server). */
  errorMessage: string;
  reloadKey?: unknown;
  class?: string;
}

interface State<T> {
  items: T[];
  next: string | null;
  hasNext: boolean;
  status: 'loading' | 'idle' | 'error';
}

export function PagedList<T>({ load, keyOf, render, empty, errorMessage, reloadKey, class: className = 'cards' }: Props<T>) {
  const { t } = useI18n();
  const [state, setState] = useState<State<T>>({ items: [], next: null, hasNext: false, status: 'loading' });
  const [request, setRequest] = useState<{ after: string | null; n: number }>({ after: null, n: 0 });

  useEffect(() => {
    // the items shown stay until the first page of the new list replaces them, so a reload
    // after an action does not unmount the rows (and a form open in one of them)
    setRequest((now) => ({ after: null, n: now.n + 1 }));
  }, [reloadKey]);

  useEffect(() => {
    if (request.n === 0) return;
    let live = true;
    setState((now) => ({ ...now, status: 'loading' }));
    load(request.after).then(
      (page) =>
        live &&
        setState((now) => ({
          items: request.after === null ? page.nodes : [...now.items, ...page.nodes],
          next: page.endCursor,
          hasNext: page.hasNextPage,
          status: 'idle',
        })),
      () => live && setState((now) => ({ ...now, status: 'error' })),
    );
    return () => {
      live = false;
    };
  }, [request]);

  const more = (after: string | null): void => setRequest((now) => ({ after, n: now.n + 1 }));
  const { items, status } = state;
  if (status === 'loading' && items.length === 0) return <LoadingState />;
  if (status === 'idle' && items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <>
      {items.length > 0 && (
        <ul class={className}>
          {items.map((item) => (
            <li key={keyOf(item)}>{render(item)}</li>
          ))}
        </ul>
      )}
      {status === 'error' && <ErrorState message={errorMessage} onRetry={() => more(request.after)} />}
      {status !== 'error' && state.hasNext && (
        <div class="actions">
          <button type="button" class="secondary" onClick={() => more(state.next)} disabled={status === 'loading'}>
            {status === 'loading' ? t('app.loading') : t('app.loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
