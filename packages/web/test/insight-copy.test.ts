/**
 * `src/app/insight.ts` takes the warning kinds and levels from @djchain/modules/lists (the data-only
 * path the web app may import). This test checks that they are the chain's, in order, and that each
 * has a label: a kind added on chain without one fails here (its label would be a raw key otherwise).
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { WARNING_KINDS as CHAIN_KINDS, WARNING_LEVELS as CHAIN_LEVELS } from '@djchain/modules';
import { en, zh } from '../src/app/i18n/insight.ts';
import { WARNING_KINDS, WARNING_LEVELS } from '../src/app/insight.ts';

it("the web copy of the warning kinds and levels is the modules' list, each with a label", () => {
  assert.deepEqual([...WARNING_KINDS], [...CHAIN_KINDS]);
  assert.deepEqual([...WARNING_LEVELS], [...CHAIN_LEVELS]);
  for (const k of WARNING_KINDS) {
    const key = `wk_${k.replace('.', '_')}` as keyof typeof zh;
    assert.ok(zh[key] && en[key], key);
  }
  for (const l of WARNING_LEVELS) assert.ok(zh[`wl_${l}` as keyof typeof zh], l);
});

it('every act a warning names as its answer has a label in both languages (the centre shows it, not the id)', async () => {
  const names = await import('../src/app/i18n/chain-names.ts');
  // Written from the modules' raiseWarning calls (`resolves`): recruitment deadlines, dues, the two
  // 自行脱党 cases, orglife, terms, transfers, observation, anchors, declarations, study.
  const acts = [
    'recruitment.talk',
    'recruitment.recordAssessment',
    'recruitment.admissionVote',
    'recruitment.approveAdmission',
    'recruitment.takeOath',
    'recruitment.conversionVote',
    'recruitment.approveConversion',
    'dues.recordPayment',
    'dues.confirmPayment',
    'dues.approveRelief',
    'dues.decideLapseCase',
    'orglife.decideLapseCase',
    'orglife.hold',
    'org.electCommittee',
    'transfer.acceptTransfer',
    'transfer.refuseTransfer',
    'transfer.withdrawTransfer',
    'discipline.concludeObservation',
    'discipline.extendObservation',
    'anchor.submit',
    'declaration.answerRequest',
    'declaration.receiveDeclaration',
    'declaration.closeDeclaration',
    'study.confirm',
  ];
  const zhActs = names.zh as { readonly [k: string]: string };
  const enActs = names.en as { readonly [k: string]: string };
  for (const a of acts) {
    assert.match(zhActs[`act:${a}`] ?? '', /\p{Script=Han}/u, a);
    assert.ok(enActs[`act:${a}`], a);
  }
});

it('the index page says 正在结算 while a close runs over several blocks, in both languages with its figures', () => {
  assert.equal(zh.ixClosing, '{month} 正在结算：已完成 {done}/{total} 个党支部，全部完成后显示本期结果。');
  for (const text of [zh.ixClosing, en.ixClosing])
    for (const slot of ['{month}', '{done}', '{total}']) assert.ok(text.includes(slot), `${text}: ${slot}`);
});
