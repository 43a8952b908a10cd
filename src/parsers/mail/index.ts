// Mail: .eml files and mbox.
export { emlFormat, mboxFormat, unescapeMboxrd } from './formats.ts';
export { parseMessage } from './message.ts';
