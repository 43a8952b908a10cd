// Windows and Sysmon events: JSON lines in three shapes, and native .evtx files.
export { evtxFormat } from './evtx.ts';
export { windowsJsonFormat } from './json.ts';
