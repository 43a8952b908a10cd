// What a VBA module's source says about its intent: procedures Office runs by itself (AutoOpen,
// Document_Open, Workbook_Open, ActiveX events that fire on load) and the calls droppers and
// downloaders are made of. Regular expressions over the decoded source, each linear.

/** Procedure names Office or ActiveX controls call without the user asking. */
const AUTOEXEC =
  /\b(?:Sub|Function)\s+(Auto_?Open|Auto_?Close|AutoExec|AutoExit|AutoNew|Auto_Activate|Auto_Deactivate|Workbook_(?:Open|Activate|BeforeClose|Close|Deactivate|WindowActivate)|Document_(?:Open|Close|New|BeforeClose|ContentControlOnEnter|ContentControlOnExit)|DocumentOpen|DocumentBeforeClose|App_\w+|\w+_(?:Layout|Painted|GotFocus|Initialize))\s*\(/gi;

const SUSPICIOUS: readonly (readonly [string, RegExp])[] = [
  ['Shell', /(?:^|[\s:=(,])(?:VBA\.|Interaction\.)?Shell\s*(?:\(|\s+["\w])/im],
  ['WScript.Shell', /WScript\.Shell/i],
  ['Shell.Application', /Shell\.Application/i],
  ['ShellExecute', /ShellExecute/i],
  ['CreateObject', /\bCreateObject\s*\(/i],
  ['GetObject', /\bGetObject\s*\(/i],
  ['URLDownloadToFile', /URLDownloadToFile/i],
  ['XMLHTTP', /XMLHTTP|WinHttp\.?WinHttpRequest/i],
  ['ADODB.Stream', /ADODB\.Stream/i],
  ['SaveToFile', /\.SaveToFile\b/i],
  ['powershell', /powershell/i],
  ['cmd /c', /\bcmd(?:\.exe)?\W{0,4}\/[ck]\b/i],
  ['LOLBin', /\b(?:mshta|rundll32|regsvr32|certutil|bitsadmin|wmic|schtasks|msiexec)\b/i],
  ['Environ', /\bEnviron\$?\s*\(/i],
  ['CallByName', /\bCallByName\b/i],
  ['ExecuteExcel4Macro', /ExecuteExcel4Macro/i],
  [
    'Win32 API',
    /\bDeclare\s+(?:PtrSafe\s+)?(?:Function|Sub)\s+\w+\s+Lib\s+"(?:kernel32|ntdll|shell32|urlmon|user32)/i,
  ],
  [
    'shellcode loader',
    /\b(?:VirtualAlloc(?:Ex)?|RtlMoveMemory|CreateThread|WriteProcessMemory|EnumSystemLocales\w*)\b/i,
  ],
  ['StrReverse', /\bStrReverse\s*\(/i],
  ['base64 blob', /[A-Za-z0-9+/]{120,}={0,2}/],
];

const CHR_CALL = /\bChrW?\$?\s*\(/gi;
// Below this many Chr() calls a module is building a line break or a quote, not hiding strings.
const CHR_OBFUSCATION = 10;

export interface SourceScan {
  /** Auto-run procedure names, as written. */
  autoexec: string[];
  /** Names of the suspicious patterns seen. */
  suspicious: string[];
}

/** Auto-run procedures and suspicious patterns in one module's source. */
export function scanSource(source: string): SourceScan {
  const autoexec = new Set<string>();
  for (const match of source.matchAll(AUTOEXEC)) {
    if (match[1] !== undefined) autoexec.add(match[1]);
    if (autoexec.size >= 16) break;
  }
  const suspicious = SUSPICIOUS.filter(([, pattern]) => pattern.test(source)).map(([name]) => name);
  CHR_CALL.lastIndex = 0;
  let chr = 0;
  while (chr < CHR_OBFUSCATION && CHR_CALL.exec(source) !== null) chr++;
  if (chr >= CHR_OBFUSCATION) suspicious.push('Chr() obfuscation');
  return { autoexec: [...autoexec], suspicious };
}
