/**
 * The shared GraphQL client: fetch with the same-origin cookie session, answers in the
 * chosen language, errors sorted into network, HTTP and GraphQL ones; and the Relay
 * connection helpers every domain module uses.
 *
 * Trusted documents (decision 0030): every document is an `Operation`, made by
 * `operation()` when its module loads (a module-level constant, or a fixed set of them for
 * batches). The build lists them all, by SHA-256, in dist/trusted-documents.json
 * (scripts/trusted-documents.mjs), and a production server runs nothing else from a
 * browser. Never build a document inside a function: pass values as variables.
 */
import type { Language } from '../i18n';
import { sha256Hex } from './ids';

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

/** A GraphQL document the build knows about (see `operation`). */
export type Operation = string & { readonly __trusted: true };

const registered = new Set<string>();

/** Register a document; call it at module level only, so the build's list has it. */
export function operation(document: string): Operation {
  registered.add(document);
  return document as Operation;
}

/**
 * Documents for batches of 1 to `max` items (one aliased field per item), registered at
 * module level like any other; returns the document for a batch of `count`.
 */
export function batchOperations(max: number, build: (count: number) => string): (count: number) => Operation {
  const documents = Array.from({ length: max }, (_, i) => operation(build(i + 1)));
  return (count) => {
    const document = documents[count - 1];
    if (!document) throw new RangeError(`a batch of ${count} is not between 1 and ${max}`);
    return document;
  };
}

/** Every document registered so far (the build imports every data module, then reads this). */
export function registeredOperations(): string[] {
  return [...registered];
}

const hashes = new Map<string, Promise<string>>();

/** SHA-256 of the document, hex (computed once per document). */
export function operationHash(document: string): Promise<string> {
  let hash = hashes.get(document);
  if (!hash) {
    hash = sha256Hex(new Blob([document]));
    hashes.set(document, hash);
  }
  return hash;
}

interface Reply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export async function graphql<T>(query: Operation, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    // The document and its hash, persisted-query style: the server checks the hash of
    // the document itself, so an old server without the list still understands it.
    const extensions = { persistedQuery: { version: 1, sha256Hash: await operationHash(query) } };
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Accept-Language': language },
      body: JSON.stringify({ query, variables, extensions }),
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
export async function allNodes<T>(field: string, query: Operation, variables: Record<string, unknown> = {}, pages = 10): Promise<T[]> {
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

/** The server refuses more than 15 aliases in a document (schema/core/limits.py). */
export const MAX_BATCH = 15;

export function batchDocument(mutation: BatchMutation, count: number): string {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const variables = indexes.map((i) => `$i${i}: ${mutation.inputType}!`).join(', ');
  const fields = indexes.map((i) => `m${i}: ${mutation.field}(input: $i${i}) { ${mutation.selection} }`).join(' ');
  return `mutation ${mutation.operation}(${variables}) { ${fields} }`;
}

/** A batch mutation with its documents registered, one per size from 1 to `max`. */
export interface RegisteredBatch {
  readonly max: number;
  readonly documentFor: (count: number) => Operation;
}

/** Register the documents of `mutation` for batches of 1 to `max` (call at module level). */
export function batchMutation(mutation: BatchMutation, max = MAX_BATCH): RegisteredBatch {
  if (max > MAX_BATCH) throw new RangeError(`a batch of more than ${MAX_BATCH} would be refused`);
  return { max, documentFor: batchOperations(max, (count) => batchDocument(mutation, count)) };
}

/** Send `inputs` (at most the batch's `max`) in one request; the payloads come back in the inputs' order. */
export async function sendBatch<P>(batch: RegisteredBatch, inputs: Record<string, unknown>[]): Promise<P[]> {
  const variables = Object.fromEntries(inputs.map((input, i) => [`i${i}`, input]));
  const data = await graphql<Record<string, P>>(batch.documentFor(inputs.length), variables);
  return inputs.map((_, i) => data[`m${i}`] as P);
}
