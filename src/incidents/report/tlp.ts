// Traffic Light Protocol 2.0 (FIRST, 2022) labels for reports. The marking travels on every page
// because printed pages get separated; colours are FIRST's, shown on black as the standard asks.

export const TLP_LABELS = [
  'TLP:RED',
  'TLP:AMBER+STRICT',
  'TLP:AMBER',
  'TLP:GREEN',
  'TLP:CLEAR',
] as const;

export type Tlp = (typeof TLP_LABELS)[number];

/** Reports name hosts, users and indicators: need-to-know unless the sender chooses otherwise. */
export const DEFAULT_TLP: Tlp = 'TLP:AMBER';

interface TlpStyle {
  /** Text colour; the background is always black. */
  colour: string;
  /** What the label allows, printed under it so readers need not look it up. */
  meaning: string;
}

export const TLP_STYLES: Readonly<Record<Tlp, TlpStyle>> = {
  'TLP:RED': {
    colour: '#FF2B2B',
    meaning: 'For the eyes and ears of individual recipients only, no further disclosure.',
  },
  'TLP:AMBER+STRICT': {
    colour: '#FFC000',
    meaning: 'Limited disclosure, restricted to the recipient organization only.',
  },
  'TLP:AMBER': {
    colour: '#FFC000',
    meaning:
      "Limited disclosure, restricted to the recipient's organization and its clients on a need-to-know basis.",
  },
  'TLP:GREEN': {
    colour: '#33FF00',
    meaning: "Limited disclosure, restricted to the recipient's community.",
  },
  'TLP:CLEAR': { colour: '#FFFFFF', meaning: 'Disclosure is not limited.' },
};
