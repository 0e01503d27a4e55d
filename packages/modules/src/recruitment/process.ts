/** Shared machinery of the step actions: loading the process, order checks, recording a step. */
import type { Value } from '@djchain/crypto';
import type { ActionContext, ReadContext, Result } from '@djchain/runtime';
import { defineAction, type RuleAction } from '../common/action.ts';
import { chinaDate, type IsoDate } from '../common/dates.ts';
import { type Details, failure, okResult } from '../common/errors.ts';
import { emitAct, memberEntity, orgEntity } from '../common/events.ts';
import type { Shape } from '../common/parse.ts';
import { asValue, MODULE, storeOf } from '../common/stores.ts';
import { type Announcement, announce } from '../disclosure/outbox.ts';
import { PHASE_STATUS } from '../member/status.ts';
import { actorOf } from '../permissions/authorize.ts';
import type { Permission } from '../permissions/rules.ts';
import { transferredTo } from '../transfer/store.ts';
import { RecruitmentErrors as E, type RecruitmentErrorSpec } from './errors.ts';
import { STEP_MATERIAL } from './materials.ts';
import { citeOf, ruleSet } from './rulesets.ts';
import { getProcess, type Phase, type Process, recruitmentKeys, type StepRecord } from './store.ts';

export const M = MODULE.recruitment;
export const ACTIVE_PHASES: readonly Phase[] = ['applicant', 'activist', 'candidate', 'probationary', 'full'];

export const today = (ctx: ReadContext): IsoDate => chinaDate(ctx.time);

/**
 * The organization a process is carried on by: the branch applied to, or — once a transfer of the
 * (probationary) member was accepted — the receiving branch (《中国共产党党员教育管理工作条例》: the
 * organization holding the membership educates and manages the member). The probation's assessment,
 * the conversion vote and its approval move with the member; the dates do not change (probationEnd is
 * the process's own); the old branch no longer acts on the case (its posts no longer reach it).
 */
export function processOrg(ctx: ReadContext, proc: Process): string {
  return transferredTo(storeOf(ctx, M, MODULE.transfer), proc.member) ?? proc.branch;
}

/** A failure citing the article of the process's own rule version. */
export function fail(version: string, spec: RecruitmentErrorSpec, details?: Details): Result<never> {
  return failure(spec, details, spec.rule ? citeOf(version, spec.rule) || spec.cite : spec.cite);
}

export function saveProcess(ctx: ActionContext, p: Process): void {
  ctx.store.set(recruitmentKeys.process(p.member), asValue(p));
}

/** A step is done when recorded and not recorded as failed (passed: false). */
export function done(p: Process, action: string): boolean {
  const s = p.steps[action];
  return s !== undefined && s.data.passed !== false;
}

/** Actions that are part of a chart step without being its record. */
const PART_OF: { readonly [action: string]: number } = { startPublicity: 7, startConversionPublicity: 23 };

/**
 * Where an assessment is recorded, by phase: an activist's is step 6 (its own key), a probationary
 * member's step 21 (`probationAssessment`, the rule set's `record` of step 21); one made of a
 * 发展对象 belongs to no chart step (step 6 ended when step 7 named the candidate), so it is kept
 * under its own key and never shown as step 6 dated after step 7.
 */
export const ASSESSMENT_RECORD: { readonly [phase: string]: string } = {
  activist: 'recordAssessment',
  candidate: 'candidateAssessment',
  probationary: 'probationAssessment',
};

/** The chart step an action records (null for actions outside the chart, e.g. filing a 思想汇报). */
export function stepNo(version: string, action: string, phase?: Phase): number | null {
  if (action === 'recordAssessment' && phase !== undefined) {
    const key = ASSESSMENT_RECORD[phase];
    const step = ruleSet(version).steps.find((s) => (s.record ?? s.action) === key);
    return step?.no ?? null;
  }
  const step = ruleSet(version).steps.find((s) => s.action === action);
  return step?.no ?? PART_OF[action] ?? null;
}

/** What a step changes besides recording itself. */
export interface StepEffect {
  readonly patch?: Partial<Process>;
  readonly data?: { [key: string]: Value };
  /** Record under another key (e.g. an extension files the conversion round away). */
  readonly recordAs?: string;
}

/**
 * What every step's record may carry besides its own fields: the day it took place (a talk, a
 * meeting), the people who took part (opaque member ids), what was decided in a few words, and —
 * as `ref` — the hash of the document or minutes, the file itself kept off chain. Deadlines still
 * run on the day the step is recorded: a `heldOn` never moves a deadline.
 */
export const RECORD_SHAPE = {
  heldOn: { type: 'date', optional: true },
  people: { type: 'ids', optional: true, max: 20 },
  note: { type: 'text', optional: true, kind: 'reason' },
} as const;

