import { strict as assert } from 'node:assert';
import { SendRateLimiter, TEAMS_LIMITS } from '../../src/jobs/send-rate-limiter';

/** The most sends in any window of `ms` among sorted times. */
function maxInWindow(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= ms - 1e-6) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('send rate limiter', () => {
  it('paces sends to one conversation evenly at 7 per second, without bursts', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const times = Array.from({ length: 20 }, () => limiter.reserve('conv', 'tenant', 0));
    assert.equal(times[0], 0, 'the first goes at once');
    for (let i = 1; i < times.length; i++) assert.ok(Math.abs(times[i] - times[i - 1] - 1000 / 7) < 1e-6, `gap ${i}`);
    assert.ok(maxInWindow(times, 1000) <= 7);
  });

  it('keeps windows widened by the margin', () => {
    const limiter = new SendRateLimiter({ perConversationPerSecond: 10, perConversationPer30s: 1000, perTenantPerSecond: 1000 }, 250);
    const times = Array.from({ length: 30 }, () => limiter.reserve('conv', 'tenant', 0));
    assert.ok(maxInWindow(times, 1250) <= 10);
  });

  it('never books more than 60 in 30 s on one conversation', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const times = Array.from({ length: 150 }, () => limiter.reserve('conv', 'tenant', 0));
    assert.ok(maxInWindow(times, 30_000) <= 60, `max ${maxInWindow(times, 30_000)}`);
    assert.ok(maxInWindow(times, 1000) <= 7);
    assert.ok(times[60] >= 30_000, 'the 61st waits for the first to leave the 30 s window');
  });

  it('never books more than 30 per second for a tenant across conversations', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const times = Array.from({ length: 300 }, (_, i) => limiter.reserve(`conv-${i % 20}`, 'tenant', 0)).sort((a, b) => a - b);
    assert.ok(maxInWindow(times, 1000) <= 30);
    assert.ok(Math.abs(times[299] - 299 * (1000 / 30)) < 1e-6, '300 sends at 30/s, evenly paced');
  });

  it('keeps tenants apart', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    for (let i = 0; i < 30; i++) limiter.reserve(`a-${i}`, 'tenant-a', 0);
    assert.equal(limiter.reserve('b-1', 'tenant-b', 0), 0);
  });

  it('does not hold back a send when the window has passed', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    for (let i = 0; i < 7; i++) limiter.reserve('conv', 'tenant', 0);
    assert.equal(limiter.reserve('conv', 'tenant', 5000), 5000);
  });

  it('does not pace one conversation by another', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    limiter.reserve('a', 'tenant', 0);
    assert.ok(Math.abs(limiter.reserve('b', 'tenant', 0) - 1000 / 30) < 1e-6, 'only the tenant spacing applies');
  });
});

describe('send rate limiter: giving a slot back', () => {
  it('frees a booked slot for the next booking', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const first = limiter.reserve('conv', 'tenant', 0);
    const second = limiter.reserve('conv', 'tenant', 0);
    assert.ok(second > first, 'the second is paced');
    limiter.release('conv', 'tenant', second);
    limiter.release('conv', 'tenant', first);
    assert.equal(limiter.reserve('conv', 'tenant', 10), 10, 'released slots can be booked again at once');
  });
});
