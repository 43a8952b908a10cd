// Loads log-source pipelines (the YAML files in this folder, or an administrator's own) and
// answers the engine's two questions: which routes a rule's logsource means, and which route keys
// an event is filed under.
//
// A file is `defaults` (fields, default_prefix, keywords, where) and `logsources`, a list of
// `{ logsource: {product?, category? | service?}, routes: [...], fields?, ... }`. A route is a
// Windows channel (`channel`, optional `event_ids`; `'*'` = every channel) or a dataset
// (`dataset`, optional event `action`, `product` defaulting to the dataset's first part). Fields
// merge defaults < entry < route. `service: '*'` with `dataset: 'zeek.*'` stands for every
// service of that product not listed otherwise. A later file's entry for the same logsource
// replaces an earlier one, so a site file can override the built-in mapping.
//
// Resolution (case-insensitive): category and service narrow, product widens. A category or a
// service alone takes the routes of every entry naming it whose product agrees with the rule's
// (an entry without product serves every product; a rule with a product keeps only that
// product's routes). A rule with both takes the category's routes that lie within the service's
// (`process_creation` + `security` = Security 4688 only; + `system` = nothing), because an event
// must then be both. A product alone takes its product-only entry (`windows` = every channel).
// Anything else, or an unknown name, resolves to [].
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Type, { type Static } from 'typebox';
import { isNode, type Document } from 'yaml';
import { ChanceryError, type Problem } from '../../../core/index.ts';
import { validateDocument } from '../../../config/validate.ts';
import type { LogsourcePipeline } from './types.ts';
import { RouteTable, type Entry, type ProductRoute } from './route-table.ts';

const Paths = Type.Array(Type.String({ minLength: 1 }), { minItems: 1 });
const Options = {
  fields: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Paths)),
  default_prefix: Type.Optional(Type.String({ minLength: 1 })),
  keywords: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  where: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Paths)),
  /** The Sigma field a route key's last part stands for (Windows: EventID); see Route.refineBy. */
  refine_by: Type.Optional(Type.String({ minLength: 1 })),
};
const Name = Type.Optional(Type.String({ minLength: 1 }));
const RouteSchema = Type.Object(
  {
    channel: Name,
    event_ids: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0, maximum: 65535 }), { minItems: 1 }),
    ),
    dataset: Name,
    action: Name,
    product: Name,
    ...Options,
  },
  { additionalProperties: false },
);
const EntrySchema = Type.Object(
  {
    logsource: Type.Object(
      { product: Name, category: Name, service: Name },
      { additionalProperties: false },
    ),
    routes: Type.Array(RouteSchema, { minItems: 1 }),
    ...Options,
  },
  { additionalProperties: false },
);
const FileSchema = Type.Object(
  {
    defaults: Type.Optional(Type.Object(Options, { additionalProperties: false })),
    logsources: Type.Array(EntrySchema),
  },
  { additionalProperties: false },
);
type PipelineFile = Static<typeof FileSchema>;
type EntryData = Static<typeof EntrySchema>;
type RouteData = Static<typeof RouteSchema>;
type OptionsData = PipelineFile['defaults'];

const BUILT_IN = ['windows.yml', 'network.yml'].map((name) =>
  fileURLToPath(new URL(name, import.meta.url)),
);

/** The built-in mappings: Windows channels, Zeek and Suricata datasets. */
export function loadDefaultPipeline(): LogsourcePipeline {
  return loadPipeline(BUILT_IN);
}

/** Files in order (later entries override earlier ones); every problem of every file is reported. */
export function loadPipeline(files: readonly string[]): LogsourcePipeline {
  const entries = new Map<string, Entry>();
  const problems: Problem[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      problems.push({ file, message: `cannot read: ${(error as Error).message}` });
      continue;
    }
    const checked = validateDocument<PipelineFile>(FileSchema, text, file);
    problems.push(...checked.problems);
    if (checked.value === undefined) continue;
    const at = locator(file, text, checked.document);
    const seen = new Set<string>();
    checked.value.logsources.forEach((data, index) => {
      const issues = checkEntry(data, (path, message) =>
        at(['logsources', index, ...path], message),
      );
      problems.push(...issues);
      if (issues.length > 0) return;
      const entry = buildEntry(data, checked.value?.defaults);
      const key = entryKey(entry);
      if (seen.has(key))
        problems.push(at(['logsources', index, 'logsource'], 'duplicate logsource'));
      seen.add(key);
      entries.set(key, entry);
    });
  }
  if (problems.length > 0)
    throw new ChanceryError('CHN_ERR_CONFIG_INVALID', 'log-source pipeline has problems', problems);
  return new RouteTable([...entries.values()]);
}

