/**
 * The step forms against the chain's action shapes: every field a form sends is one the action
 * accepts, every step records when / who / what / the document, the reason and special-case boxes
 * show only when the step is overdue, and each refusal the rules allow a way past names that way.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALL_MATERIALS, recruitmentModule } from '@djchain/modules';
import { fieldsOf, MATERIALS, paramsOf, STEP_FIELDS, shown, wayOf } from '../src/app/forms.ts';

type Shaped = { shape: Record<string, unknown> };
const shapeOf = (action: string) => (recruitmentModule.actions[action] as unknown as Shaped).shape;
const none = new Set<string>();
const field = (action: string, name: string) => fieldsOf(action).find((f) => f.name === name)!;

describe('step forms', () => {
  it('every field of every step form is a parameter its chain action accepts', () => {
    for (const action of Object.keys(STEP_FIELDS)) {
      const shape = shapeOf(action);
      assert.ok(shape, action);
      for (const f of fieldsOf(action)) assert.ok(f.name in shape, `${action}.${f.name}`);
    }
  });

  it('every chart step records when, who, what was decided and the document', () => {
    for (const action of ['talk', 'recordAssessment', 'nameCandidate', 'admissionVote', 'approveAdmission']) {
      const names = fieldsOf(action).map((f) => f.name);
      for (const n of ['heldOn', 'people', 'note', 'ref']) assert.ok(names.includes(n), `${action}: ${n}`);
    }
    assert.equal(field('talk', 'heldOn').label, 'talkHeldOn');
    assert.equal(field('admissionVote', 'heldOn').label, 'meetingHeldOn');
    // A material is its document.
    assert.equal(field('addMaterial', 'ref').optional, false);
    assert.deepEqual(MATERIALS, [...ALL_MATERIALS]);
  });

  it('the late reason shows only while the talk or oath is overdue', () => {
    for (const action of ['talk', 'takeOath']) {
      const f = field(action, 'lateReason');
      assert.equal(shown(f, false, {}, none), false, action);
      assert.equal(shown(f, true, {}, none), true, action);
    }
    // A refusal that asks for it shows it whatever the page's clock says.
    assert.equal(shown(field('talk', 'lateReason'), false, {}, new Set(['lateReason'])), true);
  });

  it('the special case shows on an overdue approval that approves, not otherwise', () => {
    const f = field('approveAdmission', 'special');
    assert.equal(shown(f, false, { approved: true }, none), false);
    assert.equal(shown(f, true, { approved: true }, none), true);
    assert.equal(shown(f, true, {}, none), true); // the switch starts on
    assert.equal(shown(f, true, { approved: false }, none), false);
  });

  it('the extension months show only for an extension', () => {
    const f = field('conversionVote', 'extendMonths');
    assert.equal(shown(f, false, { decision: 'convert' }, none), false);
    assert.equal(shown(f, false, { decision: 'extend' }, none), true);
  });

  it('form values become the action parameters the chain expects', () => {
    const fields = fieldsOf('talk');
    assert.deepEqual(
      paramsOf('m-101', fields, {
        heldOn: '2026-03-02',
        people: 'm-002，m-003 ',
        note: ' 入党动机端正 ',
        ref: 'ab'.repeat(32),
        lateReason: '',
      }),
      {
        member: 'm-101',
        heldOn: '2026-03-02',
        people: ['m-002', 'm-003'],
        note: '入党动机端正',
        ref: 'ab'.repeat(32),
      },
    );
  });

  it('each refusal the rules allow a way past names it on the same form', () => {
    assert.deepEqual(wayOf('approveAdmission', 'RECRUITMENT_APPROVAL_OVERDUE'), {
      hint: 'specialNeeded',
      field: 'special',
    });
    assert.deepEqual(wayOf('approveConversion', 'RECRUITMENT_APPROVAL_OVERDUE'), {
      hint: 'conversionOverdueWay',
    });
    assert.equal(wayOf('talk', 'RECRUITMENT_TALK_LATE')?.field, 'lateReason');
    assert.equal(wayOf('takeOath', 'RECRUITMENT_OATH_LATE')?.field, 'lateReason');
    assert.equal(wayOf('admissionVote', 'RECRUITMENT_MEETING_LATE')?.action, 'preReview');
    assert.equal(wayOf('committeeReview', 'RECRUITMENT_POLITICAL_REVIEW_EXPIRED')?.action, 'politicalReview');
    assert.equal(wayOf('admissionVote', 'RECRUITMENT_QUORUM_NOT_MET')?.field, 'excused');
    assert.equal(wayOf('talk', 'RECRUITMENT_STEP_DONE'), null);
    // Every field a way asks for exists on that step's form.
    assert.ok(fieldsOf('admissionVote').some((f) => f.name === 'excused'));
  });
});
