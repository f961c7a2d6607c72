import { useNavigation } from '@remix-run/react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '~/components/ui/alert.tsx';
import { Button, type ButtonProps } from '~/components/ui/button.tsx';
import { useErrorText } from '~/lib/error-text.ts';
import { parseForm } from '~/lib/parse-form.ts';
import type { RefusalMessage } from '~/lib/refusal.ts';
import { cn } from '~/lib/utils.ts';
import type { z } from '~/lib/validation.ts';

/**
 * What a page's action answers for one of its forms: which form, errors by field, a refusal naming no field; with
 * `values` what was typed (a refused form shows it again, even on a page rendered anew) and, on success, `saved`
 * (new on each save, so the saved form can start empty).
 */
export type FormReply = {
  form: string;
  errors: Record<string, string[] | undefined>;
  error: RefusalMessage | null;
  params: Record<string, string | number>;
  values?: Record<string, string | string[]>;
  saved?: string;
};

/**
 * The messages of the form that was sent (a page holds several forms, told apart by `form`): `err(form, field)`
 * beside a field (`errs`: all of a field's messages) (Chinese first; raw validator text never shown), `alert(form)` above the form for a refusal that
 * names no field, or a "check the fields marked" line when only fields are wrong. `sent`: the form answered.
 * `value` / `values` / `refused` / `resetKey`: what was typed into a refused form, and a key that changes when a
 * form was saved (CommitteeForm in components/committee). `submit(form, label)`: the form's foot, its refusal above
 * its send button (posted as `intent`, when given; disabled while anything is being sent).
 * Input: the page's action data (anything; a reply without `form` counts as none).
 */
