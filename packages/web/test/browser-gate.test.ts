import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { browserGate, gateNotice, isCi } from './browser-gate.ts';

const missing = () => false;
const present = () => true;

describe('browser gate', () => {
  it('runs when the executable exists, in CI or not', () => {
    assert.deepEqual(browserGate({ CI: 'true' }, '/usr/bin/chromium', present), { run: true });
    assert.deepEqual(browserGate({}, '/usr/bin/chromium', present), { run: true });
    assert.equal(gateNotice({ run: true }, 'web'), undefined);
  });

  it('fails under CI when the executable is missing, naming the path', () => {
    const g = browserGate({ CI: 'true' }, '/no/such/chromium', missing);
    assert.deepEqual(g, {
      run: false,
      fail: true,
      reason: '/no/such/chromium is not installed (apt-get install chromium)',
    });
    assert.match(gateNotice(g, 'web') ?? '', /^# FAIL web: \/no\/such\/chromium is not installed/);
  });

  it('skips loudly outside CI when the executable is missing', () => {
    const g = browserGate({}, '/no/such/chromium', missing);
    assert.deepEqual(g, {
      run: false,
      fail: false,
      reason: '/no/such/chromium is not installed (apt-get install chromium)',
    });
    assert.match(gateNotice(g, 'web') ?? '', /^# SKIPPED web: .*counted as skipped/);
  });

  it('reads CI as most CI systems set it', () => {
    for (const v of ['true', '1', 'yes', 'TRUE']) assert.equal(isCi({ CI: v }), true, v);
    for (const v of [undefined, '', 'false', '0', 'False']) assert.equal(isCi({ CI: v }), false, String(v));
  });
});
