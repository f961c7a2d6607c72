// The grid worker's phone app (issue 20): the roster kept in IndexedDB for offline use, and the queue of what was
// done offline (visits, needs, edits of a person), each record with an id generated on the phone, sent to
// /community/care/sync when the network returns: on reconnect ('online'), on opening the app and when the page
// becomes visible again — never relying on Background Sync, which some browsers lack. Browser only.

export type PackPerson = {
  residentId: string;
  nameHint: string;
  address: string;
  gridName: string | null;
  tier: string;
  state: string | null;
  reason: string | null;
  closesAt: string | null;
  lastVisitAt: string | null;
  version: string;
  details: { unit: string | null; room: string | null; note: string | null };
};
export type Pack = { generatedAt: string; dueSoonDays: number; categories: { id: string; name: string }[]; people: PackPerson[] };

/** A record waiting to be sent (or refused by the server, kept with its message until removed by hand). */
export type Queued = {
  id: string;
  intent: 'visit' | 'need' | 'edit';
  residentId: string;
  nameHint: string;
  createdAt: number;
  fields: Record<string, string | string[]>;
  photo?: Blob | null;
  state: 'waiting' | 'refused';
  message?: string;
  params?: Record<string, string | number>;
};

/** What came back for records sent: an edit that went to the conflict list is worth saying. */
export type SyncOutcome = { sent: number; conflicts: number; stopped: null | 'offline' | 'signIn' | 'error' };

const DB_NAME = 'shequ-care';
const DB_VERSION = 1;

/** Set once signing out has removed the app's data: nothing on this page may create it again before it unloads. */
let forgotten = false;

function openDb(): Promise<IDBDatabase> {
  if (forgotten) return Promise.reject(new Error('signed out'));
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('pack')) db.createObjectStore('pack');
      if (!db.objectStoreNames.contains('queue')) db.createObjectStore('queue', { keyPath: 'id' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(store: 'pack' | 'queue', mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = fn(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The roster kept for offline use (the newest the phone has seen), or null before the first online visit. */
export const readPack = () => run<Pack | undefined>('pack', 'readonly', (s) => s.get('roster') as IDBRequest<Pack | undefined>).then((p) => p ?? null);

/** Keeps a roster unless the phone already holds a newer one (a cached page can carry an older one). */
export async function keepPack(pack: Pack): Promise<Pack> {
  const held = await readPack();
  if (held && held.generatedAt > pack.generatedAt) return held;
  await run('pack', 'readwrite', (s) => s.put(pack, 'roster'));
  return pack;
}

/** Every queued record, oldest first. */
export const listQueue = () => run<Queued[]>('queue', 'readonly', (s) => s.getAll() as IDBRequest<Queued[]>).then((rows) => rows.sort((a, b) => a.createdAt - b.createdAt));

/** Adds a record; the same id queued again replaces it (stored once on the phone too). */
export const enqueue = (rec: Queued) => run('queue', 'readwrite', (s) => s.put(rec));

export const dequeue = (id: string) => run('queue', 'readwrite', (s) => s.delete(id));

let syncing: Promise<SyncOutcome> | null = null;

/**
 * Sends the waiting records one by one, oldest first, with the session's CSRF token. A record the server stored (or
 * had stored before: the same id) leaves the queue; one it refused stays, marked with the message; a network
 * failure, a lost session (the sign-in page instead of JSON) or a server error stops the round, everything kept.
 * Concurrent calls share one round.
 */
export function syncQueue(csrf: string): Promise<SyncOutcome> {
  syncing ??= (async () => {
    const outcome: SyncOutcome = { sent: 0, conflicts: 0, stopped: null };
    try {
      for (const rec of await listQueue()) {
        if (rec.state !== 'waiting') continue;
        const body = new FormData();
        body.set('csrf', csrf);
        body.set('intent', rec.intent);
        body.set('id', rec.id);
        body.set('residentId', rec.residentId);
        for (const [k, v] of Object.entries(rec.fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
        if (rec.photo) body.set('photo', rec.photo, 'photo.jpg');
        let res: Response;
        try {
          res = await fetch('/community/care/sync', { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
        } catch {
          outcome.stopped = 'offline';
          break;
        }
        const isJson = (res.headers.get('content-type') ?? '').includes('json');
        if (res.redirected || res.status === 401 || !isJson) {
          outcome.stopped = res.status >= 500 ? 'error' : 'signIn';
          break;
        }
        const answer = (await res.json().catch(() => null)) as { ok?: boolean; status?: string; message?: string; params?: Record<string, string | number>; code?: string } | null;
        if (res.ok && answer?.ok) {
          await dequeue(rec.id);
          outcome.sent++;
          if (answer.status === 'conflict') outcome.conflicts++;
        } else if (res.status >= 500) {
          outcome.stopped = 'error';
          break;
        } else if (answer?.code === 'csrf') {
          outcome.stopped = 'signIn';
          break;
        } else {
          await enqueue({ ...rec, state: 'refused', message: answer?.message ?? (res.status === 404 ? 'refusals.care.notFound' : res.status === 403 ? 'care.app.forbidden' : 'validation.invalid'), params: answer?.params ?? {} });
        }
      }
    } finally {
      syncing = null;
    }
    return outcome;
  })();
  return syncing;
}

/** A new id for a record made on the phone (crypto.randomUUID where the browser has it). */
export function newId(): string {
  const c: Crypto = globalThis.crypto;
  // randomUUID needs a secure context (https or localhost); getRandomValues does not.
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Whether this browser holds the app's database at all (never creates it: indexedDB.open would). */
async function deviceHasDb(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (typeof indexedDB.databases !== 'function') return true;
  const list = await indexedDB.databases().catch(() => null);
  return list === null || list.some((d) => d.name === DB_NAME);
}

/** How many records made on this phone still wait to be sent (0 where the app was never opened). */
export async function waitingOnDevice(): Promise<number> {
  if (!(await deviceHasDb())) return 0;
  const rows = await listQueue().catch(() => [] as Queued[]);
  return rows.filter((r) => r.state === 'waiting').length;
}

/**
 * Removes everything the app keeps on the phone, for signing out (issue 20): the IndexedDB database (the roster and
 * the queue), the service worker's caches (the app's page, which carries the roster, and its scripts) and the
 * service worker itself. The caller asks first when records still wait to be sent (waitingOnDevice). Never throws;
 * waits at most about two seconds for a database another tab still holds open.
 */
export async function forgetCareDevice(): Promise<void> {
  forgotten = true;
  // The worker first, so it caches nothing more; then its caches; then the database.
  if (typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    await navigator.serviceWorker
      .getRegistrations()
      .then((regs) => Promise.all(regs.filter((r) => new URL(r.scope).pathname.startsWith('/community/care')).map((r) => r.unregister())))
      .catch(() => undefined);
  }
  if (typeof caches !== 'undefined') {
    await caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('shequ-care-')).map((k) => caches.delete(k))))
      .catch(() => undefined);
  }
  if (typeof indexedDB !== 'undefined' && (await deviceHasDb())) {
    await Promise.race([
      new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase(DB_NAME);
        req.onsuccess = req.onerror = () => resolve();
      }),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  }
}
