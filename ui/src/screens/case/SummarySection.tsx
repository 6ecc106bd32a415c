// The core of a case: its status, the intake and the law-enforcement stage, with an edit form.

import { useState } from 'preact/hooks';
import { coreDiff, coreFromDoc, type CoreForm } from '../../caseForm';
import { label } from '../../codes';
import { DefList } from '../../components/fields';
import { ErrorPanel, Notice, preventEnterSubmit } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { INTAKE_PATHS, IntakeFields, STATUS_PATHS, StatusFields } from './CaseFields';
import { CaseSection, nonEmpty, savedMessage, useSectionEdit } from './kit';

export function SummarySection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang } = useApp();
  const [message, setMessage] = useState<string | null>(null);
  const edit = useSectionEdit<CoreForm>({
    caseId: doc.id ?? '',
    name: 'summary',
    init: () => coreFromDoc(doc),
    diff: (f) => nonEmpty(coreDiff(doc, f)),
    onSaved: (u) => {
      setMessage(u ? savedMessage(u) : t('case.savedNone'));
      onChanged();
    },
  });
  const i = doc.intake ?? {};
  const le = doc.law_enforcement ?? {};

  return (
    <CaseSection
      id="sec-summary"
      title={t('section.summary')}
      actions={
        !edit.editing && (
          <button id="case-edit-core" type="button" class="secondary small" onClick={() => { setMessage(null); edit.open(); }}>
            {t('case.editCore')}
          </button>
        )
      }
    >
      {message && <Notice>{message}</Notice>}
      {edit.editing ? (
        <form ref={edit.root} onSubmit={edit.submit} onKeyDown={preventEnterSubmit} noValidate>
          <StatusFields idPrefix="edit-core" form={edit.form} set={edit.set} errors={edit.errors} />
          <IntakeFields idPrefix="edit-intake" form={edit.form} set={edit.set} errors={edit.errors} />
          <ErrorPanel error={edit.error} shownPaths={[...STATUS_PATHS, ...INTAKE_PATHS]} />
          <div class="actions">
            <button type="submit" disabled={edit.saving}>{edit.saving ? t('common.saving') : t('common.save')}</button>
            <button type="button" class="secondary" disabled={edit.saving} onClick={edit.close}>{t('common.cancel')}</button>
          </div>
        </form>
      ) : (
        <DefList
          rows={[
            [t('field.status'), label('case_status', doc.status)],
            [t('field.trafficking_status'), label('trafficking_status', doc.trafficking_status)],
            [t('field.intake_date'), formatDate(i.date, lang)],
            [t('field.intake_place'), i.place ?? ''],
            [t('field.deportee_status'), label('deportee_status', i.deportee_status)],
            [t('field.deported_from'), label('country', i.deported_from)],
            [t('field.le_stage'), label('law_enforcement_stage', le.stage)],
            [t('field.le_report_number'), le.report_number ?? ''],
            [t('field.le_report_date'), formatDate(le.report_date, lang)],
          ]}
        />
      )}
    </CaseSection>
  );
}
