// The objects of one STIX input and the links between them that give an indicator its context:
// relationships, the reports and groupings that list it, sightings, the observed-data that holds
// an observable, and markings. Built once per input; every lookup is a map read.
import type { Tlp } from '../../../core/index.ts';
import { markingLevels, tlpOfRefs, type MarkingLevels } from './markings.ts';
import { stringList, stringProp, typeOfId, type StixObject } from './stix-object.ts';

/** Objects whose names are an indicator's context (malware family, campaign, actor...). */
const CONTEXT_TYPES = new Set([
  'malware',
  'campaign',
  'intrusion-set',
  'threat-actor',
  'tool',
  'infrastructure',
]);
const CONTAINER_TYPES = new Set(['report', 'grouping']);
// Attribution chains are short (campaign → intrusion set → actor); the bound guards cycles.
const ATTRIBUTION_DEPTH = 3;

export class StixGraph {
  private readonly objects = new Map<string, StixObject>();
  private readonly related = new Map<string, string[]>();
  private readonly attributedTo = new Map<string, string[]>();
  private readonly containers = new Map<string, StixObject[]>();
  private readonly sightings = new Map<string, StixObject[]>();
  private readonly observedIn = new Map<string, StixObject[]>();
  /** Ids an indicator is `based-on`: observed-data (and SCOs) the indicator already stands for. */
  private readonly evidence = new Set<string>();
  private readonly levels: MarkingLevels;

  constructor(objects: readonly StixObject[]) {
    for (const object of objects) {
      const known = this.objects.get(object.id);
      // Versions share an id; the newest `modified` is the object (STIX 2.1 §3.6).
      if (known === undefined || modifiedOf(object) >= modifiedOf(known))
        this.objects.set(object.id, object);
    }
    for (const object of this.objects.values()) this.link(object);
    this.levels = markingLevels(this.objects.values());
  }

  all(): IterableIterator<StixObject> {
    return this.objects.values();
  }

  get(id: string): StixObject | undefined {
    return this.objects.get(id);
  }

  isEvidence(id: string): boolean {
    return this.evidence.has(id);
  }

  /** True when a relationship or a sighting names the object. */
  isLinked(id: string): boolean {
    return this.related.has(id) || this.sightings.has(id);
  }

  observedDataOf(id: string): StixObject[] {
    return this.observedIn.get(id) ?? [];
  }

  sightingsOf(id: string): StixObject[] {
    return this.sightings.get(id) ?? [];
  }

  identityName(ref: string | undefined): string | undefined {
    const identity = ref === undefined ? undefined : this.objects.get(ref);
    return identity?.type === 'identity' ? stringProp(identity, 'name') : undefined;
  }

  /**
   * Names of the malware, campaigns, intrusion sets, actors, tools and infrastructure related to
   * any of `ids` (and those they are attributed to), then of the reports and groupings listing them.
   */
  contextOf(ids: readonly string[]): string[] {
    const names = new Set<string>();
    const visit = (id: string, depth: number): void => {
      const object = this.objects.get(id);
      if (object === undefined || object.revoked === true || !CONTEXT_TYPES.has(object.type))
        return;
      const name = stringProp(object, 'name');
      if (name !== undefined) names.add(name);
      if (depth >= ATTRIBUTION_DEPTH) return;
      // Infrastructure is named for what runs on it (`controls`, `uses`): follow all its links.
      const next = object.type === 'infrastructure' ? this.related : this.attributedTo;
      for (const other of next.get(id) ?? []) visit(other, depth + 1);
    };
    for (const id of ids) for (const other of this.related.get(id) ?? []) visit(other, 1);
    for (const container of this.containersOf(ids)) {
      const name = stringProp(container, 'name');
      if (name !== undefined) names.add(name);
    }
    return [...names];
  }

  /**
   * TLP of the first object in `chain` that carries a TLP marking (the object itself, then what
   * holds it), else the strictest of the reports and groupings that list any of them.
   */
  tlpOf(chain: readonly StixObject[]): Tlp | undefined {
    for (const object of chain) {
      const level = tlpOfRefs(stringList(object, 'object_marking_refs'), this.levels);
      if (level !== undefined) return level;
    }
    const refs = this.containersOf(chain.map((object) => object.id)).flatMap((container) =>
      stringList(container, 'object_marking_refs'),
    );
    return tlpOfRefs(refs, this.levels);
  }

  private containersOf(ids: readonly string[]): StixObject[] {
    const found = new Set<StixObject>();
    for (const id of ids)
      for (const container of this.containers.get(id) ?? []) found.add(container);
    return [...found];
  }

  // A revoked object is withdrawn: it links nothing and names nothing.
  private link(object: StixObject): void {
    if (object.revoked === true) return;
    if (object.type === 'relationship') this.linkRelationship(object);
    else if (object.type === 'sighting') {
      const target = stringProp(object, 'sighting_of_ref');
      if (target !== undefined) append(this.sightings, target, object);
    } else if (CONTAINER_TYPES.has(object.type)) {
      for (const ref of stringList(object, 'object_refs')) append(this.containers, ref, object);
    } else if (object.type === 'observed-data') {
      for (const ref of stringList(object, 'object_refs')) append(this.observedIn, ref, object);
    }
  }

  private linkRelationship(relationship: StixObject): void {
    const source = stringProp(relationship, 'source_ref');
    const target = stringProp(relationship, 'target_ref');
    if (source === undefined || target === undefined) return;
    append(this.related, source, target);
    append(this.related, target, source);
    const type = stringProp(relationship, 'relationship_type');
    if (type === 'attributed-to') append(this.attributedTo, source, target);
    if (type === 'based-on' && typeOfId(source) === 'indicator') this.evidence.add(target);
  }
}

function append<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function modifiedOf(object: StixObject): string {
  return stringProp(object, 'modified') ?? stringProp(object, 'created') ?? '';
}
