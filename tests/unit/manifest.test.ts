import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

const MANIFEST_DIR = path.resolve(__dirname, '..', '..', 'manifest');
const PACKAGE_DIR = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));

/** What Teams Toolkit / Agents Toolkit would put in for `${{NAME}}` at provisioning time. */
const SAMPLE_VALUES: Record<string, string> = {
  TEAMS_APP_ID: '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5',
  BOT_ID: '0b9e8d7c-6f5a-4b3c-9d2e-1f0a9b8c7d6e',
  BOT_DOMAIN: 'trygg.example.org',
};
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const TITLE_MAX = 32;
const DESCRIPTION_MAX = 128;

interface Command {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}

function readText(file: string): string {
  return fs.readFileSync(path.join(MANIFEST_DIR, file), 'utf8');
}

function fill(template: string): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => SAMPLE_VALUES[name] ?? whole);
}

/** The schema file the package bundles for a `$schema` URL (the same lookup it does itself). */
function bundledSchemaFile(schemaUrl: string): string {
  const suffix = new URL(schemaUrl).pathname.replace(/^\/[a-z]{2}-[a-z]{2}\//i, '/');
  return path.join(PACKAGE_DIR, 'build', suffix);
}

/**
 * The localization schemas bundled with @microsoft/app-manifest (every version, devPreview too) have two
 * patternProperties keys with an unescaped `]` (`activityTypes\[…\b]\.description$`). Ajv compiles patterns with the
 * `u` flag, where a lone `]` is a syntax error, so the package cannot compile them as shipped. Outside `u`
 * mode a lone `]` is a literal `]`, so escaping it keeps the pattern's meaning.
 */
function repairLocalizationSchema<T>(schema: T): T {
  const repaired = JSON.parse(JSON.stringify(schema));
  repaired.patternProperties = Object.fromEntries(
    Object.entries(repaired.patternProperties ?? {}).map(([pattern, rule]) => [pattern.replace(/\\b\]/g, '\\b\\]'), rule]),
  );
  for (const pattern of Object.keys(repaired.patternProperties)) assert.doesNotThrow(() => new RegExp(pattern, 'u'), pattern);
  return repaired;
}

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** decoded 8-bit samples, `channels` per pixel, rows without filter bytes */
  samples: Buffer;
  channels: number;
}

