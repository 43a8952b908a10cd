// Weaponized mail for tests and the benchmark, built in code from the container and Office
// fixtures: what the real corpora lack. Each message is the 2011 pattern — a look-alike sender,
// a lure about a real meeting, a handful of recipients inside — carrying one kind of weapon.
import { buildMessage, type BuiltAttachment } from '../mail-builder.ts';
import {
  buildIso,
  buildZip,
  credentialHtml,
  minimalPe,
  powershellLnk,
  RTLO_NAME,
  smugglingHtml,
} from './containers.ts';
import { equationRtf, macroDoc, macroDocm, packageRtf, remoteTemplateDocx } from './office.ts';

export interface WeaponSample {
  /** What the message carries, e.g. `exe in zip`. */
  weapon: string;
  attachment: BuiltAttachment;
  /** Extra body text (an archive password, say). */
  body?: string;
}

/** One sample per Office weapon: macros (OLE and OOXML), a remote template, RTF objects. */
export async function officeWeapons(): Promise<WeaponSample[]> {
  return [
    { weapon: 'Word 97 macro (AutoOpen)', attachment: { name: 'agenda.doc', bytes: macroDoc() } },
    {
      weapon: 'macro-enabled .docm',
      attachment: { name: 'agenda.docm', bytes: await macroDocm() },
    },
    {
      weapon: 'remote template',
      attachment: { name: 'agenda.docx', bytes: await remoteTemplateDocx() },
    },
    {
      weapon: 'RTF Equation Editor object',
      attachment: { name: 'minutes.rtf', bytes: equationRtf() },
    },
    { weapon: 'RTF packaged executable', attachment: { name: 'minutes.rtf', bytes: packageRtf() } },
  ];
}

/** One sample per container weapon. */
export async function containerWeapons(): Promise<WeaponSample[]> {
  const pe = minimalPe();
  return [
    {
      weapon: 'exe in zip',
      attachment: {
        name: 'agenda.zip',
        bytes: await buildZip([{ name: 'agenda.pdf.exe', bytes: pe }]),
      },
    },
    {
      weapon: 'encrypted zip, password in the body',
      attachment: {
        name: 'minutes.zip',
        bytes: await buildZip([{ name: 'minutes.scr', bytes: pe }], {
          password: 'mofa2011',
          zipCrypto: true,
        }),
      },
      body: 'The file is protected. Password: mofa2011',
    },
    { weapon: 'RTLO name', attachment: { name: RTLO_NAME, bytes: pe } },
    {
      weapon: 'LNK in zip',
      attachment: {
        name: 'briefing.zip',
        bytes: await buildZip([{ name: 'briefing.pdf.lnk', bytes: powershellLnk() }]),
      },
    },
    {
      weapon: 'ISO with exe',
      attachment: {
        name: 'itinerary.iso',
        bytes: buildIso([{ name: 'ITINERARY.EXE', bytes: pe }]),
      },
    },
    {
      weapon: 'HTML smuggling',
      attachment: {
        name: 'document.html',
        mime: 'text/html',
        bytes: Buffer.from(
          smugglingHtml(await buildZip([{ name: 'doc.exe', bytes: pe }]), 'doc.zip'),
        ),
      },
    },
    {
      weapon: 'credential form',
      attachment: {
        name: 'invoice.html',
        mime: 'text/html',
        bytes: Buffer.from(credentialHtml('https://collect.example.net/p.php')),
      },
    },
  ];
}

export interface TargetedOptions {
  /** Recipients inside the organization (default two at mofa.go.jp). */
  to?: string[];
  date?: string;
}

/** The 2011 lure: the minister's name on a look-alike domain, a real meeting, a weapon. */
export function targetedMessage(sample: WeaponSample, options: TargetedOptions = {}): Buffer {
  return buildMessage({
    from: '"Taro Yamada" <taro.yamada@mofa-go.jp>',
    to: options.to ?? ['ichiro.sato@mofa.go.jp', 'hanako.ito@mofa.go.jp'],
    subject: 'Revised agenda: ASEAN Regional Forum senior officials meeting',
    ...(options.date === undefined ? {} : { date: options.date }),
    text: `Dear colleagues,\n\nPlease find the revised agenda for Tuesday's meeting attached.\n${sample.body ?? ''}\n\nTaro Yamada`,
    attachments: [sample.attachment],
  });
}

/** Every weapon as a targeted message, for the benchmark's mix. */
export async function weaponizedMessages(): Promise<Buffer[]> {
  return [...(await containerWeapons()), ...(await officeWeapons())].map((sample) =>
    targetedMessage(sample),
  );
}
