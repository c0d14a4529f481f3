import { strict as assert } from 'node:assert';
import { addLocalDays, stockholmLocal } from '../../src/domain/local-time';

describe('Swedish local time', () => {
  describe('stockholmLocal', () => {
    it('is UTC+1 in winter', () => {
      assert.equal(stockholmLocal(new Date('2026-01-15T10:00:00Z')), '2026-01-15T11:00');
      assert.equal(stockholmLocal(new Date('2026-11-23T22:30:00Z')), '2026-11-23T23:30');
    });

    it('is UTC+2 in summer', () => {
      assert.equal(stockholmLocal(new Date('2026-07-01T10:00:00Z')), '2026-07-01T12:00');
      assert.equal(stockholmLocal(new Date('2026-07-10T21:30:00Z')), '2026-07-10T23:30');
    });

    it('jumps from 02:00 to 03:00 on the last Sunday of March', () => {
      assert.equal(stockholmLocal(new Date('2026-03-29T00:59:00Z')), '2026-03-29T01:59');
      assert.equal(stockholmLocal(new Date('2026-03-29T01:00:00Z')), '2026-03-29T03:00');
    });

    it('goes back from 03:00 to 02:00 on the last Sunday of October', () => {
      assert.equal(stockholmLocal(new Date('2026-10-25T00:59:00Z')), '2026-10-25T02:59');
      assert.equal(stockholmLocal(new Date('2026-10-25T01:00:00Z')), '2026-10-25T02:00');
    });

    it('writes midnight as 00, and moves to the next day, month and year by Swedish time', () => {
      assert.equal(stockholmLocal(new Date('2026-01-14T23:00:00Z')), '2026-01-15T00:00');
      assert.equal(stockholmLocal(new Date('2026-06-30T22:30:00Z')), '2026-07-01T00:30');
      assert.equal(stockholmLocal(new Date('2026-12-31T23:30:00Z')), '2027-01-01T00:30');
    });

    it('drops seconds and milliseconds', () => {
      assert.equal(stockholmLocal(new Date('2026-05-05T05:05:59.999Z')), '2026-05-05T07:05');
    });
  });

  describe('addLocalDays', () => {
    it('adds and subtracts whole days, keeping the wall-clock time', () => {
      assert.equal(addLocalDays('2026-11-23T23:30', 1), '2026-11-24T23:30');
      assert.equal(addLocalDays('2026-11-23T23:30', -1), '2026-11-22T23:30');
      assert.equal(addLocalDays('2026-11-23T23:30', 0), '2026-11-23T23:30');
    });

    it('crosses month ends, including February in common and leap years', () => {
      assert.equal(addLocalDays('2026-01-31T10:00', 1), '2026-02-01T10:00');
      assert.equal(addLocalDays('2026-03-01T10:00', -1), '2026-02-28T10:00');
      assert.equal(addLocalDays('2028-02-28T10:00', 1), '2028-02-29T10:00');
      assert.equal(addLocalDays('2028-03-01T10:00', -1), '2028-02-29T10:00');
      assert.equal(addLocalDays('2026-04-30T00:00', 1), '2026-05-01T00:00');
    });

    it('crosses year ends both ways', () => {
      assert.equal(addLocalDays('2026-12-31T23:59', 1), '2027-01-01T23:59');
      assert.equal(addLocalDays('2027-01-01T00:00', -1), '2026-12-31T00:00');
      assert.equal(addLocalDays('2026-12-20T12:00', 20), '2027-01-09T12:00');
    });

    it('is calendar arithmetic: the DST change does not shift the time', () => {
      assert.equal(addLocalDays('2026-03-28T02:30', 1), '2026-03-29T02:30');
      assert.equal(addLocalDays('2026-10-24T12:00', 2), '2026-10-26T12:00');
    });

    it('goes back five years of 365 days, counting the leap day', () => {
      assert.equal(addLocalDays('2026-11-23T23:30', -5 * 365), '2021-11-24T23:30');
    });
  });
});