export function useReply(reply: unknown, schema?: z.ZodTypeAny) {
  const { t } = useTranslation();
  // A form refused in the browser (check): its messages stand in for the server's answer until the next answer comes.
  const [local, setLocal] = useState<{ reply: unknown; form: string; errors: FormReply['errors']; sentBy: SentBy } | null>(null);
  // An answer of another shape (Conform's `{ form, result }`, a page's own) counts as none: only check's messages show.
  const server = reply && typeof reply === 'object' && 'form' in reply && 'errors' in reply ? (reply as FormReply) : null;
  const r: FormReply | null = local && local.reply === reply ? { form: local.form, errors: local.errors, error: null, params: {} } : server;
  const tr = useErrorText(r?.params);
  const saves = useRef<Record<string, string>>({});
  // The fields each form shows a message beside (every err() call, in this render and earlier ones), so that alert()
  // can tell a problem no field shows from one marked beside its field.
  const shown = useRef(new Set<string>());
  if (r?.saved) saves.current[r.form] = r.saved;
  /** The key of a problem `field` shows: its own, else the first of its parts (a list's values: `starHours[2]`). */
  const keyFor = (field: string) => (r ? (r.errors[field]?.length ? field : Object.keys(r.errors).find((k) => r.errors[k]?.length && (k.startsWith(`${field}[`) || k.startsWith(`${field}.`)))) : undefined);
  // Whether this render showed any message of a form refused in the browser (err or alert returned one for it).
  const said = useRef(false);
  said.current = false;
  const err = (form: string, field: string) => {
    shown.current.add(`${form}\u0000${field}`);
    const key = r?.form === form ? keyFor(field) : undefined;
    if (key && local?.form === form) said.current = true;
    return key ? tr(r!.errors[key]![0]) : null;
  };
  /**
   * Every message of `field` (a field holding several problems: a calendar's adjusted working days that are no
   * weekend and also days off), each once, in words; null when none. `err` says the first only.
   */
  const errs = (form: string, field: string) => {
    const first = err(form, field);
    if (first === null) return null;
    const key = keyFor(field)!;
    return [...new Set(r!.errors[key]!.map((m) => tr(m)))].join(' ');
  };
  /** The problems of `form` that no field of it shows (a field the page lacks): said above the form in words. */
  const unshown = (form: string) =>
    Object.keys(r?.errors ?? {}).filter((k) => r!.errors[k]?.length && ![...shown.current].some((s) => s.startsWith(`${form}\u0000`) && [k, ...parentsOf(k)].includes(s.slice(form.length + 1))));
  const typed = (form: string, field: string) => (r?.form === form && !r.saved ? r.values?.[field] : undefined);
  /** What was typed into a field of `form` when it was refused (its default), else `fallback`. */
  const value = (form: string, field: string, fallback?: string): string | undefined => {
    const v = typed(form, field);
    return typeof v === 'string' ? v : Array.isArray(v) ? v[0] : fallback;
  };
  /** The values ticked in a group of `form` when it was refused. */
  const values = (form: string, field: string): string[] => {
    const v = typed(form, field);
    return typeof v === 'string' ? [v] : (v ?? []);
  };
  /** A key for `form` that changes only when it was saved: the saved form starts empty, a refused one keeps its text. */
  const resetKey = (form: string) => saves.current[form] ?? form;
  /** Whether the reply sent back what was typed into `form` (refused): a checkbox's default is then whether it was ticked. */
  const refused = (form: string) => r?.form === form && !r.saved && Boolean(r.values);
  // Above the form: a refusal naming no field; else the problems no field shows, in words; else the line that points
  // to the marked fields (issue 17: a list's values were refused under names no field had, and the page said only
  // 请检查标红的内容 with nothing marked).
  const alert = (form: string) => {
    if (r?.form !== form || !(r.error || Object.keys(r.errors).length)) return null;
    if (local?.form === form) said.current = true;
    const loose = r.error ? [] : unshown(form);
    return (
      <Alert tone="error" className="w-full" data-testid={`${form}-error`}>
        {r.error ? (t as unknown as (key: string, values?: Record<string, unknown>) => string)(r.error, r.params) : loose.length ? [...new Set(loose.map((k) => tr(r.errors[k]![0])))].join(' ') : t('validation.checkFields')}
      </Alert>
    );
  };
  const submit = (form: string, label: ReactNode, options: FootOptions = {}) => (
    <FormFoot alert={alert(form)} {...options}>
      {label}
    </FormFoot>
  );
  /** The problems the page's schema finds in `form` as it stands (sent by the button `sentBy`, whose intent counts), or null. */
  const problems = (element: HTMLFormElement, sentBy: SentBy) => {
    if (!schema) return null;
    const parsed = parseForm(formDataOf(element, sentBy), schema);
    if (parsed.status === 'success') return null;
    const errors = Object.fromEntries(Object.entries(parsed.error ?? {}).filter((e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0));
    return Object.keys(errors).length === 0 ? null : errors;
  };
  /**
   * Props for `form`'s element that check it in the browser with the page's schema (the one its action parses with,
   * so the messages are the server's own, Chinese first): a form the schema refuses is not sent, its messages appear
   * beside its fields, and they follow what is typed until it passes. Without JavaScript, or without a schema, the
   * server answers as before.
   */
  // The form refused in the browser, until the render that should show its messages; and a send let through.
  const held = useRef<HTMLFormElement | null>(null);
  const letThrough = useRef(false);
  // A page that shows none of a refused form's messages (no err/alert for it) must not leave the person with a form
  // that does nothing: it is sent after all (with the button that sent it), and the server's answer says what is wrong.
  useEffect(() => {
    const element = held.current;
    held.current = null;
    if (!element || !local || said.current) return;
    if (typeof element.requestSubmit !== 'function') {
      // An older browser: the plain post, as without JavaScript (the server answers the page).
      if (local.sentBy) element.append(Object.assign(document.createElement('input'), { type: 'hidden', name: local.sentBy.name, value: local.sentBy.value }));
      return element.submit();
    }
    letThrough.current = true;
    try {
      const button = local.sentBy ? element.querySelector<HTMLButtonElement>(`button[name="${CSS.escape(local.sentBy.name)}"][value="${CSS.escape(local.sentBy.value)}"]`) : null;
      element.requestSubmit(button ?? undefined);
    } finally {
      // The submit event ran inside requestSubmit (or none came: a form no longer on the page); either way the next
      // send is checked again.
      letThrough.current = false;
    }
  }, [local]);
  /** Sets the browser's messages of `form`, unless they are the ones shown (typing that changes nothing re-renders nothing). */
  const show = (form: string, errors: FormReply['errors'] | null, sentBy: SentBy) => {
    if (!errors) return setLocal(null);
    if (local && local.reply === reply && local.form === form && JSON.stringify(local.errors) === JSON.stringify(errors)) return;
    setLocal({ reply, form, errors, sentBy });
  };
  const check = (form: string) => ({
    onSubmit: (event: FormEvent<HTMLFormElement>) => {
      if (letThrough.current) return setLocal(null);
      const submitter = (event.nativeEvent as SubmitEvent).submitter;
      const name = submitter?.getAttribute('name');
      const sentBy: SentBy = name ? { name, value: (submitter as HTMLButtonElement).value } : null;
      const errors = problems(event.currentTarget, sentBy);
      if (!errors) return setLocal(null);
      event.preventDefault();
      held.current = event.currentTarget;
      // A new object even when the messages are the same: a second refused send is held and shown again.
      setLocal({ reply, form, errors, sentBy });
    },
    onInput: (event: FormEvent<HTMLFormElement>) => {
      if (!local || local.form !== form || local.reply !== reply) return;
      // Checked as the refused send was: with the button that sent it (a page's forms are told apart by its intent).
      show(form, problems(event.currentTarget, local.sentBy), local.sentBy);
    },
  });
  return { err, errs, alert, submit, value, values, resetKey, refused, check, sent: r?.form ?? null };
}

/** The button a form was sent with, by its name and value (a page's forms are told apart by its `intent`). */
type SentBy = { name: string; value: string } | null;

/** What `form` would post when sent by the button `sentBy`: its fields, and the button's name and value. */
function formDataOf(form: HTMLFormElement, sentBy: SentBy): FormData {
  const data = new FormData(form);
  if (sentBy) data.append(sentBy.name, sentBy.value);
  return data;
}

/** The names a field of a form may stand for: `shifts[0].startsAt` → `shifts[0]`, `shifts`. */
function parentsOf(key: string): string[] {
  const parents: string[] = [];
  for (let i = key.length - 1; i > 0; i--) if (key[i] === '[' || key[i] === '.') parents.push(key.slice(0, i));
  return parents;
}

type FootOptions = { intent?: string; className?: string; testId?: string } & Pick<ButtonProps, 'variant' | 'size'>;

/**
 * A form's foot: its refusal (`alert`, if any) above its send button (posted as `intent`, when given), which is
 * disabled while anything is being sent. `useReply().submit(form, label)` draws it with the form's refusal.
 */
export function FormFoot({ alert, intent, className, variant, size, testId, children }: FootOptions & { alert?: ReactNode; children: ReactNode }) {
  const busy = useNavigation().state !== 'idle';
  return (
    <div className={cn('space-y-2', className)}>
      {alert}
      <Button type="submit" name={intent ? 'intent' : undefined} value={intent} variant={variant} size={size} disabled={busy} data-testid={testId}>
        {children}
      </Button>
    </div>
  );
}
