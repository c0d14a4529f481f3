import { isIP } from 'node:net';

/**
 * Tells whether a host name or address stays on this machine.
 *
 * @param host - a host name or IP address as given in configuration
 * @returns true for `localhost`, 127.0.0.0/8 and ::1
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.split('.')[0] === '127';
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}
