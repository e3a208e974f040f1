// Loaded by scripts/trusted-documents.mjs through Vite's module runner: every data module
// (they register their documents when they load), then the registry itself.
import.meta.glob(['../src/data/*.ts', '!../src/data/*.test.ts'], { eager: true });
export { registeredOperations } from '../src/data/graphql.ts';
