import type { Action, AppAbility, SubjectName, TaggedSubject } from './ability.ts';

/** Thrown by server checks; the web app turns it into a 403 page, never a 500. */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(
    readonly action: Action,
    readonly subjectType: string,
  ) {
    super(`forbidden: ${action} ${subjectType}`);
    this.name = 'ForbiddenError';
  }
}

export function assertCan(ability: AppAbility, action: Action, target: SubjectName | TaggedSubject): void {
  if (!ability.can(action, target)) {
    const type = typeof target === 'string' ? target : target.__caslSubjectType__;
    throw new ForbiddenError(action, type);
  }
}
