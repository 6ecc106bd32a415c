// The screens of the unlocked app. Navigation is kept in memory (there is no address bar in
// the desktop app), so that a guard can ask before unsaved edits are left behind.

import type { Created } from './types';

export type Route =
  | { name: 'dashboard' }
  | { name: 'statistics' }
  | { name: 'cases' }
  | { name: 'case'; id: string; created?: Created }
  | { name: 'new-case' }
  | { name: 'referrals' }
  | { name: 'exchange' }
  | { name: 'trust' }
  | { name: 'conflicts' }
  | { name: 'duplicates' }
  | { name: 'audit' }
  | { name: 'settings' };

export type RouteName = Route['name'];
