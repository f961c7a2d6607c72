import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData, useRouteLoaderData } from '@remix-run/react';
import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { careOfflinePack } from '@shequ/use-cases';
import { CARE_NEED_MAX, careVisitTimeFixSchema, OFFLINE_NOTE_MAX } from '@shequ/use-cases/schemas';
import { CareTabs, stateTone, tierTone } from '~/components/care/care-tabs.tsx';
import { addressPartProblem, UNIT_ROOM_MAX, windowEndText } from '@shequ/domain';
import { dequeue, enqueue, heldForOthers, keepPack, newId, noteSignedIn, ownQueue, type Pack, type PackPerson, type Queued, readPack, requeueWithPhoto, syncQueue, type SyncOutcome } from '~/components/care/offline-queue.ts';
import { LocationField, VisitChoiceFields } from '~/components/care/visit-fields.tsx';
import { Alert } from '~/components/ui/alert.tsx';
import { Button } from '~/components/ui/button.tsx';
import { Card, CardBody } from '~/components/ui/card.tsx';
import { Field } from '~/components/ui/field.tsx';
import { FileInput } from '~/components/ui/file-input.tsx';
import { PHOTO_LIMIT_BYTES } from '~/lib/fit-photo.ts';
import { Input } from '~/components/ui/input.tsx';
import { PageHeader } from '~/components/ui/page-header.tsx';
import { Select } from '~/components/ui/select.tsx';
import { Badge } from '~/components/ui/status-badge.tsx';
import { Textarea } from '~/components/ui/textarea.tsx';
import { fitPhoto } from '~/lib/fit-photo.ts';
import { careCaller } from './care.server.ts';
import { useErrorText } from '~/lib/error-text.ts';
import { useLooseT } from '~/lib/i18n.ts';
import { pageTitle } from '~/lib/meta.ts';
import { runAsStaff } from '~/lib/staff-scope.server.ts';
import type { loader as rootLoader } from '~/root.tsx';

const title = pageTitle('care.app.title');
/** Installable (PWA): the manifest of the grid worker's app, linked from this page only. */
export const meta: MetaFunction = (args) => [...(title(args) ?? []), { tagName: 'link', rel: 'manifest', href: '/care.webmanifest' }, { name: 'theme-color', content: '#0f766e' }];

/**
 * The grid worker's phone app (issue 20): installable, works offline. The page carries the caller's roster
 * (careOfflinePack: a grid worker only their grids' people), which the browser keeps in IndexedDB; a service worker
 * (/care-sw.js) keeps the page and its scripts, so it opens again without a network. Visits, needs and edits are
 * queued on the phone with ids generated there and sent to /community/care/sync. The pack and every record carry
 * their owner, the account they belong to (the membership id; decision 053): a phone shared by two workers shows and
 * sends each one only their own, and keeps the other's records for them. `servedAt` tells this page, opened later
 * from the service worker's copy, whether someone else has signed in since (noteSignedIn).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await careCaller(request);
  const pack = await runAsStaff(caller, (tx) => careOfflinePack(tx, caller));
  const { actor } = caller;
  return { pack: { ...pack, owner: actor.workspace.membershipId }, ownerLabel: `${actor.displayName} · ${actor.workspace.orgUnitName}`, servedAt: Date.now() };
}

/** A form's `recordId` is made once when it opens: saving it twice (a double tap) keeps one record, not two. */
/** `fix`: a record the server refused, opened to correct and send again under its own id (decision 076): a visit, a need or an edit of a person. */
type View = { screen: 'list' } | { screen: 'visit' | 'need' | 'edit'; residentId: string; recordId: string; fix?: Pick<Queued, 'fields' | 'photo'> };

/** A moment as a datetime-local input shows it, in China time (UTC+8); read back by careVisitTimeFixSchema. */
const localInput = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

type KeptEdit = { baseVersion: string; base: Partial<Record<'unit' | 'room' | 'note', string | null>>; mine: Partial<Record<'unit' | 'room' | 'note', string | null>>; editedAt: number };

