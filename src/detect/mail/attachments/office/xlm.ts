// Excel 4.0 (XLM) macro sheets in a BIFF8 workbook: the globals substream lists every sheet in
// a BOUNDSHEET record whose type says "macro sheet". XLM macros run like VBA but are invisible
// to VBA tooling, and are typically very hidden and started by an Auto_Open name.
import type { Finding } from '../../finding.ts';

const BOF = 0x0809;
const EOF = 0x000a;
const BOUNDSHEET = 0x0085;
const NAME = 0x0018;
const FILEPASS = 0x002f;
const MAX_RECORDS = 100_000;
const STATES = ['visible', 'hidden', 'very hidden', 'hidden'] as const;

export interface WorkbookGlobals {
  macroSheets: { name: string; state: string }[];
  autoOpen: boolean;
  encrypted: boolean;
}

/** The globals substream's macro sheets, Auto_Open name and FILEPASS (encryption), in one pass. */
export function scanWorkbook(stream: Uint8Array): WorkbookGlobals {
  const result: WorkbookGlobals = { macroSheets: [], autoOpen: false, encrypted: false };
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  let position = 0;
  for (let count = 0; count < MAX_RECORDS && position + 4 <= stream.length; count++) {
    const type = view.getUint16(position, true);
    const size = view.getUint16(position + 2, true);
    const data = stream.subarray(position + 4, Math.min(position + 4 + size, stream.length));
    position += 4 + size;
    if (count === 0 && type !== BOF) break;
    if (type === EOF) break;
    if (type === FILEPASS) {
      // Everything after FILEPASS is encrypted; its names would be noise.
      result.encrypted = true;
      break;
    }
    if (type === BOUNDSHEET && data.length >= 7 && data[5] === 1) {
      result.macroSheets.push({
        name: sheetName(data),
        state: STATES[(data[4] ?? 0) & 3] ?? 'hidden',
      });
    }
    // A built-in NAME (fBuiltin, 0x0020) whose one-character name is 0x01 is Auto_Open.
    if (type === NAME && data.length >= 16 && ((data[0] ?? 0) & 0x20) !== 0 && data[15] === 0x01) {
      result.autoOpen = true;
    }
  }
  return result;
}

function sheetName(data: Uint8Array): string {
  const length = data[6] ?? 0;
  const wide = ((data[7] ?? 0) & 1) === 1;
  const bytes = data.subarray(8, 8 + (wide ? length * 2 : length));
  const name = Buffer.from(bytes).toString(wide ? 'utf16le' : 'latin1');
  return name.replace(/\p{Cc}/gu, '?').slice(0, 64);
}

/** `xlm-macro-sheet` and `xlm-autoexec` findings for a workbook's globals. */
export function xlmFindings(globals: WorkbookGlobals): Finding[] {
  if (globals.macroSheets.length === 0) return [];
  const sheets = globals.macroSheets.map((sheet) =>
    sheet.state === 'visible' ? sheet.name : `${sheet.name} (${sheet.state})`,
  );
  const findings: Finding[] = [
    {
      code: 'xlm-macro-sheet',
      weight: 0.85,
      kind: 'weaponized',
      reason: `Excel 4.0 macro sheet(s): ${sheets.slice(0, 8).join(', ')}`,
    },
  ];
  if (globals.autoOpen) {
    findings.push({
      code: 'xlm-autoexec',
      weight: 0.9,
      kind: 'weaponized',
      reason: 'an Auto_Open name runs the Excel 4.0 macros when the workbook opens',
    });
  }
  return findings;
}
