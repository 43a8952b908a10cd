// dns.log -> ECS dns.*: one event per query/response transaction. Answers pair with TTLs by
// position; answers that are addresses also go to dns.resolved_ip.
import type { EventDraft } from '../../core/index.ts';
import { flag, hasKeys, isAddress, numeric, text } from './record.ts';
import type { LogSpec } from './spec.ts';

type Dns = NonNullable<EventDraft['dns']>;
type Answer = NonNullable<Dns['answers']>[number];

export const dns: LogSpec = {
  consumed: [
    'proto',
    'trans_id',
    'query',
    'qclass_name',
    'qtype_name',
    'rcode_name',
    'opcode_name',
    'AA',
    'TC',
    'RD',
    'RA',
    'answers',
    'TTLs',
  ],
  map(r, d) {
    d.event.category = ['network'];
    d.event.type = ['protocol'];
    const proto = text(r.proto);
    d.network = proto === undefined ? { protocol: 'dns' } : { transport: proto, protocol: 'dns' };

    const answers = r.answers;
    const rcode = text(r.rcode_name);
    const hasAnswers = Array.isArray(answers) && answers.length > 0;
    const record: Dns = { type: hasAnswers || rcode !== undefined ? 'answer' : 'query' };
    const id = numeric(r.trans_id);
    if (id !== undefined) record.id = String(id);
    const opcode = text(r.opcode_name);
    if (opcode !== undefined) record.op_code = opcode.toUpperCase();
    if (rcode !== undefined) {
      record.response_code = rcode;
      d.event.outcome = rcode === 'NOERROR' ? 'success' : 'failure';
    }
    const flags = headerFlags(r);
    if (flags !== undefined) record.header_flags = flags;
    const question: NonNullable<Dns['question']> = {};
    const query = text(r.query);
    if (query !== undefined) question.name = query;
    const qtype = text(r.qtype_name);
    if (qtype !== undefined) question.type = qtype;
    const qclass = text(r.qclass_name);
    if (qclass !== undefined) question.class = qclass;
    if (hasKeys(question)) record.question = question;
    if (hasAnswers) addAnswers(record, answers, r.TTLs);
    d.dns = record;
  },
};

function headerFlags(r: Readonly<Record<string, unknown>>): string[] | undefined {
  let flags: string[] | undefined;
  if (flag(r.AA) === true) (flags ??= []).push('AA');
  if (flag(r.TC) === true) (flags ??= []).push('TC');
  if (flag(r.RD) === true) (flags ??= []).push('RD');
  if (flag(r.RA) === true) (flags ??= []).push('RA');
  return flags;
}

function addAnswers(record: Dns, answers: readonly unknown[], ttls: unknown): void {
  const list: Answer[] = [];
  let resolved: string[] | undefined;
  for (let i = 0; i < answers.length; i++) {
    const data = String(answers[i]);
    const ttl = Array.isArray(ttls) ? numeric(ttls[i]) : undefined;
    list.push(ttl === undefined ? { data } : { data, ttl });
    if (isAddress(data)) (resolved ??= []).push(data);
  }
  record.answers = list;
  if (resolved !== undefined) record.resolved_ip = resolved;
}
