// The loaded pipeline at run time: logsource entries indexed by category, service and product,
// resolved as pipeline.ts describes (answers cached per logsource), and the route keys of events,
// cached per channel and event id or per dataset and action so that filing an event costs two
// map lookups and no allocation.
import type { EcsEvent } from '../../../core/index.ts';
import type { LogSource } from '../rule/model.ts';
import type { LogsourcePipeline, Route } from './types.ts';

/** A route with the product its events belong to (a rule naming a product keeps only those). */
export interface ProductRoute extends Route {
  product: string;
}

/** One logsource entry of a pipeline file, names lowercased. */
export interface Entry {
  product: string | undefined;
  category: string | undefined;
  service: string | undefined;
  routes: readonly ProductRoute[];
}

/** Bounds the event-side caches: channel names and actions come from the data. */
const MAX_CACHED = 4096;
const ANY_WINDOWS: readonly string[] = Object.freeze(['windows:*:*']);
const SERVICE_NAME = /^[a-z0-9_.-]+$/;

export class RouteTable implements LogsourcePipeline {
  private readonly byCategory = new Map<string, Entry[]>();
  private readonly byService = new Map<string, Entry[]>();
  private readonly byProduct = new Map<string, Entry[]>();
  /** `service: '*'` entries: the rule's service names the dataset. */
  private readonly templates: Entry[] = [];
  private readonly resolved = new Map<string, readonly Route[]>();
  /** Datasets some route narrows by event.action (suricata.eve): only those get action keys. */
  private readonly actionDatasets = new Set<string>();
  private readonly windowsKeys = new Map<string, Map<number, readonly string[]>>();
  private readonly datasetKeys = new Map<string, readonly string[]>();
  private readonly actionKeys = new Map<string, Map<string, readonly string[]>>();

  constructor(entries: readonly Entry[]) {
    // Entries naming a product first: they win a key both they and a product-less entry route.
    const ordered = [...entries].sort(
      (a, b) => Number(a.product === undefined) - Number(b.product === undefined),
    );
    for (const entry of ordered) {
      if (entry.service === '*') this.templates.push(entry);
      else if (entry.category !== undefined) push(this.byCategory, entry.category, entry);
      else if (entry.service !== undefined) push(this.byService, entry.service, entry);
      else if (entry.product !== undefined) push(this.byProduct, entry.product, entry);
      for (const route of entry.routes) {
        const parts = route.key.split(':');
        if (parts[0] === 'dataset' && parts.length > 2) this.actionDatasets.add(parts[1] ?? '');
      }
    }
  }

  resolve(logsource: LogSource): readonly Route[] {
    const product = normalize(logsource.product);
    const category = normalize(logsource.category);
    const service = normalize(logsource.service);
    const cacheKey = `${product ?? ''}/${category ?? ''}/${service ?? ''}`;
    let routes = this.resolved.get(cacheKey);
    if (routes === undefined) {
      routes = Object.freeze(this.compute(product, category, service));
      this.resolved.set(cacheKey, routes);
    }
    return routes;
  }

  routeKeys(event: EcsEvent): readonly string[] {
    const winlog = event.winlog;
    if (winlog !== undefined) {
      const channel = winlog.channel;
      if (channel === undefined) return ANY_WINDOWS;
      let byId = this.windowsKeys.get(channel);
      if (byId === undefined) {
        if (this.windowsKeys.size >= MAX_CACHED) return windowsKeysOf(channel, winlog.event_id);
        byId = new Map();
        this.windowsKeys.set(channel, byId);
      }
      const id = winlog.event_id ?? -1;
      let keys = byId.get(id);
      if (keys === undefined) {
        keys = windowsKeysOf(channel, winlog.event_id);
        if (byId.size < MAX_CACHED) byId.set(id, keys);
      }
      return keys;
    }
    const { dataset, action } = event.event;
    if (action !== undefined && this.actionDatasets.has(dataset)) {
      let byAction = this.actionKeys.get(dataset);
      if (byAction === undefined)
        this.actionKeys.set(dataset, (byAction = new Map<string, readonly string[]>()));
      let keys = byAction.get(action);
      if (keys === undefined) {
        keys = Object.freeze([`dataset:${dataset}:${action}`, `dataset:${dataset}`]);
        if (byAction.size < MAX_CACHED) byAction.set(action, keys);
      }
      return keys;
    }
    let keys = this.datasetKeys.get(dataset);
    if (keys === undefined) {
      keys = Object.freeze([`dataset:${dataset}`]);
      if (this.datasetKeys.size < MAX_CACHED) this.datasetKeys.set(dataset, keys);
    }
    return keys;
  }

