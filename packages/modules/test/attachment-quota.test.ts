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
      // No self-filing limits named: the defaults (20 files, 100 MiB), capped at the posts' own.
      quota: { count: 3, bytes: 10_000, selfCount: 3, selfBytes: 10_000 },
    });
  });

  it('a new month starts from zero', () => {
    assert.equal(reg(chain, '2025-04-01', 10, 'b1.clerk', H('7'), 1000).status, 'ok');
  });
});

describe('attachment quota without a genesis setting', () => {
  it('the defaults apply: 500 files and 2 GiB a month; 20 files and 100 MiB self-filed', () => {
    const chain = new Chain();
    assert.deepEqual(chain.query('attachment', 'usage', { account: 'b1.clerk', month: '2025-03' }), {
      account: 'b1.clerk',
      month: '2025-03',
      used: { count: 0, bytes: 0 },
      quota: { count: 500, bytes: 2 * 1024 * 1024 * 1024, selfCount: 20, selfBytes: 100 * 1024 * 1024 },
    });
  });

  it("self-filing limits above the posts' are refused at genesis", () => {
    assert.throws(
      () =>
        new Chain(undefined, {
          editGenesis: (m) => {
            m.attachment = { quota: { count: 5, bytes: 1000, selfCount: 6 } };
          },
        }),
      /MODULES_BAD_GENESIS|selfCount/,
    );
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

describe('a person filing their own documents has the smaller self-filing limits', () => {
  // Posts: 5 files or 100,000 bytes a month; a member filing for themselves: 2 files or 3,000 bytes.
  // Before, a member's own key could register up to the posts' limits (500 files, 2 GiB by default)
  // onto the branch's nodes.
  const chain = new Chain(undefined, {
    editGenesis: (m) => {
      m.attachment = { quota: { count: 5, bytes: 100_000, selfCount: 2, selfBytes: 3000 } };
    },
  });
  const own = (at: string, hash: string, size: number) =>
    chain.step({
      at,
      hour: 10,
      by: 'b1.m1',
      do: 'attachment.register',
      params: {
        hash,
        size,
        mediaType: 'application/pdf',
        org: 'b1',
        scope: 'members',
        members: ['b1.m1'],
      } as Value,
    }).receipt;

  it('the third self-filed document of a month is refused, marked self, with the self limits', () => {
    assert.equal(own('2025-03-03', H('a'), 1000).status, 'ok');
    assert.equal(own('2025-03-04', H('b'), 1000).status, 'ok');
    const r = own('2025-03-05', H('c'), 500);
    assert.equal(r.error?.code, 'ATTACHMENT_QUOTA');
    assert.deepEqual(r.error?.details, {
      month: '2025-03',
      count: 2,
      bytes: 2000,
      maxCount: 2,
      maxBytes: 3000,
      self: true,
    });
  });

  it('by bytes too: one file past 3,000 bytes is refused', () => {
    const r = own('2025-04-01', H('d'), 3001);
    assert.equal(r.error?.code, 'ATTACHMENT_QUOTA');
    assert.equal(own('2025-04-02', H('d'), 3000).status, 'ok');
  });

  it("a post holder keeps the posts' limits", () => {
    for (const [i, c] of ['1', '2', '3', '4', '5'].entries())
      assert.equal(reg(chain, '2025-04-03', 10 + i, 'b1.clerk', H(c), 1000).status, 'ok', `file ${i + 1}`);
    assert.equal(reg(chain, '2025-04-03', 16, 'b1.clerk', H('6'), 1000).error?.code, 'ATTACHMENT_QUOTA');
  });
});
