import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Finds the project folder (the one with `package.json` and `cards/`) from a start folder, so the
 * same code finds its card templates when run from `src/` (tests) and from `dist/src/` (built).
 *
 * @param start - the folder to search upwards from
 * @returns the project folder
 */
export function projectDir(start: string = __dirname): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'cards'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project folder above ${start}`);
  }
}
