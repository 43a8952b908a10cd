// What both renderers take besides the sections.
import { DEFAULT_TLP, type Tlp } from './tlp.ts';

export interface RenderOptions {
  /** Heading and document title; `reportTitle(incident)` gives the usual one. */
  title?: string;
  /** The TLP marking on every page; TLP:AMBER when not given. */
  tlp?: Tlp;
  /** When the report was produced (ISO 8601); now when not given. */
  generatedAt?: string;
}

export interface ResolvedRenderOptions {
  title: string;
  tlp: Tlp;
  generatedAt: string;
}

export function resolveRenderOptions(options: RenderOptions = {}): ResolvedRenderOptions {
  return {
    title: options.title ?? 'Incident report',
    tlp: options.tlp ?? DEFAULT_TLP,
    generatedAt: options.generatedAt ?? new Date().toISOString(),
  };
}
