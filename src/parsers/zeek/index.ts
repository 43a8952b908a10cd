// Zeek logs, TSV and JSON.
export { zeekJsonFormat } from './json.ts';
export { zeekTsvFormat } from './tsv.ts';
