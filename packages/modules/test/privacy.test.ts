/**
 * The dossier invariants: every event about a member names `member:<id>`, the member's history
 * replays to its head, and no personal field (the applicant's birth date here) is in state, events or
 * any transaction of the run: the age rule is checked from a proof (src/member/age.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decode, equalBytes, getSuite, type Value } from '@djchain/crypto';
import { encodeTx } from '@djchain/ledger';
import { readHead, replayHead } from '@djchain/runtime';
import { type Profile, sealProfile } from '../src/index.ts';
import { testSeed } from './age-fixture.ts';
import { Chain } from './harness.ts';
import { runPath } from './paths.ts';

const PERSONAL_KEYS = ['name', 'birthDate', 'idNumber', 'phone', 'address', 'income', 'incomeBase'];

function walk(v: unknown, visit: (key: string | null, value: unknown) => void, key: string | null = null) {
  visit(key, v);
  if (Array.isArray(v)) for (const x of v) walk(x, visit);
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    for (const [k, x] of Object.entries(v)) walk(x, visit, k);
  }
}

/** The applicant's off-chain profile in the standard path (its birth date is the one committed there). */
const PROFILE: Profile = {
  name: '李四',
  gender: '女',
  birthDate: '2000-05-20',
  idNumber: '11010120000520002X',
  phone: '13912345678',
  address: '东风社区3号楼',
  education: '本科',
  occupation: '社区工作者',
  incomeBase: 500000,
  ageSeed: testSeed('cand'),
};

/** ID-card numbers (17 digits and a check character) and mobile numbers, anywhere in a string. */
const ID_LIKE = /\d{17}[\dXx]|(?<!\d)1[3-9]\d{9}(?!\d)/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Key addresses (40 hex) and hashes (64 hex). */
const HEX_DIGEST = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Every form a birth date could take in text: 2000-05-20, 20000520, 2000/05/20, 2000年5月20日. */
function birthDateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-');
  return [iso, `${y}${m}${d}`, `${y}/${m}/${d}`, `${y}年${Number(m)}月${Number(d)}日`];
}

