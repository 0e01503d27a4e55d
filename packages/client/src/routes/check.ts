/**
 * Checks a JSON value against a route's JSON Schema: the keywords the route table uses (type,
 * const, enum, pattern, minLength, maxLength, minimum, maximum, properties, required,
 * additionalProperties, items, minItems, maxItems, oneOf). Annotations (description, title,
 * default) are ignored; any other keyword is refused, so a schema the SDK cannot check fails its
 * test instead of passing unchecked.
 */
import type { JsonSchema } from './spec.ts';

/** The keywords checked, and the annotations passed over. */
export const CHECKED_KEYWORDS: ReadonlySet<string> = new Set([
  'type',
  'const',
  'enum',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'oneOf',
]);
const ANNOTATIONS: ReadonlySet<string> = new Set(['description', 'title', 'default']);
/** Bounds the walk: answers nest a few levels (a query result may nest more; it has no schema). */
const MAX_DEPTH = 16;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const isType = (v: unknown, t: string): boolean => (t === 'number' ? typeof v === 'number' : typeOf(v) === t);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The first way `value` breaks `schema`, as "where: what", or null when it conforms. */
export function schemaProblem(schema: JsonSchema, value: unknown, where = '', depth = 0): string | null {
  if (depth > MAX_DEPTH) return `${where || 'answer'}: nested too deeply`;
  const at = where || 'answer';
  const s = schema as Record<string, unknown>;
  for (const k of Object.keys(s))
    if (!CHECKED_KEYWORDS.has(k) && !ANNOTATIONS.has(k)) return `${at}: schema keyword ${k} is not checked`;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => isType(value, t))) return `${at}: expected ${types.join(' or ')}`;
  }
  if ('const' in s && !same(s.const, value)) return `${at}: expected ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum) && !s.enum.some((e) => same(e, value)))
    return `${at}: expected one of ${s.enum.join(', ')}`;
  if (typeof value === 'string') {
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value))
      return `${at}: does not match ${s.pattern}`;
    const length = [...value].length;
    if (typeof s.minLength === 'number' && length < s.minLength) return `${at}: too short`;
    if (typeof s.maxLength === 'number' && length > s.maxLength) return `${at}: too long`;
  }
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return `${at}: below ${s.minimum}`;
    if (typeof s.maximum === 'number' && value > s.maximum) return `${at}: above ${s.maximum}`;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return `${at}: too few items`;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return `${at}: too many items`;
    if (s.items !== undefined)
      for (let i = 0; i < value.length; i++) {
        const p = schemaProblem(s.items as JsonSchema, value[i], `${at}[${i}]`, depth + 1);
        if (p) return p;
      }
  }
  if (typeOf(value) === 'object') {
    const o = value as Record<string, unknown>;
    for (const name of (s.required as string[] | undefined) ?? [])
      if (!Object.hasOwn(o, name)) return `${at}.${name}: missing`;
    const props = (s.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, v] of Object.entries(o)) {
      const sub = Object.hasOwn(props, name) ? props[name] : undefined;
      if (sub !== undefined) {
        const p = schemaProblem(sub, v, `${at}.${name}`, depth + 1);
        if (p) return p;
      } else if (s.additionalProperties === false) return `${at}.${name}: not expected`;
      else if (typeof s.additionalProperties === 'object') {
        const p = schemaProblem(s.additionalProperties as JsonSchema, v, `${at}.${name}`, depth + 1);
        if (p) return p;
      }
    }
  }
  if (Array.isArray(s.oneOf)) {
    const fits = (s.oneOf as JsonSchema[]).filter((x) => schemaProblem(x, value, at, depth + 1) === null);
    if (fits.length !== 1) return `${at}: matches ${fits.length} of the oneOf schemas, not 1`;
  }
  return null;
}
