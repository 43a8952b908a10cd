// A Zeek TSV log as tests write it: the header Zeek writes (no #types: our reader takes text and
// counts either way) and one tab-separated line per row.
export function zeekLog(path: string, fields: readonly string[], rows: readonly string[]): string {
  return [
    '#separator \\x09',
    '#set_separator\t,',
    '#empty_field\t(empty)',
    '#unset_field\t-',
    `#path\t${path}`,
    `#fields\t${fields.join('\t')}`,
    ...rows,
    '',
  ].join('\n');
}

const CONN_FIELDS = [
  'ts',
  'uid',
  'id.orig_h',
  'id.orig_p',
  'id.resp_h',
  'id.resp_p',
  'proto',
  'service',
  'duration',
  'orig_bytes',
  'resp_bytes',
  'conn_state',
  'orig_pkts',
  'orig_ip_bytes',
  'resp_pkts',
  'resp_ip_bytes',
];

/** A Zeek conn.log built a connection at a time (TCP, completed), written in time order. */
export class ConnLog {
  private readonly rows: [number, string][] = [];

  /** One connection: start in epoch ms, endpoints, bytes the originator sent, seconds open. */
  add(ms: number, src: string, dst: string, port: number, bytes: number, duration = 0.3): void {
    const uid = `C${this.rows.length.toString(36)}`;
    const fields = [(ms / 1000).toFixed(6), uid, src, '50000', dst, String(port), 'tcp', '-'];
    fields.push(duration.toFixed(6), String(bytes), '900', 'SF', '6', String(bytes + 300));
    fields.push('5', '1200');
    this.rows.push([ms, fields.join('\t')]);
  }

  text(): string {
    const sorted = [...this.rows].sort((a, b) => a[0] - b[0]);
    return zeekLog(
      'conn',
      CONN_FIELDS,
      sorted.map(([, line]) => line),
    );
  }
}
