// The UI looks the role rules up in the table the core sends (crates/lintas-core/src/roles.rs,
// `Role::capabilities`; ui/mock/capabilities.json is that table, checked by a core test): which
// permissions each role has, which records it writes and reads, and which screens it is offered.

import { describe, expect, it } from 'vitest';
import CAPABILITIES from '../mock/capabilities.json';
import { can, canRead, canWrite, type Permission, ROLES } from '../src/roles';
import { mayOpen, type RouteName } from '../src/routes';
import type { Capabilities, EntityKind, Role } from '../src/types';

const caps = (role: Role | null): Capabilities | null =>
  (CAPABILITIES as unknown as Capabilities[]).find((c) => c.role === role) ?? null;

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
  'import_reference',
  'read_statistics',
  'filter_fields',
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

const allowed = (role: Role | null) => PERMISSIONS.filter((p) => can(caps(role), p));

describe('can', () => {
  it('gives each role the permissions of Role::allows, and nothing without a role', () => {
    expect(allowed('Coordinator')).toEqual(PERMISSIONS);
    expect(allowed('CaseWorker')).toEqual([
      'write_records',
      'export_records',
      'import_bundles',
      'review_matches',
      'read_audit',
      'import_reference',
      'read_statistics',
      'filter_fields',
    ]);
    expect(allowed('ShelterStaff')).toEqual(['write_records', 'filter_fields']);
    expect(allowed('ReadOnly')).toEqual(['read_audit', 'read_statistics', 'filter_fields']);
    expect(allowed(null)).toEqual([]);
  });

  it('keeps administration to coordinators (the README role table)', () => {
    for (const p of ['manage_operators', 'manage_trust', 'erase', 'backup'] as const) {
      expect(ROLES.filter((r) => can(caps(r), p))).toEqual(['Coordinator']);
    }
    expect(ROLES.filter((r) => can(caps(r), 'export_records'))).toEqual(['Coordinator', 'CaseWorker']);
    expect(ROLES.filter((r) => !can(caps(r), 'read_statistics'))).toEqual(['ShelterStaff']);
  });
});

describe('canWrite', () => {
  const writes = (role: Role) => KINDS.filter((k) => canWrite(caps(role), k));

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

describe('canRead', () => {
  it('hides from shelter staff what the core hides: exploitation, identity numbers, referral details', () => {
    const staff = caps('ShelterStaff');
    expect(canRead(staff, 'case', 'type_of_exploitation')).toBe(false);
    expect(canRead(staff, 'person', 'identity_number')).toBe(false);
    expect(canRead(staff, 'referral', 'details')).toBe(false);
    expect(canRead(staff, 'event', 'place')).toBe(false);
    expect(canRead(staff, 'case', 'status')).toBe(true);
    expect(canRead(caps('ReadOnly'), 'referral', 'details')).toBe(true);
    expect(canRead(null, 'case', 'status')).toBe(false);
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
  const closed = (role: Role) => SCREENS.filter((s) => !mayOpen(s, caps(role)));

  it('offers each role only the screens where the core lets it do something', () => {
    expect(closed('Coordinator')).toEqual([]);
    expect(closed('CaseWorker')).toEqual([]);
    expect(closed('ShelterStaff')).toEqual([
      'statistics',
      'new-case',
      'exchange',
      'conflicts',
      'duplicates',
      'alerts',
      'audit',
    ]);
    expect(closed('ReadOnly')).toEqual(['new-case', 'exchange', 'conflicts', 'duplicates']);
  });
});
