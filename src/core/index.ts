// The core contracts every stage shares. Core imports nothing else of Chancery's.
export type * from './event.ts';
export type * from './site.ts';
export * from './alert.ts';
export * from './errors.ts';
export * from './event-id.ts';
export * from './time.ts';
export * from './csv.ts';
export * from './ip.ts';
export * from './mail-address.ts';
export * from './indicator.ts';
export * from './indicator-value.ts';
export * from './event-values.ts';
export * from './incident.ts';