describe('dossier and privacy', () => {
  const chain = new Chain();
  runPath(chain, 'standard');
  // The applicant's sealed profile goes off chain; only its commitment comes on chain.
  const suite = getSuite('intl');
  const sealed = sealProfile(
    suite,
    new Uint8Array(32).fill(3),
    new Uint8Array(12).fill(4),
    'cand',
    new Uint8Array(16).fill(5),
    PROFILE,
  );
  const updated = chain.step({
    at: '2026-06-08',
    by: 'cand',
    do: 'member.updateProfile',
    params: { member: 'cand', commitment: sealed.commitment, ref: 'profile-cand-1' },
  });
  // Organizational life and study on the same chain: a meeting with minutes by hash, an excused
  // member's reason, a confirmation by a clerk, a rating, individual study. Their records are in the
  // scans below (transactions, state, events) like every other module's.
  const lifeOk = (s: Parameters<Chain['step']>[0]) => {
    const r = chain.step(s);
    assert.equal(r.receipt.status, 'ok', `${s.do}: ${JSON.stringify(r.receipt.error)}`);
  };
  lifeOk({ at: '2026-06-09', by: 'b1.sec', do: 'orglife.setCalendar', params: { org: 'b1', themeDay: 10 } });
  lifeOk({
    at: '2026-06-09',
    hour: 11,
    by: 'b1.sec',
    do: 'orglife.plan',
    params: { id: 'pv-ev', org: 'b1', kind: '民主评议党员', date: '2026-06-10', agenda: 'aa'.repeat(32) },
  });
  const expected = (chain.query('orglife', 'meeting', { id: 'pv-ev' }) as { expected: string[] }).expected;
  const away = expected.filter((m) => m === 'b1.m2');
  // The committee-only minutes are a `members` attachment naming committee members (rules.ts).
  lifeOk({
    at: '2026-06-09',
    hour: 12,
    by: 'b1.clerk',
    do: 'attachment.register',
    params: {
      hash: 'bb'.repeat(32),
      size: 4096,
      mediaType: 'application/pdf',
      org: 'b1',
      scope: 'members',
      members: ['b1.sec'],
    },
  });
  lifeOk({
    at: '2026-06-10',
    by: 'b1.clerk',
    do: 'orglife.hold',
    params: {
      meeting: 'pv-ev',
      heldOn: '2026-06-10',
      present: expected.filter((m) => m !== 'b1.m2'),
      excused: away,
      reasons: { 'b1.m2': '住院治疗' },
      minutes: 'bb'.repeat(32),
      minutesScope: 'committee',
    },
  });
  lifeOk({
    at: '2026-06-10',
    hour: 11,
    by: 'b1.clerk',
    onBehalfOf: 'cand',
    do: 'orglife.confirmAttendance',
    params: { meeting: 'pv-ev', member: 'cand' },
  });
  lifeOk({
    at: '2026-06-10',
    hour: 12,
    by: 'cand',
    do: 'orglife.selfAssess',
    params: { member: 'cand', year: 2026, document: 'cc'.repeat(32) },
  });
  lifeOk({
    at: '2026-06-10',
    hour: 13,
    by: 'b1.sec',
    do: 'orglife.rate',
    params: { meeting: 'pv-ev', 合格: expected },
  });
  lifeOk({
    at: '2026-06-11',
    by: 'cand',
    do: 'study.report',
    params: {
      id: 'pv-st',
      member: 'cand',
      on: '2026-06-11',
      topic: '自学党章',
      halfDays: 1,
      ref: 'dd'.repeat(32),
    },
  });

  it('organizational life and study keep ids, dates, counts and hashes on chain: no text about a person but a short reason', () => {
    const keys = chain.state.keys('orglife/', 10_000).concat(chain.state.keys('study/', 10_000));
    assert.ok(keys.length >= 10, `only ${keys.length} orglife and study entries`);
    const meeting = chain.query('orglife', 'meeting', { id: 'pv-ev' }) as {
      held: {
        minutes: { hash: string; scope: string };
        attendance: { member: string; reason: string | null }[];
      };
    };
    // The minutes are a hash with a reader scope: the file stays off chain (attachments).
    assert.deepEqual(meeting.held.minutes, { hash: 'bb'.repeat(32), scope: 'committee' });
    assert.deepEqual(
      meeting.held.attendance.filter((l) => l.reason !== null),
      [{ member: 'b1.m2', status: 'excused', reason: '住院治疗' }],
    );
    // A reason holding a phone number, or minutes given as text, never reach the chain.
    const refused = (params: Value) =>
      chain.attempt({ at: '2026-06-12', by: 'b1.clerk', do: 'orglife.hold', params }).receipt.error?.code;
    lifeOk({
      at: '2026-06-12',
      by: 'b1.sec',
      do: 'orglife.plan',
      params: { id: 'pv-2', org: 'b1', kind: '党课', date: '2026-06-12' },
    });
    const base = {
      meeting: 'pv-2',
      heldOn: '2026-06-12',
      present: expected.filter((m) => m !== 'b1.m2'),
      excused: away,
      lecturer: 'b1.sec',
    };
    assert.equal(refused({ ...base, reasons: { 'b1.m2': '请联系13912345678' } }), 'ORGLIFE_PERSONAL_DATA');
    assert.equal(
      refused({ ...base, reasons: { 'b1.m2': '病假' }, minutes: '会议记录：张三发言' }),
      'ORGLIFE_BAD_PARAMS',
    );
  });

  it('no transaction of the run carries a birth date, an ID or phone number, or the age seed', () => {
    assert.equal(updated.receipt.status, 'ok');
    assert.ok(chain.txs.length >= 30, `only ${chain.txs.length} transactions`);
    const forbidden = [...birthDateForms(PROFILE.birthDate), PROFILE.idNumber, PROFILE.phone, PROFILE.name];
    let apply = 0;
    for (const tx of chain.txs) {
      const where = `${tx.module}.${tx.action}`;
      if (tx.module === 'recruitment' && tx.action === 'apply') apply++;
      walk(tx.params, (k, v) => {
        const keyAddress = k === 'address' && typeof v === 'string' && HEX_DIGEST.test(v);
        assert.ok(k === null || keyAddress || !PERSONAL_KEYS.includes(k), `${where} has a field ${k}`);
        if (typeof v === 'string') {
          for (const f of forbidden) assert.ok(!v.includes(f), `${where} carries ${f}`);
          // Key addresses and hashes are hex digests; an ID number is not one.
          if (!HEX_DIGEST.test(v)) assert.ok(!ID_LIKE.test(v), `${where} carries an ID- or phone-like ${v}`);
          // The run is dated 2024–2026: a date before 2010 in a parameter could only be a birth date.
          if (ISO_DATE.test(v)) assert.ok(v >= '2010-01-01', `${where} carries the date ${v}`);
        }
        if (v instanceof Uint8Array)
          assert.ok(!equalBytes(v, PROFILE.ageSeed!), `${where} carries the age seed`);
      });
      // And nowhere in the signed bytes either, whatever the encoding put them in.
      const text = new TextDecoder('utf-8', { fatal: false }).decode(encodeTx(tx));
      for (const f of forbidden) assert.ok(!text.includes(f), `${where} bytes carry ${f}`);
    }
    assert.equal(apply, 1, 'the run applies once, with an age proof');
  });

  it('every event naming a member in its data names it among its entities', () => {
    const entities = new Set(chain.state.keys('hist/', 10_000).map((k) => k.slice('hist/'.length)));
    let checked = 0;
    for (const entity of entities) {
      for (const e of chain.events(entity)) {
        for (const field of ['member', 'subject']) {
          const id = (e.data as { [k: string]: unknown })[field];
          if (typeof id === 'string') {
            checked++;
            assert.ok(
              e.entities.includes(`member:${id}`),
              `${e.type} about ${id} names ${e.entities.join(',')}`,
            );
          }
        }
      }
    }
    assert.ok(checked > 30);
  });

  it("the member's history replays to the head in state, from application to archive", () => {
    const events = chain.events('member:cand');
    assert.equal(events[0]?.type, 'member.Registered');
    const steps = events.filter((e) => e.type === 'recruitment.StepRecorded');
    assert.equal((steps.at(-1)!.data as { action?: string }).action, 'archive');
    // The profile update; the first quarter's close finds her behind the study pace (issue 18,
    // study.pace, to her and her branch); then the organizational life and study of the run's end.
    const warned = events.at(-6)!;
    assert.deepEqual(
      [warned.type, (warned.data as { kind?: string }).kind],
      ['warnings.Raised', 'study.pace'],
    );
    assert.deepEqual(
      events.slice(-7).map((e) => e.type),
      [
        'member.ProfileUpdated',
        'warnings.Raised',
        'orglife.MeetingHeld',
        'orglife.AttendanceConfirmed',
        'orglife.SelfAssessed',
        'orglife.Rated',
        'study.Reported',
      ],
    );
    assert.deepEqual(replayHead(chain.suite, events), readHead(chain.state, 'member:cand').head);
  });

  it('no personal field or the birth date appears in state or events', () => {
    for (const [key, bytes] of chain.state.entries()) {
      if (key.startsWith('sys/')) continue; // the runtime's validator set (node names), not module data
      walk(decode(bytes), (k, v) => {
        // `address` and `newAddress` are key addresses (40 hex), never postal addresses.
        const keyAddress =
          (k === 'address' || k === 'newAddress') && typeof v === 'string' && /^[0-9a-f]{40}$/.test(v);
        // An organization's name (第一党支部), the superior body's and the discipline commission's are
        // public; a person's is not.
        const orgName =
          k === 'name' &&
          (key.startsWith('org/o/') || key === 'org/superior' || key === 'discipline/commission');
        assert.ok(
          k === null || keyAddress || orgName || !PERSONAL_KEYS.includes(k),
          `${key} holds a field ${k}`,
        );
        if (typeof v === 'string')
          for (const f of [...birthDateForms(PROFILE.birthDate), PROFILE.idNumber, PROFILE.phone])
            assert.ok(!v.includes(f), `${key} holds ${f}`);
        if (v instanceof Uint8Array) assert.ok(!equalBytes(v, PROFILE.ageSeed!), `${key} holds the age seed`);
      });
    }
  });
});

