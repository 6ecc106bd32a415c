// What the operator working now may do, so that the UI offers only that. The core checks every
// action itself (crates/lintas-core/src/roles.rs) and refuses the rest with `forbidden`; these
// functions mirror its rules so that a button the core would refuse is not shown at all.

import type { EntityKind, Role } from './types';

/** The permissions of roles.rs (`Permission::as_str`). */
export type Permission =
  | 'write_records'
  | 'export_records'
  | 'import_bundles'
  | 'review_matches'
  | 'manage_operators'
  | 'manage_trust'
  | 'erase'
  | 'backup'
  | 'read_audit'
  | 'import_reference';

export const ROLES: readonly Role[] = ['Coordinator', 'CaseWorker', 'ShelterStaff', 'ReadOnly'];

const CASE_WORKER: readonly Permission[] = [
  'write_records',
  'export_records',
  'import_bundles',
  'review_matches',
  'read_audit',
  'import_reference',
];

/**
 * Whether a role has a permission: `Role::allows`. Without a role (locked, or a shell too old to
 * say) nothing is allowed.
 */
export function can(role: Role | null | undefined, permission: Permission): boolean {
  switch (role) {
    case 'Coordinator':
      return true;
    case 'CaseWorker':
      return CASE_WORKER.includes(permission);
    case 'ShelterStaff':
      return permission === 'write_records';
    case 'ReadOnly':
      return permission === 'read_audit';
    default:
      return false;
  }
}

/** What shelter staff record: the care they give (`SHELTER_STAFF_WRITES`). */
const SHELTER_STAFF_WRITES: readonly EntityKind[] = ['service', 'note'];

/**
 * Whether a role may create and change records of a kind: `Role::may_create`. Write permission
 * alone is not enough, because shelter staff write services and notes only, and only
 * coordinators write operators.
 */
export function canWrite(role: Role | null | undefined, kind: EntityKind): boolean {
  if (!can(role, 'write_records')) return false;
  if (kind === 'operator') return role === 'Coordinator';
  return role !== 'ShelterStaff' || SHELTER_STAFF_WRITES.includes(kind);
}
