// What MISP tags and galaxies say about an attribute: its TLP marking and its context (malware
// families, threat actors). MISP attaches tags as `Tag[]` on events, attributes and, in some
// exports, objects; the REST API also nests them as `EventTag[].Tag` / `AttributeTag[].Tag`.
import type { Tlp } from '../../../core/index.ts';
import { stricterTlp } from '../../../core/index.ts';
import { tlpOfTag } from '../tlp.ts';
import { recordField, recordsField, textField, type JsonRecord } from './misp-json.ts';

/** The tag names on one MISP record (event, object or attribute), in order, without repeats. */
export function tagNames(record: JsonRecord): string[] {
  const direct = recordsField(record, 'Tag');
  const nested = ['EventTag', 'AttributeTag', 'ObjectTag'].flatMap((key) =>
    recordsField(record, key).flatMap((link) => {
      const tag = recordField(link, 'Tag');
      return tag === undefined ? [] : [tag];
    }),
  );
  const names = [...direct, ...nested].flatMap((tag) => {
    const name = textField(tag, 'name');
    return name === undefined ? [] : [name];
  });
  return [...new Set(names)];
}

/** The strictest TLP among tags (two levels on one record: the stricter binds), if any. */
export function tlpOfTags(tags: readonly string[]): Tlp | undefined {
  let tlp: Tlp | undefined;
  for (const tag of tags) {
    const level = tlpOfTag(tag);
    if (level !== undefined) tlp = tlp === undefined ? level : stricterTlp(tlp, level);
  }
  return tlp;
}

// misp-galaxy:<galaxy>="<cluster value>", as MISP tags a record with a galaxy cluster.
const GALAXY_TAG = /^misp-galaxy:[^=]+="(.+)"$/;

/** Galaxy cluster values named by tags, e.g. `misp-galaxy:threat-actor="APT 28"` → `APT 28`. */
export function galaxyValuesOfTags(tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const match = GALAXY_TAG.exec(tag);
    return match?.[1] === undefined ? [] : [match[1]];
  });
}

/** Cluster values of a record's `Galaxy[].GalaxyCluster[]`. */
export function galaxyClusterValues(record: JsonRecord): string[] {
  return recordsField(record, 'Galaxy').flatMap((galaxy) =>
    recordsField(galaxy, 'GalaxyCluster').flatMap((cluster) => {
      const value = textField(cluster, 'value');
      return value === undefined ? [] : [value];
    }),
  );
}

/** Context names of a record: its galaxy clusters, and those its tags name, without repeats. */
export function contextOf(record: JsonRecord): string[] {
  return [...new Set([...galaxyClusterValues(record), ...galaxyValuesOfTags(tagNames(record))])];
}
