/**
 * Reading the index: one organization's record of a period (with the missing persons, items and
 * links behind each figure), one organization's history, the rule sets. No query lists several
 * organizations side by side or orders members: the index is diagnostic, never a ranking
 * (国办函〔2026〕12号); missing persons come in member-id order without a figure of their own.
 */
import type { Value } from '@djchain/crypto';
import type { ReadStore } from '@djchain/runtime';
import { defineQuery } from '../common/query.ts';
import { asValue, getRecord } from '../common/stores.ts';
import { rulesInForce } from './close.ts';
import { type CorrectionRecord, correctionsOf, openCorrectionsOf } from './corrections.ts';
import { creditOf } from './credit.ts';
import { InsightErrors as E } from './errors.ts';
import { orgCreditOf } from './orgcredit.ts';
import { INDEX_RULES } from './rules.ts';
import { type Closing, getIndex, type IndexRecord, insightKeys } from './store.ts';

const PERIOD = { type: 'text', max: 7 } as const;

/** The close in progress: its month and how many of its branches are counted (null: none runs). */
function closingOf(store: ReadStore): { month: string; done: number; total: number } | null {
  const c = getRecord<Closing>(store, insightKeys.closing);
  return c ? { month: c.month, done: c.done, total: c.total } : null;
}

/** Whether a period (YYYY-MM, YYYY-Qn, YYYY) is closed by the close of `month` (its last month). */
function coversMonth(period: string, month: string): boolean {
  const m = Number(month.slice(5));
  const quarter = `${month.slice(0, 4)}-Q${Math.ceil(m / 3)}`;
  return (
    period === month || (m % 3 === 0 && period === quarter) || (m === 12 && period === month.slice(0, 4))
  );
}

export const insightQueries = {
  period: defineQuery<{ org: string; period: string }>(E.BAD_PARAMS, {
    description:
      "An organization's index of a period (YYYY-MM, YYYY-Qn, YYYY): the three components, each with what is missing and the records behind it; while the close of that period runs over several blocks, { org, period, closing: { month, done, total } } (branches counted of all).",
    shape: { org: 'id', period: PERIOD },
    run(ctx, p): Value {
      const record = getIndex(ctx.store, p.org, p.period);
      if (record) return asValue(record);
      // A close in progress (spread over blocks): say so, with how far it is, rather than nothing.
      const closing = closingOf(ctx.store);
      return closing !== null && coversMonth(p.period, closing.month)
        ? asValue({ org: p.org, period: p.period, closing })
        : null;
    },
  }),
  history: defineQuery<{ org: string; every?: string }>(E.BAD_PARAMS, {
    description: "An organization's closed periods in time order: the figures without the lists.",
    shape: { org: 'id', every: { type: 'text', optional: true, oneOf: ['month', 'quarter', 'year'] } },
    run(ctx, p) {
      const prefix = insightKeys.recordPrefix(p.org);
      const rows = ctx.store
        .keys(prefix, 10_000)
        .map((k) => getRecord<IndexRecord>(ctx.store, k)!)
        .filter((r) => r.every === (p.every ?? 'month'))
        .map((r) => ({
          period: r.period,
          rules: r.rules,
          overall: r.overall,
          level: r.level,
          people: r.people.score,
          items: r.items.score,
          links: r.links.score,
          missing: { people: r.people.count, items: r.items.count, links: r.links.count },
        }));
      return asValue(rows);
    },
  }),
  credit: defineQuery<{ member: string; year: number }>(E.BAD_PARAMS, {
    description:
      "A member's credit of a year from attested records only (dues on time, confirmed attendance, sanctions in force), each point with its record.",
    shape: { member: 'id', year: { type: 'int', min: 1949, max: 2200 } },
    run(ctx, p) {
      // Only closed months count: the index's own close marker (a month closes for all alike).
      const closed = (ctx.store.get(insightKeys.closed) as string | undefined) ?? `${p.year - 1}-12`;
      const credit = creditOf(ctx, p.member, p.year, closed);
      // The member's correction requests and their answers beside the entry they dispute (the points
      // stay as the records give them: an accepted request edits nothing by itself).
      const all = correctionsOf(ctx.store, p.member, p.year);
      const byRecord = new Map<string, CorrectionRecord[]>();
      for (const c of all) byRecord.set(c.record, [...(byRecord.get(c.record) ?? []), c]);
      const entries = credit.entries.map((e) => {
        const cs = byRecord.get(e.record);
        return cs === undefined ? e : { ...e, corrections: cs };
      });
      // Requests about points the member says are missing: beside no entry (in id order, as listed).
      const shown = new Set(credit.entries.map((e) => e.record));
      const missing = all.filter((c) => c.missing === true && !shown.has(c.record));
      return asValue({ ...credit, entries, missing });
    },
  }),
  orgCredit: defineQuery<{ org: string; year: number }>(E.BAD_PARAMS, {
    description:
      "An organization's credit of a year from its attested records only (obligations held or missed, requests answered on time or late, remittances acknowledged), each point with its record.",
    shape: { org: 'id', year: { type: 'int', min: 1949, max: 2200 } },
    run(ctx, p) {
      const c = orgCreditOf(ctx, p.org, p.year);
      return c === null ? null : asValue(c);
    },
  }),
  corrections: defineQuery<{ member: string; year?: number }>(E.BAD_PARAMS, {
    description:
      "A member's credit correction requests (of a year, or all) with their answers, by year then id.",
    shape: { member: 'id', year: { type: 'int', min: 1949, max: 2200, optional: true } },
    run: (ctx, p) => asValue(correctionsOf(ctx.store, p.member, p.year)),
  }),
  openCorrections: defineQuery<{ org: string }>(E.BAD_PARAMS, {
    description:
      "An organization's unanswered credit correction requests (those its 书记 or 组织委员 answer), by id.",
    shape: { org: 'id' },
    run: (ctx, p) => asValue(openCorrectionsOf(ctx.store, p.org)),
  }),
  rules: defineQuery<Record<string, never>>(E.BAD_PARAMS, {
    description: 'The index rule set in force and every published version.',
    shape: {},
    run: (ctx) =>
      asValue({
        inForce: rulesInForce(ctx.store),
        versions: Object.values(INDEX_RULES),
        closed: (ctx.store.get(insightKeys.closed) as string | undefined) ?? null,
        closing: closingOf(ctx.store),
      }),
  }),
};
