import type { AdaptiveCard } from '@microsoft/teams-ai';
import * as ACData from 'adaptivecards-templating';
import { CardFactory, type Attachment } from 'botbuilder';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locale } from '../config';
import { messagesFor } from '../i18n/translator';

const MAX_REMEMBERED = 64;

/** An expanded Adaptive Card, ready to send or to return from an invoke. */
export type CardJson = AdaptiveCard;

/**
 * Expands the Adaptive Card templates in `cards/` with typed data and the locale's strings.
 * Templates are read once, when the renderer is created.
 */
export class CardRenderer {
  /** Parsed templates: parsing the expressions is the expensive part, so it happens once. */
  private readonly templates = new Map<string, ACData.Template>();
  /** Expanded cards of {@link CardRenderer.renderRemembered}. */
  private readonly remembered = new Map<string, CardJson>();
  /** The locales' strings, nested for `${t.a.b}`, built once per locale. */
  private readonly strings = new Map<Locale, Record<string, unknown>>();

  /** @param cardsDir - the folder with the `*.json` templates */
  constructor(cardsDir: string) {
    for (const file of fs.readdirSync(cardsDir).filter((f) => f.endsWith('.json'))) {
      const json: unknown = JSON.parse(fs.readFileSync(path.join(cardsDir, file), 'utf8'));
      this.templates.set(path.basename(file, '.json'), new ACData.Template(json));
    }
  }

  /**
   * Expands one template. Strings are available to the template as `${t.<key>}`.
   *
   * @param name - the template's file name without `.json`
   * @param locale - the reader's locale
   * @param data - the card's data, available at the root
   * @returns the expanded card
   */
  render(name: string, locale: Locale, data: Record<string, unknown> = {}): CardJson {
    const template = this.templates.get(name);
    if (!template) throw new Error(`unknown card template: ${name}`);
    let t = this.strings.get(locale);
    if (!t) {
      t = nestKeys(messagesFor(locale));
      this.strings.set(locale, t);
    }
    return template.expand({ $root: { ...data, t } }) as CardJson;
  }

  /**
   * Like {@link CardRenderer.render}, remembered per template, locale and data: for cards whose
   * data takes few values (the welcome card). Returns a copy, so callers may change it.
   *
   * @param name - the template's file name without `.json`
   * @param locale - the reader's locale
   * @param data - small data (a few flags)
   * @returns the expanded card
   */
  renderRemembered(name: string, locale: Locale, data: Record<string, string | number | boolean> = {}): CardJson {
    const key = `${name}|${locale}|${JSON.stringify(data)}`;
    let card = this.remembered.get(key);
    if (!card) {
      card = this.render(name, locale, data);
      if (this.remembered.size < MAX_REMEMBERED) this.remembered.set(key, card);
    }
    return structuredClone(card);
  }

  /**
   * Expands a template into a message attachment.
   *
   * @param name - the template's file name without `.json`
   * @param locale - the reader's locale
   * @param data - the card's data
   * @returns an Adaptive Card attachment
   */
  attachment(name: string, locale: Locale, data: Record<string, unknown> = {}): Attachment {
    return CardFactory.adaptiveCard(this.render(name, locale, data));
  }
}

function nestKeys(flat: Readonly<Record<string, string>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return out;
}
