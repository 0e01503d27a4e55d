/**
 * The organizational life sheets without a chain: every row of an import is checked before anything
 * is submitted, each error naming its row in Chinese; the registers' rows as written by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMeetingRows, meetingRegisterSheets, studyRegisterSheet } from '../src/excel/orglife-sheets.ts';

const TODAY = '2026-03-10';

test('good rows become plans and held records: excused with reasons, ids split on 、 and spaces', () => {
  const r = checkMeetingRows(
    [
      {
        row: 2,
        cells: {
          类别: '支部党员大会',
          召开日期: '2025-03-20',
          出席: 'm-1、m-2 m-3',
          请假: 'm-4：外出就医；m-5:出差',
          缺席: 'm-6',
        },
      },
      { row: 4, cells: { 类别: '党课', 召开日期: '2025-05-10', 时长: '一天', 出席: 'm-1', 讲课人: 'm-1' } },
    ],
    TODAY,
  );
  assert.deepEqual(r, {
    ok: true,
    rows: [
      {
        row: 2,
        kind: '支部党员大会',
        heldOn: '2025-03-20',
        length: '半天',
        present: ['m-1', 'm-2', 'm-3'],
        excused: ['m-4', 'm-5'],
        reasons: { 'm-4': '外出就医', 'm-5': '出差' },
        absent: ['m-6'],
      },
      {
        row: 4,
        kind: '党课',
        heldOn: '2025-05-10',
        length: '一天',
        present: ['m-1'],
        excused: [],
        reasons: {},
        absent: [],
        lecturer: 'm-1',
      },
    ],
  });
});

test('every bad row is reported with its row number; no row is returned', () => {
  const r = checkMeetingRows(
    [
      { row: 2, cells: { 类别: '支部党员大会', 召开日期: '2025-03-20', 出席: 'm-1' } },
      { row: 3, cells: { 类别: '党员会', 召开日期: '2025-02-30', 出席: 'm-1' } },
      { row: 5, cells: { 类别: '党课', 召开日期: '2026-04-01', 出席: 'm-1', 缺席: 'm-1' } },
      { row: 6, cells: { 类别: '支部党员大会', 召开日期: '2025-03-20', 出席: 'm-2', 请假: 'm-3' } },
      { row: 7, cells: { 类别: '组织生活会', 召开日期: '2025-12-20', 出席: 'm-1', 会议记录哈希: 'abc' } },
    ],
    TODAY,
  );
  assert.deepEqual(r, {
    ok: false,
    errors: [
      {
        row: 3,
        message:
          '类别“党员会”不是支部党员大会、支部委员会、党小组会、党课、主题党日、组织生活会、民主评议党员、谈心谈话之一',
      },
      { row: 3, message: '召开日期“2025-02-30”不是有效日期（格式 2025-03-15）' },
      { row: 5, message: '召开日期 2026-04-01 晚于今天，只能导入已召开的会议' },
      { row: 5, message: '党员 m-1 出现不止一次' },
      { row: 5, message: '党课须填写讲课人编号' },
      { row: 6, message: '请假“m-3”应写成“编号：事由”' },
      { row: 6, message: '与第 2 行重复（同一类别、同一天）' },
      { row: 7, message: '组织生活会须填写上级参会人员编号' },
      { row: 7, message: '会议记录哈希应为64位十六进制' },
    ],
  });
});

test('the meeting register: one row per meeting, one per attendance line with its confirmation', () => {
  const sheets = meetingRegisterSheets(
    [
      {
        id: 'mt-1',
        kind: '支部党员大会',
        date: '2025-03-18',
        length: '半天',
        status: 'held',
        held: {
          on: '2025-03-20',
          attendance: [
            { member: 'm-1', status: 'present', reason: null },
            { member: 'm-2', status: 'excused', reason: '出差' },
            { member: 'm-3', status: 'absent', reason: null },
          ],
          quorate: false,
          minutes: { hash: 'ab'.repeat(32) },
          late: true,
        },
        confirmations: [
          { member: 'm-1', via: 'self' },
          { member: 'm-2', via: 'clerk' },
          { member: 'm-3', via: null },
        ],
      },
      { id: 'mt-2', kind: '主题党日', date: '2025-04-15', length: '一天', status: 'planned', held: null },
    ],
    new Map([['m-2', '李四']]),
  );
  assert.deepEqual(sheets[0]!.rows, [
    [
      'mt-1',
      '支部党员大会',
      '2025-03-18',
      '2025-03-20',
      '半天',
      '已开待确认',
      3,
      1,
      1,
      1,
      '未达到',
      '是',
      'ab'.repeat(32),
    ],
    ['mt-2', '主题党日', '2025-04-15', '', '一天', '已计划', 0, 0, 0, 0, '', '', ''],
  ]);
  assert.deepEqual(sheets[1]!.rows, [
    // Names as the sealed-data service released them: m-1 and m-3 have none here.
    ['mt-1', '支部党员大会', '2025-03-20', 'm-1', '', '出席', '', '本人确认'],
    ['mt-1', '支部党员大会', '2025-03-20', 'm-2', '李四', '请假', '出差', '党务工作者代为确认'],
    ['mt-1', '支部党员大会', '2025-03-20', 'm-3', '', '缺席', '', '待确认'],
  ]);
});

test('the study register keeps the order it is given (member ids) and ranks nobody', () => {
  const s = studyRegisterSheet(
    [
      {
        member: 'm-1',
        role: 'cadre',
        target: 56,
        meetingHours: 8,
        individualHours: 4,
        total: 12,
        remaining: 44,
      },
      {
        member: 'm-2',
        role: 'member',
        target: 32,
        meetingHours: 40,
        individualHours: 0,
        total: 40,
        remaining: 0,
      },
    ],
    new Map([['m-1', '王五']]),
  );
  assert.deepEqual(s.rows, [
    ['m-1', '王五', '支部书记、委员', 56, 8, 4, 12, 44],
    ['m-2', '', '党员', 32, 40, 0, 40, 0],
  ]);
  assert.equal(
    s.headings.some((h) => /排名|名次/.test(h)),
    false,
  );
});
