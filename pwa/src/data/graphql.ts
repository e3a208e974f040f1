/** GraphQL over fetch: same-origin cookie session, answers in the chosen language. */
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
  constructor(readonly messages: string[]) {
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
  errors?: { message: string }[];
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
  if (reply.errors?.length) throw new GraphQLError(reply.errors.map((e) => e.message));
  if (!response.ok || !reply.data) throw new HttpError(response.status);
  return reply.data;
}
