/**
 * Expands an Adaptive Card template as adaptivecards-templating 2.3 does (`$data` loops, `$when`,
 * `${…}` expressions evaluated by adaptive-expressions, an undefined value left as its `${path}`),
 * but reads plain property paths such as `${title}` or `${$root.t.case.save}` straight from the
 * data. adaptive-expressions looks every property up by a case-insensitive scan of the object's
 * keys and builds a memory object per expression, which made card expansion the largest cost of an
 * invoke. Anything that is not a plain path with a value — functions, comparisons, missing
 * values — still goes through adaptive-expressions, so its results are the library's own.
 *
 * One difference by design: a plain path takes the property of exactly that name; the library
 * takes the first key that matches ignoring case. Trygg's data never has two keys that differ only
 * in case; the card tests compare every card with the library's expansion.
 */
import * as AEL from 'adaptive-expressions';
import * as ACData from 'adaptivecards-templating';

/** Where an expression is evaluated: the card's data, the current `$data` item and its index. */
interface Scope {
  $root: unknown;
  $data: unknown;
  $index: unknown;
}

/** Fields of a template object that steer expansion and are not copied to the card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

/** A dotted path of identifiers: read directly when every step is an own property. */
const PLAIN_PATH = /^[A-Za-z_$][\w$]*(\.[A-Za-z_][\w]*)*$/;

/** The memory adaptivecards-templating gives an expression: names without `$` are read from `$data`. */
class ScopeMemory implements AEL.MemoryInterface {
  private readonly inner: AEL.SimpleObjectMemory;

  constructor(scope: Scope) {
    this.inner = new AEL.SimpleObjectMemory(scope);
  }

  getValue(path: string): unknown {
    return this.inner.getValue(path.length > 0 && path[0] !== '$' ? `$data.${path}` : path);
  }

  setValue(path: string, input: unknown): void {
    this.inner.setValue(path, input);
  }

  version(): string {
    return this.inner.version();
  }
}

/** The options adaptivecards-templating evaluates with: an undefined value becomes `${path}`. */
function substitutingOptions(): AEL.Options {
  const options = new AEL.Options();
  options.nullSubstitution = (path: string) => '${' + path + '}';
  return options;
}

/** A template, parsed once, expanded per card. */
export class CardTemplate {
  private readonly prepared: unknown;
  /** The steps of each plain-path expression (null: not a plain path). */
  private readonly paths = new Map<AEL.Expression, readonly string[] | null>();
  /** `path == 'text'` and `path != 'text'`: compared directly when the path's value is a string. */
  private readonly comparisons = new Map<AEL.Expression, { path: AEL.Expression; text: string; equal: boolean }>();
  private readonly options = substitutingOptions();

  /** @param payload - the template's JSON (not modified) */
  constructor(payload: unknown) {
    this.prepared = this.prepare(payload);
  }

  /**
   * Expands the template.
   *
   * @param root - the card's data (`$root`)
   * @returns the card
   */
  expand(root: unknown): unknown {
    return this.expandNode(this.prepared, { $root: root, $data: root, $index: undefined });
  }

