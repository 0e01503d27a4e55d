/**
 * Reading a roster file and writing sheets with exceljs (.xlsx). The columns, the heading match
 * and the template are `@djchain/client/roster`'s, shared with the web app's upload page.
 */
import {
  fillWorkbook,
  type RosterRead,
  rosterOfSheet,
  type Sheet,
  templateSheets,
} from '@djchain/client/roster';
import { newWorkbook } from './exceljs.ts';

export type { RosterRead, Sheet };

/** The first worksheet's rows keyed by column, found by their headings in row 1. */
export async function readRoster(file: string): Promise<RosterRead> {
  const wb = await newWorkbook();
  await wb.xlsx.readFile(file);
  return rosterOfSheet(wb.worksheets[0]);
}

/** Writes sheets with a bold, frozen heading row. Everything is text or numbers (no formulas). */
export async function writeSheets(file: string, sheets: readonly Sheet[]): Promise<void> {
  const wb = await newWorkbook();
  fillWorkbook(wb as never, sheets);
  await wb.xlsx.writeFile(file);
}

/** The import template: the headings, one example row, and a sheet explaining each column. */
export async function writeTemplate(file: string): Promise<void> {
  await writeSheets(file, templateSheets());
}
