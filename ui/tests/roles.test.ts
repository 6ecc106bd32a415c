// The role rules the UI mirrors from crates/lintas-core/src/roles.rs: which permissions each
// role has, which records it writes, and which screens it is offered.

import { describe, expect, it } from 'vitest';
import { can, canWrite, type Permission, ROLES } from '../src/roles';
import { mayOpen, type RouteName } from '../src/routes';
import type { EntityKind, Role } from '../src/types';

const PERMISSIONS: Permission[] = [
  'write_records',
  'export_records',
  'import_bundles',
  'review_matches',
  'manage_operators',
  'manage_trust',
  'erase',
  'backup',
  'read_audit',
];

const KINDS: EntityKind[] = [
  'operator',
  'person',
  'case',
  'party',
  'event',
  'service',
  'followup',
  'note',
  'consent',
  'attachment',
  'referral',
  'share',
  'person_link',
];

const allowed = (role: Role | null) => PERMISSIONS.filter((p) => can(role, p));

describe('can', () => {
  it('gives each role the permissions of Role::allows, and nothing without a role', () => {
    expect(allowed('Coordinator')).toEqual(PERMISSIONS);
    expect(allowed('CaseWorker')).toEqual(['write_records', 'export_records', 'import_bundles', 'review_matches', 'read_audit']);
    expect(allowed('ShelterStaff')).toEqual(['write_records']);
    expect(allowed('ReadOnly')).toEqual(['read_audit']);
    expect(allowed(null)).toEqual([]);
  });

  it('keeps administration to coordinators (the README role table)', () => {
    for (const p of ['manage_operators', 'manage_trust', 'erase', 'backup'] as const) {
      expect(ROLES.filter((r) => can(r, p))).toEqual(['Coordinator']);
    }
    expect(ROLES.filter((r) => can(r, 'export_records'))).toEqual(['Coordinator', 'CaseWorker']);
  });
});

describe('canWrite', () => {
  const writes = (role: Role) => KINDS.filter((k) => canWrite(role, k));

  it('lets shelter staff write services and notes only, and read-only write nothing', () => {
    expect(writes('ShelterStaff')).toEqual(['service', 'note']);
    expect(writes('ReadOnly')).toEqual([]);
  });

  it('keeps operators to coordinators; case workers write every other record', () => {
    expect(writes('Coordinator')).toEqual(KINDS);
    expect(writes('CaseWorker')).toEqual(KINDS.filter((k) => k !== 'operator'));
    expect(canWrite(undefined, 'note')).toBe(false);
  });
});

describe('mayOpen', () => {
  const SCREENS: RouteName[] = [
    'dashboard',
    'statistics',
    'cases',
    'case',
    'new-case',
    'referrals',
    'exchange',
    'trust',
    'conflicts',
    'duplicates',
    'alerts',
    'audit',
    'settings',
  ];
  const closed = (role: Role) => SCREENS.filter((s) => !mayOpen(s, role));

  it('offers each role only the screens where the core lets it do something', () => {
    expect(closed('Coordinator')).toEqual([]);
    expect(closed('CaseWorker')).toEqual([]);
    expect(closed('ShelterStaff')).toEqual(['new-case', 'exchange', 'conflicts', 'duplicates', 'alerts', 'audit']);
    expect(closed('ReadOnly')).toEqual(['new-case', 'exchange', 'conflicts', 'duplicates']);
  });
});
