/**
 * What the whole machine did with its CPUs (Linux `/proc/stat`), so a latency figure can be read
 * together with what else ran: other processes on a shared machine, or a hypervisor taking time
 * (steal).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

/** Cumulative CPU times of all CPUs, in clock ticks. */
export interface MachineTicks {
  busy: number;
  steal: number;
  total: number;
}

/** Clock ticks per second of `/proc/stat` (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;

/**
 * Reads the machine's cumulative CPU times.
 *
 * @returns the times, or undefined where `/proc/stat` is not available
 */
export function machineTicks(): MachineTicks | undefined {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    // cpu user nice system idle iowait irq softirq steal …
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if ([user, nice, system, idle, iowait, irq, softirq, steal].some((n) => !Number.isFinite(n))) return undefined;
    return { busy: user + nice + system + irq + softirq, steal, total: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return undefined;
  }
}

/**
 * Shares of the machine's CPU time between two readings, in percent of all CPUs.
 *
 * @param from - the earlier reading
 * @param to - the later reading
 * @param ownCpuMs - CPU time this process used in between (all its threads)
 * @returns busy, steal, and the part of busy that was not this process
 */
export function machineShares(from: MachineTicks, to: MachineTicks, ownCpuMs: number) {
  const total = Math.max(1, to.total - from.total);
  const pct = (ticks: number) => Math.round((1000 * ticks) / total) / 10;
  const busy = to.busy - from.busy;
  const own = (ownCpuMs * TICKS_PER_S) / 1000;
  return {
    cpus: os.cpus().length,
    busyPct: pct(busy),
    stealPct: pct(to.steal - from.steal),
    otherProcessesPct: pct(Math.max(0, busy - own)),
  };
}
