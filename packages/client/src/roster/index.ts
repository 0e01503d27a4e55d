/**
 * `@djchain/client/roster`: the roster (党员名册) columns, cell parsing and every row check of the
 * import, pure and browser-safe — the CLI's `import members` and the web app's upload page run the
 * same code, so a row refused by one is refused, with the same row number and words, by the other.
 */
export { cellText, parseDate } from './cells.ts';
export {
  CATEGORIES,
  type Category,
  COLUMNS,
  type Column,
  EDUCATION,
  type RawRow,
  type RowKey,
} from './columns.ts';
export { addYears, ageOn, type IsoDate, isIsoDate } from './dates.ts';
export { type IdFacts, type IdProblem, idCheckChar, readIdNumber } from './idcard.ts';
export {
  fillWorkbook,
  MAX_ROWS,
  type RosterRead,
  rosterOfSheet,
  type Sheet,
  type SheetLike,
  templateSheets,
  type WorkbookLike,
} from './sheet.ts';
export {
  type RowError,
  type ValidationContext,
  type ValidRow,
  validateRow,
  validateRows,
} from './validate.ts';
