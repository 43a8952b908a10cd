// The built-in pipelines against the whole SigmaHQ corpus: how many rules of each product reach
// at least one kind of event Chancery ingests, and a guarantee that every Windows rule whose
// category or service SigmaHQ's own CI maps (tests/thor.yml, docs: sigma.md §1.6) resolves.
// Logsources are read with the yaml package directly, independently of the rule loader.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { needsShared, shared, walk } from '../../../../test/support/data.ts';
import type { LogSource } from '../rule/model.ts';
import { loadDefaultPipeline } from './pipeline.ts';

const THOR_CATEGORIES = new Set([
  'process_creation',
  'file_change',
  'network_connection',
  'sysmon_status',
  'process_termination',
  'driver_load',
  'image_load',
  'create_remote_thread',
  'raw_access_thread',
  'process_access',
  'file_event',
  'registry_event',
  'registry_add',
  'registry_delete',
  'registry_set',
  'registry_rename',
  'create_stream_hash',
  'pipe_created',
  'wmi_event',
  'dns_query',
  'file_delete',
  'clipboard_change',
  'process_tampering',
  'file_delete_detected',
  'file_block_executable',
  'file_block_shredding',
  'file_executable_detected',
  'sysmon_error',
  'ps_module',
  'ps_script',
  'ps_classic_start',
  'ps_classic_provider_start',
  'ps_classic_script',
]);

const THOR_SERVICES = new Set([
  'application',
  'security',
  'system',
  'ntlm',
  'sysmon',
  'powershell',
  'powershell-classic',
  'taskscheduler',
  'wmi',
  'dhcp',
  'printservice-admin',
  'smbclient-security',
  'smbclient-connectivity',
  'printservice-operational',
  'terminalservices-localsessionmanager',
  'codeintegrity-operational',
  'applocker',
  'msexchange-management',
  'windefend',
  'firewall-as',
  'bits-client',
  'security-mitigations',
  'diagnosis-scripted',
  'shell-core',
  'openssh',
  'ldap',
  'bitlocker',
  'vhdmp',
  'appxdeployment-server',
  'lsa-server',
  'appxpackaging-om',
  'dns-client',
  'appmodel-runtime',
  'capi2',
  'certificateservicesclient-lifecycle-system',
  'kernel-shimengine',
  'application-experience',
  'ntfs',
  'hyper-v-worker',
  'kernel-event-tracing',
  'sense',
  'servicebus-client',
  'iis-configuration',
]);

interface Rule {
  file: string;
  logsource: LogSource;
}

function corpus(): Rule[] {
  const root = shared('sigma');
  const rules: Rule[] = [];
  for (const dir of readdirSync(root).filter((name) => name.startsWith('rules')))
    for (const file of walk(`${root}/${dir}`).filter((path) => path.endsWith('.yml')))
      for (const document of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const value = document.toJS() as { logsource?: Record<string, unknown> } | null;
        const logsource = value?.logsource;
        if (logsource === undefined) continue; // correlation documents name rules, not events
        const text = (key: string): string | undefined =>
          typeof logsource[key] === 'string' ? logsource[key] : undefined;
        rules.push({
          file,
          logsource: {
            ...(text('product') === undefined ? {} : { product: text('product') }),
            ...(text('category') === undefined ? {} : { category: text('category') }),
            ...(text('service') === undefined ? {} : { service: text('service') }),
          },
        });
      }
  return rules;
}

test(
  'SigmaHQ corpus: rules reaching Chancery events, by product; every CI-mapped Windows rule resolves',
  { skip: needsShared('sigma') },
  () => {
    const pipeline = loadDefaultPipeline();
    const rules = corpus();
    const byProduct = new Map<string, { total: number; resolved: number }>();
    const unresolvedWindows = new Map<string, number>();
    const mustResolve: string[] = [];
    for (const { file, logsource } of rules) {
      const product = logsource.product?.toLowerCase() ?? '-';
      const counts = byProduct.get(product) ?? { total: 0, resolved: 0 };
      byProduct.set(product, counts);
      counts.total++;
      const resolved = pipeline.resolve(logsource).length > 0;
      if (resolved) counts.resolved++;
      if (product !== 'windows' || resolved) continue;
      const kind = logsource.category ?? `service ${logsource.service ?? '-'}`;
      unresolvedWindows.set(kind, (unresolvedWindows.get(kind) ?? 0) + 1);
      if (
        THOR_CATEGORIES.has(logsource.category ?? '') ||
        (logsource.category === undefined && THOR_SERVICES.has(logsource.service ?? ''))
      )
        mustResolve.push(file);
    }
    const total = rules.length;
    const resolved = [...byProduct.values()].reduce((sum, c) => sum + c.resolved, 0);
    const table = [...byProduct]
      .sort((a, b) => b[1].total - a[1].total)
      .map(([product, c]) => `${product} ${c.resolved}/${c.total}`)
      .join(', ');
    console.log(`SigmaHQ logsources: ${resolved}/${total} rules resolve to a route: ${table}`);
    console.log(
      `Windows rules without a route: ${JSON.stringify(Object.fromEntries(unresolvedWindows))}`,
    );
    assert.deepEqual(mustResolve, []);
    assert.ok(total > 3000, `only ${total} rules read`);
    for (const product of ['zeek', '-']) {
      const counts = byProduct.get(product);
      assert.ok(counts !== undefined && counts.resolved > 0, product);
    }
    // The product-less network categories SigmaHQ writes all land on Zeek and Suricata.
    for (const { logsource } of rules)
      if (['dns', 'proxy', 'webserver', 'firewall'].includes(logsource.category ?? ''))
        assert.ok(pipeline.resolve(logsource).length > 0, JSON.stringify(logsource));
  },
);
