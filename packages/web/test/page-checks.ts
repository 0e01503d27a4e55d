/**
 * The checks every page must pass (test/journeys.test.ts), at 390 and 1280 px: axe-core (no serious
 * or critical violation — contrast, labels, names), tap targets of at least 44 × 44 px, and no
 * English word in the zh-CN page outside ids, hashes, codes and elements marked as such.
 */
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { shootAt } from './harness.ts';

/**
 * Every page's checks, at 390 and 1280 px: tap targets and English words (zh-CN) at both; axe at
 * 390 px (the phone, where most users are), and at 1280 px too with `wide` (the role journeys pass it
 * for every page they visit: the wide shell and layouts). axe is the costly part of a check, and the
 * suite's time is capped by CI.
 */
export async function checkPage(page: Page, name: string, opts: { wide?: boolean } = {}): Promise<void> {
  // One resize per width, the screenshot taken at it (`shoot` after the loop resized twice more:
  // re-laying out the page and its charts costs both cores' time in a CPU-bound suite).
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.waitForTimeout(300); // layout settles after the resize (not an assertion)
    if (width === 390 || opts.wide) await axeCheck(page, name, width);
    assert.deepEqual(await smallTargets(page), [], `${name} @${width}: tap targets under 44 px`);
    assert.deepEqual(await englishWords(page), [], `${name} @${width}: English in zh-CN`);
    await shootAt(page, `journey-${name}`, width);
  }
}

/** axe-core: no serious or critical violation (contrast, labels, names). */
async function axeCheck(page: Page, name: string, width: number): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `${name} @${width}: axe`);
}

/**
 * The page's serious and critical axe-core violations (WCAG 2.1 A and AA), as `rule (impact):
 * targets`. axe runs in the page itself (legacy mode): the default mode finishes every run in a new
 * blank page — a renderer process started and closed per check, which measured about half of a
 * check's time (journeys: 34 checks' axe 47 s → 22 s) — and is needed only for cross-origin frames,
 * which the app has none of. Only violations are collected (`resultTypes`).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const axe = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(' | ')}`,
    );
}

/** Controls whose tap area (theirs, or the label around them) is under 44 × 44 px. */
export function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const sel =
      'button, [role=button], [role=switch], [role=tab], input:not([type=hidden]):not([type=file]):not([type=radio]):not([type=checkbox]), .ant-select, .ant-radio-wrapper, .ant-checkbox-wrapper, .ant-menu-item, .ant-pagination-item';
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue; // not shown
      if (getComputedStyle(el).visibility === 'hidden') continue;
      // Inside a larger control or label (an input inside its select, a switch inside its label).
      const host = el.parentElement?.closest(
        'label, .ant-select, .ant-input-number, .ant-input-affix-wrapper, .ant-picker, .ant-input-search',
      );
      const box = host ? (host as HTMLElement).getBoundingClientRect() : r;
      if (Math.round(box.height) < 44 || Math.round(box.width) < 44)
        out.push(
          `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`,
        );
    }
    return out;
  });
}

/**
 * Latin words in the visible text, leaving out ids (m-101, b1, djweb-test), hashes, error codes
 * (RECRUITMENT_OUT_OF_ORDER) and what is marked as code, as not to be translated, or as English.
 * A message key shown raw (dk_talk: a label missing from the table) counts as English.
 */
export function englishWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = (el: Element | null): boolean =>
      !!el?.closest('code, kbd, [translate=no], [lang=en], script, style, svg, .ant-typography code');
    const words = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el)) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      if (el.getClientRects().length === 0) continue;
      for (const token of (n.textContent ?? '').split(/[\s，。、；：（）()《》“”"'·,;|/…]+/)) {
        if (!/[A-Za-z]{2,}/.test(token)) continue;
        // A message key shown raw (dk_talk, ev:member.Left, act:org.create): a missing label.
        if (/^[a-z]{1,4}[_:][a-z][A-Za-z.]*$/.test(token)) {
          words.add(token);
          continue;
        }
        // ids and hashes: letters with digits or joined by '-', '_', '.'; hex; codes in capitals.
        if (
          /\d/.test(token) ||
          /[-_.]/.test(token) ||
          /^[0-9a-f]{8,}$/i.test(token) ||
          /^[A-Z0-9_]+$/.test(token)
        )
          continue;
        words.add(token);
      }
    }
    return [...words];
  });
}
