// Loads the log-source pipelines (YAML data in this folder, or an administrator's own files) and
// answers the two questions the engine asks: which routes a rule's log source means, and which
// route keys an event is filed under.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Type, { type Static } from 'typebox';
import { ChanceryError, type EcsEvent } from '../../../core/index.ts';
import { validateDocument } from '../../../config/validate.ts';
import type { LogSource } from '../rule/model.ts';
import type { LogsourcePipeline, Route } from './types.ts';

const Paths = Type.Array(Type.String({ minLength: 1 }), { minItems: 1 });
const Fields = Type.Record(Type.String(), Paths);

const WindowsRoute = Type.Object(
  {
    channel: Type.String({ minLength: 1 }),
    event_ids: Type.Array(Type.Integer({ minimum: 0 }), { minItems: 1 }),
    fields: Type.Optional(Fields),
    where: Type.Optional(Type.Record(Type.String(), Type.Array(Type.String()))),
  },
  { additionalProperties: false },
);

const WindowsFile = Type.Object(
  {
    kind: Type.Literal('windows'),
    defaults: Type.Object(
      { fields: Fields, default_prefix: Type.String(), keywords: Type.Array(Type.String()) },
      { additionalProperties: false },
    ),
    channels: Type.Optional(Type.Record(Type.String(), Type.String())),
    categories: Type.Record(Type.String(), Type.Array(WindowsRoute)),
    services: Type.Record(Type.String(), Type.Array(Type.String(), { minItems: 1 })),
    service_fields: Type.Optional(Type.Record(Type.String(), Fields)),
  },
  { additionalProperties: false },
);

