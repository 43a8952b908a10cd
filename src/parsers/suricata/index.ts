// Suricata EVE JSON.
export { suricataEveFormat } from './eve.ts';
