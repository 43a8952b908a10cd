// Mail: .eml files and mbox.
export { emlFormat, mboxFormat } from './formats.ts';
export { splitMbox, unescapeMboxrd } from './mbox.ts';
export { MAX_ORIGINAL_BYTES, parseMessage } from './message.ts';
