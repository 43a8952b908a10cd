// EVE dns -> ECS dns.*, for both shapes Suricata writes:
//   v2 (Suricata <= 7): {type: query|answer, id, rrname, rrtype, rcode, answers[] | grouped{}}
//     (v1-style answer records carry one rrname/rdata/ttl at the top instead of answers[]);
//   v3 (Suricata 8 default): {type: request|response, queries[{rrname, rrtype}], answers[]}.
import type { EventDraft } from '../../core/index.ts';
import { num, obj, objects, str, type Json } from './values.ts';

type Dns = NonNullable<EventDraft['dns']>;
type Answer = NonNullable<Dns['answers']>[number];

const OPCODES: Readonly<Record<number, string>> = {
  0: 'QUERY',
  1: 'IQUERY',
  2: 'STATUS',
  4: 'NOTIFY',
  5: 'UPDATE',
};
const FLAG_KEYS: readonly (readonly [string, string])[] = [
  ['aa', 'AA'],
  ['tc', 'TC'],
  ['rd', 'RD'],
  ['ra', 'RA'],
  ['ad', 'AD'],
  ['cd', 'CD'],
];

export function mapDns(eve: Json, d: EventDraft, withOutcome: boolean): void {
  const details = obj(eve.dns);
  if (details === undefined) return;
  (d.network ??= {}).protocol = 'dns';
  const type = details.type;
  const isAnswer = type === 'answer' || type === 'response';
  const record: Dns = { type: isAnswer ? 'answer' : 'query' };
  const id = str(details.id);
  if (id !== undefined) record.id = id;
  const opcode = num(details.opcode);
  if (opcode !== undefined) record.op_code = OPCODES[opcode] ?? String(opcode);
  const rcode = str(details.rcode);
  if (rcode !== undefined && isAnswer) {
    record.response_code = rcode;
    if (withOutcome) d.event.outcome = rcode === 'NOERROR' ? 'success' : 'failure';
  }
  let flags: string[] | undefined;
  for (const [key, flag] of FLAG_KEYS) if (details[key] === true) (flags ??= []).push(flag);
  if (flags !== undefined) record.header_flags = flags;

  const query = objects(details.queries)[0];
  const name = str(query?.rrname) ?? str(details.rrname);
  const rrtype = str(query?.rrtype) ?? str(details.rrtype);
  if (name !== undefined || rrtype !== undefined) {
    const question: NonNullable<Dns['question']> = {};
    if (name !== undefined) question.name = name;
    if (rrtype !== undefined) question.type = rrtype;
    record.question = question;
  }
  if (isAnswer) addAnswers(record, details);
  d.dns = record;
}

function addAnswers(record: Dns, details: Json): void {
  const answers: Answer[] = [];
  for (const entry of objects(details.answers)) answers.push(answerOf(entry));
  if (answers.length === 0 && details.rdata !== undefined) answers.push(answerOf(details));
  if (answers.length === 0) {
    // `grouped` answer format: {A: ["1.2.3.4"], CNAME: ["x.example"]}.
    const grouped = obj(details.grouped);
    if (grouped !== undefined) {
      for (const type in grouped) {
        const values = grouped[type];
        if (!Array.isArray(values)) continue;
        for (const value of values as unknown[]) {
          const data = typeof value === 'string' ? value : JSON.stringify(value);
          answers.push({ type, data });
        }
      }
    }
  }
  if (answers.length === 0) return;
  record.answers = answers;
  let resolved: string[] | undefined;
  for (const answer of answers) {
    if ((answer.type === 'A' || answer.type === 'AAAA') && answer.data !== undefined)
      (resolved ??= []).push(answer.data);
  }
  if (resolved !== undefined) record.resolved_ip = resolved;
}

function answerOf(entry: Json): Answer {
  const answer: Answer = {};
  const name = str(entry.rrname);
  if (name !== undefined) answer.name = name;
  const type = str(entry.rrtype);
  if (type !== undefined) answer.type = type;
  const rdata = entry.rdata;
  const data =
    typeof rdata === 'string' ? rdata : rdata === undefined ? undefined : JSON.stringify(rdata);
  if (data !== undefined && data !== '') answer.data = data;
  const ttl = num(entry.ttl);
  if (ttl !== undefined) answer.ttl = ttl;
  return answer;
}
