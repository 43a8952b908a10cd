// Password-encrypted Office files: content scanners (and the mail gateway) see nothing inside,
// which is why they arrive with the password in the message body.
import type { Finding } from '../../finding.ts';
import type { OleFile } from './cfb.ts';

/** How `ole` is encrypted ('' when it is not, as far as cheap checks tell). */
export function encryptionOf(ole: OleFile): string {
  if (ole.stream('EncryptionInfo') !== undefined || ole.stream('EncryptedPackage') !== undefined) {
    return 'an encrypted OOXML package (EncryptionInfo)';
  }
  // Word 97: FibBase flags at 0x0A; fEncrypted is bit 8 (MS-DOC §2.5.2).
  const word = ole.stream('WordDocument');
  if (word !== undefined && word.length > 0x0b && ((word[0x0b] ?? 0) & 0x01) !== 0) {
    return 'an encrypted Word 97 document (FIB fEncrypted)';
  }
  if (ole.stream('EncryptedSummary') !== undefined) {
    return 'an encrypted PowerPoint document (EncryptedSummary)';
  }
  return '';
}

/** The `encrypted-office` finding. */
export function encryptedFinding(how: string): Finding {
  return {
    code: 'encrypted-office',
    weight: 0.5,
    kind: 'evasion',
    reason: `${how}: its content cannot be inspected`,
  };
}
