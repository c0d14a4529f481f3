import { strict as assert } from 'node:assert';
import en from '../../src/i18n/en.json';
import sv from '../../src/i18n/sv.json';
import { resolveLocale, translate } from '../../src/i18n/translator';

describe('i18n', () => {
  it('has the same keys in sv and en, none empty', () => {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(sv).sort());
    for (const [key, value] of [...Object.entries(sv), ...Object.entries(en)]) assert.ok(value.trim(), key);
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(sv) as Array<keyof typeof sv>) {
      assert.deepEqual(placeholders(en[key]), placeholders(sv[key]), key);
    }
  });

  it('picks Swedish or English from the Teams locale, else the default', () => {
    assert.equal(resolveLocale('sv-SE', 'en-US'), 'sv-SE');
    assert.equal(resolveLocale('sv', 'en-US'), 'sv-SE');
    assert.equal(resolveLocale('en-GB', 'sv-SE'), 'en-US');
    assert.equal(resolveLocale('EN_us', 'sv-SE'), 'en-US');
    assert.equal(resolveLocale('fi-FI', 'sv-SE'), 'sv-SE');
    assert.equal(resolveLocale(undefined, 'sv-SE'), 'sv-SE');
    assert.equal(resolveLocale('', 'en-US'), 'en-US');
  });

  it('translates a key in each language', () => {
    assert.match(translate('sv-SE', 'welcome.emergency'), /112/);
    assert.match(translate('en-US', 'welcome.emergency'), /Call 112/);
  });
});
