/**
 * CPU time of this process's main thread alone (Linux `/proc`), so a figure can separate the bot's
 * thread from a load worker in the same process: `process.cpuUsage()` counts every thread.
 */
import * as fs from 'node:fs';

/** Clock ticks per second of `/proc/<pid>/task/<tid>/stat` (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/**
 * User + system CPU time of the main thread so far, in milliseconds (10 ms resolution).
 *
 * @returns the time, or undefined where `/proc` is not available
 */
export function mainThreadCpuMs(): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${process.pid}/task/${process.pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start with field 3 (state).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    if (!Number.isFinite(utime) || !Number.isFinite(stime)) return undefined;
    return ((utime + stime) * 1000) / TICKS_PER_S;
  } catch {
    return undefined;
  }
}
