import { MEMBER_ROLES } from '../../../shared/api/members-contract';
import type { AddMemberResponse, MemberRole, MembersResponse, StoreMember } from '../api/types';

/** The roles an owner can give, owners first (the same list as the API's). */
export const ROLES: readonly MemberRole[] = MEMBER_ROLES;

export function isMemberRole(value: unknown): value is MemberRole {
  return (ROLES as readonly unknown[]).includes(value);
}

/** How a member is named: their name, else their email, else (no longer in the directory) their id. */
export function memberLabel(member: StoreMember): string {
  if (member.name !== null && member.name.trim() !== '') return member.name;
  if (member.email !== null && member.email !== '') return member.email;
  return member.userId;
}

/** Owners first, then by name (then email, then id) in the viewer's language. */
export function sortMembers(members: readonly StoreMember[], locale: string): StoreMember[] {
  const rank = (member: StoreMember) => (member.role === 'owner' ? 0 : 1);
  const collator = new Intl.Collator(locale, { sensitivity: 'base' });
  return [...members].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      collator.compare(memberLabel(a), memberLabel(b)) ||
      collator.compare(a.email ?? '', b.email ?? '') ||
      a.userId.localeCompare(b.userId),
  );
}

export function ownerCount(members: readonly StoreMember[]): number {
  return members.filter((member) => member.role === 'owner').length;
}

/** The store's only owner: removing them or making them an operator would leave it without one. */
export function isLastOwner(member: StoreMember, members: readonly StoreMember[]): boolean {
  return member.role === 'owner' && ownerCount(members) <= 1;
}

/** What the caller may do to one member. A UI hint only: the API decides (403, 409 LastOwner). */
export interface MemberPermissions {
  readonly changeRole: boolean;
  readonly remove: boolean;
}

export function memberPermissions(
  member: StoreMember,
  response: Pick<MembersResponse, 'members' | 'canManage'>,
): MemberPermissions {
  if (!response.canManage) return { changeRole: false, remove: false };
  const last = isLastOwner(member, response.members);
  return { changeRole: !last, remove: !last };
}

export type EmailCheck = { readonly ok: true; readonly email: string } | { readonly ok: false };

/**
 * A plausible email address, trimmed: one `@`, something on both sides, a dot in the domain, no spaces. The
 * directory has the final word (404 OperatorNotFound).
 */
export function checkEmail(input: string): EmailCheck {
  const email = input.trim();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254
    ? { ok: true, email }
    : { ok: false };
}

/** The list after a successful POST: the member added, or replaced with their new role. */
export function withMember(response: MembersResponse, answer: AddMemberResponse): MembersResponse {
  const exists = response.members.some((member) => member.userId === answer.member.userId);
  return {
    ...response,
    members: exists
      ? response.members.map((member) => (member.userId === answer.member.userId ? answer.member : member))
      : [...response.members, answer.member],
  };
}

/** The list after a successful DELETE of one member. */
export function withoutMember(response: MembersResponse, userId: string): MembersResponse {
  return { ...response, members: response.members.filter((member) => member.userId !== userId) };
}

/** The confirmation shown after a POST, by its result. */
export function addResultKey(
  result: AddMemberResponse['result'],
): 'members.added' | 'members.roleChanged' | 'members.unchanged' {
  switch (result) {
    case 'added':
      return 'members.added';
    case 'role-changed':
      return 'members.roleChanged';
    default:
      return 'members.unchanged';
  }
}

/** What the last change said on the members page: shown above the list until the next change or a dismissal. */
export type MembersOutcome =
  { readonly tone: 'success'; readonly text: string } | { readonly tone: 'error'; readonly error: unknown };
