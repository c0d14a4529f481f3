/**
 * `npm run export -- --from 2026-01-01 --to 2026-12-31 [--district sodra] [--out trygg-2026.csv]`:
 * the CSV export for the annual follow-up, from the command line, as an administrator (every
 * district unless one is named). Composed like the bot itself — configuration from the
 * environment, the store at TRYGG_SQLITE_PATH, the organisation file — but never listening.
 */
import * as fs from 'node:fs';
import { composeTrygg } from './compose';
import { loadOrganisationFile } from './directory/yaml-organisation';
import { loadConfig } from './config';
import { exportCsv } from './domain/export-csv';
import type { Organisation } from './domain/organisation';
import { parsePeriod, type Period } from './domain/period';
import { stockholmDate } from './domain/stockholm-instant';
import { createLogger } from './log';

/** What the command line asks for. */
export interface ExportArgs {
  period: Period;
  districtId?: string;
  /** File to write; undefined or `-` writes to standard output. */
  out?: string;
}

export const EXPORT_USAGE =
  'Usage: npm run export -- --from YYYY-MM-DD [--to YYYY-MM-DD] [--district <id or name>] [--out <file.csv>]\n' +
  '   or: npm run export -- --period <2026 | 2026-Q3 | 2026-10 | 30d | "last month"> [--district …] [--out …]\n' +
  'Both dates are included; --to defaults to today. Without --out the CSV goes to standard output.';

/**
 * Reads the command line.
 *
 * @param argv - the arguments after the script name
 * @param org - the organisation, for the district
 * @param now - the current instant, for relative periods and the default end
 * @returns the export to make, or an error message
 */
export function parseExportArgs(argv: readonly string[], org: Organisation, now: Date): ExportArgs | { error: string } {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(from|to|district|out|period)(?:=(.*))?$/.exec(argv[i]);
    if (!m) return { error: `unknown argument: ${argv[i]}` };
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') return { error: `--${m[1]} needs a value` };
    values[m[1]] = value;
  }
  if (values.period && (values.from || values.to)) return { error: 'give either --period or --from/--to' };
  if (!values.period && !values.from) return { error: 'give --from (and --to) or --period' };
  const text = values.period ?? `${values.from}..${values.to ?? stockholmDate(now)}`;
  const period = parsePeriod(text, now);
  if (!period) return { error: `not a period: ${text}` };
  let districtId: string | undefined;
  if (values.district) {
    const wanted = values.district.toLowerCase();
    districtId = org.districts.find((d) => d.id.toLowerCase() === wanted || d.name.toLowerCase() === wanted)?.id;
    if (!districtId) return { error: `unknown district: ${values.district} (known: ${org.districts.map((d) => d.id).join(', ')})` };
  }
  return { period, districtId, out: values.out };
}

/**
 * Runs the export.
 *
 * @param argv - the arguments after the script name
 * @param env - the environment (configuration)
 * @param io - where the CSV (when no file is given) and messages go
 * @returns the process exit code: 0 done, 2 bad arguments or configuration
 */
export async function runExportCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: { stdout: (bytes: Buffer) => void; stderr: (line: string) => void } = {
    stdout: (bytes) => process.stdout.write(bytes),
    stderr: (line) => process.stderr.write(`${line}\n`),
  },
): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    io.stderr(`Trygg export: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const org = loadOrganisationFile(config.organisationFile);
  const trygg = composeTrygg(config, createLogger(config.logLevel, (line) => io.stderr(line)));
  try {
    const args = parseExportArgs(argv, org, new Date());
    if ('error' in args) {
      io.stderr(`Trygg export: ${args.error}\n${EXPORT_USAGE}`);
      return 2;
    }
    const result = await trygg.lagesbild.exportRows({ admin: true }, { period: args.period, districtId: args.districtId });
    if (result.kind !== 'ok') {
      io.stderr('Trygg export: refused');
      return 2;
    }
    const bytes = Buffer.from(exportCsv(result.rows, org), 'utf8');
    if (args.out && args.out !== '-') fs.writeFileSync(args.out, bytes);
    else io.stdout(bytes);
    io.stderr(`Trygg export: ${result.rows.length} cases, ${args.period.label}${args.districtId ? `, ${args.districtId}` : ''}${args.out && args.out !== '-' ? ` → ${args.out}` : ''}`);
    return 0;
  } finally {
    await trygg.stop();
  }
}

if (require.main === module) {
  runExportCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`Trygg export failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
      process.exit(1);
    },
  );
}
