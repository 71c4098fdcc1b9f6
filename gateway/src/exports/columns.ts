import type { Vocabulary } from '../openData/vocabulary';

/** What one cell of an export holds: text, a number, or nothing (an empty cell). */
export type Cell = string | number | null;

/** One column of an export: its Chinese header, the graph field it shows (documented in the README) and how. */
export interface Column<Node = any> {
  header: string;
  field: string;
  value: (node: Node) => Cell;
  /** the XLSX column's width in characters */
  width?: number;
}

/** The words for enum values whose SDL description gives no Chinese name (the statuses). */
const STATUS_WORDS: Record<string, Record<string, string>> = {
  StationStatus: { OPEN: '开放', CLOSED: '关闭' },
  CanteenStatus: { OPEN: '营业', CLOSED: '停业' },
  ServiceRequestStatus: { OPEN: '待接单', CLAIMED: '已接单', COMPLETED: '已完成', RATED: '已评价', CANCELLED: '已取消' },
  StationOrderStatus: { COMPLETED: '已完成', CANCELLED: '已取消' },
};

const HAS_CHINESE = /\p{Script=Han}/u;

/**
 * An enum value in the words a Chinese reader knows: the name the supergraph's
 * description gives it (助老 for ELDERLY, the same words HSDS and Open311 publish),
 * else STATUS_WORDS, else the value itself.
 */
export function termsOf(words: Vocabulary) {
  const cache = new Map<string, Map<string, string>>();
  const of = (enumName: string) => {
    let names = cache.get(enumName);
    if (!names) {
      names = new Map(words(enumName).map((t) => [t.value, HAS_CHINESE.test(t.name) ? t.name : (STATUS_WORDS[enumName]?.[t.value] ?? t.value)]));
      cache.set(enumName, names);
    }
    return names;
  };
  const term =
    (enumName: string) =>
    (value: string | null | undefined): Cell =>
      value == null ? null : (of(enumName).get(value) ?? value);
  /** a list of values, as one cell: 助老、助医 */
  const terms =
    (enumName: string) =>
    (values: string[] | null | undefined): Cell =>
      values?.length ? values.map((v) => of(enumName).get(v) ?? v).join('、') : null;
  return { term, terms };
}

export type Terms = ReturnType<typeof termsOf>;

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** A DateTime as China's clock shows it (UTC+8, no summer time): 2026-11-23 08:30. */
export const chinaTime = (value: string | null | undefined): Cell =>
  value == null ? null : new Date(Date.parse(value) + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

export const yesNo = (value: boolean | null | undefined): Cell => (value == null ? null : value ? '是' : '否');
