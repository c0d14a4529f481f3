/**
 * A small structured logger that never carries personal data by design: callers pass an event
 * name and a few technical fields (ids of requests, counts, durations), never activity text.
 * Anything that looks like a credential is masked on the way out.
 */

/** Log levels in increasing severity. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Technical fields attached to a log line. */
export type LogFields = Record<string, string | number | boolean | undefined>;

/** The logger every component receives from the composition root. */
export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g,
  /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g,
  /\b(Bearer)\s+[\w.~+/-]+=*/gi,
];

/**
 * Masks PEM blocks, JWTs and bearer credentials in a text.
 *
 * @param text - any text about to be written to a log
 * @returns the text with secrets replaced by `[redacted]`
 */
export function redactSecrets(text: string): string {
  return SECRET_PATTERNS.reduce((out, pattern) => out.replace(pattern, '[redacted]'), text);
}

/**
 * Creates a logger writing one JSON object per line.
 *
 * @param level - the lowest level that is written
 * @param write - where lines go (defaults to stderr)
 * @param now - clock for timestamps
 * @returns the logger
 */
export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line + '\n'),
  now: () => Date = () => new Date(),
): Logger {
  const emit = (lvl: LogLevel) => (event: string, fields: LogFields = {}) => {
    if (ORDER[lvl] < ORDER[level]) return;
    write(redactSecrets(JSON.stringify({ time: now().toISOString(), level: lvl, event, ...fields })));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/**
 * Describes an error for a log line without its message, which may quote user input.
 *
 * @param err - anything thrown
 * @returns the error's name and the first stack frames
 */
export function describeError(err: unknown): LogFields {
  if (!(err instanceof Error)) return { error: typeof err };
  const frames = (err.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at ')).slice(0, 5);
  return { error: err.name, code: (err as { code?: string }).code, stack: frames.map((f) => f.trim()).join(' | ') };
}

/**
 * Routes third-party `console` output through secret masking. botbuilder prints the channel's
 * signing keys and token errors with `console.error`; the process entry point calls this once.
 *
 * @param target - the console to wrap
 */
export function maskConsoleSecrets(target: Console): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = target[method].bind(target);
    target[method] = (...args: unknown[]) =>
      original(...args.map((a) => redactSecrets(typeof a === 'string' ? a : a instanceof Error ? `${a.name}: ${a.message}` : safeString(a))));
  }
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  } catch {
    return String(value);
  }
}