  private prepare(node: unknown): unknown {
    if (typeof node === 'string') {
      const parsed = ACData.Template.parseInterpolatedString(node);
      if (parsed instanceof AEL.Expression) this.rememberPaths(parsed);
      return parsed;
    }
    if (Array.isArray(node)) return node.map((item) => this.prepare(item));
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, this.prepare(value)]));
    }
    return node;
  }

  private rememberPaths(expression: AEL.Expression): void {
    const text = expression.type === AEL.ExpressionType.Accessor ? expression.toString() : '';
    this.paths.set(expression, PLAIN_PATH.test(text) ? text.split('.') : null);
    for (const child of expression.children) this.rememberPaths(child);
    const [path, literal] = expression.children;
    const equality = expression.type === AEL.ExpressionType.Equal || expression.type === AEL.ExpressionType.NotEqual;
    if (equality && this.paths.get(path) && literal instanceof AEL.Constant && typeof literal.value === 'string') {
      this.comparisons.set(expression, { path, text: literal.value, equal: expression.type === AEL.ExpressionType.Equal });
    }
  }

  private expandNode(node: unknown, scope: Scope): unknown {
    if (Array.isArray(node)) {
      let items: unknown[] = [];
      for (const item of node) {
        const expanded = this.expandNode(item, scope);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) items = items.concat(expanded);
        else items.push(expanded);
      }
      return items;
    }
    if (node instanceof AEL.Expression) return this.valueOf(node, scope);
    if (typeof node === 'object' && node !== null) return this.expandObject(node as Record<string, unknown>, scope);
    return node;
  }

  /** An object, repeated for each `$data` item and kept where `$when` is true. */
  private expandObject(node: Record<string, unknown>, outer: Scope): unknown {
    const when = node.$when;
    let data = node.$data;
    if (data instanceof AEL.Expression) data = this.valueOf(data, outer);
    const isArray = Array.isArray(data);
    const contexts: unknown[] = data === undefined ? [undefined] : isArray ? (data as unknown[]) : [data];
    const result: unknown[] = [];
    for (let i = 0; i < contexts.length; i++) {
      const scope: Scope = {
        $root: outer.$root,
        $data: contexts[i] !== undefined ? contexts[i] : outer.$data,
        $index: isArray ? i : outer.$index,
      };
      if (when !== undefined && !this.isTrue(when, scope)) continue;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(node)) {
        if (RESERVED.has(key)) continue;
        const value = this.expandNode(node[key], scope);
        if (value !== undefined) out[key] = value;
      }
      result.push(out);
    }
    return result.length === 0 ? null : result.length === 1 ? result[0] : result;
  }

  /** `$when`: true only for a boolean true; a failed or missing expression is false. */
  private isTrue(when: unknown, scope: Scope): boolean {
    if (!(when instanceof AEL.Expression)) return false;
    const comparison = this.comparisons.get(when);
    if (comparison) {
      // Two strings are equal exactly when they are the same (the library's commonEquals).
      const value = this.plainValue(comparison.path, scope);
      if (typeof value === 'string') return (value === comparison.text) === comparison.equal;
    }
    const fast = this.plainValue(when, scope);
    if (fast !== undefined) return fast === true;
    const { value, error } = when.tryEvaluate(new ScopeMemory(scope), undefined);
    return !error && value === true;
  }

  /** A value expression; an error fails the expansion, as in the library. */
  private valueOf(expression: AEL.Expression, scope: Scope): unknown {
    const fast = this.plainValue(expression, scope);
    if (fast !== undefined) return fast;
    const memory = new ScopeMemory(scope);
    if (expression.type === AEL.ExpressionType.Concat) {
      // Each part on its own, so one failing part shows as its `${…}` text, as in the library.
      let text = '';
      for (const child of expression.children) {
        let part: { value: unknown; error?: string };
        try {
          const plain = this.plainValue(child, scope);
          part = plain !== undefined ? { value: plain } : child.tryEvaluate(memory, this.options);
        } catch (err) {
          part = { value: undefined, error: String(err) };
        }
        text += part.error ? '${' + child.toString() + '}' : (part.value as { toString(): string }).toString();
      }
      return text;
    }
    const { value, error } = expression.tryEvaluate(memory, this.options);
    if (error) throw new Error(error);
    return value;
  }

  /** The value of a plain path whose every step is an own property; undefined otherwise. */
  private plainValue(expression: AEL.Expression, scope: Scope): unknown {
    const steps = this.paths.get(expression);
    if (!steps) return undefined;
    let at: unknown;
    let i = 0;
    if (steps[0] === '$root' || steps[0] === '$data' || steps[0] === '$index') {
      at = scope[steps[0]];
      i = 1;
    } else if (steps[0].startsWith('$')) {
      return undefined;
    } else {
      at = scope.$data;
    }
    for (; i < steps.length; i++) {
      if (typeof at !== 'object' || at === null || !Object.prototype.hasOwnProperty.call(at, steps[i])) return undefined;
      at = (at as Record<string, unknown>)[steps[i]];
    }
    return at === null ? undefined : at;
  }
}
