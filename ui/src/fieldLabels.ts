// Field paths in words. The backend names a field by its path (`witnesses[1].gender`); people
// read "Saksi 2 — Jenis kelamin". Labels come from the forms' `field.*` keys and the names of
// the parts of a case, so an error that no input shows is still named the way the form names it.

import { type Key, t, tMaybe } from './i18n';
import type { EntityKind } from './types';
import { normalisePath } from './validation';

/** The lists of a case whose items are named with their number ("Saksi 2"). */
const ITEMS: Record<string, Key> = {
  witnesses: 'item.witness',
  family_contacts: 'item.family',
  perpetrators: 'item.perpetrator',
  events: 'item.event',
  services: 'item.service',
  followups: 'item.followup',
  notes: 'item.note',
  plans: 'item.plan',
  assessments: 'item.assessment',
};

/**
 * The record a group of fields belongs to, for labels of its own: a service's `type` is
 * `field.service_type`, not any type. Groups not named here use the plain `field.*` labels.
 */
const OWN_LABELS: Record<string, string> = {
  events: 'event',
  services: 'service',
  followups: 'followup',
  notes: 'note',
  consent: 'consent',
  intake: 'intake',
  law_enforcement: 'le',
  plans: 'plan',
  assessments: 'assessment',
};

/**
 * The label of a field inside a record (`address.regency`, `type`, `citizenship[1]`): the
 * record's own label first, then the form's, then "another field" (never the raw name).
 */
function fieldName(own: string | undefined, rest: string): string {
  const name = rest.replace(/\[\d+\]$/, '').replace(/^address\./, '').split('.').pop() ?? rest;
  return (own && tMaybe(`field.${own}_${name}`)) || tMaybe(`field.${name}`) || t('field.unknown');
}

/**
 * A field path as people read it: "Korban — Nama depan", "Saksi 2 — Jenis kelamin",
 * "Tanggal penerimaan". `itemNumber`, when given, is the number shown for a list item instead of
 * the one in the path: a case section sends the one item it edits as item 0 of its list.
 */
export function pathLabel(path: string, itemNumber?: number): string {
  const m = /^(\w+)(?:\[(\d+)\])?(?:\.(.+))?$/.exec(normalisePath(path));
  if (!m) return t('field.unknown');
  const [, head, index, rest] = m;
  const item = ITEMS[head];
  if (item && index !== undefined) {
    const whole = t(item, { n: itemNumber ?? Number(index) + 1 });
    return rest && rest !== 'id' ? `${whole} — ${fieldName(OWN_LABELS[head], rest)}` : whole;
  }
  if (head === 'victim') return rest ? `${t('section.victim')} — ${fieldName(undefined, rest)}` : t('section.victim');
  if (rest) return fieldName(OWN_LABELS[head], rest);
  return fieldName(undefined, head);
}

/**
 * The records whose fields have labels of their own, by the kind of record the core names in a
 * conflict (`service` → `field.service_type` for its `type`).
 */
const ENTITY_LABELS: Partial<Record<EntityKind, string>> = {
  event: 'event',
  service: 'service',
  followup: 'followup',
  note: 'note',
  consent: 'consent',
  referral: 'referral',
  plan: 'plan',
  assessment: 'assessment',
  organisation: 'organisation',
};

/** Columns of the store whose name differs from the form's (`intake_date` is the intake's `date`). */
const COLUMNS: Record<string, string> = {
  intake_deportee_status: 'deportee_status',
  intake_deported_from: 'deported_from',
  law_enforcement_stage: 'le_stage',
  law_enforcement_report_number: 'le_report_number',
  law_enforcement_report_date: 'le_report_date',
  law_enforcement_verdict: 'le_verdict',
};

/**
 * The label of a field of a record as the core names it (a conflict's `person` and
 * `address_regency`): the form's label, or "another field", never the raw name.
 */
export function recordFieldLabel(entity: EntityKind, field: string): string {
  const name = COLUMNS[field] ?? field.replace(/^address_/, '');
  return fieldName(ENTITY_LABELS[entity], name);
}
