// The report's building blocks, shared by the section builders and the renderers.
import type { Alert, Incident } from '../../core/index.ts';

export interface ReportTable {
  columns: string[];
  rows: string[][];
}

/** A titled block: lines first, then the table when there is one. */
export interface ReportSection {
  title: string;
  lines: string[];
  table?: ReportTable;
}

export interface ReportOrg {
  name: string;
  /** Who the authority should call back: a desk, a phone number, a mailbox. */
  contact?: string;
}

/** What the sections are computed from; alerts add users, roles and detection details. */
export interface ReportInput {
  incident: Incident;
  alerts: readonly Alert[];
  org?: ReportOrg;
}

/** Unknown elements are reported as unknown: CISA wants the report on time, not complete. */
export const UNKNOWN = 'Unknown at the time of this report.';
