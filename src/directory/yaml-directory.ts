/**
 * The directory adapter for an organisation YAML file: loaded and checked at start (an invalid
 * file stops the start with an error naming the line and field), and loaded again when the file
 * changes. A change that does not pass the checks is refused and the last good organisation stays.
 * A change is taken only when the file reads the same twice, `settleMs` apart: a file caught while
 * an editor or a copy is writing it can pass the checks with half its units missing.
 */
import * as fs from 'node:fs';
import type { Organisation } from '../domain/organisation';
import type { Directory, DirectoryRefresh } from './directory';
import { OrganisationFileError, parseOrganisation } from './yaml-organisation';

/** The organisation file as a directory. */
export class YamlDirectory implements Directory {
  private organisation: Organisation;
  private loadedText: string;

  /**
   * Reads the file now.
   *
   * @param file - path of the organisation YAML
   * @param settleMs - how long a changed file must stay the same before it is taken
   * @throws OrganisationFileError when it cannot be read or is invalid
   */
  constructor(
    private readonly file: string,
    private readonly settleMs = 500,
  ) {
    try {
      this.loadedText = fs.readFileSync(file, 'utf8');
    } catch {
      throw new OrganisationFileError(file, '(file)', 'cannot be read');
    }
    this.organisation = parseOrganisation(this.loadedText, file);
  }

  /** @inheritdoc */
  current(): Organisation {
    return this.organisation;
  }

  /** @inheritdoc */
  async refresh(): Promise<DirectoryRefresh> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch {
      return { kind: 'failed', reason: `${this.file}: (file): cannot be read` };
    }
    if (text === this.loadedText) return { kind: 'unchanged' };
    await new Promise((r) => setTimeout(r, this.settleMs));
    const again = await fs.promises.readFile(this.file, 'utf8').catch(() => undefined);
    if (again !== text) return { kind: 'settling' };
    let next: Organisation;
    try {
      next = parseOrganisation(text, this.file);
    } catch (err) {
      return { kind: 'failed', reason: err instanceof Error ? err.message : String(err) };
    }
    this.organisation = next;
    this.loadedText = text;
    return { kind: 'changed' };
  }
}
