import { MEMBER_ROLES } from '../../../shared/api/members-contract';
import type { AddMemberResponse, MembersResponse, StoreMember } from '../../../dashboard/src/api/types';
import {
  ROLES,
  addResultKey,
  checkEmail,
  isLastOwner,
  isMemberRole,
  memberLabel,
  memberPermissions,
  ownerCount,
  sortMembers,
  withMember,
  withoutMember,
} from '../../../dashboard/src/data/members';
import { translate } from '../../../dashboard/src/i18n/i18n';

const member = (overrides: Partial<StoreMember> & Pick<StoreMember, 'userId'>): StoreMember => ({
  email: `${overrides.userId}@minthub.local`,
  name: overrides.userId,
  role: 'operator',
  addedAt: '2026-11-20T08:00:00.000Z',
  addedBy: 'lin',
  ...overrides,
});

const lin = member({ userId: 'lin', name: 'Lin Zhao', role: 'owner', addedBy: 'lin' });
const sofia = member({ userId: 'sofia', name: 'Sofia Marino' });
const ada = member({ userId: 'ada', name: 'Ada Okafor' });
const gone = member({ userId: 'u-gone', name: null, email: null });

const response = (members: StoreMember[], canManage = true): MembersResponse => ({
  storeId: 'A2LUMENCRAFT7Q-NA',
  members,
  canManage,
});

describe('members list', () => {
  it('offers the API roles, owner first', () => {
    expect(ROLES).toEqual(MEMBER_ROLES);
    expect(ROLES[0]).toBe('owner');
    expect(isMemberRole('operator')).toBe(true);
    expect(isMemberRole('admin')).toBe(false);
  });

  it('lists owners first, then by name in the viewer language', () => {
    const nameless = member({ userId: 'zed', name: null, email: 'bea@minthub.local' });
    expect(sortMembers([sofia, gone, ada, lin, nameless], 'en').map((m) => m.userId)).toEqual([
      'lin',
      'ada',
      'zed',
      'sofia',
      'u-gone',
    ]);
  });

  it('names a member by name, else email, else id', () => {
    expect(memberLabel(lin)).toBe('Lin Zhao');
    expect(memberLabel(member({ userId: 'x', name: ' ', email: 'x@y.z' }))).toBe('x@y.z');
    expect(memberLabel(gone)).toBe('u-gone');
  });
});

describe('what the caller may do to a member', () => {
  it('gives operators and admins (canManage false) a read-only list', () => {
    const list = response([lin, sofia], false);
    expect(memberPermissions(sofia, list)).toEqual({ changeRole: false, remove: false });
    expect(memberPermissions(lin, list)).toEqual({ changeRole: false, remove: false });
  });

  it('lets owners change and remove anyone but the last owner', () => {
    const list = response([lin, sofia]);
    expect(ownerCount(list.members)).toBe(1);
    expect(isLastOwner(lin, list.members)).toBe(true);
    expect(isLastOwner(sofia, list.members)).toBe(false);
    expect(memberPermissions(lin, list)).toEqual({ changeRole: false, remove: false });
    expect(memberPermissions(sofia, list)).toEqual({ changeRole: true, remove: true });
  });

  it('lets one of two owners step down', () => {
    const list = response([lin, { ...ada, role: 'owner' }]);
    expect(memberPermissions(lin, list)).toEqual({ changeRole: true, remove: true });
  });
});

describe('adding by email', () => {
  it('accepts a trimmed address and refuses what cannot be one', () => {
    expect(checkEmail('  sofia@minthub.local ')).toEqual({ ok: true, email: 'sofia@minthub.local' });
    for (const bad of ['', 'sofia', 'sofia@', '@minthub.local', 'so fia@minthub.local', 'a@b', 'a@@b.c']) {
      expect(checkEmail(bad).ok).toBe(false);
    }
  });

  it('applies the answer to the list: added, role changed, removed', () => {
    const list = response([lin]);
    const added: AddMemberResponse = { storeId: list.storeId, member: sofia, result: 'added' };
    const afterAdd = withMember(list, added);
    expect(afterAdd.members.map((m) => m.userId)).toEqual(['lin', 'sofia']);
    const promoted = withMember(afterAdd, {
      storeId: list.storeId,
      member: { ...sofia, role: 'owner' },
      result: 'role-changed',
    });
    expect(promoted.members.map((m) => `${m.userId}:${m.role}`)).toEqual(['lin:owner', 'sofia:owner']);
    expect(withoutMember(promoted, 'sofia').members).toEqual([lin]);
    expect(list.members).toEqual([lin]);
  });

  it('confirms each result in both languages', () => {
    const params = { name: 'Sofia Marino', role: translate('en', 'stores.role.operator') };
    expect(translate('en', addResultKey('added'), params)).toBe('Sofia Marino was added as Operator.');
    expect(translate('en', addResultKey('role-changed'), params)).toBe('Sofia Marino is now Operator.');
    expect(translate('en', addResultKey('unchanged'), params)).toBe(
      'Sofia Marino already has the role Operator.',
    );
    expect(
      translate('zh-CN', addResultKey('added'), {
        ...params,
        role: translate('zh-CN', 'stores.role.operator'),
      }),
    ).toBe('已将 Sofia Marino 添加为运营。');
  });
});
