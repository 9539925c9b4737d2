// The quality file's timeline (企业质量档案 → 时间线): every record the platform holds about one
// enterprise, newest first. The directory does not know the rooms above it (credit, inspections,
// complaints), so each of them registers a source here at assembly time (src/server/routes.ts) and
// the quality file asks every registered source for the enterprise's entries.
import type { DbOrTx } from '../core/db/index';

export interface TimelineEntry {
  /** when it happened: YYYY-MM-DD or an ISO timestamp */
  at: string;
  /** the room that wrote it: 'enterprises' | 'credit' | 'inspections' | 'sampling' | 'complaints' … */
  domain: string;
  /** machine kind within the room, e.g. 'name-change', 'penalty', 'abnormal-listing' */
  kind: string;
  /** one line in Chinese, e.g. 列入经营异常名录（通过登记的住所无法联系） */
  title: string;
  detail?: string;
  /** a web path to the record, e.g. /credit/events/12 */
  link?: string;
}

export type TimelineSource = (db: DbOrTx, tenantId: number, enterpriseId: number) => Promise<TimelineEntry[]>;

const sources = new Map<string, TimelineSource>();

/** Registers (or replaces) the source of one room. */
export function registerTimelineSource(name: string, source: TimelineSource): void {
  sources.set(name, source);
}

/** Every registered source's entries for one enterprise, newest first. */
export async function timelineOf(db: DbOrTx, tenantId: number, enterpriseId: number): Promise<TimelineEntry[]> {
  const all: TimelineEntry[] = [];
  for (const source of sources.values()) all.push(...(await source(db, tenantId, enterpriseId)));
  return all.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
