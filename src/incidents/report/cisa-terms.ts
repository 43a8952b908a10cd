// Our severity factors in the exact category names of the CISA Federal Incident Notification
// Guidelines, so a report can be copied into the authority's form without translation. Where our
// scale is coarser than CISA's, the mapping picks the nearest category; these choices are ours,
// not CISA's, and are marked as such in the report.
import type { IncidentCategory, SeverityFactors } from '../../core/index.ts';

export const FUNCTIONAL_IMPACT: Readonly<Record<SeverityFactors['functional_impact'], string>> = {
  none: 'NO IMPACT',
  low: 'MINIMAL IMPACT TO NON-CRITICAL SERVICES',
  medium: 'SIGNIFICANT IMPACT TO NON-CRITICAL SERVICES',
  high: 'SIGNIFICANT IMPACT TO CRITICAL SERVICES',
};

export const INFORMATION_IMPACT: Readonly<Record<SeverityFactors['information_impact'], string>> = {
  none: 'NO IMPACT',
  suspected: 'SUSPECTED BUT NOT IDENTIFIED',
  privacy: 'PRIVACY DATA BREACH',
  proprietary: 'PROPRIETARY INFORMATION BREACH',
  classified: 'CRITICAL SYSTEMS DATA BREACH',
};

export const RECOVERABILITY: Readonly<Record<SeverityFactors['recoverability'], string>> = {
  regular: 'REGULAR',
  supplemented: 'SUPPLEMENTED',
  extended: 'EXTENDED',
  'not-recoverable': 'NOT RECOVERABLE',
};

/** Open LAN ≈ level 2 and the closed classified network ≈ level 6, as our reference notes map them. */
export const LOCATION: Readonly<Record<SeverityFactors['location'], string>> = {
  external: 'LEVEL 1 BUSINESS DMZ',
  'open-lan': 'LEVEL 2 BUSINESS NETWORK',
  'several-sites': 'LEVEL 2 BUSINESS NETWORK',
  'closed-network': 'LEVEL 6 CRITICAL SYSTEMS',
};

/** Our location values in words, for readers who do not know the CISA levels. */
export const LOCATION_WORDS: Readonly<Record<SeverityFactors['location'], string>> = {
  external: 'at the boundary (mail gateway or perimeter), not inside the network',
  'open-lan': 'on the open (internet-connected) LAN of a site',
  'several-sites': 'on the open LANs of several sites',
  'closed-network': 'on the closed (classified) network',
};

/** CISA attack vector codes (NIEM AttackVectorCategoryCode) by our incident category. */
export const ATTACK_VECTOR: Readonly<Record<IncidentCategory, string>> = {
  spam: 'Email/Phishing',
  phishing: 'Email/Phishing',
  'targeted-mail': 'Email/Phishing',
  malware: 'Unknown',
  'command-and-control': 'Unknown',
  exfiltration: 'Unknown',
  // A network without internet access is usually reached through removable media.
  'closed-network-breach': 'External/Removable Media',
  'known-bad-indicator': 'Unknown',
  'suspicious-activity': 'Unknown',
};

export const STAGE_WORDS: Readonly<Record<SeverityFactors['stage'], string>> = {
  delivery: 'delivery: the attack reached users or hosts; no execution seen',
  execution: 'execution: malicious code ran on at least one host',
  'command-and-control': 'command and control: a host talked to attacker infrastructure',
  exfiltration: 'exfiltration: data left the network',
};
