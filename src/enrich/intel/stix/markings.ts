// TLP levels of the marking definitions a bundle refers to. The TLP 1.0 and 2.0 ids are known
// without the definitions (tlp.ts); a bundle may also define its own TLP marking under another
// id, as `definition_type: tlp` (STIX 2.1 §7.2.1) or through the TLP 2.0 extension's `tlp_2_0`.
import type { Tlp } from '../../../core/index.ts';
import { stricterTlp } from '../../../core/index.ts';
import { tlpOfMarkingId, tlpOfTag } from '../tlp.ts';
import { isRecord, recordProp, stringProp, type StixObject } from './stix-object.ts';

export type MarkingLevels = ReadonlyMap<string, Tlp>;

/** Levels of the bundle's marking definitions whose id tlp.ts does not know. */
export function markingLevels(objects: Iterable<StixObject>): MarkingLevels {
  const levels = new Map<string, Tlp>();
  for (const object of objects) {
    if (object.type !== 'marking-definition' || tlpOfMarkingId(object.id) !== undefined) continue;
    const level = definedLevel(object);
    if (level !== undefined) levels.set(object.id, level);
  }
  return levels;
}

/** The strictest TLP among marking refs, or undefined when none of them is TLP. */
export function tlpOfRefs(refs: readonly string[], levels: MarkingLevels): Tlp | undefined {
  let strictest: Tlp | undefined;
  for (const ref of refs) {
    const level = tlpOfMarkingId(ref) ?? levels.get(ref);
    if (level !== undefined)
      strictest = strictest === undefined ? level : stricterTlp(strictest, level);
  }
  return strictest;
}

function definedLevel(object: StixObject): Tlp | undefined {
  const definition = recordProp(object, 'definition');
  if (stringProp(object, 'definition_type') === 'tlp' && typeof definition?.tlp === 'string')
    return tlpOfTag(definition.tlp);
  for (const extension of Object.values(recordProp(object, 'extensions') ?? {})) {
    if (isRecord(extension) && typeof extension.tlp_2_0 === 'string')
      return tlpOfTag(extension.tlp_2_0);
  }
  return undefined;
}
