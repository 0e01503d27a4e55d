/**
 * member.recordProfileRead names the fields it is for (the sealed-data service releases exactly
 * those): a canonical list (ascending, no repeats, not empty) goes into the event; anything else is
 * refused. Without fields it stays a trace only.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Chain } from './harness.ts';

const read = (chain: Chain, at: string, params: Record<string, unknown>) =>
  chain.step({ at, by: 'b1.clerk', do: 'member.recordProfileRead', params: params as never });

it('records the named fields in the event', () => {
  const chain = new Chain();
  const r = read(chain, '2024-03-01', { member: 'b1.m4', purpose: '党费核算', fields: ['name', 'phone'] });
  assert.equal(r.receipt.status, 'ok');
  const ev = r.events.find((e) => e.type === 'member.ProfileRead');
  assert.ok(ev);
  assert.deepEqual((ev!.data as { fields?: unknown }).fields, ['name', 'phone']);
});

it('refuses a field list out of order, repeated or empty', () => {
  const chain = new Chain();
  for (const [i, fields] of [['phone', 'name'], ['name', 'name'], []].entries()) {
    const r = read(chain, `2024-03-0${i + 1}`, { member: 'b1.m4', purpose: '核对', fields });
    assert.equal(r.receipt.status, 'failed', JSON.stringify(fields));
    assert.equal(r.receipt.error?.code, 'MEMBER_BAD_PARAMS');
  }
});

it('without fields it is a trace only, as before', () => {
  const chain = new Chain();
  const r = read(chain, '2024-03-01', { member: 'b1.m4', purpose: '核对' });
  assert.equal(r.receipt.status, 'ok');
  const ev = r.events.find((e) => e.type === 'member.ProfileRead');
  assert.ok(ev);
  assert.equal((ev!.data as { fields?: unknown }).fields, undefined);
});
