// exceljs, loaded on first use: it and what it pulls in (zip, csv and stream libraries) cost about a
// third of a second of a start that never writes a workbook (BENCHMARKS.md, start-up, sixth pass).
import type ExcelJSModule from 'exceljs';

export type ExcelJS = typeof ExcelJSModule;

let loading: Promise<ExcelJS> | undefined;

/** The exceljs module; the first call loads it, later calls share that load. */
export function loadExcel(): Promise<ExcelJS> {
  loading ??= import('exceljs').then((m) => (m as unknown as { default?: ExcelJS }).default ?? (m as unknown as ExcelJS));
  return loading;
}