describe('personal data in free text and identifiers (issue 10)', () => {
  const chain = new Chain();
  const refusal = (s: Parameters<Chain['attempt']>[0]) => {
    const r = chain.attempt(s).receipt;
    return {
      code: r.error?.code ?? 'ok',
      field: (r.error?.details as { field?: string } | undefined)?.field,
    };
  };

  it('a purpose holding an ID number and a phone is refused, naming the field', () => {
    const r = chain.attempt({
      at: '2024-03-01',
      by: 'b1.sec',
      do: 'member.recordProfileRead',
      params: { member: 'b1.m4', purpose: '核对身份证11010519491231002X及电话13912345678' },
    }).receipt;
    assert.equal(r.error?.code, 'MEMBER_PERSONAL_DATA');
    assert.deepEqual(r.error?.details, {
      field: 'purpose',
      kind: 'idCard',
      zh: '字段 purpose 含有疑似身份证号，个人信息不得上链。',
    });
  });

  it('a member id equal to an ID-card number is refused; a phone in a transfer reason too', () => {
    assert.deepEqual(
      refusal({
        at: '2024-03-01',
        by: 'b1.clerk',
        do: 'member.register',
        params: { id: '440304199001011233', org: 'b1', address: '@p7' },
      }),
      { code: 'MEMBER_PERSONAL_DATA', field: 'id' },
    );
    assert.deepEqual(
      refusal({
        at: '2024-03-01',
        by: 'b1.m4',
        do: 'transfer.requestTransfer',
        params: { id: 't9', member: 'b1.m4', to: 'b2', reason: '新单位电话 010-62345678' },
      }),
      { code: 'TRANSFER_PERSONAL_DATA', field: 'reason' },
    );
  });

  it('free text stays short, and dates and amounts in it pass', () => {
    const read = (purpose: string) =>
      refusal({
        at: '2024-03-01',
        by: 'b1.sec',
        do: 'member.recordProfileRead',
        params: { member: 'b1.m4', purpose },
      });
    assert.deepEqual(read('核算2024年3月党费1500.00元（2024-03-01）'), { code: 'ok', field: undefined });
    assert.deepEqual(read('党'.repeat(50)), { code: 'ok', field: undefined });
    assert.deepEqual(read('党'.repeat(51)), { code: 'MEMBER_BAD_PARAMS', field: 'purpose' });
  });
});
