/**
 * The card adaptivecards-templating itself makes of a whole template: the reference Trygg's own
 * expansion (pre-expanded constants, `CardTemplate`'s direct reads) is compared with.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import type { Locale } from '../../src/config';
import { messagesFor } from '../../src/i18n/translator';
import { projectDir } from '../../src/project-paths';
import { CardRenderer, type CardConstants } from '../../src/teams/card-renderer';

/** The folder of the card templates. */
export const CARDS = path.join(projectDir(), 'cards');

function nested(locale: Locale): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(messagesFor(locale))) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

/** The library's expansion of whole templates; parsed templates and strings are kept (parsing is slow). */
export class LibraryExpansion {
  private readonly templates = new Map<string, ACData.Template>();
  private readonly strings = new Map<Locale, Record<string, unknown>>();

  /**
   * Expands a whole template in one pass, as adaptivecards-templating does.
   *
   * @param name - template name
   * @param locale - locale of the strings
   * @param data - the card's data
   * @param constants - the constants the renderer was given
   * @returns the expanded card
   */
  expand(name: string, locale: Locale, data: Record<string, unknown>, constants: CardConstants = {}): unknown {
    let template = this.templates.get(name);
    if (!template) {
      template = new ACData.Template(JSON.parse(fs.readFileSync(path.join(CARDS, `${name}.json`), 'utf8')));
      this.templates.set(name, template);
    }
    let t = this.strings.get(locale);
    if (!t) this.strings.set(locale, (t = nested(locale)));
    return template.expand({ $root: { ...data, ...constants, t } });
  }
}

/**
 * Makes a renderer compare every card it renders with the library's expansion (an assertion
 * error on any difference).
 *
 * @param renderer - the renderer to check
 * @returns how many cards were compared so far
 */
export function crossCheck(renderer: CardRenderer): () => number {
  const render = renderer.render.bind(renderer);
  const library = new LibraryExpansion();
  let count = 0;
  renderer.render = (name, locale, data = {}, constants) => {
    const card = render(name, locale, data, constants);
    assert.deepEqual(card, library.expand(name, locale, data, constants), `${name} (${locale}) differs from adaptivecards-templating`);
    count++;
    return card;
  };
  return () => count;
}