export interface StepSpec<P extends { member: string; ref?: string }> {
  readonly action: string;
  readonly description: string;
  readonly shape: Shape;
  readonly permission: Permission;
  readonly check?: (params: P) => Result;
  /** Steps that must be done first. */
  readonly requires: readonly string[];
  /** Phases in which the step may be recorded. */
  readonly phases: readonly Phase[];
  /** May the step be recorded again (repeated assessments, a new vote after a failed one)? */
  readonly repeatable?: boolean;
  /** May a done step be recorded again now (a political review that expired, a pre-review whose meeting window lapsed)? */
  readonly redo?: (proc: Process, on: IsoDate) => boolean;
  /** Rule checks beyond order, each a cited failure. */
  readonly rules?: (ctx: ActionContext, proc: Process, params: P, on: IsoDate) => Result;
  /** Changes to the process besides recording the step; `data` extra step data to record. */
  readonly effect?: (ctx: ActionContext, proc: Process, params: P, on: IsoDate) => StepEffect;
  /**
   * The 公示 the step starts (党务公开): announced in the same transaction, published as a
   * disclosure item at the next block's start (disclosure/outbox.ts).
   */
  readonly publicity?: (ctx: ActionContext, proc: Process, record: StepRecord) => Omit<Announcement, 'tx'>;
}

/** Builds a recruitment step action from its spec. */
export function stepAction<P extends { member: string; ref?: string }>(spec: StepSpec<P>): RuleAction<P> {
  return defineAction<P>(M, E, {
    description: spec.description,
    shape: { member: 'id', ref: { type: 'id', optional: true }, ...RECORD_SHAPE, ...spec.shape },
    permission: spec.permission,
    ...(spec.check ? { check: spec.check } : {}),
    target(ctx, params) {
      const proc = getProcess(ctx.store, params.member);
      return proc ? { org: processOrg(ctx, proc), member: params.member } : null;
    },
    verify(ctx, params) {
      const proc = getProcess(ctx.store, params.member)!;
      if (proc.phase === 'cancelled' || proc.phase === 'notApproved')
        return fail(proc.version, E.PROCESS_ENDED, { phase: proc.phase });
      for (const req of spec.requires) {
        if (!done(proc, req))
          return fail(proc.version, E.OUT_OF_ORDER, { missing: req, step: stepNo(proc.version, req) });
      }
      if (!spec.phases.includes(proc.phase))
        return fail(proc.version, proc.phase === 'full' ? E.PROCESS_ENDED : E.OUT_OF_ORDER, {
          phase: proc.phase,
        });
      const on = today(ctx);
      if (!spec.repeatable && done(proc, spec.action) && !spec.redo?.(proc, on))
        return fail(proc.version, E.STEP_DONE, { step: spec.action });
      const heldOn = (params as { heldOn?: IsoDate }).heldOn;
      const earliest = proc.steps.apply?.on ?? on;
      if (heldOn !== undefined && (heldOn > on || heldOn < earliest))
        return fail(proc.version, E.HELD_ON_INVALID, { heldOn, earliest, latest: on });
      return spec.rules ? spec.rules(ctx, proc, params, on) : okResult;
    },
    execute(ctx, params) {
      const proc = getProcess(ctx.store, params.member)!;
      const on = today(ctx);
      const { patch, data, recordAs } = spec.effect ? spec.effect(ctx, proc, params, on) : {};
      const { by, onBehalfOf } = actorOf(ctx, M);
      const { member: _m, ...rest } = params as { member: string; [k: string]: unknown };
      const record: StepRecord = {
        on,
        by: by ?? '',
        onBehalfOf,
        data: { ...(rest as { [key: string]: Value }), ...(data ?? {}) },
      };
      const material = params.ref === undefined ? undefined : materialOf(spec.action, proc.phase);
      const next: Process = {
        ...proc,
        ...patch,
        // A patch's steps replace the old ones (an extension files the conversion round away).
        steps: { ...(patch?.steps ?? proc.steps), [recordAs ?? spec.action]: record },
        materials: {
          ...proc.materials,
          ...(patch?.materials ?? {}),
          ...(material ? { [material]: params.ref! } : {}),
        },
      };
      saveProcess(ctx, next);
      if (spec.publicity) announce(ctx, spec.publicity(ctx, next, record));
      emitAct(
        ctx,
        M,
        'recruitment.StepRecorded',
        [memberEntity(proc.member), orgEntity(processOrg(ctx, proc))],
        {
          member: proc.member,
          version: proc.version,
          step: stepNo(proc.version, spec.action, proc.phase),
          action: spec.action,
          phase: next.phase,
          // A status transition (入党积极分子 → 发展对象 …) is named in the member's history.
          ...(next.phase !== proc.phase ? { status: PHASE_STATUS[next.phase] } : {}),
          data: record.data,
        },
      );
    },
  });
}

function materialOf(action: string, phase: Phase): string | undefined {
  if (action === 'recordAssessment') return phase === 'probationary' ? '转正考察材料' : '培养考察材料';
  return STEP_MATERIAL[action];
}
