// What the network analytics read: connections and DNS queries in a compact shape, taken from
// Zeek (conn, http, ssl, dns) and Suricata (flow, http, tls, dns) events. Times are epoch seconds.

export type Zone = 'open' | 'closed' | 'external';

/** One connection. */
export interface Flow {
  /** Start, epoch seconds (fractional). */
  ts: number;
  src: string;
  dst: string;
  dstPort: number;
  /** `tcp`, `udp`, `icmp`, ... lower case. */
  proto: string;
  /** The destination's name when the traffic names it: HTTP Host, TLS SNI. */
  name?: string;
  /** Bytes the source sent, IP headers included (Zeek orig_ip_bytes). */
  origBytes: number;
  /** Bytes the destination sent back, IP headers included. */
  respBytes: number;
  /** Seconds; 0 when unknown. */
  duration: number;
  /** The connection never got going (Zeek S0, REJ, RSTOS0, RSTRH, SH, SHR, OTH without data). */
  failed: boolean;
  site?: string;
  srcZone?: Zone;
  dstZone?: Zone;
  /** The event this came from, for alerts to point at. */
  eventId?: string;
}

/** One DNS query (and its answers when the log has them). */
export interface DnsQuery {
  ts: number;
  src: string;
  /** Lower case, without the trailing dot. */
  query: string;
  /** `A`, `AAAA`, `TXT`, `NULL`, `CNAME`, ... upper case; '' when unknown. */
  qtype: string;
  /** Addresses and names in the answer section. */
  answers: string[];
  site?: string;
  eventId?: string;
}

/** A signal about one pair or destination, with the parts that made its score. */
export interface NetworkFinding {
  /** `beacon`, `long-connection`, `dns-tunnel`, `strobe`, `upload`, `zone-breach`. */
  kind: string;
  /** 0..1 after modifiers. */
  score: number;
  src: string;
  /** Destination IP, or the registered domain for DNS tunnelling. */
  dst: string;
  name?: string;
  site?: string;
  /** Every sub-score and modifier by name, so an analyst sees why. */
  components: Record<string, number>;
  reasons: string[];
  /** Where an address destination is (country and network), when known offline. */
  destination?: { country?: string; asn?: number; organization?: string };
  first_seen: string;
  last_seen: string;
  event_ids: string[];
}
