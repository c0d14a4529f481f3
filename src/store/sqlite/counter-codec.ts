/**
 * How the embedded store keeps a lägesbild counter document: a dense vector in the order of
 * {@link COUNTER_LAYOUT} (zeros included) plus a small map of the rest (units), as JSON —
 * `{"l":"<layout id>","v":[…],"x":{"unit:<id>":n}}`. Reading a document then costs the same however
 * many cases it holds, and adding documents up is a loop over numbers. Documents written before
 * the vectors (a plain map of counts) are still read.
 */
import { COUNTER_LAYOUT, type Counters } from '../../domain/lagesbild-counters';

/** Identifies the layout; a document of another layout is refused rather than misread. */
export const LAYOUT_ID = layoutId(COUNTER_LAYOUT);

const INDEX: ReadonlyMap<string, number> = new Map(COUNTER_LAYOUT.map((key, i) => [key, i]));

interface Encoded {
  l: string;
  v: number[];
  x?: Counters;
}

/**
 * Encodes counts for storage.
 *
 * @param counters - the document's counts
 * @returns the JSON text
 */
export function encodeCounters(counters: Readonly<Counters>): string {
  const v = new Array<number>(COUNTER_LAYOUT.length).fill(0);
  let x: Counters | undefined;
  for (const key in counters) {
    const i = INDEX.get(key);
    if (i !== undefined) v[i] = counters[key];
    else (x ??= {})[key] = counters[key];
  }
  return JSON.stringify(x ? { l: LAYOUT_ID, v, x } : { l: LAYOUT_ID, v });
}

/**
 * Decodes a stored document.
 *
 * @param body - the JSON text
 * @returns its counts, zeros left out
 */
export function decodeCounters(body: string): Counters {
  const sum = new CounterSum();
  sum.add(body);
  return sum.counters();
}

/** Adds stored documents up, as vectors. */
export class CounterSum {
  private readonly dense = new Float64Array(COUNTER_LAYOUT.length);
  private readonly rest: Counters = {};

  /**
   * Adds one stored document.
   *
   * @param body - the document's JSON text
   * @throws Error when the document has another layout (a migration must re-encode the documents)
   */
  add(body: string): void {
    const doc = JSON.parse(body) as Encoded | Counters;
    if (typeof doc.l !== 'string') return this.addMap(doc as Counters);
    const e = doc as Encoded;
    if (e.l !== LAYOUT_ID) throw new Error(`lägesbild counter document of layout ${e.l}, expected ${LAYOUT_ID}: re-encode lagesbild_counters in a migration`);
    const v = e.v;
    for (let i = 0; i < v.length; i++) this.dense[i] += v[i];
    if (e.x) this.addMap(e.x);
  }

  /** @returns the sum, zeros left out */
  counters(): Counters {
    const out: Counters = {};
    for (let i = 0; i < this.dense.length; i++) if (this.dense[i] !== 0) out[COUNTER_LAYOUT[i]] = this.dense[i];
    for (const key in this.rest) if (this.rest[key] !== 0) out[key] = this.rest[key];
    return out;
  }

  private addMap(c: Readonly<Counters>): void {
    for (const key in c) {
      const i = INDEX.get(key);
      if (i !== undefined) this.dense[i] += c[key];
      else this.rest[key] = (this.rest[key] ?? 0) + c[key];
    }
  }
}

/** FNV-1a of the keys: 8 hex digits. */
function layoutId(keys: readonly string[]): string {
  let h = 0x811c9dc5;
  for (const ch of keys.join(',')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
