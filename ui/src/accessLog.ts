// The access log of the audit screen in plain words: what was done (a case opened, a bundle, an
// anonymised export, an attachment or the statistics report taken out) and of what. Only case
// numbers, district codes and report periods are shown; the log holds nothing personal.

import { formatCaseNumber } from './format';
import { t, tMaybe } from './i18n';
import { regionLabel } from './regions';
import { periodText } from './statistics';
import type { AccessEntry, ReportPeriod } from './types';

/** Entries per page of the access log. */
export const ACCESS_PAGE_SIZE = 50;

/** What was done, in plain words; an action of a newer Lintas is shown as it is. */
export function accessActionLabel(action: string): string {
  return tMaybe(`access.action.${action}`) ?? action;
}

/**
 * The bounds of a printed report as the core logs them: `FROM..TO`, each end possibly empty,
 * then a space and the district code when the report was for one district. Null if the text has
 * another shape.
 */
export function reportPeriodOf(target: string): ReportPeriod | null {
  const match = /^(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?(?: (\d{2}\.\d{2}))?$/.exec(target.trim());
  if (!match) return null;
  return { from: match[1] ?? null, to: match[2] ?? null, district: match[3] ?? null };
}

/** Of what: the case number, the receiving district, the report's period, or k of an export. */
export function accessTarget(e: AccessEntry, districtName: (code: string) => string | null): string {
  if (e.case_number) return formatCaseNumber(e.case_number);
  switch (e.action) {
    case 'view_case':
    case 'export_attachment':
      return t('access.caseGone');
    case 'export_bundle':
      return t('access.targetBundle', { district: regionLabel(e.target, districtName(e.target)) });
    case 'export_anonymised': {
      const k = /^k=(\d+)$/.exec(e.target);
      return k ? t('access.targetK', { k: Number(k[1]) }) : e.target;
    }
    case 'export_report': {
      const p = reportPeriodOf(e.target);
      if (!p) return e.target;
      const district = p.district ? regionLabel(p.district, districtName(p.district)) : t('stats.allDistrictsText');
      return t('access.targetReport', { period: periodText(p), district });
    }
    default:
      return e.target;
  }
}
