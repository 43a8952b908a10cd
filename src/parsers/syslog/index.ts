// Syslog (files and listeners).
export { parseSyslogMessage, syslogFormat } from './syslog.ts';
