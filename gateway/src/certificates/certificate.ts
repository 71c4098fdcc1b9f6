import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The question every certificate page asks, a registered operation of the gateway's own pages (gateway/operations/). */
export const CERTIFICATE_QUERY = readFileSync(path.join(__dirname, '..', '..', 'operations', 'HoursCertificate.graphql'), 'utf8');

/** A certificate as the graph shows it to the page's caller (the name masked unless they may read the person). */
export interface CertificateView {
  code: string;
  holderName: string;
  from: string;
  to: string;
  hours: { source: string; hours: number }[];
  totalHours: number;
  issuedAs: string;
  issuerRegion: { name: string } | null;
  issuedAt: string;
  status: 'VALID' | 'REVOKED';
  revokedAt: string | null;
  verifyPath: string;
}

/** Chinese first, as the page is read in Fujian; the English follows for a visitor. */
export const SOURCE_LABELS: Record<string, string> = {
  TIME_BANK: '时间银行服务 Time bank services',
  STATION_DUTY: '驿站值班 Station duty',
  CHECKPOINT_SHIFTS: '卡口执勤 Checkpoint shifts',
  VETERAN_ACTIVITIES: "老兵活动 Veterans' activities",
};

const ISSUER_LABELS: Record<string, string> = {
  SELF: "志愿者本人申请 at the volunteer's own request",
  STATION_MANAGER: '驿站站长 station manager',
  DISTRICT_OFFICER: '民政干部 civil-affairs officer',
  CITY_ADMIN: '市民政局 city civil-affairs bureau',
};

/** Who issued it: the role, and the office's region when there is one (马尾区 民政干部). */
export const issuerText = (c: CertificateView): string => [c.issuerRegion?.name, ISSUER_LABELS[c.issuedAs] ?? c.issuedAs].filter(Boolean).join(' ');

/** A day in China time, as 2026年12月2日. */
export function chineseDate(value: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : new Date(Date.parse(value) + 8 * 3_600_000).toISOString().slice(0, 10);
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export const hoursText = (hours: number): string => `${hours.toFixed(2).replace(/\.?0+$/, '')} 小时`;
