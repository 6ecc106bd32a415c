// Alerts in plain words: for each rule of the core (crates/lintas-core/src/alerts.rs), what
// happened and what a person should do about it. The tables are typed by the generated rule
// codes, so a rule the core adds fails the build until it has its words here.

import { type Key, t } from './i18n';
import type { Alert, AlertRule } from './types';

/** What happened, per rule. Placeholders: {district} (who wrote or signed) and {sender}. */
const WHAT: Record<AlertRule, Key> = {
  impersonation: 'alerts.what.impersonation',
  foreign_card: 'alerts.what.foreign_card',
  forged_op: 'alerts.what.forged_op',
  unsigned: 'alerts.what.unsigned',
  unknown_device: 'alerts.what.unknown_device',
  revoked_device: 'alerts.what.revoked_device',
  equivocation: 'alerts.what.equivocation',
  malformed: 'alerts.what.malformed',
  invalid_value: 'alerts.what.invalid_value',
  future_clock: 'alerts.what.future_clock',
  duplicate_create: 'alerts.what.duplicate_create',
  foreign_id: 'alerts.what.foreign_id',
  not_owner: 'alerts.what.not_owner',
  not_carer: 'alerts.what.not_carer',
  not_creator: 'alerts.what.not_creator',
  not_receiver: 'alerts.what.not_receiver',
  not_sender: 'alerts.what.not_sender',
  other_districts_operator: 'alerts.what.other_districts_operator',
  local_only: 'alerts.what.local_only',
  erasure_request: 'alerts.what.erasure_request',
  forged_approval: 'alerts.what.forged_approval',
  waiting_limit: 'alerts.what.waiting_limit',
  orphan_blob: 'alerts.what.orphan_blob',
};

/** What to do, per rule: several rules share one piece of advice. */
const TODO: Record<AlertRule, Key> = {
  // Someone may hold a trusted laptop, or a bundle was tampered with: call on a known number.
  impersonation: 'alerts.todo.contact',
  foreign_card: 'alerts.todo.contact',
  forged_op: 'alerts.todo.contact',
  unsigned: 'alerts.todo.contact',
  equivocation: 'alerts.todo.contact',
  revoked_device: 'alerts.todo.revoked',
  unknown_device: 'alerts.todo.unknown',
  // Another district tried what only the owner (or the writer, or the receiver) may do.
  not_owner: 'alerts.todo.authority',
  not_carer: 'alerts.todo.authority',
  not_creator: 'alerts.todo.authority',
  not_receiver: 'alerts.todo.authority',
  not_sender: 'alerts.todo.authority',
  other_districts_operator: 'alerts.todo.authority',
  local_only: 'alerts.todo.authority',
  foreign_id: 'alerts.todo.authority',
  forged_approval: 'alerts.todo.authority',
  malformed: 'alerts.todo.malformed',
  invalid_value: 'alerts.todo.invalid_value',
  future_clock: 'alerts.todo.future_clock',
  duplicate_create: 'alerts.todo.duplicate_create',
  erasure_request: 'alerts.todo.erasure_request',
  waiting_limit: 'alerts.todo.waiting_limit',
  orphan_blob: 'alerts.todo.orphan_blob',
};

/** Rules whose advice ends at the trusted districts (trusting or revoking a laptop). */
const TRUST_RULES: readonly AlertRule[] = [
  'impersonation',
  'foreign_card',
  'forged_op',
  'unsigned',
  'equivocation',
  'revoked_device',
  'unknown_device',
];

/** Every rule the UI has words for; the core's `Rule::ALL`. */
export const ALERT_RULES = Object.keys(WHAT) as AlertRule[];

function isRule(rule: string): rule is AlertRule {
  return Object.prototype.hasOwnProperty.call(WHAT, rule);
}

/** An alert in words: what happened, what to do, and whether the trusted districts help. */
export interface AlertWords {
  what: string;
  todo: string;
  trust: boolean;
}

/**
 * Words for an alert. `place` names a district code (with its name when known); a rule this
 * UI does not know (an alert recorded before rules were named) reads as a refused change.
 */
export function alertWords(a: Alert, place: (code: string | null) => string): AlertWords {
  const params = { district: place(a.district), sender: place(a.sender ?? a.district) };
  if (!isRule(a.rule)) {
    return { what: t('alerts.what.legacy', params), todo: t('alerts.todo.legacy', params), trust: false };
  }
  return { what: t(WHAT[a.rule], params), todo: t(TODO[a.rule], params), trust: TRUST_RULES.includes(a.rule) };
}

/** The label of an alert's kind: a whole bundle refused, one change refused, a request. */
export function kindLabel(kind: string): string {
  if (kind === 'bundle') return t('alerts.kind.bundle');
  if (kind === 'request') return t('alerts.kind.request');
  return t('alerts.kind.refused');
}
