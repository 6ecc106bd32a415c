// The screens of the unlocked app. Navigation is kept in memory (there is no address bar in
// the desktop app), so that a guard can ask before unsaved edits are left behind.

import { can, canRead, canWrite } from './roles';
import type { Capabilities, Created, Erased } from './types';

export type Route =
  | { name: 'dashboard' }
  | { name: 'tasks' }
  | { name: 'statistics' }
  | { name: 'annual' }
  | { name: 'activities' }
  | { name: 'cases'; erased?: { number: string; erased: Erased } }
  /** A case; `section` is the id of the section to open it at (`sec-plans`). */
  | { name: 'case'; id: string; created?: Created; section?: string }
  | { name: 'new-case' }
  | { name: 'referrals' }
  | { name: 'organisations' }
  | { name: 'exchange' }
  | { name: 'import' }
  | { name: 'trust' }
  | { name: 'conflicts' }
  | { name: 'duplicates' }
  | { name: 'alerts' }
  | { name: 'audit' }
  | { name: 'settings' };

export type RouteName = Route['name'];

/**
 * Whether the operator's role may open a screen. Screens where the core would refuse everything
 * (listing conflicts, reading the audit, registering a case, exchanging bundles) are not offered.
 */
export function mayOpen(name: RouteName, caps: Capabilities | null | undefined): boolean {
  switch (name) {
    case 'new-case':
      return canWrite(caps, 'case');
    case 'exchange':
      return can(caps, 'export_records') || can(caps, 'import_bundles');
    case 'import':
      return mayImportSheets(caps) || can(caps, 'export_records');
    case 'conflicts':
    case 'duplicates':
      return can(caps, 'review_matches');
    case 'audit':
    case 'alerts':
      return can(caps, 'read_audit');
    case 'statistics':
    case 'annual':
      return can(caps, 'read_statistics');
    case 'activities':
      // The registers are read by the roles that read statistics, and written by those that
      // write records; shelter staff do neither.
      return canRead(caps, 'activity', 'kind') && (can(caps, 'read_statistics') || can(caps, 'write_records'));
    case 'organisations':
      return canRead(caps, 'organisation', 'name');
    default:
      return true;
  }
}

/**
 * Whether the role may import cases from a spreadsheet: the core asks for `write_records`, and
 * every row becomes a new case, which shelter staff do not register.
 */
export function mayImportSheets(caps: Capabilities | null | undefined): boolean {
  return can(caps, 'write_records') && canWrite(caps, 'case');
}