  private compute(product?: string, category?: string, service?: string): ProductRoute[] {
    if (category === undefined && service === undefined)
      return product === undefined ? [] : routesOf(this.byProduct.get(product), product);
    const byCategory =
      category === undefined ? undefined : routesOf(this.byCategory.get(category), product);
    let byService =
      service === undefined ? undefined : routesOf(this.byService.get(service), product);
    if (service !== undefined && byService?.length === 0) byService = this.expand(service, product);
    if (byCategory === undefined) return byService ?? [];
    if (byService === undefined) return byCategory;
    return intersect(byCategory, byService);
  }

  /** The `service: '*'` entries with the rule's service substituted (zeek.* -> zeek.smb_files). */
  private expand(service: string, product: string | undefined): ProductRoute[] {
    if (!SERVICE_NAME.test(service)) return [];
    return routesOf(this.templates, product).map((route) => ({
      ...route,
      key: route.key.replace('*', service),
      ...(route.defaultPrefix === undefined
        ? {}
        : { defaultPrefix: route.defaultPrefix.replace('*', service) }),
    }));
  }
}

/** The routes of entries compatible with the rule's product, one per key (first entry wins). */
function routesOf(
  entries: readonly Entry[] | undefined,
  product: string | undefined,
): ProductRoute[] {
  const out: ProductRoute[] = [];
  const keys = new Set<string>();
  for (const entry of entries ?? []) {
    if (product !== undefined && entry.product !== undefined && entry.product !== product) continue;
    for (const route of entry.routes) {
      if ((product !== undefined && route.product !== product) || keys.has(route.key)) continue;
      keys.add(route.key);
      out.push(route);
    }
  }
  return out;
}

/** The category's routes that lie within one of the service's, with both routes' fields. */
function intersect(
  category: readonly ProductRoute[],
  service: readonly ProductRoute[],
): ProductRoute[] {
  const out: ProductRoute[] = [];
  for (const narrow of category)
    for (const wide of service) {
      let inner: ProductRoute;
      let outer: ProductRoute;
      if (covers(wide.key, narrow.key)) [inner, outer] = [narrow, wide];
      else if (covers(narrow.key, wide.key)) [inner, outer] = [wide, narrow];
      else continue;
      const where = [...(outer.where ?? []), ...(inner.where ?? [])];
      const defaultPrefix = narrow.defaultPrefix ?? wide.defaultPrefix;
      out.push({
        key: inner.key,
        product: inner.product,
        fields: Object.freeze({ ...wide.fields, ...narrow.fields }),
        keywords: narrow.keywords,
        ...(defaultPrefix === undefined ? {} : { defaultPrefix }),
        ...(where.length === 0 ? {} : { where }),
        ...(inner.refineBy === undefined ? {} : { refineBy: inner.refineBy }),
      });
      break;
    }
  return out;
}

/** Whether every event filed under `inner` is also filed under `outer` (`*` = any one part). */
function covers(outer: string, inner: string): boolean {
  const o = outer.split(':');
  const i = inner.split(':');
  if (o.length > i.length) return false;
  return o.every((part, index) => part === '*' || part === i[index]);
}

function windowsKeysOf(channel: string, id: number | undefined): readonly string[] {
  const lower = channel.toLowerCase();
  return Object.freeze(
    id === undefined
      ? [`windows:${lower}:*`, 'windows:*:*']
      : [`windows:${lower}:${id}`, `windows:${lower}:*`, 'windows:*:*'],
  );
}

function normalize(name: string | undefined): string | undefined {
  const trimmed = name?.trim().toLowerCase();
  return trimmed === '' ? undefined : trimmed;
}

function push(map: Map<string, Entry[]>, key: string, entry: Entry): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [entry]);
  else list.push(entry);
}
