// Zeek logs, TSV (ASCII writer) and JSON, any log type.
export { zeekJsonFormat, ZeekJsonParser } from './json.ts';
export { logTypeFromFileName } from './log-type.ts';
export { zeekTsvFormat, ZeekTsvParser } from './tsv.ts';
