/**
 * The service catalog, synced from the platform and cached in SQLite: the kiosk's 办事指南
 * and forms keep working offline, showing how old the copy is.
 */
import type { CatalogView, FormFieldView, ServiceGuideView } from '../../common/contract/cases.js';
import { checkFormSchema, type FormSchema } from '../case/form-schema.js';
import { Catalog, type Service } from '../../common/platform/schemas.js';
import type { Db } from '../store/store.js';

export interface CatalogCache {
  /** Fetch now; false (and the old copy kept) when the platform cannot be reached. */
  sync(): Promise<boolean>;
  view(): CatalogView;
  /** A service with its form checked, for submission. */
  service(id: string): { service: Service; form: FormSchema | null; problem?: string } | null;
  start(): void;
  stop(): void;
}

export function createCatalogCache(deps: {
  db: Db;
  fetch: (() => Promise<Catalog>) | null;
  now: () => number;
  refreshMs: number;
  onError?: (error: unknown) => void;
}): CatalogCache {
  const read = deps.db.prepare(
    'SELECT version, body, fetched_at AS fetchedAt FROM catalog_cache WHERE id = 1',
  );
  const write = deps.db.prepare(
    `INSERT INTO catalog_cache (id, version, body, fetched_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, body = excluded.body, fetched_at = excluded.fetched_at`,
  );
  let current: { catalog: Catalog; fetchedAt: string } | null = load();
  let lastSyncFailed = false;
  let inFlight: Promise<boolean> | null = null;
  let timer: NodeJS.Timeout | null = null;

  function load() {
    const row = read.get() as { body: string; fetchedAt: string } | undefined;
    if (!row) return null;
    // The cache is re-checked: a copy written by an older build must still fit the contract.
    const parsed = Catalog.safeParse(JSON.parse(row.body));
    return parsed.success ? { catalog: parsed.data, fetchedAt: row.fetchedAt } : null;
  }

  function sync(): Promise<boolean> {
    if (!deps.fetch) return Promise.resolve(false);
    inFlight ??= deps
      .fetch()
      .then((catalog) => {
        const fetchedAt = new Date(deps.now()).toISOString();
        write.run(catalog.version, JSON.stringify(catalog), fetchedAt);
        current = { catalog, fetchedAt };
        lastSyncFailed = false;
        return true;
      })
      .catch((error: unknown) => {
        lastSyncFailed = true;
        deps.onError?.(error);
        return false;
      })
      .finally(() => (inFlight = null));
    return inFlight;
  }

  return {
    sync,
    view() {
      if (!current) {
        return {
          available: false,
          version: null,
          fetchedAt: null,
          ageSeconds: null,
          stale: true,
          services: [],
        };
      }
      const ageMs = deps.now() - Date.parse(current.fetchedAt);
      return {
        available: true,
        version: current.catalog.version,
        fetchedAt: current.fetchedAt,
        ageSeconds: Math.max(0, Math.floor(ageMs / 1000)),
        stale: lastSyncFailed || ageMs > deps.refreshMs * 2,
        services: current.catalog.services.map(serviceView),
      };
    },
    service(id) {
      const service = current?.catalog.services.find((s) => s.id === id);
      if (!service) return null;
      const checked = checkFormSchema(service.form);
      return checked.ok
        ? { service, form: checked.schema }
        : { service, form: null, problem: `${checked.where}: ${checked.reason}` };
    },
    start() {
      if (!deps.fetch || timer) return;
      void sync();
      timer = setInterval(() => void sync(), deps.refreshMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export function serviceView(service: Service): ServiceGuideView {
  const base = {
    id: service.id,
    name: service.name,
    materials: service.materials,
    timeLimitDays: service.timeLimitDays,
    counters: service.counters,
    guide: service.guide,
  };
  const checked = checkFormSchema(service.form);
  if (!checked.ok) {
    return {
      ...base,
      form: null,
      formProblem: {
        'zh-CN': `该事项的表单定义有误（${checked.where}），暂不能自助申报，请到窗口办理`,
        en: `this service's form definition is invalid (${checked.where}: ${checked.reason}); apply at a counter`,
      },
    };
  }
  return { ...base, form: fieldsOf(checked.schema) };
}

function fieldsOf(schema: FormSchema): FormFieldView[] {
  return Object.entries(schema.properties).map(([name, f]) => {
    const required = schema.required.includes(name);
    if (f.type === 'boolean')
      return { name, title: f.title, type: f.type, required, input: 'toggle' as const };
    if (f.type === 'string') {
      // A string that is all digits (a phone, an account) still gets the keypad.
      const digits =
        f.pattern !== undefined &&
        /^\^?(\[0-9\]|\\d|1\[3-9\])/.test(f.pattern) &&
        !/[A-Z]/.test(f.pattern);
      return {
        name,
        title: f.title,
        type: f.type,
        required,
        input: f.enum ? ('choice' as const) : digits ? ('keypad' as const) : ('text' as const),
        ...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {}),
        ...(f.enum ? { options: f.enum } : {}),
      };
    }
    return {
      name,
      title: f.title,
      type: f.type,
      required,
      input: 'keypad' as const,
      ...(f.minimum !== undefined ? { minimum: f.minimum } : {}),
      ...(f.maximum !== undefined ? { maximum: f.maximum } : {}),
    };
  });
}
