/** The shape of a per-locale message catalogue: one function per issue code, nothing else. */
import type { DraftIssue, IssueCode } from '../issues';
import type { MessageContext } from './format';

export type DraftOf<C extends IssueCode> = Extract<DraftIssue, { code: C }>;

/** Every code must have a message in every language: a missing entry is a compile error. */
export type Catalogue = { [C in IssueCode]: (issue: DraftOf<C>, ctx: MessageContext) => string };
