/**
 * A new exceljs workbook, the library loaded on first use: it costs about a quarter of a second of
 * CPU to load, which every `djchain` command paid at start while only the spreadsheet commands use it.
 */
import type ExcelJS from 'exceljs';

export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: lib } = await import('exceljs');
  return new lib.Workbook();
}
