// The one shape every mail signal returns (sender, header, body, attachment): a code, a weight and
// a readable reason. Signals are evidence, not verdicts; the mail verdict weighs them together.

export interface Finding {
  /** Stable kebab-case code, e.g. `lookalike-sender`, `reply-to-freemail`, `vba-macro`. */
  code: string;
  /** 0..1: how much this one signal says about the message on its own. */
  weight: number;
  reason: string;
  /**
   * `weaponized`: the content can run code or exploit the reader (executables, macros, RTF
   * exploits, LNK, smuggled payloads). `evasion`: it hides from inspection (encrypted archive,
   * bidi names). Unset: context only. The verdict treats a weaponized attachment very differently.
   */
  kind?: 'weaponized' | 'evasion';
}
