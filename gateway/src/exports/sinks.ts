import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Cell, Column } from './columns';

/**
 * Where an export's rows go once its first page has arrived: the response itself,
 * a page at a time. `rows` resolves when the response can take more (its buffer
 * has drained, or the client has gone), so the next page is asked only then and
 * a slow client never makes the gateway hold the list.
 */
export interface Sink {
  contentType: string;
  extension: string;
  start(columns: Column[], title: string): void;
  rows(rows: Cell[][]): Promise<void>;
  end(): Promise<void>;
  /** A failure after the first byte: the file must not look complete (README "Exports"). */
  abort(code: string, message: string): void;
}

/** Resolves once the response's buffer has drained, or at once when it has room; also when the client goes away. */
function roomIn(res: Response): Promise<void> {
  if (!res.writableNeedDrain || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** The first cell of the row a CSV export ends with when it fails after its first byte. */
export const CSV_ERROR_MARKER = '#ERROR';

/**
 * CSV as RFC 4180 has it (CRLF between records, fields with a comma, quote or
 * line break quoted, quotes doubled), in UTF-8 with a BOM so that Excel reads the
 * Chinese. A text cell starting with = + - @ tab or CR is prefixed with ' (csv-
 * stringify's escape_formulas, OWASP's advice against CSV injection), so a
 * spreadsheet never runs a name as a formula; numbers are written as they are.
 */
export function csvSink(res: Response): Sink {
  const csv = (records: Cell[][], bom: boolean) => stringify(records, { bom, escape_formulas: true, record_delimiter: 'windows' });
  return {
    contentType: 'text/csv; charset=utf-8; header=present',
    extension: 'csv',
    start(columns) {
      res.write(csv([columns.map((c) => c.header)], true));
    },
    async rows(rows) {
      if (rows.length) res.write(csv(rows, false));
      await roomIn(res);
    },
    async end() {
      await new Promise<void>((resolve) => res.end(resolve));
    },
    // A last row says so to whoever holds the bytes, and the connection is then cut
    // (no final chunk), so a browser or curl reports the download as failed too.
    abort(code, message) {
      res.write(csv([[CSV_ERROR_MARKER, code, `导出未完成 (export incomplete): ${message}`]], false), () => res.destroy());
    },
  };
}

/**
 * XLSX through exceljs's streaming WorkbookWriter: each row is committed as it is
 * written, so the sheet's XML is zipped into the response as it grows and is not
 * kept. Text cells are written as text (never formulas), numbers as numbers.
 */
export function xlsxSink(res: Response): Sink {
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
  let sheet: ExcelJS.Worksheet | undefined;
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    start(columns, title) {
      workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
      sheet = workbook.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = columns.map((c) => ({ header: c.header, key: c.field, width: c.width ?? 14 }));
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
    },
    async rows(rows) {
      for (const row of rows) sheet!.addRow(row).commit();
      await roomIn(res);
    },
    async end() {
      sheet!.commit();
      // The workbook is done when the response finishes, which it never does once the client has gone.
      await Promise.race([workbook!.commit(), new Promise((resolve) => res.once('close', resolve))]);
    },
    // A zip cut off before its central directory cannot be opened: the connection is
    // cut, and what arrived is no workbook at all.
    abort() {
      res.destroy();
    },
  };
}