/** A kept edit of a person (the queued record's `edit` field, JSON), or null when it cannot be read. */
function keptEdit(fields: Queued['fields']): KeptEdit | null {
  try {
    const e = JSON.parse(String(fields.edit ?? '')) as KeptEdit;
    return e && typeof e === 'object' && e.base && e.mine ? e : null;
  } catch {
    return null;
  }
}

const minute = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ') : null);

export default function CareAppPage() {
  const { t } = useTranslation();
  const tt = useLooseT();
  /** A refused record's message (a key, with its params), in the page's language; never a raw key. */
  const tr = useErrorText();
  const csrf = useRouteLoaderData<typeof rootLoader>('root')?.csrf ?? '';
  const page = useLoaderData<typeof loader>();
  const served = page.pack as Pack;
  const owner = served.owner;
  const [pack, setPack] = useState<Pack>(served);
  const [queue, setQueue] = useState<Queued[]>([]);
  // Whose page this is: checked against the account signed in now before anything of it is shown or sent.
  const [who, setWho] = useState<'checking' | 'current' | 'stale'>('checking');
  const [others, setOthers] = useState<{ count: number; labels: string[] }>({ count: 0, labels: [] });
  const stale = useRef(true);
  const [online, setOnline] = useState(true);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SyncOutcome | null>(null);
  // What the app just said: a record kept (`waiting`: its id, said only while it still waits) or a problem.
  const [notice, setNotice] = useState<{ text: string; tone: 'success' | 'error'; waiting?: string } | null>(null);
  const [editErrors, setEditErrors] = useState<Record<string, string>>({});
  const [view, setView] = useState<View>({ screen: 'list' });
  const [q, setQ] = useState('');
  // A save under way: a second tap meanwhile is ignored (the button is disabled too), so one tap sequence keeps one record.
  const saving = useRef(false);
  const [isSaving, setIsSaving] = useState(false);
  const formTop = useRef<HTMLDivElement>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const refreshQueue = useCallback(async () => {
    setQueue(await ownQueue(owner));
    setOthers(await heldForOthers(owner));
  }, [owner]);

  /** Sends what waits, then (online) fetches a fresh roster; never throws (the queue is kept on any failure). */
  const sync = useCallback(async () => {
    if (!navigator.onLine || stale.current) return;
    setBusy(true);
    try {
      const outcome = await syncQueue(csrf, owner);
      // A round that sent nothing keeps the last round's message (what was sent, what conflicted).
      if (outcome.sent || outcome.stopped) setLast(outcome);
      if (!outcome.stopped) {
        const res = await fetch('/community/care/sync', { headers: { Accept: 'application/json' }, credentials: 'same-origin' }).catch(() => null);
        const fresh = res?.ok && (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as Pack) : null;
        // Another account signed in meanwhile (another tab): its roster is not this page's to keep or show.
        if (fresh?.owner === owner) setPack(await keepPack(fresh));
      }
    } catch {
      // Storage or network trouble: everything stays queued on the phone; the next trigger tries again.
    } finally {
      setBusy(false);
      await refreshQueue().catch(() => undefined);
    }
  }, [csrf, owner, refreshQueue]);

  useEffect(() => {
    let alive = true;
    setOnline(navigator.onLine);
    void (async () => {
      // The page may be the service worker's copy, made for an account that has signed out or timed out since and
      // another signed in: then none of it is shown and nothing is sent (that account's records stay on the phone).
      const mine = await noteSignedIn(owner, page.servedAt).catch(() => 'current' as const);
      stale.current = mine === 'stale';
      if (!alive) return;
      setWho(mine);
      if (mine === 'stale') return;
      // The page may be the service worker's copy: keep whichever roster is newer, the page's or the phone's.
      const held = await readPack(owner).catch(() => null);
      const kept = held && held.generatedAt > served.generatedAt ? held : await keepPack(served).catch(() => served);
      if (alive) setPack(kept);
      await refreshQueue();
      await sync();
    })().catch(() => undefined);
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker
        .register('/care-sw.js', { scope: '/community/care/' })
        .then(async () => {
          // The page and the scripts it loaded before the worker was in control: kept for the next offline opening.
          const ready = await navigator.serviceWorker.ready;
          const urls = [location.pathname, ...[...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src), ...[...document.querySelectorAll<HTMLLinkElement>('link[rel=stylesheet],link[rel=modulepreload],link[rel=manifest]')].map((l) => l.href)];
          ready.active?.postMessage({ type: 'keep', urls });
        })
        .catch(() => undefined);
    }
    const goOnline = () => {
      setOnline(true);
      void sync();
    };
    const goOffline = () => setOnline(false);
    const visible = () => {
      if (document.visibilityState === 'visible') void sync();
    };
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    document.addEventListener('visibilitychange', visible);
    return () => {
      alive = false;
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      document.removeEventListener('visibilitychange', visible);
    };
    // Once per page load: `served` is the page's own roster.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Opens a form for one person at its top (the name and first questions), whatever the list was scrolled to. */
  const open = (screen: 'visit' | 'need' | 'edit', residentId: string) => {
    setNotice(null);
    setEditErrors({});
    setView({ screen, residentId, recordId: newId() });
  };
  useEffect(() => {
    if (view.screen !== 'list') formTop.current?.scrollIntoView({ block: 'start' });
  }, [view]);
  // What the app just said is brought into view (after saving, the list opens where the form was scrolled to).
  useEffect(() => {
    if (notice) noticeRef.current?.scrollIntoView({ block: 'center' });
  }, [notice]);

  /** Runs one save at a time: a tap while a save is under way does nothing. */
  async function once(run: () => Promise<unknown>) {
    if (saving.current) return;
    saving.current = true;
    setIsSaving(true);
    try {
      await run();
    } finally {
      saving.current = false;
      setIsSaving(false);
    }
  }

  const person = view.screen === 'list' ? null : (pack.people.find((p) => p.residentId === view.residentId) ?? null);
  const pendingOf = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of queue) m.set(r.residentId, (m.get(r.residentId) ?? 0) + 1);
    return m;
  }, [queue]);

  async function keep(rec: Omit<Queued, 'createdAt' | 'state' | 'owner' | 'ownerLabel'>) {
    await enqueue({ ...rec, owner, ownerLabel: page.ownerLabel, createdAt: Date.now(), state: 'waiting' });
    setNotice({ text: t('care.app.saved'), tone: 'success', waiting: rec.id });
    setView({ screen: 'list' });
    await refreshQueue();
    void sync();
  }

  /** The browser reads its own form to keep it on the phone (the server parses it with careSyncFormSchema). */
  function entered(el: HTMLFormElement): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new FormData(el)) {
      if (typeof v !== 'string' || v === '') continue;
      out[k] = k in out ? [...(Array.isArray(out[k]) ? out[k] : [out[k] as string]), v] : v;
    }
    for (const k of ['safety', 'needs']) if (typeof out[k] === 'string') out[k] = [out[k] as string];
    return out;
  }

  async function onVisit(e: FormEvent<HTMLFormElement>, p: PackPerson, recordId: string, fixing?: Pick<Queued, 'fields' | 'photo'>) {
    e.preventDefault();
    const el = e.currentTarget;
    const fields = entered(el);
    // What the server refuses is refused here, before the visit is kept (decision 076): who was seen, and a need with
    // both its category and its words (spaces are not words); each said beside its field.
    const problems: Record<string, string> = {};
    if (!fields.seen) problems.seen = tt('refusals.care.seen.required');
    const needText = String(fields.needContent ?? '').trim();
    if (fields.needCategoryId && !needText) problems.needContent = tt('refusals.care.need.content');
    if (!fields.needCategoryId && needText) problems.needCategoryId = tt('refusals.care.need.category');
    if (Array.from(needText).length > CARE_NEED_MAX) problems.needContent = tt('refusals.care.need.tooLong');
    setEditErrors(problems);
    if (Object.keys(problems).length) return setNotice({ text: t('care.app.fixFields'), tone: 'error' });
    if (!needText) delete fields.needContent;
    const chosen = (el.elements.namedItem('photo') as HTMLInputElement | null)?.files?.[0] ?? null;
    // Made to fit before it is kept (the server takes 5 MB): a photo that cannot be is refused here, the form kept.
    const photo = chosen ? await fitPhoto(chosen) : (fixing?.photo ?? null);
    if (chosen && !photo) return setNotice({ text: t('care.app.photoTooLarge'), tone: 'error' });
    delete fields.photo;
    // A refused visit opened to fix keeps when it happened (and whether it was kept offline); a new one is now.
    const when = fixing?.fields.visitedAt;
    fields.visitedAt = typeof when === 'string' ? when : String(Date.now());
    fields.offline = typeof fixing?.fields.offline === 'string' ? fixing.fields.offline : navigator.onLine ? 'false' : 'true';
    await keep({ id: recordId, intent: 'visit', residentId: p.residentId, nameHint: p.nameHint, fields, photo });
  }

  async function onNeed(e: FormEvent<HTMLFormElement>, p: PackPerson, recordId: string) {
    e.preventDefault();
    const fields = entered(e.currentTarget);
    // No category is chosen for the worker (the web form starts at "—" too): each missing field is said beside it.
    const problems: Record<string, string> = {};
    if (!fields.categoryId) problems.categoryId = t('care.app.chooseCategory');
    // Only spaces is no need (the server refuses it as care.need.content): said here, before it is kept.
    if (!String(fields.content ?? '').trim()) problems.content = t('care.app.writeNeed');
    else if (Array.from(String(fields.content).trim()).length > CARE_NEED_MAX) problems.content = tt('refusals.care.need.tooLong');
    setEditErrors(problems);
    if (Object.keys(problems).length) return setNotice({ text: t('care.app.fixFields'), tone: 'error' });
    // When it was kept (decision 078): a need kept before the person was handed over is still taken from this worker.
    fields.madeAt = String(Date.now());
    await keep({ id: recordId, intent: 'need', residentId: p.residentId, nameHint: p.nameHint, fields });
  }

  async function onEdit(e: FormEvent<HTMLFormElement>, p: PackPerson, recordId: string, fixing?: Pick<Queued, 'fields'>) {
    e.preventDefault();
    const now: Record<string, string | null> = {};
    for (const k of ['unit', 'room', 'note'] as const) now[k] = ((e.currentTarget.elements.namedItem(k) as HTMLInputElement | null)?.value ?? '').trim() || null;
    // A refused edit opened to fix keeps what it started from (its version and the values then): the server compares
    // with those, so a change made there meanwhile still goes to the conflict list; a field it did not edit starts
    // from what the phone shows.
    const earlier = fixing ? keptEdit(fixing.fields) : null;
    const from = (k: 'unit' | 'room' | 'note') => (earlier && k in earlier.base ? (earlier.base[k] ?? null) : (p.details[k] ?? null));
    const keys = (['unit', 'room', 'note'] as const).filter((k) => (now[k] ?? null) !== from(k));
    if (!keys.length) return setNotice({ text: t('care.app.noChange'), tone: 'error' });
    // The register's own rules, checked before the edit is kept (the server refuses the same): no 🏠🏠🏠🏠🏠 as a room.
    const problems: Record<string, string> = {};
    for (const k of ['unit', 'room'] as const) {
      const problem = keys.includes(k) && now[k] ? addressPartProblem(now[k]!) : null;
      if (problem) problems[k] = tt(`refusals.resident.address.${problem}`, { max: UNIT_ROOM_MAX });
    }
    if (keys.includes('note') && now.note && Array.from(now.note).length > OFFLINE_NOTE_MAX) problems.note = tt('refusals.care.note.tooLong', { max: OFFLINE_NOTE_MAX });
    setEditErrors(problems);
    if (Object.keys(problems).length) return setNotice({ text: t('care.app.fixFields'), tone: 'error' });
    const mine = Object.fromEntries(keys.map((k) => [k, now[k]]));
    const base = Object.fromEntries(keys.map((k) => [k, from(k)]));
    // Saved under its own id (a refused one: the server stored nothing of it), waiting again.
    await keep({ id: recordId, intent: 'edit', residentId: p.residentId, nameHint: p.nameHint, fields: { edit: JSON.stringify({ baseVersion: earlier?.baseVersion ?? p.version, base, mine, editedAt: Date.now() }) } });
    // What the phone shows from now on (a field the fix no longer edits shows its value before the edit again); the
    // version stays the one the edit started from until the next roster.
    const next = { ...pack, people: pack.people.map((x) => (x.residentId === p.residentId ? { ...x, details: { ...x.details, ...(earlier?.base ?? {}), ...mine } } : x)) };
    setPack(await keepPack(next).catch(() => next));
  }

  /** A refused record's own words (a need's text, a visit's note and need, an edit's new values), shown so nothing typed is lost unseen. */
  const recordText = (r: Queued) => {
    const f = r.fields;
    const words = r.intent === 'need' ? [f.content] : r.intent === 'visit' ? [f.note, f.needContent] : Object.values(keptEdit(f)?.mine ?? {});
    return words.filter((w): w is string => typeof w === 'string' && w.trim() !== '').join(' / ');
  };
  const fix = view.screen === 'list' ? undefined : view.fix?.fields;
  const fixValue = (k: string) => (typeof fix?.[k] === 'string' ? (fix[k] as string) : undefined);
  /** A field of the edit form: the refused edit's value when it edited that field, else what the phone shows. */
  const fixedEdit = view.screen === 'edit' && fix ? keptEdit(fix) : null;
  const editValue = (p: PackPerson, k: 'unit' | 'room' | 'note') => (fixedEdit && k in fixedEdit.mine ? (fixedEdit.mine[k] ?? '') : (p.details[k] ?? ''));

  const waiting = queue.filter((r) => r.state === 'waiting');
  const refused = queue.filter((r) => r.state === 'refused');
  const shown = pack.people.filter((p) => !q || p.nameHint.includes(q) || p.address.includes(q));

  if (who !== 'current')
    return (
      <div className="max-w-xl space-y-4">
        <PageHeader title={t('care.app.title')} description={t('care.app.intro')} />
        <CareTabs />
        {who === 'stale' ? (
          <Alert tone="error" data-testid="care-app-stale">
            {t('care.app.stale')}
          </Alert>
        ) : (
          <p className="text-sm text-slate-500" data-testid="care-app-checking">
            {t('care.app.checking')}
          </p>
        )}
      </div>
    );

  // Its forms keep what is entered on the phone: the app-wide offline guard leaves them be (OfflineGuard).
  return (
    <div className="max-w-xl space-y-4" data-offline-ok>
      <PageHeader title={t('care.app.title')} description={t('care.app.intro')} />
      <CareTabs />
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={online ? 'success' : 'progress'} data-testid="care-app-network">
          {online ? t('care.app.online') : t('care.app.offline')}
        </Badge>
        <span className="text-slate-500">{t('care.app.packAt', { at: minute(pack.generatedAt) })}</span>
      </div>

      <section className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" aria-live="polite" data-testid="care-app-waiting">
        <h2 className="text-sm font-semibold text-amber-900">{t('care.app.waitingTitle')}</h2>
        <p className="text-sm text-amber-900" data-testid="care-app-waiting-count" data-count={waiting.length}>
          {waiting.length ? t('care.app.waiting', { count: waiting.length }) : t('care.app.nothingWaiting')}
        </p>
        {waiting.length ? (
          <ul className="space-y-1 text-sm text-amber-900">
            {waiting.map((r) => (
              <li key={r.id} data-testid="care-app-waiting-item">
                {minute(new Date(r.createdAt).toISOString())} · {r.nameHint} · {tt(`care.app.kinds.${r.intent}`)}
              </li>
            ))}
          </ul>
        ) : null}
        {refused.map((r) => (
          <div key={r.id} className="flex flex-wrap items-center gap-2 text-sm text-red-700" data-testid="care-app-refused">
            <span>
              {r.nameHint} · {tt(`care.app.kinds.${r.intent}`)} · {t('care.app.refused', { message: tr(r.message, r.params) ?? t('validation.invalid') })}
            </span>
            {/* What was written stays readable (and copyable) until it is fixed or removed. */}
            {recordText(r) ? (
              <span className="w-full select-text break-words text-xs text-slate-700" data-testid="care-app-refused-content">
                {recordText(r)}
              </span>
            ) : null}
            {pack.people.some((p) => p.residentId === r.residentId) ? (
              // Opened to correct and send again under the same id (the server stored nothing of it), its content
              // kept — a visit, a need or an edit of a person alike — and the server's message beside the field it names.
              <Button size="sm" variant="secondary" data-testid="care-app-fix" onClick={() => {
                setNotice(null);
                const field = typeof r.params?.field === 'string' ? r.params.field : null;
                setEditErrors(field ? { [field]: tr(r.message, r.params) ?? t('validation.invalid') } : {});
                setView({ screen: r.intent, residentId: r.residentId, recordId: r.id, fix: { fields: r.fields, photo: r.photo ?? null } });
              }}>
                {t('care.app.fix')}
              </Button>
            ) : null}
            {r.intent === 'visit' && r.message?.includes('visitedAt.') ? (
              // The phone's clock was wrong when the visit was kept (a day ahead, say): the worker sets the real time
              // and sends it again; the visit is never lost to a wrong clock (issue 20).
              <form
                noValidate
                className="flex w-full flex-wrap items-end gap-2"
                data-testid="care-app-fix-time"
                onSubmit={async (e) => {
                  e.preventDefault();
                  const value = (e.currentTarget.elements.namedItem('visitedAt') as HTMLInputElement).value;
                  const typed = careVisitTimeFixSchema.safeParse({ visitedAt: value });
                  if (!typed.success) return setNotice({ text: t('care.app.fixTimeInvalid'), tone: 'error' });
                  const at = typed.data.visitedAt.getTime();
                  await enqueue({ ...r, fields: { ...r.fields, visitedAt: String(at) }, state: 'waiting', message: undefined, params: undefined });
                  await refreshQueue();
                  void sync();
                }}
              >
                <label className="flex flex-col gap-1 text-xs text-slate-700">
                  {t('care.app.fixTime')}
                  <input type="datetime-local" name="visitedAt" defaultValue={localInput(Math.min(Number(r.fields.visitedAt) || Date.now(), Date.now()))} className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900" />
                </label>
                <Button type="submit" size="sm" data-testid="care-app-fix-time-send">
                  {t('care.app.fixTimeSend')}
                </Button>
              </form>
            ) : null}
            {r.intent === 'visit' && r.photo ? (
              <>
                <label className="inline-flex min-h-9 cursor-pointer items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800" data-testid="care-app-retake">
                  {t('care.app.retake')}
                  <input
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    capture="environment"
                    className="sr-only"
                    onChange={async (e) => {
                      const file = e.currentTarget.files?.[0];
                      if (!file) return;
                      const photo = await fitPhoto(file);
                      if (!photo) return setNotice({ text: t('care.app.photoTooLarge'), tone: 'error' });
                      await requeueWithPhoto(r, photo);
                      await refreshQueue();
                      void sync();
                    }}
                  />
                </label>
                <Button
                  size="sm"
                  variant="secondary"
                  data-testid="care-app-without-photo"
                  onClick={async () => {
                    await requeueWithPhoto(r, null);
                    await refreshQueue();
                    void sync();
                  }}
                >
                  {t('care.app.withoutPhoto')}
                </Button>
              </>
            ) : null}
            <Button
              size="sm"
              variant="secondary"
              onClick={async () => {
                await dequeue(r.id);
                await refreshQueue();
              }}
            >
              {t('care.app.remove')}
            </Button>
          </div>
        ))}
        {last?.sent ? <p className="text-sm text-emerald-700">{t('care.app.sent', { count: last.sent })}</p> : null}
        {last?.conflicts ? <p className="text-sm text-amber-900">{t('care.app.conflicts', { count: last.conflicts })}</p> : null}
        {last?.stopped === 'signIn' ? <p className="text-sm text-red-700">{t('care.app.signIn')}</p> : null}
        {last?.stopped === 'error' ? <p className="text-sm text-red-700">{t('care.app.failed')}</p> : null}
        {last?.stopped === 'otherAccount' ? <p className="text-sm text-red-700">{t('care.app.accountChanged')}</p> : null}
        {others.count ? (
          <p className="text-sm text-slate-700" data-testid="care-app-others" data-count={others.count}>
            {t('care.app.others', { count: others.count, who: others.labels.map((l) => l || t('care.app.unknownAccount')).join('、') })}
          </p>
        ) : null}
        {waiting.length && online ? (
          <Button size="sm" onClick={() => void sync()} disabled={busy} data-testid="care-app-send">
            {busy ? t('care.app.sending') : t('care.app.sendNow')}
          </Button>
        ) : null}
      </section>

      {/* A record just kept says "waiting" only while it waits: once sent it says so (the note stayed after sending). */}
      {notice && !(notice.waiting && refused.some((r) => r.id === notice.waiting)) ? (
        <div ref={noticeRef} className="scroll-mt-20">
          <Alert tone={notice.tone} data-testid="care-app-notice">
            {notice.waiting && !waiting.some((r) => r.id === notice.waiting) ? t('care.app.savedSent') : notice.text}
          </Alert>
        </div>
      ) : null}

      {view.screen === 'list' || !person ? (
        <>
          <p className="text-sm text-slate-500">
            {t('care.app.people', { count: pack.people.length })} · {t('care.app.install')}
          </p>
          <Input type="search" value={q} onChange={(e) => setQ(e.currentTarget.value)} placeholder={t('care.app.search')} aria-label={t('care.app.search')} />
          {q && shown.length === 0 ? (
            <p className="text-sm text-slate-500" data-testid="care-app-no-match">
              {t('care.app.noMatch')}
            </p>
          ) : null}
          <ul className="space-y-2" data-testid="care-app-people">
            {shown.map((p) => (
              <li key={p.residentId}>
                <Card data-testid="care-app-person" data-resident-id={p.residentId}>
                  <CardBody className="space-y-2">
                    <div className="flex flex-wrap items-center gap-2">
                      <span className="font-medium" data-testid="care-app-person-name">
                        {p.nameHint}
                      </span>
                      <Badge tone={tierTone(p.tier)}>{tt(`care.tier.${p.tier}`)}</Badge>
                      {p.state ? <Badge tone={stateTone(p.state)}>{tt(`care.state.${p.state}`)}</Badge> : null}
                      {pendingOf.get(p.residentId) ? <Badge tone="progress">{t('care.app.pending', { count: pendingOf.get(p.residentId) })}</Badge> : null}
                    </div>
                    <p className="break-words text-sm text-slate-600">
                      {p.gridName ? `${p.gridName} · ` : null}
                      {p.address || '—'}
                    </p>
                    {p.closesAt && p.state && !p.state.startsWith('visited') ? <p className="text-xs text-slate-500">{t('care.row.due', { at: windowEndText(new Date(p.closesAt)).slice(5) })}</p> : null}
                    <div className="flex flex-wrap gap-2">
                      <Button size="sm" onClick={() => open('visit', p.residentId)} data-testid="care-app-visit">
                        {t('care.app.visit')}
                      </Button>
                      <Button size="sm" variant="secondary" onClick={() => open('need', p.residentId)} data-testid="care-app-need">
                        {t('care.app.need')}
                      </Button>
                      <Button size="sm" variant="secondary" onClick={() => open('edit', p.residentId)} data-testid="care-app-edit">
                        {t('care.app.edit')}
                      </Button>
                    </div>
                  </CardBody>
                </Card>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <Card>
          <CardBody className="space-y-4">
            <div ref={formTop} className="flex scroll-mt-20 flex-wrap items-center gap-2">
              <span className="font-medium" data-testid="care-app-form-person">
                {person.nameHint}
              </span>
              <Badge tone={tierTone(person.tier)}>{tt(`care.tier.${person.tier}`)}</Badge>
              <Button size="sm" variant="ghost" onClick={() => setView({ screen: 'list' })}>
                {t('care.app.back')}
              </Button>
            </div>
            {view.screen === 'visit' ? (
              <form noValidate className="space-y-4" onSubmit={(e) => {
                  e.preventDefault();
                  void once(() => onVisit(e, person, view.recordId, view.fix));
                }} data-testid="care-app-visit-form">
                <p className="text-sm text-slate-600">{t('care.visit.intro')}</p>
                <VisitChoiceFields categories={pack.categories} error={(f) => editErrors[f] ?? null} defaults={fix} />
                <Field id="care-app-photo" label={t('care.visit.photo')} hint={t('care.visit.photoHint')}>
                  <FileInput maxBytes={PHOTO_LIMIT_BYTES} name="photo" accept="image/jpeg,image/png,image/webp" capture="environment" chooseLabel={t('care.visit.photoChoose')} noneLabel={t('care.visit.photoNone')} removeLabel={t('care.visit.photoRemove')} />
                </Field>
                <LocationField />
                <Button type="submit" className="w-full" disabled={isSaving} data-testid="care-app-save-visit">
                  {t('care.app.saveVisit')}
                </Button>
              </form>
            ) : view.screen === 'need' ? (
              <form noValidate className="space-y-4" onSubmit={(e) => {
                  e.preventDefault();
                  void once(() => onNeed(e, person, view.recordId));
                }} data-testid="care-app-need-form">
                <h2 className="text-base font-semibold">{t('care.app.needTitle')}</h2>
                <Field id="care-app-need-category" label={t('care.visit.needCategory')} error={editErrors.categoryId}>
                  <Select name="categoryId" required placeholder="—" defaultValue={fixValue('categoryId')} options={pack.categories.map((c) => ({ value: c.id, label: c.name }))} />
                </Field>
                <Field id="care-app-need-content" label={t('care.visit.needContent')} error={editErrors.content}>
                  <Textarea name="content" maxLength={500} rows={3} required defaultValue={fixValue('content')} />
                </Field>
                <Button type="submit" className="w-full" disabled={isSaving} data-testid="care-app-save-need">
                  {t('care.app.saveNeed')}
                </Button>
              </form>
            ) : (
              <form noValidate className="space-y-4" onSubmit={(e) => {
                  e.preventDefault();
                  void once(() => onEdit(e, person, view.recordId, view.fix));
                }} data-testid="care-app-edit-form">
                <h2 className="text-base font-semibold">{t('care.app.editTitle')}</h2>
                <p className="text-xs text-slate-500">{t('care.app.editHint')}</p>
                <Field id="care-app-unit" label={t('care.app.unit')} error={editErrors.unit}>
                  <Input name="unit" maxLength={UNIT_ROOM_MAX} defaultValue={editValue(person, 'unit')} />
                </Field>
                <Field id="care-app-room" label={t('care.app.room')} error={editErrors.room}>
                  <Input name="room" maxLength={UNIT_ROOM_MAX} defaultValue={editValue(person, 'room')} />
                </Field>
                <Field id="care-app-note" label={t('care.app.note')} error={editErrors.note}>
                  <Textarea name="note" maxLength={500} rows={3} defaultValue={editValue(person, 'note')} />
                </Field>
                <Button type="submit" className="w-full" disabled={isSaving} data-testid="care-app-save-edit">
                  {t('care.app.saveEdit')}
                </Button>
              </form>
            )}
          </CardBody>
        </Card>
      )}
    </div>
  );
}
