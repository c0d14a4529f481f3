/**
 * The organisation directory port: who manages which unit, who coordinates security in which
 * district. Trygg reads it per request, so a directory that changes (a new manager, someone
 * marked absent) takes effect without a restart. The YAML file is today's adapter; one backed by
 * Microsoft Graph can implement the same port.
 */
import type { Organisation } from '../domain/organisation';

/**
 * The outcome of a refresh. `settling`: the source was changing while it was read (a file being
 * written); nothing was taken, and the next refresh tries again.
 */
export type DirectoryRefresh = { kind: 'unchanged' } | { kind: 'changed' } | { kind: 'settling' } | { kind: 'failed'; reason: string };

/** Where the organisation comes from. */
export interface Directory {
  /**
   * The organisation as last loaded: a complete, checked snapshot that never changes under the
   * caller. Read it once per use case and pass the value on.
   */
  current(): Organisation;
  /**
   * Loads the organisation again from its source. A source that cannot be read or is invalid
   * leaves the last good organisation in place (and says why).
   */
  refresh(): Promise<DirectoryRefresh>;
}

/**
 * A directory that always gives the same organisation (tests, tools, a snapshot).
 *
 * @param organisation - the organisation
 * @returns the directory
 */
export function fixedDirectory(organisation: Organisation): Directory {
  return { current: () => organisation, refresh: async () => ({ kind: 'unchanged' }) };
}