type Locate = (path: readonly (string | number)[], message: string) => Problem;

/** What the schema cannot say: which keys go together. */
function checkEntry(data: EntryData, at: Locate): Problem[] {
  const problems: Problem[] = [];
  const { product, category, service } = data.logsource;
  if (product === undefined && category === undefined && service === undefined)
    problems.push(at(['logsource'], 'a logsource needs a product, a category or a service'));
  if (category !== undefined && service !== undefined)
    problems.push(
      at(['logsource'], 'give a category or a service, not both (rules with both intersect)'),
    );
  const template = service === '*';
  data.routes.forEach((route, index) => {
    const here = (message: string): void => {
      problems.push(at(['routes', index], message));
    };
    if ((route.channel === undefined) === (route.dataset === undefined))
      here('a route has either a channel or a dataset');
    if (route.channel === undefined && route.event_ids !== undefined)
      here('event_ids go with a channel');
    if (route.dataset === undefined && (route.action !== undefined || route.product !== undefined))
      here('action and product go with a dataset');
    if (template !== (route.dataset?.includes('*') ?? false))
      here("a dataset with '*' goes with service '*', and service '*' needs one");
  });
  return problems;
}

function buildEntry(data: EntryData, defaults: OptionsData): Entry {
  const { product, category, service } = data.logsource;
  const lower = (name: string | undefined): string | undefined => name?.toLowerCase();
  return {
    product: lower(product),
    category: lower(category),
    service: lower(service),
    routes: data.routes.flatMap((route) => buildRoutes(route, data, defaults)),
  };
}

function buildRoutes(route: RouteData, entry: EntryData, defaults: OptionsData): ProductRoute[] {
  const fields = Object.freeze({ ...defaults?.fields, ...entry.fields, ...route.fields });
  const defaultPrefix = route.default_prefix ?? entry.default_prefix ?? defaults?.default_prefix;
  const keywords = Object.freeze([
    ...(route.keywords ?? entry.keywords ?? defaults?.keywords ?? []),
  ]);
  const where = Object.entries({ ...defaults?.where, ...entry.where, ...route.where }).map(
    ([path, values]) => ({ path, values }),
  );
  const refineBy = route.refine_by ?? entry.refine_by ?? defaults?.refine_by;
  const base = {
    fields,
    keywords,
    ...(defaultPrefix === undefined ? {} : { defaultPrefix }),
    ...(where.length === 0 ? {} : { where }),
  };
  if (route.dataset !== undefined) {
    const dot = route.dataset.indexOf('.');
    const product = route.product ?? (dot === -1 ? route.dataset : route.dataset.slice(0, dot));
    const key = `dataset:${route.dataset}${route.action === undefined ? '' : `:${route.action}`}`;
    return [{ ...base, key, product: product.toLowerCase() }];
  }
  const channel = route.channel === undefined ? '*' : route.channel.toLowerCase();
  const ids = route.event_ids?.map(String) ?? ['*'];
  // Events carry no `windows:*:<id>` key, so a route over every channel is never narrowed.
  const refine = refineBy === undefined || channel === '*' ? {} : { refineBy };
  return ids.map((id) => ({
    ...base,
    ...refine,
    key: `windows:${channel}:${id}`,
    product: 'windows',
  }));
}

function entryKey(entry: Entry): string {
  return `${entry.product ?? ''}/${entry.category ?? ''}/${entry.service ?? ''}`;
}

/** A problem at a path of the document, with the line and column of the node there. */
function locator(file: string, text: string, document: Document): Locate {
  return (path, message) => {
    const node = document.getIn(path, true);
    const offset = isNode(node) && node.range ? node.range[0] : undefined;
    if (offset === undefined) return { file, message, path: `/${path.join('/')}` };
    let line = 1;
    let start = 0;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
      line++;
      start = i + 1;
    }
    return { file, line, column: offset - start + 1, path: `/${path.join('/')}`, message };
  };
}
