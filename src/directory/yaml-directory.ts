/**
 * The directory adapter for an organisation YAML file: loaded and checked at start (an invalid
 * file stops the start with an error naming the line and field), and loaded again when the file
 * changes. A change that does not pass the checks is refused and the last good organisation stays.
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
   * @throws OrganisationFileError when it cannot be read or is invalid
   */
  constructor(private readonly file: string) {
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
