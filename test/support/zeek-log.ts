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
