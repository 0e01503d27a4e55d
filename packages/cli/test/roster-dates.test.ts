/**
 * `@djchain/client/roster` and the modules share the calendar arithmetic (`@djchain/ledger/dates`),
 * each refusing a bad date with its own code: the roster must give the modules' answers, or a row the
 * browser accepts could be one the chain's dates disagree with. Every date of four years (two leap
 * days) against a set of birthdays.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as roster from '@djchain/client/roster';
import { addDays, addYears, ageOn, isIsoDate } from '@djchain/modules';

test('roster dates agree with the modules on every day of 2023–2026 and leap birthdays', () => {
  const births = ['2000-02-29', '1996-03-15', '2008-12-31', '2007-01-01', '2004-02-28'];
  let day = '2023-01-01';
  for (let i = 0; i < 4 * 366; i++, day = addDays(day, 1)) {
    assert.equal(roster.isIsoDate(day), true);
    for (const n of [1, 2, -1]) assert.equal(roster.addYears(day, n), addYears(day, n), `${day} + ${n}y`);
    for (const b of births) assert.equal(roster.ageOn(b, day), ageOn(b, day), `${b} on ${day}`);
  }
  for (const bad of ['2023-02-29', '2024-13-01', '2024-1-01', '2024-04-31', '', 'x'])
    assert.equal(roster.isIsoDate(bad), isIsoDate(bad), bad);
  // Hand-written expectations for the edges.
  assert.equal(roster.addYears('2024-02-29', 1), '2025-02-28');
  assert.equal(roster.ageOn('2000-02-29', '2018-02-28'), 18);
  assert.equal(roster.ageOn('2000-02-29', '2018-02-27'), 17);
});
