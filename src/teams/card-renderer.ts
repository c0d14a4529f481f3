import type { AdaptiveCard } from '@microsoft/teams-ai';
import { CardFactory, type Attachment } from 'botbuilder';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locale } from '../config';
import { messagesFor } from '../i18n/translator';
import { preExpand, type ReferenceCache } from './card-preexpand';
import { CardTemplate } from './card-template';

const MAX_REMEMBERED = 64;

/** An expanded Adaptive Card, ready to send or to return from an invoke. */
export type CardJson = AdaptiveCard;

/** Data that is the same for every card of a locale (e.g. choice lists), passed by the same object each time. */
export type CardConstants = Readonly<Record<string, unknown>>;

const NO_CONSTANTS: CardConstants = Object.freeze({});

/**
 * Expands the Adaptive Card templates in `cards/` with typed data and the locale's strings.
 * Templates are read once, when the renderer is created. The parts of a template that depend only
 * on the locale's strings and the caller's constants are expanded once per locale and constants
 * object ({@link preExpand}); each card then evaluates only what depends on its own data.
 */
export class CardRenderer {
  /** The templates' JSON. */
  private readonly sources = new Map<string, unknown>();
  /** Templates with their constant parts expanded, per constants object, template and locale. */
  private readonly prepared = new WeakMap<CardConstants, Map<string, CardTemplate>>();
  /** What each template string refers to, for {@link preExpand}: the same for every locale. */
  private readonly references: ReferenceCache = new Map();
  /** Expanded cards of {@link CardRenderer.renderRemembered}. */
  private readonly remembered = new Map<string, CardJson>();
  /** The locales' strings, nested for `${t.a.b}`, built once per locale. */
  private readonly strings = new Map<Locale, Record<string, unknown>>();

  /** @param cardsDir - the folder with the `*.json` templates */
  constructor(cardsDir: string) {
    for (const file of fs.readdirSync(cardsDir).filter((f) => f.endsWith('.json'))) {
      const json: unknown = JSON.parse(fs.readFileSync(path.join(cardsDir, file), 'utf8'));
      this.sources.set(path.basename(file, '.json'), json);
    }
  }

  /**
   * Expands one template. Strings are available to the template as `${t.<key>}`.
   *
   * @param name - the template's file name without `.json`
   * @param locale - the reader's locale
   * @param data - the card's data, available at the root
   * @param constants - data that is the same for every card of this locale, available at the root
   *   (its keys win over `data`'s); pass the same object each time and never change it
   * @returns the expanded card
   */
  render(name: string, locale: Locale, data: Record<string, unknown> = {}, constants: CardConstants = NO_CONSTANTS): CardJson {
    const t = this.stringsOf(locale);
    return this.template(name, locale, constants, t).expand({ ...data, ...constants, t }) as CardJson;
  }

  private template(name: string, locale: Locale, constants: CardConstants, t: Record<string, unknown>): CardTemplate {
    let byName = this.prepared.get(constants);
    if (!byName) this.prepared.set(constants, (byName = new Map()));
    const key = `${name}|${locale}`;
    let template = byName.get(key);
    if (!template) {
      const source = this.sources.get(name);
      if (source === undefined) throw new Error(`unknown card template: ${name}`);
      template = new CardTemplate(preExpand(source, { ...constants, t }, this.references));
      byName.set(key, template);
    }
    return template;
  }

  private stringsOf(locale: Locale): Record<string, unknown> {
    let t = this.strings.get(locale);
    if (!t) {
      t = nestKeys(messagesFor(locale));
      this.strings.set(locale, t);
    }
    return t;
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
