/**
 * attachment.register's per-account monthly quota (genesis `modules.attachment.quota`): a count and
 * a byte total per registering member per China calendar month; the next registration past either
 * is refused with ATTACHMENT_QUOTA, another account is not affected, and a new month starts from
 * zero. Without a genesis quota the defaults apply. Expectations written by hand.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from '@djchain/crypto';
import { Chain } from './harness.ts';

const H = (c: string) => c.repeat(64);
const reg = (chain: Chain, at: string, hour: number, by: string, hash: string, size: number) =>
  chain.step({
    at,
    hour,
    by,
    do: 'attachment.register',
    params: { hash, size, mediaType: 'application/pdf', org: 'b1', scope: 'org' } as Value,
  }).receipt;

describe('attachment quota per account and month (genesis)', () => {
  // Three files or 10,000 bytes a month, whichever comes first.
  const chain = new Chain(undefined, {
    editGenesis: (m) => {
      m.attachment = { quota: { count: 3, bytes: 10_000 } };
    },
  });

  it('counts files: the fourth of a month is refused, with the month and the figures', () => {
    assert.equal(reg(chain, '2025-03-01', 10, 'b1.clerk', H('1'), 1000).status, 'ok');
    assert.equal(reg(chain, '2025-03-01', 11, 'b1.clerk', H('2'), 1000).status, 'ok');
    assert.equal(reg(chain, '2025-03-01', 12, 'b1.clerk', H('3'), 1000).status, 'ok');
    const r = reg(chain, '2025-03-01', 13, 'b1.clerk', H('4'), 1000);
    assert.equal(r.status, 'failed');
    assert.equal(r.error?.code, 'ATTACHMENT_QUOTA');
    assert.deepEqual(r.error?.details, {
      month: '2025-03',
      count: 3,
      bytes: 3000,
      maxCount: 3,
      maxBytes: 10_000,
    });
    assert.equal(chain.query('attachment', 'attachment', { hash: H('4') }), null);
  });

  it('another account has its own quota', () => {
    assert.equal(reg(chain, '2025-03-01', 14, 'b1.sec', H('4'), 1000).status, 'ok');
  });

  it('counts bytes: a file that would pass the month total is refused, a smaller one fits', () => {
    assert.equal(reg(chain, '2025-03-02', 10, 'b1.sec', H('5'), 8000).status, 'ok');
    const r = reg(chain, '2025-03-02', 11, 'b1.sec', H('6'), 1001);
    assert.equal(r.error?.code, 'ATTACHMENT_QUOTA', 'used 9,000 + 1,001 > 10,000');
    assert.equal(reg(chain, '2025-03-02', 12, 'b1.sec', H('6'), 1000).status, 'ok', '9,000 + 1,000 = 10,000');
    assert.deepEqual(chain.query('attachment', 'usage', { account: 'b1.sec', month: '2025-03' }), {
      account: 'b1.sec',
      month: '2025-03',
      used: { count: 3, bytes: 10_000 },
      quota: { count: 3, bytes: 10_000 },
    });
  });

  it('a new month starts from zero', () => {
    assert.equal(reg(chain, '2025-04-01', 10, 'b1.clerk', H('7'), 1000).status, 'ok');
  });
});

describe('attachment quota without a genesis setting', () => {
  it('the defaults apply: 500 files and 2 GiB a month', () => {
    const chain = new Chain();
    assert.deepEqual(chain.query('attachment', 'usage', { account: 'b1.clerk', month: '2025-03' }), {
      account: 'b1.clerk',
      month: '2025-03',
      used: { count: 0, bytes: 0 },
      quota: { count: 500, bytes: 2 * 1024 * 1024 * 1024 },
    });
  });

  it('a malformed quota is refused at genesis', () => {
    assert.throws(
      () =>
        new Chain(undefined, {
          editGenesis: (m) => {
            m.attachment = { quota: { count: 0, bytes: 10 } };
          },
        }),
      /MODULES_BAD_GENESIS|quota needs/,
    );
  });
});
