// The deadline engine's own entry point (`@shequ/use-cases/deadlines`, issue 12): the working-calendar and time-limit
// policy with its caches, the deadline rows' store (start, settle, pause, resume, recompute) and the wake-ups the
// worker drives (issue 14's hot path). They are building blocks of use cases and of the worker, not use cases, so the
// package root does not export them (decision 028); the worker, the calendar page and tests import them from here.
export * from './policy.ts';
export * from './process.ts';
export * from './store.ts';
