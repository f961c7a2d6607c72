// The grid worker's phone app (issue 20): the roster kept in IndexedDB for offline use, and the queue of what was
// done offline (visits, needs, edits of a person), each record with an id generated on the phone, sent to
// /community/care/sync when the network returns: on reconnect ('online'), on opening the app and when the page
// becomes visible again — never relying on Background Sync, which some browsers lack. Browser only.
//
// A phone is shared (decision 053): every roster and every queued record belongs to one account — its owner, the
// signed-in user's workspace (membership id). A page shows and sends only its own owner's records; another account's
// records stay on the phone, untouched, until that account signs in here again and sends them.

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
/** The roster kept for offline use; `owner` is the account it was served to (the membership id). */
export type Pack = { owner: string; generatedAt: string; dueSoonDays: number; categories: { id: string; name: string }[]; people: PackPerson[] };

/** A record waiting to be sent (or refused by the server, kept with its message until removed by hand). */
export type Queued = {
  id: string;
  /** The account that made it (membership id): only that account's page shows it and sends it. */
  owner: string;
  /** Who that is, as the app says it to another account (name · community): never a resident's data. */
  ownerLabel: string;
  intent: 'visit' | 'need' | 'edit';
  residentId: string;
  nameHint: string;
  createdAt: number;
  fields: Record<string, string | string[]>;
  photo?: Blob | null;
  state: 'waiting' | 'refused';
  message?: string;
  params?: Record<string, string | number>;
  /** Refused for its size (413): the worker may retake the photo or send the visit without it. */
  tooLarge?: boolean;
};

/** What came back for records sent: an edit that went to the conflict list is worth saying. */
export type SyncOutcome = { sent: number; conflicts: number; stopped: null | 'offline' | 'signIn' | 'otherAccount' | 'error' };

const DB_NAME = 'shequ-care';
// 2: the roster is kept per owner (key = membership id) and records carry their owner (decision 053).
const DB_VERSION = 2;
/** Where the phone notes the account signed in now, as the last page the server rendered said it. */
const OWNER_KEY = 'shequ-care-owner';
const APP_PAGE = '/community/care/app';

/** Set once signing out has removed the app's data: nothing on this page may create it again before it unloads. */
let forgotten = false;

