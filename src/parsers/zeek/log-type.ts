// Which Zeek log a file holds when the records do not say (`#path` in TSV, `_path` in JSON):
// from the file name as Zeek and its log rotation name files, else from telltale fields.

/**
 * `conn.log`, `dns.15:00:00-16:00:00.log.gz`, `conn_20240101.log`, `known_certs.log` -> the log
 * type; undefined for names that are not a Zeek log's (`conn-summary.log` is a report).
 */
export function logTypeFromFileName(fileName: string): string | undefined {
  const match = /^([a-z][a-z0-9_]*?)(?:[._-]\d|\.log|\.json|$)/i.exec(fileName);
  return match?.[1]?.toLowerCase();
}

/** A JSON record's log type from fields only that log has; undefined when none is telling. */
export function logTypeFromFields(record: Readonly<Record<string, unknown>>): string | undefined {
  if ('conn_state' in record || 'orig_ip_bytes' in record) return 'conn';
  if ('qtype_name' in record || 'rcode_name' in record) return 'dns';
  // sip.log shares http.log's request fields but always has a call_id.
  if (('method' in record || 'status_code' in record) && !('call_id' in record)) return 'http';
  if ('server_name' in record || 'cipher' in record) return 'ssl';
  if ('certificate.subject' in record || 'certificate.serial' in record) return 'x509';
  if ('fuid' in record && ('seen_bytes' in record || 'mime_type' in record)) return 'files';
  if ('note' in record && 'msg' in record) return 'notice';
  if ('name' in record && 'peer' in record && 'notice' in record) return 'weird';
  return undefined;
}
