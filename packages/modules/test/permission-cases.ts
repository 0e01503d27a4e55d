/**
 * Shared by the permission tests: for every action, parameters that parse, the organization it acts in
 * and the member it is about; and a chain where every such case can be tried (a candidate with a
 * contact person, a sanction, two pending transfers, and every post of b2 filled, for trials from
 * another branch).
 */
import assert from 'node:assert/strict';
import type { Value } from '@djchain/crypto';
import { getSuite } from '@djchain/crypto';
import { ChildChain } from './child-chain.ts';
import { B1_POSTS, C1_POSTS } from './fixture.ts';
import { Chain, type Step } from './harness.ts';
import { runPath } from './paths.ts';

const CHILD = new ChildChain(getSuite('intl'), 'child-a');
const UNREGISTERED = new ChildChain(getSuite('intl'), 'child-z');
UNREGISTERED.add();

/** Per action: parameters that parse, the organization it acts in and the member it is about. */
export const CASES: { [action: string]: { params: Value; org: 'b1' | 'c1'; subject?: string } } = {
  'org.createOrg': { params: { id: 'g9', name: '新党小组', kind: '党小组', parent: 'b1' }, org: 'b1' },
  'org.appointPost': {
    params: { org: 'b1', member: 'b1.m3', post: '党务工作者' },
    org: 'b1',
    subject: 'b1.m3',
  },
  'org.electCommittee': { params: { org: 'b1', committee: { 书记: 'b1.sec' } }, org: 'b1' },
  'org.endPost': {
    params: { org: 'b1', member: 'b1.dep', post: '副书记', reason: '工作调动' },
    org: 'b1',
    subject: 'b1.dep',
  },
  'member.register': { params: { id: 'new1', org: 'b1', address: '@new1' }, org: 'b1' },
  'member.importMember': {
    params: { id: 'new2', org: 'b1', address: '@new2', status: '正式党员', since: '2001-07-01' },
    org: 'b1',
  },
  // Permitted callers stop at MEMBER_TRANSFER_NOT_ANCHORED: no chain is anchored on the test chain.
  'member.admitTransfer': {
    params: {
      id: 'new3',
      address: '@new3',
      org: 'b1',
      fromChain: 'street-a',
      transfer: 'x1',
      height: 1,
      transferValue: new Uint8Array(8),
      transferProof: new Uint8Array(8),
      historyValue: new Uint8Array(8),
      historyProof: new Uint8Array(8),
    },
    org: 'b1',
  },
  'member.rotateKey': { params: { member: 'b1.m4', newAddress: '@b1.m4-new' }, org: 'b1', subject: 'b1.m4' },
  'member.requestKeyRecovery': {
    params: { member: 'b1.m4', newAddress: '@b1.m4-new' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'member.approveKeyRecovery': { params: { member: 'b1.m4' }, org: 'b1', subject: 'b1.m4' },
  'member.updateProfile': {
    params: { member: 'b1.m4', commitment: 'ab'.repeat(32), ref: 'profile-1' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'member.commitAge': {
    params: { member: 'b1.m4', commitment: 'cd'.repeat(32) },
    org: 'b1',
    subject: 'b1.m4',
  },
  'member.confirmAgeCorrection': {
    params: { member: 'b1.m4', commitment: 'ef'.repeat(32) },
    org: 'b1',
    subject: 'b1.m4',
  },
  'member.recordProfileRead': {
    params: { member: 'b1.m4', purpose: '党费核算' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'member.suspend': {
    params: { member: 'b1.m4', lostContactSince: '2023-01-01' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'member.restore': { params: { member: 'b1.m4' }, org: 'b1', subject: 'b1.m4' },
  'member.removeMember': {
    params: { member: 'b1.m4', reason: '除名', resolution: 'res-1' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'recruitment.apply': {
    // cand2 has no age commitment: permitted callers stop at RECRUITMENT_NO_AGE_COMMITMENT.
    params: { member: 'cand2', branch: 'b1', ageProof: new Uint8Array(32) },
    org: 'b1',
    subject: 'cand2',
  },
  'recruitment.setLocalRules': {
    params: { org: 'c1', rules: { talkWithinMonths: 1 }, resolution: 'r1' },
    org: 'c1',
  },
  'recruitment.adoptVersion': { params: { org: 'c1', version: '2026', resolution: 'r2' }, org: 'c1' },
  'discipline.decideSanction': {
    params: { id: 's2', member: 'b1.m4', kind: '警告', resolution: 'res-2' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'discipline.approveSanction': { params: { id: 's1', approved: true }, org: 'b1', subject: 'b1.m4' },
  'discipline.concludeObservation': {
    params: { id: 's1', outcome: 'restored', resolution: 'res-3' },
    org: 'b1',
    subject: 'b1.m4',
  },
  // s1 is a decided 警告: the commission stops at DISCIPLINE_NOT_REFERRED, after its permission.
  'discipline.approveByCommission': {
    params: { id: 's1', approved: true, resolution: 'res-4' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'discipline.extendObservation': { params: { id: 's1', resolution: 'res-5' }, org: 'b1', subject: 'b1.m4' },
  // 重大事项请示报告: q1 is b1's request to c1 (the superior acts in c1); d1 is filed, d2 received,
  // d3 verified, d4 queried (setup below), all b1.m4's.
  'insight.requestCreditCorrection': {
    params: { id: 'cc1', member: 'b1.m4', year: 2025, record: 'discipline.sanction/s1', reason: '记录有误' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'insight.answerCreditCorrection': {
    params: { id: 'cc0', accepted: false, reason: '处分仍在执行期' },
    org: 'b1',
    subject: 'b1.m2',
  },
  'declaration.fileRequest': {
    params: { id: 'q9', org: 'b1', kind: '请示', title: '关于召开党员大会的请示', document: 'ab'.repeat(32) },
    org: 'b1',
  },
  'declaration.receiveRequest': { params: { id: 'q1' }, org: 'c1' },
  'declaration.answerRequest': { params: { id: 'q1', outcome: 'approved' }, org: 'c1' },
  'declaration.declare': {
    params: {
      id: 'd9',
      member: 'b1.m4',
      kind: '婚姻变化',
      matterOn: '2025-07-01',
      commitment: 'ab'.repeat(32),
    },
    org: 'b1',
    subject: 'b1.m4',
  },
  'declaration.receiveDeclaration': { params: { id: 'd1' }, org: 'b1', subject: 'b1.m4' },
  'declaration.verifyDeclaration': { params: { id: 'd2' }, org: 'b1', subject: 'b1.m4' },
  'declaration.queryDeclaration': {
    params: { id: 'd2', reason: '请补充具体情况' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'declaration.supplementDeclaration': {
    params: { id: 'd4', commitment: 'cd'.repeat(32) },
    org: 'b1',
    subject: 'b1.m4',
  },
  'declaration.closeDeclaration': { params: { id: 'd3' }, org: 'b1', subject: 'b1.m4' },
  'declaration.recordRead': { params: { id: 'd1', purpose: '核实申报事项' }, org: 'b1', subject: 'b1.m4' },
  'transfer.requestTransfer': {
    params: { id: 't3', member: 'b1.m3', to: 'b2', reason: '居住地变更' },
    org: 'b1',
    subject: 'b1.m3',
  },
  'transfer.acceptTransfer': { params: { id: 't2' }, org: 'b1', subject: 'b2.m1' },
  'transfer.refuseTransfer': { params: { id: 't2', reason: '材料不全需补充' }, org: 'b1', subject: 'b2.m1' },
  'transfer.withdrawTransfer': { params: { id: 't1' }, org: 'b1', subject: 'b1.m4' },
  'transfer.releaseOut': {
    params: { id: 'x1', member: 'b1.m3', toChain: 'street-b', to: 'b1', reason: '居住地变更' },
    org: 'b1',
    subject: 'b1.m3',
  },
  'transfer.reclaimRelease': {
    params: { id: 'x0', height: 1, proof: new Uint8Array(8) },
    org: 'b1',
    subject: 'b1.m5',
  },
  'dues.assess': {
    params: { member: 'b1.m4', group: '在职', from: '2025-07', fen: 1500, commitment: 'ab'.repeat(32) },
    org: 'b1',
    subject: 'b1.m4',
  },
  'dues.setArrangement': {
    params: { member: 'b1.m4', quarterly: true, proxy: false },
    org: 'b1',
    subject: 'b1.m4',
  },
  'dues.recordPayment': {
    params: { id: 'pay3', member: 'b1.m2', months: ['2025-07'], fen: 1500, method: '现金' },
    org: 'b1',
    subject: 'b1.m2',
  },
  'dues.reportPayment': {
    params: { id: 'pay4', member: 'b1.m1', months: ['2025-07'], fen: 1500, method: '转账' },
    org: 'b1',
    subject: 'b1.m1',
  },
  'dues.confirmPayment': { params: { id: 'pay1', accepted: true }, org: 'b1', subject: 'b1.m1' },
  'dues.correctPayment': {
    params: { id: 'cor1', of: 'pay2', reason: '金额录入错误' },
    org: 'b1',
    subject: 'b1.m2',
  },
  'dues.requestRelief': {
    params: { id: 'rel2', member: 'b1.m2', from: '2025-08', to: '2025-09', fen: 0, resolution: 'r-rel2' },
    org: 'b1',
    subject: 'b1.m2',
  },
  'dues.approveRelief': { params: { id: 'rel1', approved: true }, org: 'b1', subject: 'b1.m3' },
  'dues.remit': { params: { id: 'rem2', org: 'b1', fen: 100, period: '2025-07' }, org: 'b1' },
  // rem1b went from b1 to c1: the receiving committee acknowledges it.
  'dues.acknowledgeRemittance': { params: { id: 'rem1b' }, org: 'c1' },
  // rem0 went from c1 to the street 党工委 above the chain.
  'dues.acknowledgeRemittanceAbove': { params: { id: 'rem0' }, org: 'c1' },
  'dues.decideLapseCase': {
    params: { member: 'b1.m4', outcome: '不予除名', resolution: 'r-lapse' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'dues.publishNotice': { params: { id: 'n1', org: 'b1', year: 2025, document: 'cd'.repeat(32) }, org: 'b1' },
  // A document readable by b1.m4 alone (and b1's post holders): b1.m4 may file it themselves.
  'attachment.register': {
    params: {
      hash: 'ee'.repeat(32),
      size: 2048,
      mediaType: 'application/pdf',
      org: 'b1',
      scope: 'members',
      members: ['b1.m4'],
    },
    org: 'b1',
    subject: 'b1.m4',
  },
  // d0 is a public item of b1 (setup): permitted callers of correct/withdraw stop at its checks.
  'disclosure.publish': {
    params: {
      id: 'd1',
      org: 'b1',
      kind: '通知公告',
      scope: 'public',
      from: '2030-01-01',
      content: 'ed'.repeat(32),
    },
    org: 'b1',
  },
  'disclosure.correct': {
    params: { id: 'd2', corrects: 'd0', from: '2030-01-01', content: 'ed'.repeat(32), reason: '更正' },
    org: 'b1',
  },
  'disclosure.withdraw': { params: { id: 'd3', withdraws: 'd0', reason: '撤回' }, org: 'b1' },
  'orglife.setCalendar': { params: { org: 'b1', themeDay: 10 }, org: 'b1' },
  'orglife.assignGroup': { params: { member: 'b1.m4', group: 'g1' }, org: 'b1', subject: 'b1.m4' },
  'orglife.plan': { params: { id: 'pm2', org: 'b1', kind: '支部委员会', date: '2025-07-20' }, org: 'b1' },
  // pm1 is a planned 支部党员大会 of b1: permitted callers stop at its record's checks.
  'orglife.hold': { params: { meeting: 'pm1', heldOn: '2025-07-05', present: ['b1.m1'] }, org: 'b1' },
  'orglife.cancel': { params: { meeting: 'pm1', reason: '改期' }, org: 'b1' },
  'orglife.correct': {
    params: { id: 'pm1b', of: 'pm1', reason: '更正', heldOn: '2025-07-05', present: ['b1.m1'] },
    org: 'b1',
  },
  'orglife.confirmAttendance': { params: { meeting: 'pm1', member: 'b1.m1' }, org: 'b1', subject: 'b1.m1' },
  'orglife.recordResolution': {
    params: { meeting: 'pm1', id: 'res1', subject: '议题', yes: 1, no: 0, abstain: 0 },
    org: 'b1',
  },
  'orglife.selfAssess': {
    params: { member: 'b1.m4', year: 2025, document: 'cd'.repeat(32) },
    org: 'b1',
    subject: 'b1.m4',
  },
  'orglife.rate': { params: { meeting: 'pm1', 合格: ['b1.m1'] }, org: 'b1' },
  'orglife.correctRating': {
    params: { member: 'b1.m4', year: 2025, rating: '合格', reason: '会议记录核对有误', resolution: 'r' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'orglife.decideHandling': {
    params: { member: 'b1.m4', year: 2025, outcome: '限期改正', resolution: 'r-h' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'orglife.decideLapseCase': {
    params: { member: 'b1.m4', outcome: '不予除名', resolution: 'r-lapse2' },
    org: 'b1',
    subject: 'b1.m4',
  },
  'study.report': {
    params: { id: 'st9', member: 'b1.m4', on: '2025-07-01', topic: '自学党章', halfDays: 1 },
    org: 'b1',
    subject: 'b1.m4',
  },
  'study.confirm': { params: { id: 'st1', accepted: true }, org: 'b1', subject: 'b1.m1' },
  'insight.adoptRules': { params: { org: 'c1', version: '2026-strict', resolution: 'r3' }, org: 'c1' },
  // Residents (resident module): accounts in the community 党委 c1, matter mt1 proposed in setup().
  'resident.bind': {
    params: { id: 'res-9', org: 'c1', address: '@res.new', commitment: 'ab'.repeat(32) },
    org: 'c1',
  },
  'resident.rebind': {
    params: { resident: 'res-3', address: '@res.new2', commitment: 'ab'.repeat(32) },
    org: 'c1',
  },
  'resident.unbind': { params: { resident: 'res-3', reason: '迁出本社区' }, org: 'c1' },
  'resident.designate': { params: { resident: 'res-1', resolution: 'jmdb-1' }, org: 'c1' },
  'resident.revoke': { params: { resident: 'res-2', reason: '任期届满' }, org: 'c1' },
  'resident.propose': {
    params: {
      id: 'mt9',
      org: 'c1',
      title: '议题',
      document: 'cd'.repeat(32),
      heldOn: '2025-07-05',
      present: ['c.dep', 'c.org', 'c.sec'],
    },
    org: 'c1',
  },
  'resident.deliberate': {
    params: {
      matter: 'mt1',
      document: 'cd'.repeat(32),
      heldOn: '2025-07-05',
      expected: 9,
      present: 7,
      outcome: 'agreed',
    },
    org: 'c1',
  },
  // mt1 is only proposed: permitted callers of the later steps stop at RESIDENT_WRONG_STEP.
  'resident.review': {
    params: {
      matter: 'mt1',
      document: 'cd'.repeat(32),
      heldOn: '2025-07-05',
      present: ['c.sec'],
      yes: 1,
      no: 0,
      abstain: 0,
    },
    org: 'c1',
  },
  'resident.openVote': { params: { matter: 'mt1' }, org: 'c1' },
  'resident.vote': { params: { matter: 'mt1', choice: '赞成' }, org: 'c1' },
  'resident.closeVote': { params: { matter: 'mt1' }, org: 'c1' },
  'resident.publishResolution': { params: { matter: 'mt1', document: 'cd'.repeat(32) }, org: 'c1' },
  'resident.publishResult': { params: { matter: 'mt1', document: 'cd'.repeat(32) }, org: 'c1' },
  'resident.comment': { params: { matter: 'mt1', text: '同意' }, org: 'c1' },
  // The service centre (service module) of the community 党委 c1: grid grid-p, item meal-p, 双报到
  // registration dsb-p; orders so1 ordered, so2 dispatched to b1.m3, so3 accepted by b1.m3, so4 done
  // (all ordered by the resident res-1) — set up in setup().
  'service.setGrid': {
    params: {
      id: 'grid-9',
      org: 'c1',
      name: '第九网格',
      branch: 'b1',
      leader: 'member:b1.m5',
      members: [],
      households: 10,
      residents: 20,
    },
    org: 'c1',
  },
  'service.setItem': {
    params: {
      id: 'item-9',
      org: 'c1',
      name: '政策解读',
      kind: '政策解读',
      provider: 'centre',
      when: '每周三',
      where: '服务中心',
      capacity: 5,
      minutes: 30,
      open: true,
    },
    org: 'c1',
  },
  'service.register': {
    params: {
      id: 'dsb-9',
      org: 'c1',
      kind: 'unit',
      unit: '区卫健局',
      accounts: ['member:b2.m1'],
      homeOrg: 'health:b1',
      commitment: '义诊',
      hoursPerYear: 8,
      document: 'ab'.repeat(32),
    },
    org: 'c1',
  },
  'service.endRegistration': { params: { id: 'dsb-p', reason: '工作调动' }, org: 'c1' },
  'service.order': { params: { id: 'so9', org: 'c1', item: 'meal-p' }, org: 'c1' },
  'service.dispatch': { params: { order: 'so1', provider: 'member:b1.m3' }, org: 'c1' },
  'service.accept': { params: { order: 'so2' }, org: 'c1', subject: 'b1.m3' },
  'service.refuse': { params: { order: 'so2', reason: '当天外出' }, org: 'c1', subject: 'b1.m3' },
  'service.complete': { params: { order: 'so3', evidence: 'e1'.repeat(32) }, org: 'c1', subject: 'b1.m3' },
  'service.fail': { params: { order: 'so3', reason: '联系不上' }, org: 'c1', subject: 'b1.m3' },
  'service.confirm': { params: { order: 'so4', rating: 5 }, org: 'c1' },
  'service.cancel': { params: { order: 'so1', reason: '不需要了' }, org: 'c1' },
  'service.withdraw': { params: { order: 'so1', reason: '重复下单' }, org: 'c1' },
  // The top 党委's 书记 proposes; permitted callers stop at the ok receipt.
  'governance.propose': {
    params: { op: 'add', role: 'observer', publicKey: 'ab'.repeat(32), org: 'b1' },
    org: 'c1',
  },
  // The 书记 of the organization named; the test chain's validator runs for no organization, so a
  // permitted caller stops at GOVERNANCE_WRONG_APPROVER (checked after the post).
  'governance.approve': { params: { proposal: 1, org: 'c1' }, org: 'c1' },
  // A child chain's real header and commit; permitted callers stop at ANCHOR_UNKNOWN_CHAIN (the
  // second chain of the pair is never registered) or succeed in registering.
  'anchor.register': { params: CHILD.registerParams(), org: 'c1' },
  'anchor.submit': { params: UNREGISTERED.anchorParams(1), org: 'c1' },
};

/** Recruitment step actions all act on the candidate's process in b1. */
export function caseOf(key: string): { params: Value; org: 'b1' | 'c1'; subject?: string } {
  const c = CASES[key];
  if (c) return c;
  assert.ok(key.startsWith('recruitment.'), `no permission case for ${key}`);
  const extra: { [action: string]: { [k: string]: Value } } = {
    nameActivist: { source: '党员推荐' },
    assignContacts: { contacts: ['b1.m1'] },
    addMaterial: { kind: '思想汇报', ref: 'doc-x' },
    setIntroducers: { introducers: ['b1.m1', 'b1.m3'] },
    politicalReview: { passed: true },
    preReview: { passed: true },
    approveAdmission: { approved: true },
    assignGroup: { group: 'g1' },
    conversionVote: { decision: 'convert', present: 9, yes: 9, no: 0, abstain: 0 },
    admissionVote: { present: 9, yes: 9, no: 0, abstain: 0 },
    approveConversion: { approved: true },
    probationDiscipline: { case: 'pd1', outcome: '批评教育', resolution: 'res-6' },
    approveProbationDiscipline: { approved: true },
  };
  const action = key.slice('recruitment.'.length);
  return { params: { member: 'cand', ...(extra[action] ?? {}) }, org: 'b1', subject: 'cand' };
}

/** The error code ('' when none) of `key` tried by `by` (for `onBehalfOf`) with the case's parameters. */
export function attemptCode(chain: Chain, key: string, by: string, onBehalfOf?: string): string {
  const step: Step = {
    at: '2025-07-06',
    by,
    do: key,
    params: caseOf(key).params,
    ...(onBehalfOf ? { onBehalfOf } : {}),
  };
  return chain.attempt(step).receipt.error?.code ?? '';
}

/** Whether a code is anything but an authorization refusal (the trial got past authorize). */
export const authorized = (code: string): boolean =>
  !code.endsWith('_NOT_PERMITTED') && !code.endsWith('_ON_BEHALF_REFUSED');

export const HOLDERS: { [org: string]: { [post: string]: string } } = {
  b1: { ...B1_POSTS, 党小组长: 'b1.m5' },
  c1: C1_POSTS,
};

export function setup(): Chain {
  const chain = new Chain();
  runPath(chain, 'standard', 'takeOath');
  const ok = (s: Step) => {
    const r = chain.step(s).receipt;
    assert.equal(r.status, 'ok', `${s.do}: ${JSON.stringify(r.error)}`);
  };
  ok({
    at: '2025-07-02',
    by: 'b1.clerk',
    do: 'member.register',
    params: { id: 'cand2', org: 'b1', address: '@cand2' },
  });
  ok({
    at: '2025-07-03',
    by: 'b1.sec',
    do: 'discipline.decideSanction',
    params: { id: 's1', member: 'b1.m4', kind: '警告', resolution: 'r' },
  });
  ok({
    at: '2025-07-04',
    by: 'b1.m4',
    do: 'transfer.requestTransfer',
    params: { id: 't1', member: 'b1.m4', to: 'b2', reason: '工作调动' },
  });
  ok({
    at: '2025-07-04',
    hour: 11,
    by: 'b1.sec',
    do: 'transfer.releaseOut',
    params: { id: 'x0', member: 'b1.m5', toChain: 'street-b', to: 'b1', reason: '工作调动' },
  });
  ok({
    at: '2025-07-05',
    by: 'b2.m1',
    do: 'transfer.requestTransfer',
    params: { id: 't2', member: 'b2.m1', to: 'b1', reason: '居住地变更' },
  });

  // Every post of another branch (b2) and of its 党小组 g2, for the "other organization" trials.
  let hour = 10;
  for (const id of [...Object.values(B2_POSTS), B2_GROUP_LEADER].filter((m) => m !== 'b2.sec'))
    ok({
      at: '2025-07-05',
      hour: ++hour,
      by: 'c.org',
      do: 'member.importMember',
      params: { id, org: 'b2', address: `@${id}`, status: '正式党员', since: '2001-07-01' },
    });
  const { 党务工作者: b2Clerk, ...committee } = B2_POSTS;
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'c.sec',
    do: 'org.electCommittee',
    params: { org: 'b2', committee },
  });
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'b2.sec',
    do: 'org.appointPost',
    params: { org: 'b2', member: b2Clerk, post: '党务工作者' },
  });
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'b2.sec',
    do: 'org.appointPost',
    params: { org: 'g2', member: B2_GROUP_LEADER, post: '党小组长' },
  });
  // Dues records the dues cases act on: assessed members, a reported and a recorded payment, a
  // relief awaiting approval and a remittance from b1 to c1.
  const c = 'ab'.repeat(32);
  for (const m of ['b1.m1', 'b1.m2', 'b1.m3'])
    ok({
      at: '2025-07-05',
      hour: ++hour,
      by: 'b1.sec',
      do: 'dues.assess',
      params: { member: m, group: '在职', from: '2025-06', fen: 1500, commitment: c },
    });
  const dues: [string, string, Value][] = [
    [
      'b1.m1',
      'dues.reportPayment',
      { id: 'pay1', member: 'b1.m1', months: ['2025-06'], fen: 1500, method: '转账' },
    ],
    [
      'b1.clerk',
      'dues.recordPayment',
      { id: 'pay2', member: 'b1.m2', months: ['2025-06'], fen: 1500, method: '现金' },
    ],
    [
      'b1.sec',
      'dues.requestRelief',
      { id: 'rel1', member: 'b1.m3', from: '2025-07', to: '2025-07', fen: 0, resolution: 'r-rel' },
    ],
    ['b1.clerk', 'dues.remit', { id: 'rem1', org: 'b1', fen: 1000, period: '2025-06' }],
    ['c.sec', 'dues.acknowledgeRemittance', { id: 'rem1' }],
    ['c.clerk', 'dues.remit', { id: 'rem0', org: 'c1', fen: 500, period: '2025-06' }],
    ['b1.clerk', 'dues.remit', { id: 'rem1b', org: 'b1', fen: 200, period: '2025-06' }],
  ];
  for (const [by, action, params] of dues) ok({ at: '2025-07-05', hour: ++hour, by, do: action, params });
  // A planned branch meeting the orglife cases act on.
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'b1.sec',
    do: 'orglife.plan',
    params: { id: 'pm1', org: 'b1', kind: '支部党员大会', date: '2025-07-05' },
  });
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'b1.m1',
    do: 'study.report',
    params: { id: 'st1', member: 'b1.m1', on: '2025-07-01', topic: '自学党章', days: 1 },
  });
  // Residents: res-1 (key of actor res.r1) a resident, res-2 (res.rep) a 居民代表, res-3 for the
  // rebind and unbind cases; matter mt1 proposed by the community 党委.
  const bind = (id: string, actor: string) =>
    ok({
      at: '2025-07-05',
      hour: ++hour,
      by: 'c.clerk',
      do: 'resident.bind',
      params: { id, org: 'c1', address: `@${actor}`, commitment: 'ef'.repeat(32) },
    });
  bind('res-1', 'res.r1');
  bind('res-2', 'res.rep');
  bind('res-3', 'res.r3');
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'c.sec',
    do: 'resident.designate',
    params: { resident: 'res-2', resolution: 'jmdb-1' },
  });
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'c.sec',
    do: 'resident.propose',
    params: {
      id: 'mt1',
      org: 'c1',
      title: '议题',
      document: 'cd'.repeat(32),
      heldOn: '2025-07-05',
      present: ['c.dep', 'c.org', 'c.sec'],
    },
  });
  // A public item of b1 the disclosure cases correct and withdraw.
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'b1.clerk',
    do: 'attachment.register',
    params: { hash: 'ed'.repeat(32), size: 100, mediaType: 'application/pdf', org: 'b1', scope: 'public' },
  });
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'b1.pub',
    do: 'disclosure.publish',
    params: {
      id: 'd0',
      org: 'b1',
      kind: '通知公告',
      scope: 'public',
      from: '2025-07-10',
      content: 'ed'.repeat(32),
    },
  });
  // Requests and declarations the declaration cases act on.
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'b1.sec',
    do: 'declaration.fileRequest',
    params: { id: 'q1', org: 'b1', kind: '请示', title: '关于换届选举的请示', document: 'ef'.repeat(32) },
  });
  for (const id of ['d1', 'd2', 'd3', 'd4'])
    ok({
      at: '2025-07-05',
      hour: ++hour,
      by: 'b1.m4',
      do: 'declaration.declare',
      params: {
        id,
        member: 'b1.m4',
        kind: '因私出国（境）',
        matterOn: '2025-07-01',
        commitment: 'ab'.repeat(32),
      },
    });
  for (const [action, id] of [
    ['receiveDeclaration', 'd2'],
    ['receiveDeclaration', 'd3'],
    ['receiveDeclaration', 'd4'],
    ['verifyDeclaration', 'd3'],
  ] as const)
    ok({ at: '2025-07-05', hour: ++hour, by: 'c.dis', do: `declaration.${action}`, params: { id } });
  ok({
    at: '2025-07-05',
    hour: ++hour,
    by: 'c.dis',
    do: 'declaration.queryDeclaration',
    params: { id: 'd4', reason: '请说明出行目的地' },
  });
  // The service centre: a grid, an item, a 双报到 registration, orders at each step (CASES).
  const service: [string, string, Value][] = [
    [
      'c.clerk',
      'attachment.register',
      { hash: 'e1'.repeat(32), size: 10, mediaType: 'image/jpeg', org: 'c1', scope: 'org' },
    ],
    [
      'c.clerk',
      'service.setGrid',
      {
        id: 'grid-p',
        org: 'c1',
        name: '网格',
        branch: 'b1',
        leader: 'member:b1.m5',
        members: [],
        households: 1,
        residents: 2,
      },
    ],
    [
      'c.clerk',
      'service.setItem',
      {
        id: 'meal-p',
        org: 'c1',
        name: '助餐',
        kind: '助老助餐',
        provider: 'centre',
        when: '每天',
        where: '食堂',
        capacity: 20,
        minutes: 60,
        open: true,
      },
    ],
    [
      'c.clerk',
      'service.register',
      {
        id: 'dsb-p',
        org: 'c1',
        kind: 'member',
        unit: '区税务局',
        accounts: ['resident:res-3'],
        homeOrg: 'tax:b9',
        commitment: '法律咨询',
        hoursPerYear: 12,
        document: 'e1'.repeat(32),
      },
    ],
    ...['so1', 'so2', 'so3', 'so4'].map((id): [string, string, Value] => [
      'res.r1',
      'service.order',
      { id, org: 'c1', item: 'meal-p' },
    ]),
    ...['so2', 'so3', 'so4'].map((order): [string, string, Value] => [
      'c.clerk',
      'service.dispatch',
      { order, provider: 'member:b1.m3' },
    ]),
    ['b1.m3', 'service.accept', { order: 'so3' }],
    ['b1.m3', 'service.accept', { order: 'so4' }],
    ['b1.m3', 'service.complete', { order: 'so4', evidence: 'e1'.repeat(32) }],
  ];
  for (const [by, action, params] of service) ok({ at: '2025-07-05', hour: ++hour, by, do: action, params });
  // Credit (信用): a 警告 of b1.m2 approved (a point of their 2025 credit) and b1.m2's correction
  // request cc0 on it, open, for the answer case.
  const credit: [string, string, Value][] = [
    ['b1.sec', 'discipline.decideSanction', { id: 's8', member: 'b1.m2', kind: '警告', resolution: 'r8' }],
    ['c.dis', 'discipline.approveSanction', { id: 's8', approved: true }],
    [
      'b1.m2',
      'insight.requestCreditCorrection',
      { id: 'cc0', member: 'b1.m2', year: 2025, record: 'discipline.sanction/s8', reason: '处分已撤销' },
    ],
  ];
  for (const [by, action, params] of credit) ok({ at: '2025-07-05', hour: ++hour, by, do: action, params });
  return chain;
}

/** A bound resident and a 居民代表 of setup() (actor names: their keys sign). */
export const RESIDENT = 'res.r1';
export const REPRESENTATIVE = 'res.rep';

/** Posts of branch b2 once setup() ran, and the leader of its 党小组 g2. */
export const B2_POSTS = {
  书记: 'b2.sec',
  副书记: 'b2.dep',
  组织委员: 'b2.org',
  宣传委员: 'b2.pub',
  纪检委员: 'b2.dis',
  党务工作者: 'b2.clerk',
} as const;
export const B2_GROUP_LEADER = 'b2.gl';
