import { strict as assert } from 'node:assert';
import { SendRateLimiter, TEAMS_LIMITS } from '../../src/jobs/send-rate-limiter';

/** The most sends in any window of `ms` among sorted times. */
function maxInWindow(times: number[], ms: number): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= ms) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe('send rate limiter', () => {
  it('lets 7 sends to one conversation go at once, then spaces them to 7 per second', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const times = Array.from({ length: 20 }, () => limiter.reserve('conv', 'tenant', 0));
    assert.deepEqual(times.slice(0, 7), Array(7).fill(0));
    assert.equal(times[7], 1000);
    assert.ok(maxInWindow(times, 1000) <= 7);
  });

  it('never books more than 60 in 30 s on one conversation', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const times = Array.from({ length: 150 }, () => limiter.reserve('conv', 'tenant', 0));
    assert.ok(maxInWindow(times, 30_000) <= 60, `max ${maxInWindow(times, 30_000)}`);
    assert.ok(maxInWindow(times, 1000) <= 7);
    assert.equal(times[60], 30_000, 'the 61st waits for the first to leave the 30 s window');
  });

  it('never books more than 30 per second for a tenant across conversations', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const times = Array.from({ length: 300 }, (_, i) => limiter.reserve(`conv-${i % 20}`, 'tenant', 0)).sort((a, b) => a - b);
    assert.ok(maxInWindow(times, 1000) <= 30);
    assert.equal(times[299], 9000, '300 sends at 30/s take 9 s after the first');
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
});

describe('send rate limiter: giving a slot back', () => {
  it('frees a booked slot for the next booking', () => {
    const limiter = new SendRateLimiter(TEAMS_LIMITS);
    const times = Array.from({ length: 7 }, () => limiter.reserve('conv', 'tenant', 0));
    assert.equal(limiter.reserve('conv', 'tenant', 0), 1000, 'the eighth waits');
    limiter.release('conv', 'tenant', 1000);
    limiter.release('conv', 'tenant', times[6]);
    assert.equal(limiter.reserve('conv', 'tenant', 10), 10, 'a released slot can be booked again');
  });
});
