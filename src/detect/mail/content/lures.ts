// Lure language: what the message asks the reader to feel and do. Phrase families in the
// languages of the corpora we test on (English, Japanese, Portuguese, Spanish, French, German,
// Dutch); each family is one finding however many of its phrases appear, and its weight grows a
// little with the number of distinct phrases, so one stray word in a long thread weighs little.
import type { Finding } from '../finding.ts';

export type LureFamily =
  | 'credential'
  | 'payment'
  | 'delivery'
  | 'prize'
  | 'urgency'
  | 'crypto'
  | 'bec'
  | 'meeting'
  | 'extortion';

interface FamilyRule {
  family: LureFamily;
  /** Weight with one phrase; each further distinct phrase adds `step` up to `max`. */
  base: number;
  step: number;
  max: number;
  phrases: RegExp;
  /** Deceptive families feed the phishing verdict; the others only colour it. */
  deceptive: boolean;
}

const FAMILIES: readonly FamilyRule[] = [
  {
    family: 'credential',
    base: 0.3,
    step: 0.12,
    max: 0.65,
    deceptive: true,
    phrases:
      /verify your (?:account|identity|email|wallet)|confirm your (?:account|identity|email|details|information)|(?:account|mailbox|wallet) (?:has been |was |is )?(?:suspended|locked|disabled|on hold|flagged|restricted|deactivated|compromised|unverified)|unusual (?:sign-?in|login|activity)|(?:password|mailbox) (?:will )?expire|re-?activate your|update your (?:payment|billing|account)|validate your|review your account|(?:new |suspicious )?(?:login|sign-?in) attempt|two-factor|\b2fa\b|security alert|suspicious activity|kyc|sign in to (?:view|review|restore)|(?:sua|seu) (?:conta|senha|acesso|cpf)|(?:senha|acesso) (?:bloquead|suspens)|novo acesso|konto (?:wurde |ist )?(?:gesperrt|eingeschränkt)|verifizieren sie|bestätigen sie ihr|votre compte|vérifiez votre|confirmez votre|su cuenta|verifique su|uw account|uw rekening|wij hebben geprobeerd u|アカウント(?:が|を)?(?:停止|ロック|確認|更新)|パスワード(?:の)?(?:変更|更新|期限)|本人確認/g,
  },
  {
    family: 'payment',
    base: 0.2,
    step: 0.08,
    max: 0.45,
    deceptive: true,
    phrases:
      /(?:overdue|outstanding|unpaid|due) (?:invoice|payment|balance)|invoice (?:payment|attached|due)|payment (?:failed|declined|on hold|pending|confirmation)|billing (?:problem|issue|information)|tax refund|order confirmation|(?:subscription|membership|plan) (?:has been |was |will be )?(?:renewed|charged|cancell?ed|expired?)|auto-?renew(?:al)?|refund (?:is )?(?:ready|pending|available)|wire transfer|remittance|proof of payment|nota fiscal|boleto|pagamento|fatura|valores a receber|valor bloqueado|libera[çc][ãa]o pendente|rechnung|zahlung|facture|paiement|factura|請求書|支払い|振込/g,
  },
  {
    family: 'delivery',
    base: 0.2,
    step: 0.08,
    max: 0.4,
    deceptive: true,
    phrases:
      /(?:parcel|package|shipment|delivery|item) (?:is |was |being )?(?:held|on hold|suspended|pending|could not be delivered|failed)|customs (?:fee|duty|charge)|redelivery|tracking number|encomenda|alfand[eê]g|pedido (?:est[aá] )?(?:retido|taxado|pendente)|sendung|paket|colis|livraison|paquete|不在|配達/g,
  },
  {
    family: 'prize',
    base: 0.35,
    step: 0.1,
    max: 0.6,
    deceptive: true,
    phrases:
      /(?:you(?:'ve| have)? (?:won|been selected)|winner|lottery|jackpot|prize|inheritance|beneficiary|compensation fund|donat(?:ed|ion) (?:of )?\$|unclaimed|claim your (?:reward|prize|gift)|gift card|free gift|congratulations|ganhou|pr[eê]mio|resgate|saldo dispon[ií]vel|gewinn(?:spiel|en)?|geschenkkarte|cadeaukaart|gewonnen|verloten|gagn[ée]|ganador|当選|賞金)/g,
  },
  {
    family: 'urgency',
    base: 0.1,
    step: 0.05,
    max: 0.25,
    deceptive: false,
    phrases:
      /\burgent(?:ly)?\b|immediately|as soon as possible|within (?:24|48|72) hours|final (?:notice|warning|reminder)|action required|last chance|expires? today|avoid (?:suspension|termination|closure)|urgente|imediato|dringend|sofort|imm[ée]diatement|至急|緊急/g,
  },
  {
    family: 'crypto',
    base: 0.35,
    step: 0.1,
    max: 0.5,
    deceptive: true,
    phrases:
      /\bbitcoin\b|\bbtc\b|\busdt\b|\bwallet (?:address|seed|phrase)|recovery phrase|seed phrase|metamask|trust ?wallet|crypto(?:currency)? (?:withdrawal|payout|balance)|withdraw (?:your )?(?:\+?\$?[\d,.]+|funds|balance)|mining balance|airdrop/g,
  },
  {
    family: 'bec',
    base: 0.3,
    step: 0.1,
    max: 0.55,
    deceptive: true,
    phrases:
      /are you (?:available|at your desk)|(?:i need|buy) (?:you to )?(?:some )?(?:gift cards?|itunes cards?)|change (?:of|in) (?:bank|banking|account) (?:details|information)|new (?:bank|banking) details|keep (?:this|it) confidential|(?:quick|small) favou?r/g,
  },
  {
    family: 'meeting',
    base: 0.05,
    step: 0.05,
    max: 0.15,
    deceptive: false,
    phrases:
      /\bagenda\b|meeting (?:materials|minutes|schedule|invitation)|conference|summit|delegation|briefing|itinerary|visit of|bilateral|会議|会合|資料|議事/g,
  },
  {
    family: 'extortion',
    base: 0.4,
    step: 0.1,
    max: 0.6,
    deceptive: true,
    phrases:
      /your (?:device|computer|account) (?:has been|was) (?:hacked|compromised)|i (?:have )?recorded you|pay (?:me )?in bitcoin|your data (?:is|was) stolen|webcam/g,
  },
];

const MAX_SCAN = 64 * 1024;

export interface LureHit {
  family: LureFamily;
  phrases: string[];
  weight: number;
  deceptive: boolean;
}

/** Lure families in the subject, attachment names and text body (first 64 KiB), strongest first. */
export function lureHits(subject: string, text: string, names: readonly string[] = []): LureHit[] {
  // Attachment names count: `Active__mining__balance__0.7495__BTC.pdf` is a lure on its own.
  // Lower case once: the phrase patterns are written in lower case and run without /i, which
  // lets the regex engine skip ahead on their first characters.
  const haystack =
    `${subject}\n${names.join('\n').replace(/[_.]+/g, ' ')}\n${text.slice(0, MAX_SCAN)}`.toLowerCase();
  const hits: LureHit[] = [];
  for (const rule of FAMILIES) {
    const phrases = new Set<string>();
    for (const match of haystack.matchAll(rule.phrases)) {
      phrases.add(match[0]);
      if (phrases.size >= 8) break;
    }
    if (phrases.size === 0) continue;
    const weight = Math.min(rule.max, rule.base + rule.step * (phrases.size - 1));
    hits.push({ family: rule.family, phrases: [...phrases], weight, deceptive: rule.deceptive });
  }
  return hits.sort((a, b) => b.weight - a.weight);
}

export function lureFindings(hits: readonly LureHit[]): Finding[] {
  return hits.map((hit) => ({
    code: `lure-${hit.family}`,
    weight: Math.round(hit.weight * 100) / 100,
    reason: `${hit.family} lure: ${hit.phrases
      .slice(0, 4)
      .map((phrase) => `"${phrase}"`)
      .join(', ')}`,
  }));
}
