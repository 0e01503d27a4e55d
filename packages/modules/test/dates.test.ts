/** Calendar arithmetic and the holiday calendar (pure, no Date objects). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workingDaysInRange } from '../src/common/calendar.ts';
import {
  addMonths,
  addYears,
  ageOn,
  chinaDate,
  chinaTime,
  dayKind,
  isIsoDate,
  weekday,
  workingPeriodEnd,
} from '../src/index.ts';

describe('dates', () => {
  it('BFT time maps to the Asia/Shanghai date at UTC+8', () => {
    // 2025-12-31T15:59:59.999Z is 23:59:59.999 in Beijing; one ms later it is 2026-01-01.
    assert.equal(chinaDate(Date.UTC(2025, 11, 31, 15, 59, 59, 999)), '2025-12-31');
    assert.equal(chinaDate(Date.UTC(2025, 11, 31, 16, 0, 0, 0)), '2026-01-01');
    assert.equal(chinaDate(chinaTime('2024-02-29', 0)), '2024-02-29');
    assert.equal(chinaDate(chinaTime('2024-02-29', 23)), '2024-02-29');
  });

  it('month arithmetic clamps to the end of the month', () => {
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2025-03-31', -1), '2025-02-28');
    assert.equal(addMonths('2025-08-31', 6), '2026-02-28');
    assert.equal(addYears('2024-02-29', 1), '2025-02-28');
    assert.equal(addYears('2024-02-29', 4), '2028-02-29');
  });

  it('age in full years, the leap-day birthday counted on 28 February', () => {
    assert.equal(ageOn('2006-03-04', '2024-03-04'), 18);
    assert.equal(ageOn('2006-03-05', '2024-03-04'), 17);
    assert.equal(ageOn('2008-02-29', '2026-02-28'), 18);
    assert.equal(ageOn('2008-02-29', '2026-02-27'), 17);
  });

  it('rejects dates that do not exist', () => {
    assert.equal(isIsoDate('2025-02-29'), false);
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2024-13-01'), false);
    assert.equal(weekday('2026-01-01'), 4);
  });
});

describe('holiday calendar', () => {
  it('knows holidays and adjusted working weekends of 2024–2026', () => {
    assert.deepEqual(dayKind('2025-10-08'), {
      working: false,
      holiday: '国庆节、中秋节',
      provisional: false,
    });
    assert.deepEqual(dayKind('2025-09-28'), { working: true, provisional: false }); // a Sunday made a working day
    assert.deepEqual(dayKind('2026-02-14'), { working: true, provisional: false });
    assert.equal(dayKind('2024-05-06').working, true);
  });

  it('five working days across 国庆节 2026, the Saturday 10 October a working day', () => {
    assert.deepEqual(workingPeriodEnd('2026-09-29', 5), { date: '2026-10-10', provisional: false });
    assert.deepEqual(workingDaysInRange('2026-10-01', '2026-10-10'), { count: 3, provisional: false });
  });

  it('a year without a shipped calendar gives a provisional answer by weekdays', () => {
    assert.deepEqual(workingPeriodEnd('2027-01-01', 5), { date: '2027-01-07', provisional: true });
    assert.deepEqual(workingPeriodEnd('2026-12-28', 5), { date: '2027-01-01', provisional: true });
  });
});
