// The Office inspectors the attachment driver calls: OLE compound files (Word/Excel 97, embedded
// objects, vbaProject.bin), OOXML packages and RTF. Each one turns anything it cannot read into
// a `malformed-*` finding; none throws on hostile input.
import type { InspectorResult } from '../report.ts';
import { inspectOle as ole } from './ole.ts';
import { inspectOoxml as ooxml } from './ooxml.ts';
import { inspectRtf as rtf } from './rtf.ts';
import { guarded } from './result.ts';

/** Findings and embedded files of an OLE compound file (.doc, .xls, .ppt, .msg, oleObject.bin). */
export function inspectOle(bytes: Uint8Array, name: string): Promise<InspectorResult> {
  return guarded('malformed-ole', `OLE ${name}`, () => ole(bytes));
}

/** Findings and embedded files of an OOXML package (.docx, .docm, .xlsm, .pptx, ...). */
export function inspectOoxml(bytes: Uint8Array, name: string): Promise<InspectorResult> {
  return guarded('malformed-ooxml', `OOXML ${name}`, () => ooxml(bytes));
}

/** Findings and embedded files of an RTF document. */
export function inspectRtf(bytes: Uint8Array, name: string): Promise<InspectorResult> {
  return guarded('malformed-rtf', `RTF ${name}`, () => rtf(bytes));
}
