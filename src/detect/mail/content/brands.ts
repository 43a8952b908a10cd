// Brand impersonation: a display name or subject that names a bank, a parcel carrier or a
// software vendor, sent from a domain that is not the brand's. The brand list is short on purpose:
// brands phishing kits copy most (per public phishing trackers), plus the banks of our corpora.
import type { Finding } from '../finding.ts';
import { registrableDomain } from '../sender/lookalike.ts';

interface Brand {
  name: string;
  /** How the brand is written in names and subjects. */
  pattern: RegExp;
  /** Registrable-domain labels the brand really sends from. */
  labels: readonly string[];
}

const BRANDS: readonly Brand[] = [
  ['PayPal', /\bpaypal\b/i, ['paypal']],
  [
    'Microsoft',
    /\bmicrosoft\b|\boffice ?365\b|\boutlook\b|\bonedrive\b|\bsharepoint\b/i,
    ['microsoft', 'office', 'outlook', 'live', 'office365', 'sharepoint', 'onmicrosoft'],
  ],
  ['Apple', /\bapple\b|\bicloud\b|\bitunes\b/i, ['apple', 'icloud']],
  ['Amazon', /\bamazon\b|\bprime membership\b/i, ['amazon', 'amazonses']],
  ['Netflix', /\bnetflix\b/i, ['netflix']],
  ['Google', /\bgoogle\b|\bgmail\b/i, ['google', 'gmail', 'youtube']],
  ['DHL', /\bdhl\b/i, ['dhl']],
  ['USPS', /\busps\b/i, ['usps']],
  ['FedEx', /\bfedex\b/i, ['fedex']],
  ['UPS', /\bups\b(?! and)/, ['ups']],
  ['Correios', /\bcorreios\b/i, ['correios']],
  ['Bradesco', /\bbradesco\b/i, ['bradesco']],
  ['Banco do Brasil', /\bbanco do brasil\b|\bbb ?informa\b/i, ['bb', 'bancodobrasil']],
  ['Itaú', /\bita[uú]\b/i, ['itau']],
  ['Santander', /\bsantander\b/i, ['santander']],
  ['Caixa', /\bcaixa\b/i, ['caixa']],
  [
    'Mercado Pago',
    /\bmercado ?pago\b|\bmercado ?livre\b/i,
    ['mercadopago', 'mercadolivre', 'mercadolibre'],
  ],
  ['Royal Bank of Canada', /\broyal bank\b|\brbc\b/i, ['rbc', 'royalbank']],
  ['Wells Fargo', /\bwells fargo\b/i, ['wellsfargo']],
  ['Chase', /\bchase\b/i, ['chase', 'jpmorgan']],
  ['American Express', /\bamerican express\b|\bamex\b/i, ['americanexpress', 'amex', 'aexp']],
  ['Trust Wallet', /\btrust ?wallet\b/i, ['trustwallet']],
  ['MetaMask', /\bmetamask\b/i, ['metamask']],
  ['Coinbase', /\bcoinbase\b/i, ['coinbase']],
  ['Binance', /\bbinance\b/i, ['binance']],
  ['McAfee', /\bmcafee\b/i, ['mcafee']],
  ['Norton', /\bnorton\b/i, ['norton', 'nortonlifelock']],
  ['IRS', /\birs\b|\blrs\b/i, ['irs']],
  ['DocuSign', /\bdocusign\b/i, ['docusign']],
  ['Adobe', /\badobe\b/i, ['adobe']],
  ['WeTransfer', /\bwetransfer\b/i, ['wetransfer']],
  ['Dropbox', /\bdropbox\b/i, ['dropbox']],
  ['LinkedIn', /\blinkedin\b/i, ['linkedin']],
  ['Facebook', /\bfacebook\b|\bmeta\b/i, ['facebook', 'facebookmail', 'meta']],
].map(([name, pattern, labels]) => ({
  name: name as string,
  pattern: pattern as RegExp,
  labels: labels as string[],
}));

/** A brand named in the display name (strong) or subject (weaker) but not owning the sender domain. */
export function brandImpersonation(
  displayName: string,
  subject: string,
  senderDomain: string,
): Finding | undefined {
  const registrable = registrableDomain(senderDomain) ?? senderDomain;
  const label = registrable.split('.')[0] ?? '';
  for (const [where, text, weight] of [
    ['display name', displayName, 0.6],
    ['subject', subject, 0.35],
  ] as const) {
    if (text === '') continue;
    for (const brand of BRANDS) {
      if (!brand.pattern.test(text)) continue;
      if (brand.labels.some((owned) => label === owned || registrable.includes(owned))) continue;
      return {
        code: where === 'display name' ? 'brand-impersonation-name' : 'brand-impersonation-subject',
        weight,
        reason: `the ${where} names ${brand.name} but the sender domain is ${registrable || '(none)'}`,
      };
    }
  }
  return undefined;
}
