// The core of a case: its status, the intake and the law-enforcement stage, with an edit form.

import { label } from '../../codes';
import { DefList } from '../../components/fields';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { INTAKE_PATHS, IntakeFields, STATUS_PATHS, StatusFields } from './CaseFields';
import { EditableSection, useCoreEdit } from './kit';

export function SummarySection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang } = useApp();
  const edit = useCoreEdit(doc, 'summary', onChanged);
  const i = doc.intake ?? {};
  const le = doc.law_enforcement ?? {};

  return (
    <EditableSection
      id="sec-summary"
      kind="case"
      title={t('section.summary')}
      editId="case-edit-core"
      editLabel={t('case.editCore')}
      edit={edit}
      shownPaths={[...STATUS_PATHS, ...INTAKE_PATHS]}
      fields={
        <>
          <StatusFields idPrefix="edit-core" form={edit.form} set={edit.set} errors={edit.errors} />
          <IntakeFields idPrefix="edit-intake" form={edit.form} set={edit.set} errors={edit.errors} />
        </>
      }
      view={
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
            [t('field.le_verdict'), label('verdict', le.verdict)],
          ]}
        />
      }
    />
  );
}
