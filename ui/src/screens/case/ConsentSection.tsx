// The victim's consent: what was explained and agreed, and which districts the case may be sent
// to. Referrals and bundles follow this, so it can be edited here.

import { useState } from 'preact/hooks';
import { CONSENT_FLAGS, consentDiff, consentFromDoc, type ConsentForm } from '../../caseForm';
import { DefList } from '../../components/fields';
import { ErrorPanel, Notice, preventEnterSubmit } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate, formatDistrict } from '../../format';
import { type Key, t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { CONSENT_PATHS, ConsentFields } from './CaseFields';
import { CaseSection, savedMessage, useSectionEdit } from './kit';

export function ConsentSection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang, districtName } = useApp();
  const [message, setMessage] = useState<string | null>(null);
  const c = doc.consent ?? {};
  const edit = useSectionEdit<ConsentForm>({
    caseId: doc.id ?? '',
    name: 'consent',
    init: () => consentFromDoc(doc.consent),
    diff: (f) => {
      const changes = consentDiff(doc.consent, f);
      return changes ? { consent: changes } : null;
    },
    onSaved: (u) => {
      setMessage(u ? savedMessage(u) : t('case.savedNone'));
      onChanged();
    },
  });
  const yesNo = (v: boolean | null | undefined) => (v === true ? t('common.yes') : v === false ? t('common.no') : '');

  return (
    <CaseSection
      id="sec-consent"
      title={t('section.consent')}
      actions={
        !edit.editing && (
          <button id="case-edit-consent" type="button" class="secondary small" onClick={() => { setMessage(null); edit.open(); }}>
            {t('common.edit')}
          </button>
        )
      }
    >
      {message && <Notice>{message}</Notice>}
      {edit.editing ? (
        <form ref={edit.root} onSubmit={edit.submit} onKeyDown={preventEnterSubmit} noValidate>
          <ConsentFields idPrefix="edit-consent" form={edit.form} set={edit.set} errors={edit.errors} showWithdrawn />
          <ErrorPanel error={edit.error} shownPaths={CONSENT_PATHS} />
          <div class="actions">
            <button type="submit" disabled={edit.saving}>{edit.saving ? t('common.saving') : t('common.save')}</button>
            <button type="button" class="secondary" disabled={edit.saving} onClick={edit.close}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
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
      )}
    </CaseSection>
  );
}
