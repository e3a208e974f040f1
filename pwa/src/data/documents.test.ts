import { describe, expect, it } from 'vitest';
import { registeredOperations } from './graphql';

// Every data module registers its documents when it loads (as the build's list does).
import.meta.glob(['./*.ts', '!./*.test.ts'], { eager: true });

describe('the documents the data modules register (trusted documents, decision 0030)', () => {
  const documents = registeredOperations();

  it('are many, one per operation the app sends', () => {
    expect(documents.length).toBeGreaterThan(100);
  });

  it('carry no values pasted into their text: strings go in as variables', () => {
    // a GraphQL string literal (`parentCode: "31825"`) means a document built per call,
    // which the build would not list and a production server would refuse
    expect(documents.filter((d) => d.includes('"'))).toEqual([]);
  });

  it('each name their operation (the bundle check and the server logs go by the name)', () => {
    expect(documents.filter((d) => !/^(query|mutation) [A-Z]\w*[ ({]/.test(d.trimStart()))).toEqual([]);
  });
});
