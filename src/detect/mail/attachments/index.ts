// Attachment inspection: one report tree per attachment (see inspect.ts), and the pieces it is
// made of for callers that need one alone.
export {
  inspectAttachment,
  messageBudget,
  type AttachmentInput,
  type ByteBudget,
  type InspectContext,
  type OfficeInspectors,
} from './inspect.ts';
export {
  DEFAULT_LIMITS,
  type AttachmentReport,
  type InnerFile,
  type InspectLimits,
  type InspectorResult,
  type TrueType,
} from './report.ts';
export { trueType, extensionOf } from './sniff.ts';
export { nameFindings, escapeName, DANGEROUS_EXTENSIONS } from './names.ts';
export { passwordsInBody } from './password.ts';
export { inspectZip, type ZipOptions } from './zip.ts';
export { inspectIso, diskImageFinding, type IsoOptions } from './iso.ts';
export { inspectLnk, parseLnk, type ShellLink } from './lnk.ts';
export { inspectHtml, base64Literals, type HtmlOptions } from './html-smuggling.ts';
export { YaraScanner, type YaraCompileError } from './yara.ts';