function openDb(): Promise<IDBDatabase> {
  if (forgotten) return Promise.reject(new Error('signed out'));
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = (e) => {
      const db = req.result;
      if (!db.objectStoreNames.contains('pack')) db.createObjectStore('pack');
      // Version 1 kept one roster for whoever used the phone: dropped (it is fetched again, now with its owner).
      else if (e.oldVersion < 2) req.transaction?.objectStore('pack').clear();
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

/** The owner's roster kept for offline use (the newest the phone has seen), or null before their first online visit. */
export const readPack = (owner: string) => run<Pack | undefined>('pack', 'readonly', (s) => s.get(owner) as IDBRequest<Pack | undefined>).then((p) => (p?.owner === owner ? p : null));

/** Keeps a roster under its owner unless the phone already holds a newer one of theirs (a cached page can carry an older one). */
export async function keepPack(pack: Pack): Promise<Pack> {
  const held = await readPack(pack.owner);
  if (held && held.generatedAt > pack.generatedAt) return held;
  await run('pack', 'readwrite', (s) => s.put(pack, pack.owner));
  return pack;
}

/** Every queued record on the phone, of every owner, oldest first (records of version 1 have no owner). */
export const listQueue = () =>
  run<Queued[]>('queue', 'readonly', (s) => s.getAll() as IDBRequest<Queued[]>).then((rows) => rows.map((r) => ({ ...r, owner: r.owner ?? '', ownerLabel: r.ownerLabel ?? '' })).sort((a, b) => a.createdAt - b.createdAt));

/**
 * The queue as the account `owner` may see it (pure): its own records (oldest first, as given), the ones of them to
 * send now (waiting, not refused), and what other accounts left on the phone — how many and whose (their labels; ''
 * for a record of version 1, whose owner is unknown). Other accounts' records are never shown, sent or deleted.
 */
export function splitQueue(rows: readonly Queued[], owner: string) {
  const own = rows.filter((r) => r.owner === owner);
  const others = rows.filter((r) => r.owner !== owner);
  return { own, toSend: own.filter((r) => r.state === 'waiting'), others: { count: others.length, labels: [...new Set(others.map((r) => r.ownerLabel))] } };
}

/**
 * What a page the server rendered at `at` (ms) for the account `owner` means on this phone (pure), given the account
 * noted before (`prev`, as stored: `{ owner, at }` or anything else): `page` 'stale' when the page is older than the
 * last one noted and was another account's (the service worker's copy, opened offline after someone else signed
 * in); `note` whether this page becomes the one noted; `dropOthers` whether other accounts' rosters must leave the
 * phone (the account changed, or nothing was noted).
 */
export function ownerChange(prev: unknown, owner: string, at: number): { page: 'current' | 'stale'; note: boolean; dropOthers: boolean } {
  const p = prev && typeof prev === 'object' ? (prev as { owner?: unknown; at?: unknown }) : null;
  const noted = p && typeof p.owner === 'string' && typeof p.at === 'number' ? { owner: p.owner, at: p.at } : null;
  if (noted && noted.at > at) return { page: noted.owner === owner ? 'current' : 'stale', note: false, dropOthers: false };
  return { page: 'current', note: true, dropOthers: noted?.owner !== owner };
}

/** The owner's own queued records, oldest first: the only ones their page shows and sends. */
export const ownQueue = (owner: string) => listQueue().then((rows) => splitQueue(rows, owner).own);

/** What other accounts left waiting on this phone (`owner` is the account signed in now): see splitQueue. */
export const heldForOthers = (owner: string) => listQueue().then((rows) => splitQueue(rows, owner).others);

/**
 * A refused visit sent again with another photo (retaken, made to fit) or none: waiting again under the same id (the
 * server stored nothing of it).
 */
export const requeueWithPhoto = (rec: Queued, photo: Blob | null) => enqueue({ ...rec, photo, state: 'waiting', message: undefined, params: undefined, tooLarge: undefined });

/** Adds a record; the same id queued again replaces it (stored once on the phone too). */
export const enqueue = (rec: Queued) => run('queue', 'readwrite', (s) => s.put(rec));

export const dequeue = (id: string) => run('queue', 'readwrite', (s) => s.delete(id));

/** What to do with one record after the server's answer (readSyncAnswer). */
export type SyncStep =
  | { kind: 'stored'; conflict: boolean }
  | { kind: 'refused'; message: string; params: Record<string, string | number>; tooLarge: boolean }
  | { kind: 'stop'; why: NonNullable<SyncOutcome['stopped']> };

/**
 * Reads the server's answer to one record (pure): stored (it leaves the queue); refused (it stays, marked with the
 * message key and never sent again by itself) — a 413 whether the route or the server in front of it said it (it
 * was taken for a lost session and the photo sent again on every load, found from outside), a field's problem, a
 * person not found or not allowed; or the round stops with everything kept: a lost session (a redirect, 401, a page
 * instead of JSON, an old page's CSRF token), another account signed in, a server error.
 */
export function readSyncAnswer(res: { status: number; redirected: boolean; json: boolean; answer: unknown }): SyncStep {
  if (res.status === 413) return { kind: 'refused', message: 'refusals.care.photo.tooLarge', params: {}, tooLarge: true };
  if (res.redirected || res.status === 401 || !res.json) return { kind: 'stop', why: res.status >= 500 ? 'error' : 'signIn' };
  const a = (res.answer && typeof res.answer === 'object' ? res.answer : {}) as { ok?: boolean; status?: string; key?: string; message?: string; params?: Record<string, string | number>; code?: string };
  if (res.status >= 200 && res.status < 300 && a.ok) return { kind: 'stored', conflict: a.status === 'conflict' };
  if (res.status >= 500) return { kind: 'stop', why: 'error' };
  if (a.code === 'csrf') return { kind: 'stop', why: 'signIn' };
  if (a.code === 'owner') return { kind: 'stop', why: 'otherAccount' };
  // The message's key (shown later in the page's language), else the words the server sent.
  const message = a.key ?? a.message ?? (res.status === 404 ? 'refusals.care.notFound' : res.status === 403 ? 'care.app.forbidden' : 'validation.invalid');
  return { kind: 'refused', message, params: a.params ?? {}, tooLarge: false };
}

let syncing: Promise<SyncOutcome> | null = null;

/**
 * Sends the owner's waiting records one by one, oldest first, with the session's CSRF token and the owner (the
 * server refuses a record whose owner is not the account signed in: 409 `owner`). Each answer is read by
 * readSyncAnswer: a record the server stored (or had stored before: the same id) leaves the queue; one it refused
 * (413 too large included) stays, marked with the message; a network failure, a lost session, another account
 * signed in, or a server error stops the round, everything kept. Other owners' records are never sent. Concurrent calls share one round.
 */
export function syncQueue(csrf: string, owner: string): Promise<SyncOutcome> {
  syncing ??= (async () => {
    const outcome: SyncOutcome = { sent: 0, conflicts: 0, stopped: null };
    try {
      for (const rec of splitQueue(await listQueue(), owner).toSend) {
        const body = new FormData();
        body.set('csrf', csrf);
        body.set('owner', owner);
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
        const answer = (res.headers.get('content-type') ?? '').includes('json') ? await res.json().catch(() => null) : null;
        const step = readSyncAnswer({ status: res.status, redirected: res.redirected, json: (res.headers.get('content-type') ?? '').includes('json'), answer });
        if (step.kind === 'stop') {
          outcome.stopped = step.why;
          break;
        }
        if (step.kind === 'stored') {
          await dequeue(rec.id);
          outcome.sent++;
          if (step.conflict) outcome.conflicts++;
        } else {
          await enqueue({ ...rec, state: 'refused', message: step.message, params: step.params, tooLarge: step.tooLarge || undefined });
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

/**
 * The records the owner made on this phone that the server has not accepted (none where the app was never opened):
 * waiting to be sent, and refused (kept with the server's message until fixed or removed by hand). Signing out asks
 * before deleting either (decision 078: refused records were deleted without a word).
 */
export async function unsentOnDevice(owner: string): Promise<{ waiting: number; refused: number }> {
  if (!(await deviceHasDb())) return { waiting: 0, refused: 0 };
  const rows = await ownQueue(owner).catch(() => [] as Queued[]);
  return { waiting: rows.filter((r) => r.state === 'waiting').length, refused: rows.filter((r) => r.state === 'refused').length };
}

/** Deletes, in one transaction of `store`, every entry whose key or record `drop` picks. */
async function dropWhere(store: 'pack' | 'queue', drop: (key: IDBValidKey, value: unknown) => boolean): Promise<void> {
  const db = await openDb();
  try {
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const req = tx.objectStore(store).openCursor();
      req.onsuccess = () => {
        const cursor = req.result;
        if (!cursor) return;
        if (drop(cursor.primaryKey, cursor.value)) cursor.delete();
        cursor.continue();
      };
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** The service worker's copy of the app's page (it carries the roster of whoever loaded it last): removed. */
async function dropCachedAppPage(): Promise<void> {
  if (typeof caches === 'undefined') return;
  const keys = await caches.keys();
  await Promise.all(keys.filter((k) => k.startsWith('shequ-care-')).map(async (k) => (await caches.open(k)).delete(APP_PAGE)));
}

/**
 * Notes who is signed in on this phone, from a page the server rendered at `at` (ms) for the account `owner`
 * (membership id); every console page calls it (AppShell), the app's page too. When the account is not the one
 * noted before, the earlier account's roster leaves the phone — the roster in IndexedDB and the service worker's copy
 * of the app's page — while its queued records stay, kept for it (decision 053). A page older than the last one
 * noted (the service worker's copy of the app's page, opened offline) changes nothing. Answers whether the page
 * belongs to the account signed in now ('current') or to an earlier one ('stale': show none of it, send nothing).
 * Never throws.
 */
export async function noteSignedIn(owner: string, at: number): Promise<'current' | 'stale'> {
  let prev: unknown = null;
  try {
    prev = JSON.parse(localStorage.getItem(OWNER_KEY) ?? 'null');
  } catch {
    prev = null;
  }
  const change = ownerChange(prev, owner, at);
  if (!change.note) return change.page;
  try {
    localStorage.setItem(OWNER_KEY, JSON.stringify({ owner, at }));
  } catch {
    // Storage refused (private mode): the roster of another owner is still never read (readPack is by owner).
  }
  if (change.dropOthers && !forgotten) {
    await dropCachedAppPage().catch(() => undefined);
    if (await deviceHasDb().catch(() => false)) await dropWhere('pack', (key) => key !== owner).catch(() => undefined);
  }
  return 'current';
}

/**
 * Removes what the app keeps on the phone for the account signing out (`owner`; issue 20): its roster and its
 * queued records, the service worker's caches (the app's page, which carries the roster, and its scripts) and the
 * service worker itself. Records other accounts left waiting on the phone stay (decision 053): then only the signing
 * out account's entries leave the database; otherwise the whole database goes. The caller asks first when the
 * owner's records still wait to be sent (unsentOnDevice). Never throws; waits at most about two seconds for a
 * database another tab still holds open.
 */
export async function forgetCareDevice(owner: string): Promise<void> {
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
    // Unreadable: assume others' records are there (deleting the database could lose them); remove only our own.
    const others = await heldForOthers(owner).catch(() => ({ count: 1, labels: [] }));
    if (others.count > 0) {
      await dropWhere('queue', (_key, value) => (value as Partial<Queued>).owner === owner).catch(() => undefined);
      await dropWhere('pack', () => true).catch(() => undefined);
      forgotten = true;
      return;
    }
    forgotten = true;
    await Promise.race([
      new Promise<void>((resolve) => {
        const req = indexedDB.deleteDatabase(DB_NAME);
        req.onsuccess = req.onerror = () => resolve();
      }),
      new Promise((resolve) => setTimeout(resolve, 2000)),
    ]);
  }
  forgotten = true;
}
