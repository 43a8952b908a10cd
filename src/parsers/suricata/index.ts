// Suricata EVE JSON.
export { suricataEveFormat, SuricataEveParser } from './eve.ts';
