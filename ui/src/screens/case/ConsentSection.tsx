// The victim's consent: what was explained and agreed, and which districts the case may be sent
// to. Referrals and bundles follow this, so it can be edited here.

import { CONSENT_FLAGS, consentDiff, consentFromDoc, type ConsentForm } from '../../caseForm';
import { DefList } from '../../components/fields';
import { useApp } from '../../context';
import { formatDate, formatDistrict } from '../../format';
import { type Key, t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { CONSENT_PATHS, ConsentFields } from './CaseFields';
import { EditableSection, useSectionEdit } from './kit';

export function ConsentSection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang, districtName } = useApp();
  const c = doc.consent ?? {};
  const edit = useSectionEdit<ConsentForm>({
    caseId: doc.id ?? '',
    name: 'consent',
    init: () => consentFromDoc(doc.consent),
    diff: (f) => {
      const changes = consentDiff(doc.consent, f);
      return changes ? { consent: changes } : null;
    },
    onChanged,
  });
  const yesNo = (v: boolean | null | undefined) => (v === true ? t('common.yes') : v === false ? t('common.no') : '');

  return (
    <EditableSection
      id="sec-consent"
      kind="consent"
      title={t('section.consent')}
      editId="case-edit-consent"
      editLabel={t('common.edit')}
      edit={edit}
      shownPaths={CONSENT_PATHS}
      fields={<ConsentFields idPrefix="edit-consent" form={edit.form} set={edit.set} errors={edit.errors} showWithdrawn />}
      view={
        <DefList
          rows={[
            ...CONSENT_FLAGS.map((k): [string, string] => [t(`field.consent_${k}` as Key), yesNo(c[k])]),
            [
              t('field.share_districts'),
              (c.share_districts ?? []).map((d) => formatDistrict(d, districtName(d))).join(', '),
            ],
            [t('field.recorded_on'), formatDate(c.recorded_on, lang)],
            [t('field.withdrawn_on'), formatDate(c.withdrawn_on, lang)],
          ]}
        />
      }
    />
  );
}
