/**
 * The shared GraphQL client: fetch with the same-origin cookie session, answers in the
 * chosen language, errors sorted into network, HTTP and GraphQL ones; and the Relay
 * connection helpers every domain module uses.
 */
import type { Language } from '../i18n';

export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`network: ${String(cause)}`);
    this.name = 'NetworkError';
  }
}

export class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
    this.name = 'HttpError';
  }
}

export class GraphQLError extends Error {
  /** `messages` in the request's language; `codes` their `extensions.code` ('' where none). */
  constructor(
    readonly messages: string[],
    readonly codes: string[] = [],
  ) {
    super(messages.join('; '));
    this.name = 'GraphQLError';
  }
}

let language: Language = 'vi';

export function setRequestLanguage(lang: Language): void {
  language = lang;
}

export function requestLanguage(): Language {
  return language;
}

interface Reply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': language },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.status >= 500 || response.status === 429) throw new HttpError(response.status);
  let reply: Reply<T>;
  try {
    reply = (await response.json()) as Reply<T>;
  } catch (error) {
    throw response.ok ? new NetworkError(error) : new HttpError(response.status);
  }
  if (reply.errors?.length) {
    throw new GraphQLError(
      reply.errors.map((e) => e.message),
      reply.errors.map((e) => e.extensions?.code ?? ''),
    );
  }
  if (!response.ok || !reply.data) throw new HttpError(response.status);
  return reply.data;
}

/** One page of a Relay connection, as the app reads it. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount?: number;
}

export interface Connection<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

/** A connection's page as a `Page` (what the paged list component loads). */
export function pageOf<T>(connection: Connection<T>): Page<T> {
  return {
    nodes: connection.edges.map((e) => e.node),
    hasNextPage: connection.pageInfo.hasNextPage,
    endCursor: connection.pageInfo.endCursor,
    totalCount: connection.totalCount,
  };
}

/**
 * Every node of a connection, 100 (the server's page limit) at a time, at most `pages`
 * pages. `query` takes `$after` (and `variables`) and selects `pageInfo { hasNextPage endCursor }`.
 */
export async function allNodes<T>(field: string, query: string, pages = 10, variables: Record<string, unknown> = {}): Promise<T[]> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < pages; page += 1) {
    const data: Record<string, Connection<T>> = await graphql(query, { ...variables, after });
    const connection = data[field];
    if (!connection) break;
    nodes.push(...connection.edges.map((e) => e.node));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return nodes;
}

/**
 * A mutation sent for many inputs in one request, one aliased field each
 * (`m0: checkIn(input: $i0) { … } m1: …`): how an outbox kind sends a batch.
 */
export interface BatchMutation {
  /** The operation's name (`CheckIns`). */
  operation: string;
  /** The mutation field (`checkIn`). */
  field: string;
  /** Its input type (`CheckInInput`). */
  inputType: string;
  /** What each payload selects. */
  selection: string;
}

export function batchDocument(mutation: BatchMutation, count: number): string {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const variables = indexes.map((i) => `$i${i}: ${mutation.inputType}!`).join(', ');
  const fields = indexes.map((i) => `m${i}: ${mutation.field}(input: $i${i}) { ${mutation.selection} }`).join(' ');
  return `mutation ${mutation.operation}(${variables}) { ${fields} }`;
}

/** Send `inputs` in one request; the payloads come back in the inputs' order. */
export async function sendBatch<P>(mutation: BatchMutation, inputs: Record<string, unknown>[]): Promise<P[]> {
  const variables = Object.fromEntries(inputs.map((input, i) => [`i${i}`, input]));
  const data = await graphql<Record<string, P>>(batchDocument(mutation, inputs.length), variables);
  return inputs.map((_, i) => data[`m${i}`] as P);
}