/** A small PNG reader: signature, IHDR, IDAT inflate and the five scanline filters (8-bit, no interlace). */
function readPng(file: string): Png {
  const buf = fs.readFileSync(path.join(MANIFEST_DIR, file));
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file}: PNG signature`);
  assert.equal(buf.toString('ascii', 12, 16), 'IHDR', `${file}: IHDR is the first chunk`);
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const [bitDepth, colorType, , , interlace] = buf.subarray(24, 29);
  assert.equal(bitDepth, 8, `${file}: 8-bit samples`);
  assert.equal(interlace, 0, `${file}: not interlaced`);
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colorType];
  assert.ok(channels, `${file}: colour type ${colorType} is grey or RGB, with or without alpha`);
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    if (buf.toString('ascii', at + 4, at + 8) === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const samples = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const a = x >= channels ? samples[y * stride + x - channels] : 0;
      const b = y > 0 ? samples[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? samples[(y - 1) * stride + x - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      assert.notEqual(predictor, undefined, `${file}: filter type ${filter}`);
      samples[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  return { width, height, colorType, samples, channels };
}

describe('Teams app manifest', () => {
  const template = readText('manifest.template.json');
  const manifest = JSON.parse(fill(template));
  const english: Record<string, string> = JSON.parse(readText('en.json'));
  const commandLists: CommandList[] = manifest.bots[0].commandLists;
  const originalFetch = globalThis.fetch;

  // Validation must work on a machine without internet: any attempt to download a schema fails the test.
  before(() => {
    globalThis.fetch = (async (url: unknown) => {
      throw new Error(`network access during manifest validation: ${String(url)}`);
    }) as typeof fetch;
  });
  after(() => {
    globalThis.fetch = originalFetch;
  });

  it('uses exactly the Teams Toolkit placeholders for the app id, bot id and bot domain, and fills them all', () => {
    const names = new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]));
    assert.deepEqual([...names].sort(), Object.keys(SAMPLE_VALUES).sort());
    assert.doesNotMatch(fill(template), /\$\{\{/);
    assert.equal(manifest.id, SAMPLE_VALUES.TEAMS_APP_ID);
    assert.equal(manifest.bots[0].botId, SAMPLE_VALUES.BOT_ID);
    assert.deepEqual(manifest.validDomains, [SAMPLE_VALUES.BOT_DOMAIN]);
  });

  it('names a schema that @microsoft/app-manifest bundles, for its own manifestVersion', () => {
    assert.match(manifest.$schema, new RegExp(`/teams/v${manifest.manifestVersion.replace('.', '\\.')}/MicrosoftTeams\\.schema\\.json$`));
    assert.ok(fs.existsSync(bundledSchemaFile(manifest.$schema)), `${manifest.$schema} is not bundled`);
    assert.equal(english.$schema, manifest.$schema.replace('MicrosoftTeams.schema.json', 'MicrosoftTeams.Localization.schema.json'));
    assert.ok(fs.existsSync(bundledSchemaFile(english.$schema)), `${english.$schema} is not bundled`);
  });

  it('cannot reach the network while validating (the guard the validation tests rely on)', async () => {
    await assert.rejects(AppManifestUtils.fetchSchema('https://example.org/not-bundled.schema.json'), /network access during manifest validation/);
  });

  it('is valid against the Teams manifest schema, offline', async () => {
    const schema = await AppManifestUtils.fetchSchema(manifest.$schema);
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, schema);
    assert.deepEqual(errors, []);
  });

  it('rejects the template while its placeholders are unfilled, so the validation has teeth', async () => {
    const unfilled = JSON.parse(template);
    const schema = await AppManifestUtils.fetchSchema(unfilled.$schema);
    const errors = await AppManifestUtils.validateAgainstSchema(unfilled as AppManifest, schema);
    assert.ok(errors.some((e) => e.startsWith('/id ')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('/bots/0/botId ')), errors.join('\n'));
  });

  it('has an English translation that is valid against the localization schema, offline', async () => {
    const schema = repairLocalizationSchema(await AppManifestUtils.fetchSchema(english.$schema));
    const asManifest = (json: unknown) => json as AppManifest;
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(asManifest(english), schema), []);
    const tooLong = { ...english, 'description.short': 'x'.repeat(81) };
    assert.notDeepEqual(await AppManifestUtils.validateAgainstSchema(asManifest(tooLong), schema), []);
  });

  it('defaults to Swedish and points at the English file', () => {
    assert.equal(manifest.localizationInfo.defaultLanguageTag, 'sv-SE');
    const [en] = manifest.localizationInfo.additionalLanguages;
    assert.match(en.languageTag, /^en(-|$)/);
    assert.ok(fs.existsSync(path.join(MANIFEST_DIR, en.file)), `${en.file} exists next to the manifest`);
  });

  it('translates every command, and every translated command exists', () => {
    const expected = commandLists.flatMap((list, i) =>
      list.commands.flatMap((_, j) => [`bots[0].commandLists[${i}].commands[${j}].title`, `bots[0].commandLists[${i}].commands[${j}].description`]),
    );
    for (const key of expected) assert.ok(english[key]?.trim(), `en.json lacks ${key}`);
    const translated = Object.keys(english).filter((key) => key.startsWith('bots['));
    assert.deepEqual(translated.sort(), [...expected].sort());
    for (const key of ['name.short', 'name.full', 'description.short', 'description.full']) assert.ok(english[key], key);
  });

  it('keeps command titles and descriptions short enough for the command menu, in both languages', () => {
    commandLists.forEach((list, i) =>
      list.commands.forEach((command, j) => {
        const key = `bots[0].commandLists[${i}].commands[${j}]`;
        for (const [title, description] of [[command.title, command.description], [english[`${key}.title`], english[`${key}.description`]]]) {
          assert.ok(title && title.length <= TITLE_MAX, `${key}: title "${title}" is 1..${TITLE_MAX} characters`);
          assert.ok(description && description.length <= DESCRIPTION_MAX, `${key}: description of "${title}" is 1..${DESCRIPTION_MAX} characters`);
        }
      }),
    );
  });

  it('offers reporting in personal chat and the coordinator commands in teams', () => {
    const titles = (scope: string) => commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    assert.deepEqual(new Set(manifest.bots[0].scopes), new Set(['personal', 'team', 'groupChat']));
    const personal = titles('personal');
    const team = titles('team');
    const coordinator = ['lägesbild', 'öppna', 'försenade', 'ärende', 'export', 'hjälp'];
    for (const t of ['rapportera', 'mina rapporter', ...coordinator]) assert.ok(personal.includes(t), `personal: ${t}`);
    for (const t of [...coordinator, 'koppla kanal']) assert.ok(team.includes(t), `team: ${t}`);
    assert.ok(!team.includes('rapportera'), 'reports are made in personal chat, not in a channel');
    for (const list of commandLists) assert.equal(new Set(list.commands.map((c) => c.title)).size, list.commands.length, 'titles are unique per list');
    assert.equal(manifest.bots[0].supportsFiles, true);
    assert.equal(manifest.bots[0].isNotificationOnly, false);
  });

  it('tells people in both languages that Trygg is not an alarm and to call 112', () => {
    assert.match(manifest.description.full, /inget larm[\s\S]*112/);
    assert.match(english['description.full'], /not an alarm[\s\S]*112/);
    assert.ok(manifest.description.short.length <= 80 && english['description.short'].length <= 80);
  });

  it('has a 192x192 colour icon and a 32x32 white-on-transparent outline icon', () => {
    const color = readPng(manifest.icons.color);
    assert.deepEqual([color.width, color.height], [192, 192]);
    const corner = [...color.samples.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
    assert.equal(`#${corner}`, manifest.accentColor.toLowerCase(), 'the colour icon sits on the accent colour');

    const outline = readPng(manifest.icons.outline);
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    assert.ok(outline.colorType === 4 || outline.colorType === 6, 'the outline icon has an alpha channel');
    let transparent = 0;
    let drawn = 0;
    for (let at = 0; at < outline.samples.length; at += outline.channels) {
      const alpha = outline.samples[at + outline.channels - 1];
      if (alpha === 0) {
        transparent++;
        continue;
      }
      drawn++;
      const colour = [...outline.samples.subarray(at, at + outline.channels - 1)];
      assert.ok(colour.every((v) => v === 255), `outline pixel ${at / outline.channels} is white, not ${colour}`);
    }
    assert.ok(transparent > 0 && drawn > 0, 'the outline icon draws something on a transparent background');
  });
});
