/**
 * Partial expansion of an Adaptive Card template: the parts that depend only on data that is the
 * same for every card of a locale (the locale's strings, choice lists) are expanded once, so that
 * expanding a card per request evaluates only the expressions that depend on the request's data.
 *
 * A part is expanded ahead only when the result is certain to be what the full expansion would
 * give: every expression in it refers to constant data only (and to nothing else, not even the
 * clock), and its expansion contains no `${` that the second expansion could read as an expression.
 * Everything else is left as it is.
 */
import * as ACData from 'adaptivecards-templating';

type Json = unknown;

/** Functions whose value is not determined by their arguments. */
const NOT_PURE = /\b(utcNow|rand|newGuid|getFutureTime|getPastTime)\s*\(/;

/** Where an expression is evaluated: at the root, or inside a `$data` loop over constant or other data. */
type Scope = 'root' | 'constant-loop' | 'other-loop';

/** What the expressions of a string refer to (`null`: it has none); parsing is slow, so callers keep one per template set. */
export type ReferenceCache = Map<string, readonly string[] | null>;

/**
 * Expands the constant parts of a template.
 *
 * @param template - the template's JSON (not modified)
 * @param constants - the constant data, by root key (e.g. `t`, `options`)
 * @param references - parsed strings, shared between calls
 * @returns a template with the constant parts expanded
 */
export function preExpand(template: Json, constants: Readonly<Record<string, unknown>>, references: ReferenceCache = new Map()): Json {
  const keys = new Set(Object.keys(constants));
  const expandAhead = (node: Json): { value: Json } | undefined => {
    const expanded = new ACData.Template(node).expand({ $root: constants }) as Json;
    return JSON.stringify(expanded ?? null).includes('${') ? undefined : { value: expanded };
  };

  const rootKeyIsConstant = (path: string) => keys.has(path.split(/[.[]/, 1)[0]);
  const refIsConstant = (ref: string, scope: Scope): boolean => {
    if (ref.startsWith('$root.')) return rootKeyIsConstant(ref.slice('$root.'.length));
    if (scope === 'constant-loop') return ref === '$index' || ref === '$data' || ref.startsWith('$data.') || !ref.startsWith('$');
    if (scope === 'other-loop' || ref.startsWith('$index') || ref.startsWith('$host') || ref.startsWith('$_')) return false;
    return rootKeyIsConstant(ref.startsWith('$data.') ? ref.slice('$data.'.length) : ref);
  };
  /** undefined: no expression; true / false: every expression constant or not. */
  const stringIsConstant = (text: string, scope: Scope): boolean | undefined => {
    if (!text.includes('${')) return undefined;
    let refs = references.get(text);
    if (refs === undefined) {
      try {
        const parsed = ACData.Template.parseInterpolatedString(text);
        refs = typeof parsed === 'string' ? null : parsed.references();
      } catch {
        return false;
      }
      references.set(text, refs);
    }
    if (refs === null) return undefined;
    return refs.length > 0 && !NOT_PURE.test(text) && refs.every((r) => refIsConstant(r, scope));
  };

  /** Walks a subtree; tells whether it has expressions and whether all of them are constant. */
  const walk = (node: Json, scope: Scope): { node: Json; hasExpr: boolean; constant: boolean } => {
    if (typeof node === 'string') {
      const c = stringIsConstant(node, scope);
      return { node, hasExpr: c !== undefined, constant: c !== false };
    }
    if (Array.isArray(node)) {
      const out: Json[] = [];
      let hasExpr = false;
      let constant = true;
      for (const item of node) {
        const r = walk(item, scope);
        hasExpr ||= r.hasExpr;
        constant &&= r.constant;
        // An element that is an object may expand to nothing ($when) or to several ($data).
        const ahead = scope === 'root' && r.hasExpr && r.constant && isObject(item) ? expandAhead(item) : undefined;
        if (ahead === undefined) out.push(r.node);
        else if (Array.isArray(ahead.value)) out.push(...(ahead.value as Json[]));
        else if (ahead.value !== null && ahead.value !== undefined) out.push(ahead.value);
      }
      return { node: out, hasExpr, constant };
    }
    if (!isObject(node)) return { node, hasExpr: false, constant: true };
    const data = node.$data;
    let inner: Scope = scope;
    let hasExpr = false;
    let constant = true;
    if (data !== undefined) {
      const c = typeof data === 'string' ? stringIsConstant(data, scope) : undefined;
      hasExpr ||= c !== undefined;
      constant &&= c !== false;
      // Inside the loop, bare names refer to the items.
      inner = c === true ? 'constant-loop' : c === false ? 'other-loop' : scope;
    }
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === '$data') {
        out[key] = value;
        continue;
      }
      const r = walk(value, inner);
      hasExpr ||= r.hasExpr;
      constant &&= r.constant;
      // Strings and nested objects without $data/$when can be replaced in place.
      const replaceable = typeof value === 'string' || (isObject(value) && !('$data' in value) && !('$when' in value));
      const ahead =
        inner === 'root' && key !== '$when' && r.hasExpr && r.constant && replaceable ? expandAhead({ v: value }) : undefined;
      out[key] = ahead === undefined ? r.node : (ahead.value as { v: Json }).v;
    }
    return { node: out, hasExpr, constant };
  };

  return walk(template, 'root').node;
}

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
