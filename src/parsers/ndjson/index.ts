// Generic NDJSON and ECS.
export { ndjsonFormat } from './ndjson.ts';
