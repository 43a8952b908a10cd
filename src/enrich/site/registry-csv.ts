// Reads the site registry CSV (`id,name,country,timezone_offset,open_cidrs,closed_cidrs`, extra
// columns kept as attributes) and reports every problem with its line, not just the first.
import { parseCsv, type Problem, type Site } from '../../core/index.ts';
import { parseCidr } from '../../core/ip.ts';

export const SITE_COLUMNS = [
  'id',
  'name',
  'country',
  'timezone_offset',
  'open_cidrs',
  'closed_cidrs',
] as const;

export interface SiteCsvResult {
  sites: Site[];
  problems: Problem[];
}

export function readSiteCsv(text: string, file: string): SiteCsvResult {
  const records = parseCsv(text);
  const problems: Problem[] = [];
  const header = records[0];
  if (header === undefined) {
    return { sites: [], problems: [{ file, line: 1, message: 'the file is empty' }] };
  }
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const missing = SITE_COLUMNS.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    problems.push({
      file,
      line: header.line,
      message: `missing column(s) ${missing.join(', ')}; the header must be ${SITE_COLUMNS.join(',')}`,
    });
    return { sites: [], problems };
  }
  const sites: Site[] = [];
  const seenIds = new Map<string, number>();
  const seenCidrs = new Map<string, { id: string; line: number }>();
  for (const record of records.slice(1)) {
    const at = (message: string): void => void problems.push({ file, line: record.line, message });
    if (record.fields.length !== names.length) {
      at(`expected ${names.length} columns, found ${record.fields.length}`);
      continue;
    }
    const row = new Map(names.map((name, index) => [name, (record.fields[index] ?? '').trim()]));
    const value = (column: string): string => row.get(column) ?? '';
    const id = value('id');
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(id)) {
      at(`site id '${id}' must be 1-64 letters, digits, '.', '_' or '-'`);
    } else if (seenIds.has(id)) {
      at(`duplicate site id '${id}' (first on line ${seenIds.get(id)})`);
    }
    seenIds.set(id, seenIds.get(id) ?? record.line);
    const country = value('country').toUpperCase();
    if (!/^[A-Z]{2}$/.test(country))
      at(`country '${value('country')}' is not an ISO 3166 alpha-2 code`);
    const offset = parseOffset(value('timezone_offset'));
    if (offset === undefined) {
      at(`timezone_offset '${value('timezone_offset')}' must look like +09:00, -0530 or 9`);
    }
    const cidrs = {
      open: splitList(value('open_cidrs')),
      closed: splitList(value('closed_cidrs')),
    };
    for (const [zone, list] of Object.entries(cidrs)) {
      for (const text of list) {
        const cidr = parseCidr(text);
        if (cidr === undefined) {
          at(`${zone}_cidrs: '${text}' is not an IP address or CIDR`);
          continue;
        }
        const key = `${cidr.version}:${String(cidr.network)}/${cidr.prefix}`;
        const other = seenCidrs.get(key);
        if (other !== undefined)
          at(`${text} is already assigned to site '${other.id}' on line ${other.line}`);
        else seenCidrs.set(key, { id, line: record.line });
      }
    }
    const attributes: Record<string, string> = {};
    for (const name of names) {
      if (!(SITE_COLUMNS as readonly string[]).includes(name)) attributes[name] = value(name);
    }
    sites.push({
      id,
      name: value('name') || id,
      country,
      timezoneOffsetMinutes: offset ?? 0,
      openCidrs: cidrs.open,
      closedCidrs: cidrs.closed,
      attributes,
    });
  }
  return { sites: problems.length === 0 ? sites : [], problems };
}

function splitList(text: string): string[] {
  return text.split(/[;\s]+/).filter((item) => item !== '');
}

/** `+09:00`, `-0530`, `9`, `-5.5`, `UTC+9` to minutes east of UTC. */
export function parseOffset(text: string): number | undefined {
  const trimmed = text.trim().replace(/^(UTC|GMT)/i, '');
  if (trimmed === '') return 0;
  const clock = /^([+-])?(\d{1,2}):?(\d{2})$/.exec(trimmed);
  if (clock !== null) {
    const minutes = Number(clock[2]) * 60 + Number(clock[3]);
    if (Number(clock[3]) >= 60 || minutes > 14 * 60) return undefined;
    return clock[1] === '-' ? -minutes : minutes;
  }
  if (/^[+-]?\d{1,2}(\.\d+)?$/.test(trimmed)) {
    const minutes = Math.round(Number(trimmed) * 60);
    return Math.abs(minutes) <= 14 * 60 ? minutes : undefined;
  }
  return undefined;
}