const DatasetsFile = Type.Object(
  {
    kind: Type.Literal('datasets'),
    common: Fields,
    keywords: Type.Array(Type.String()),
    logsources: Type.Array(
      Type.Object(
        {
          logsource: Type.Object(
            {
              product: Type.Optional(Type.String()),
              category: Type.Optional(Type.String()),
              service: Type.Optional(Type.String()),
            },
            { additionalProperties: false },
          ),
          routes: Type.Array(
            Type.Object(
              { dataset: Type.String({ minLength: 1 }), action: Type.Optional(Type.String()) },
              { additionalProperties: false },
            ),
            { minItems: 1 },
          ),
          fields: Type.Optional(Fields),
          default_prefix: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const PipelineFile = Type.Union([WindowsFile, DatasetsFile]);
type WindowsFile = Static<typeof WindowsFile>;
type DatasetsFile = Static<typeof DatasetsFile>;

const BUILT_IN = ['windows.yml', 'network.yml'].map((name) =>
  fileURLToPath(new URL(name, import.meta.url)),
);

export function loadDefaultPipeline(): LogsourcePipeline {
  return loadPipeline(BUILT_IN);
}

export function loadPipeline(files: readonly string[]): LogsourcePipeline {
  const table = new RouteTable();
  for (const file of files) {
    const checked = validateDocument<Static<typeof PipelineFile>>(
      PipelineFile,
      readFileSync(file, 'utf8'),
      file,
    );
    if (checked.value === undefined)
      throw new ChanceryError(
        'CHN_ERR_CONFIG_INVALID',
        `log-source pipeline ${file} has problems`,
        checked.problems,
      );
    if (checked.value.kind === 'windows') table.addWindows(checked.value);
    else table.addDatasets(checked.value);
  }
  return table;
}

/** Log-source keys are `product/category/service` with `-` for a part the entry leaves open. */
function logsourceKey(product?: string, category?: string, service?: string): string {
  return [product ?? '-', category ?? '-', service ?? '-'].join('/').toLowerCase();
}

class RouteTable implements LogsourcePipeline {
  private readonly byLogsource = new Map<string, Route[]>();
  /** `zeek.*`-style entries: the service names the dataset. */
  private readonly templates = new Map<string, Route[]>();
  private readonly windowsKeys = new Map<string, readonly string[]>();
  private readonly datasetKeys = new Map<string, readonly string[]>();

  addWindows(file: WindowsFile): void {
    const base = {
      fields: file.defaults.fields,
      defaultPrefix: file.defaults.default_prefix,
      keywords: file.defaults.keywords,
    };
    for (const [category, routes] of Object.entries(file.categories))
      this.add(
        logsourceKey('windows', category),
        routes.flatMap((route) =>
          route.event_ids.map((id) => ({
            ...base,
            key: windowsKey(route.channel, String(id)),
            fields: { ...base.fields, ...route.fields },
            ...(route.where === undefined
              ? {}
              : { where: Object.entries(route.where).map(([path, values]) => ({ path, values })) }),
          })),
        ),
      );
    for (const [service, channels] of Object.entries(file.services))
      this.add(
        logsourceKey('windows', undefined, service),
        channels.map((channel) => ({
          ...base,
          key: windowsKey(channel, '*'),
          fields: { ...base.fields, ...file.service_fields?.[service] },
        })),
      );
    this.add(logsourceKey('windows'), [{ ...base, key: windowsKey('*', '*') }]);
  }

  addDatasets(file: DatasetsFile): void {
    for (const entry of file.logsources) {
      const { product, category, service } = entry.logsource;
      const routes = entry.routes.map((route) => ({
        key: `dataset:${route.dataset}${route.action === undefined ? '' : `:${route.action}`}`,
        fields: { ...file.common, ...entry.fields },
        keywords: file.keywords,
        ...(entry.default_prefix === undefined ? {} : { defaultPrefix: entry.default_prefix }),
      }));
      if (service === '*') this.templates.set(logsourceKey(product, category), routes);
      else this.add(logsourceKey(product, category, service), routes);
    }
  }

  resolve(logsource: LogSource): readonly Route[] {
    const { product, category, service } = logsource;
    // Most specific first; a product-less entry (SigmaHQ's `category: dns`) also serves rules
    // that name a product, and a category entry serves rules that add a service.
    const candidates = [
      logsourceKey(product, category, service),
      logsourceKey(product, category),
      ...(category === undefined
        ? []
        : [logsourceKey(undefined, category, service), logsourceKey(undefined, category)]),
    ];
    if (category === undefined && service !== undefined)
      candidates.push(logsourceKey(product, undefined, service));
    if (category === undefined && service === undefined) candidates.push(logsourceKey(product));
    for (const key of candidates) {
      const routes = this.byLogsource.get(key);
      if (routes !== undefined) return routes;
    }
    const template =
      service === undefined ? undefined : this.templates.get(logsourceKey(product, category));
    if (template !== undefined && service !== undefined) {
      const name = service.toLowerCase();
      return template.map((route) => ({
        ...route,
        key: route.key.replace('*', name),
        ...(route.defaultPrefix === undefined
          ? {}
          : { defaultPrefix: route.defaultPrefix.replace('*', name) }),
      }));
    }
    return [];
  }

  routeKeys(event: EcsEvent): readonly string[] {
    const winlog = event.winlog;
    if (winlog?.channel !== undefined) {
      const id = winlog.event_id === undefined ? '*' : String(winlog.event_id);
      const cacheKey = `${winlog.channel}\u0000${id}`;
      let keys = this.windowsKeys.get(cacheKey);
      if (keys === undefined) {
        keys = [
          windowsKey(winlog.channel, id),
          windowsKey(winlog.channel, '*'),
          windowsKey('*', '*'),
        ];
        this.windowsKeys.set(cacheKey, keys);
      }
      return keys;
    }
    const dataset = event.event.dataset;
    const action = event.event.action;
    const cacheKey = action === undefined ? dataset : `${dataset}\u0000${action}`;
    let keys = this.datasetKeys.get(cacheKey);
    if (keys === undefined) {
      keys =
        action === undefined
          ? [`dataset:${dataset}`]
          : [`dataset:${dataset}:${action}`, `dataset:${dataset}`];
      this.datasetKeys.set(cacheKey, keys);
    }
    return keys;
  }

  private add(key: string, routes: Route[]): void {
    this.byLogsource.set(key, [...(this.byLogsource.get(key) ?? []), ...routes]);
  }
}

function windowsKey(channel: string, id: string): string {
  return `windows:${channel.toLowerCase()}:${id}`;
}
