/**
 * Where an answer lives in a response with repeat groups (decision 0035): a repeat's
 * answer is a list of instance dicts, and a field inside one is named the way the
 * server names it in its errors, outermost repeat first, 0-based: `members[1].age`
 * (the server's field is `answers.members[1].age`). The same name keys the form's
 * problems, its photos and the server's messages. (No imports: the outbox reads names.)
 */

/** The instance being filled, outermost repeat first: [['members', 1], ['plots', 0]]. */
export type Path = readonly (readonly [string, number])[];

export type Raw = Readonly<Record<string, unknown>>;

const TOP: Path = [];
export { TOP as NO_PATH };

/** `members[1].age`; a top-level question is named by its key. */
export function fieldName(path: Path, key: string): string {
  return path.map(([group, index]) => `${group}[${index}].`).join('') + key;
}

const SEGMENT = /([^[\]]+)\[(\d+)\]\./y;

/** The path and key of a field name (keys hold no brackets), null when it is not one. */
export function parseName(name: string): { path: Path; key: string } | null {
  const path: [string, number][] = [];
  SEGMENT.lastIndex = 0;
  let at = 0;
  for (let match = SEGMENT.exec(name); match !== null; match = SEGMENT.exec(name)) {
    path.push([match[1] as string, Number(match[2])]);
    at = SEGMENT.lastIndex;
  }
  const key = name.slice(at);
  return key === '' || /[[\]]/.test(key) ? null : { path, key };
}

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The instances of a repeat as the form holds them (anything else is none). */
export function instancesOf(value: unknown): Raw[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

/** The dict holding the fields of the instance at `path` (undefined when it is not there). */
export function nodeAt(answers: Raw, path: Path): Raw | undefined {
  let node: Raw | undefined = answers;
  for (const [group, index] of path) {
    node = node === undefined ? undefined : instancesOf(node[group])[index];
  }
  return node;
}

/** The answer named `name`. */
export function answerAt(answers: Raw, name: string): unknown {
  const parsed = parseName(name);
  if (parsed === null) return undefined;
  const node = nodeAt(answers, parsed.path);
  return node !== undefined && Object.hasOwn(node, parsed.key) ? node[parsed.key] : undefined;
}

/** A copy of the instance dict at `path` with `change` applied (missing instances are made empty). */
export function updateAt(answers: Raw, path: Path, change: (node: Raw) => Raw): Record<string, unknown> {
  if (path.length === 0) return { ...change(answers) };
  const [[group, index], ...rest] = path as [readonly [string, number], ...(readonly [string, number])[]];
  const list = [...instancesOf(answers[group])];
  while (list.length <= index) list.push({});
  list[index] = updateAt(list[index] as Raw, rest, change);
  return { ...answers, [group]: list };
}

/** A copy of the answers with the answer named `name` set (undefined: emptied). */
export function withAnswer(answers: Raw, name: string, value: unknown): Record<string, unknown> {
  const parsed = parseName(name);
  if (parsed === null) return { ...answers };
  return updateAt(answers, parsed.path, (node) => ({ ...node, [parsed.key]: value }));
}

/**
 * Names after instance `index` of the repeat named `list` (`members`, `members[0].plots`)
 * was removed: those inside it are gone (null), those of later instances move up one.
 */
export function shiftedName(name: string, list: string, index: number): string | null {
  const prefix = `${list}[`;
  if (!name.startsWith(prefix)) return name;
  const match = /^(\d+)\]\./.exec(name.slice(prefix.length));
  if (match === null) return name;
  const at = Number(match[1]);
  if (at < index) return name;
  if (at === index) return null;
  return `${prefix}${at - 1}]${name.slice(prefix.length + (match[1] as string).length + 1)}`;
}
