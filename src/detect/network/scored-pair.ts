// What `chancery beacons` and the API list: one scored pair with every sub-score, its
// prevalence, first sighting, what is known of the destination, and the modifiers applied.
export interface ScoredPair {
  src: string;
  dst: string;
  /** `name`: the destination is an HTTP Host / TLS SNI; `ip`: an address. */
  kind: 'name' | 'ip';
  site?: string;
  connections: number;
  failed: number;
  /** The analysis window, ISO 8601. */
  window: { start: string; end: string };
  beacon?: {
    score: number;
    timestamp: number;
    data_size: number;
    histogram: number;
    duration: number;
    /** The most common interval between connections, seconds. */
    interval: number;
  };
  /** Sum of the pair's connection durations in the window, seconds. */
  long_connection_seconds: number;
  sent_bytes: number;
  prevalence: { hosts: number; sites: number; share: number };
  first_seen: string;
  destination: {
    addresses: string[];
    country?: string;
    asn?: number;
    organization?: string;
    /** MISP warninglists the destination is on, with how each weighs. */
    lists: { name: string; effect: 'known-good' | 'raise' | 'neutral' }[];
  };
  /** The threat parts (beacon, long connection, strobe) and each modifier, by name. */
  components: Record<string, number>;
  score: number;
  severity: 'none' | 'low' | 'medium' | 'high' | 'critical';
  alert: boolean;
  reasons: string[];
  event_ids: string[];
}
