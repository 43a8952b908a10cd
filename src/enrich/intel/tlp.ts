// TLP markings as sources write them: STIX marking-definition ids (TLP 2.0 and the 1.0 ids that
// STIX 2.1 predefines and MISP still emits) and MISP/tag text. Both families map to one scale,
// WHITE being CLEAR.
import type { Tlp } from '../../core/index.ts';

const MARKING_IDS: Readonly<Record<string, Tlp>> = {
  // TLP 2.0 (OASIS extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d)
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
  // TLP 1.0, predefined by STIX 2.1
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

/** The TLP level of a STIX marking-definition id, or undefined for other markings. */
export function tlpOfMarkingId(id: string): Tlp | undefined {
  return MARKING_IDS[id];
}

/** The STIX id Chancery writes for a level: always the TLP 2.0 one. */
export function markingIdOfTlp(tlp: Tlp): string {
  const id = Object.entries(MARKING_IDS).find(([, level]) => level === tlp)?.[0];
  if (id === undefined) throw new Error(`no marking for ${tlp}`);
  return id;
}

/**
 * The level of a tag or label: `tlp:white`, `TLP:AMBER+STRICT`, `tlp:ex:chr`-style extensions are
 * not levels. Accepts the bare word too (`amber`), as plain lists and CLI flags write it.
 */
export function tlpOfTag(tag: string): Tlp | undefined {
  const word = tag
    .trim()
    .toLowerCase()
    .replace(/^tlp\s*:\s*/, '');
  switch (word) {
    case 'white':
    case 'clear':
      return 'clear';
    case 'green':
      return 'green';
    case 'amber':
      return 'amber';
    case 'amber+strict':
    case 'amber-strict':
      return 'amber+strict';
    case 'red':
      return 'red';
    default:
      return undefined;
  }
}
