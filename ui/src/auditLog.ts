// The change log of the audit screen in plain words: which kind of record was created or
// changed, and which field. Values are never shown: they may be personal data.

import { t, tMaybe } from './i18n';

/** Changes per page of the change log. */
export const AUDIT_PAGE_SIZE = 50;

/** The kind of record in plain words ("Kasus", "Pemantauan"); an unknown kind as it is. */
export function entityLabel(entity: string): string {
  return tMaybe(`entity.${entity}`) ?? entity;
}

/** Stored field names whose form label has a shorter key. */
const FIELD_ALIASES: Record<string, string> = {
  intake_deportee_status: 'deportee_status',
  intake_deported_from: 'deported_from',
  law_enforcement_stage: 'le_stage',
  law_enforcement_report_number: 'le_report_number',
  law_enforcement_report_date: 'le_report_date',
};

/**
 * The name of a changed field for people. A label for the field of this kind of record comes
 * first (`followup` + `status` is the visit's result, not the case status), then the form's
 * label for the field, then the raw name. Address fields (`address_regency`) use the label of
 * the address part.
 */
export function changedFieldLabel(entity: string, field: string): string {
  const key = FIELD_ALIASES[field] ?? field.replace(/^address_/, '');
  return tMaybe(`field.${entity}_${key}`) ?? tMaybe(`field.${key}`) ?? field;
}

/**
 * One change in plain words: "Pemantauan dibuat", "Orang diubah: Nama depan". The value is not
 * part of it.
 */
export function changeDescription(entity: string, action: string, field: string | null | undefined): string {
  const what = entityLabel(entity);
  if (action === 'create') return t('audit.change.create', { entity: what });
  if (action === 'set') {
    return field
      ? t('audit.change.set', { entity: what, field: changedFieldLabel(entity, field) })
      : t('audit.change.setNoField', { entity: what });
  }
  return t('audit.change.other', { entity: what, action });
}
