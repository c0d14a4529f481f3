import { strict as assert } from 'node:assert';
import { inertMarkdown } from '../../src/teams/inert-markdown';

/** What a reader sees: zero-width spaces take no room. */
const visible = (s: string) => s.replaceAll('\u200B', '');

describe('inert markdown (typed text in FactSet values and TextBlocks)', () => {
  const forms = [
    '[Klicka här](https://evil.example/login)',
    '[Klicka här] (https://evil.example)',
    'se [polisens sida][1]\n\n[1]: https://evil.example',
    '![bild](https://evil.example/x.png)',
    '[[nested](https://evil.example)](https://evil.example)',
  ];

  for (const text of forms) {
    it(`leaves no link syntax in ${JSON.stringify(text.slice(0, 30))}, and looks the same`, () => {
      const inert = inertMarkdown(text);
      assert.doesNotMatch(inert, /\]\s?[([:]/, 'a ] is never directly followed by (, [ or :');
      assert.equal(visible(inert), text);
    });
  }

  it('changes nothing else', () => {
    const plain = 'Hot i receptionen, **inte** första gången. Dnr 5000-K123-26 <https://polisen.se>';
    assert.equal(inertMarkdown(plain), plain);
  });
});
