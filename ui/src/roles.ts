// What the operator working now may do, so that the UI offers only that. The core checks every
// action itself (crates/lintas-core/src/roles.rs) and refuses the rest with `forbidden`. The rules
// are not copied here: the core sends its table for the operator's role (`AppStatus.capabilities`,
// `Role::capabilities`), and these functions look things up in it. Without it (locked, or a shell
// too old to send it) nothing is allowed.

import type { Capabilities, EntityKind, FieldSet, Permission, Role } from './types';

export type { Permission };

export const ROLES: readonly Role[] = ['Coordinator', 'CaseWorker', 'ShelterStaff', 'ReadOnly'];

type Caps = Capabilities | null | undefined;

/** Whether the role has a permission: `Role::allows`. */
export function can(caps: Caps, permission: Permission): boolean {
  return caps?.permissions.includes(permission) ?? false;
}

function entity(caps: Caps, kind: EntityKind) {
  return caps?.entities.find((e) => e.kind === kind);
}

function holds(set: FieldSet | undefined, field: string): boolean {
  if (set === undefined || set === 'none') return false;
  return set === 'all' || set.only.includes(field);
}

/**
 * Whether the role may create and change records of a kind: `Role::may_create`. Write permission
 * alone is not enough, because shelter staff write services and notes only, and only
 * coordinators write operators.
 */
export function canWrite(caps: Caps, kind: EntityKind): boolean {
  return entity(caps, kind)?.create ?? false;
}

/** Whether the role reads a field of a kind of record (and so may filter and sort by it): `Role::may_read`. */
export function canRead(caps: Caps, kind: EntityKind, field: string): boolean {
  return holds(entity(caps, kind)?.read, field);
}
