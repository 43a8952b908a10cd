// A site: one office (embassy, branch, plant) with the address ranges of its open LAN and of its
// closed network. The registry of sites is imported from CSV (enrich/site/registry-csv.ts).

export interface Site {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  /** Offset from UTC in minutes (east positive), for local working hours. */
  timezoneOffsetMinutes: number;
  openCidrs: string[];
  closedCidrs: string[];
  /** Extra CSV columns, kept as they were. */
  attributes: Record<string, string>;
}
