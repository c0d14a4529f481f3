/**
 * Mocha root hook (loaded by every test command): every card any test renders in this process —
 * bot tests included — is compared with adaptivecards-templating's own expansion of the whole
 * template, so Trygg's faster expansion can never drift from the library unnoticed.
 */
import { strict as assert } from 'node:assert';
import { CardRenderer } from '../../src/teams/card-renderer';
import { LibraryExpansion } from './library-expansion';

const CHECKED = Symbol.for('trygg.cardCrossCheck');

export const mochaHooks = {
  beforeAll(): void {
    const proto = CardRenderer.prototype as CardRenderer & { [CHECKED]?: boolean };
    if (proto[CHECKED]) return;
    const render = proto.render;
    const library = new LibraryExpansion();
    proto.render = function checkedRender(this: CardRenderer, name, locale, data = {}, constants) {
      const card = render.call(this, name, locale, data, constants);
      assert.deepEqual(card, library.expand(name, locale, data, constants), `card ${name} (${locale}) differs from adaptivecards-templating`);
      return card;
    };
    proto[CHECKED] = true;
  },
};
