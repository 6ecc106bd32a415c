// Assessments of a case: risk and vulnerability of the person, the household and the community,
// repeated over the life of the case, and for a child the best-interest assessment that a
// coordinator approves. A form adds one or changes one; who approved and when is recorded by
// Lintas from the operator who pressed the button, never typed.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { type AssessmentForm, assessmentDoc, assessmentFromDoc } from '../../caseForm';
import { label } from '../../codes';
import { DefList } from '../../components/fields';
import { ErrorPanel, Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate, formatDateTime } from '../../format';
import { t } from '../../i18n';
import { can, canRead } from '../../roles';
import type { Assessment, CaseDoc, ShownError } from '../../types';
import { ASSESSMENT_FIELDS, AssessmentFields } from './CaseFields';
import { CaseSection, EditItemButton, SectionForm, useCanWrite, useItemEdit } from './kit';

type AssessmentEdit = AssessmentForm & { list: 'assessments'; id: string | null };

/** The kind of assessment a coordinator approves. */
export const BEST_INTEREST = 'BestInterest';

/**
 * The names of the operators by id, to say who approved; null until known, and when the
 * operator list cannot be read (then only the time of an approval is shown).
 */
function useOperatorNames(wanted: boolean): Record<string, string> | null {
  const [names, setNames] = useState<Record<string, string> | null>(null);
  useEffect(() => {
    if (!wanted || names) return;
    api.operatorList().then(
      (ops) => setNames(Object.fromEntries(ops.map((o) => [o.id, o.name]))),
      () => undefined,
    );
  }, [wanted]);
  return names;
}

/** Whether a best-interest assessment waits, or when (and by whom) it was approved. */
function Approval(props: { a: Assessment; name: string; operators: Record<string, string> | null; onApprove?: () => void; busy: boolean }) {
  const { lang } = useApp();
  const { a } = props;
  if (a.approved_on) {
    const by = a.approved_by ? props.operators?.[a.approved_by] : undefined;
    const when = formatDateTime(a.approved_on, lang);
    return <p class="approval approved">{by ? t('assessment.approvedBy', { time: when, name: by }) : t('assessment.approvedOn', { time: when })}</p>;
  }
  return (
    <p class="approval waiting">
      <span class="badge badge-warn">{t('assessment.waiting')}</span>{' '}
      {props.onApprove && (
        <button type="button" class="assessment-approve small" disabled={props.busy} aria-label={t('assessment.approveLabel', { item: props.name })} onClick={props.onApprove}>
          {t('assessment.approve')}
        </button>
      )}
    </p>
  );
}

export function AssessmentsSection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang, status, refreshTasks } = useApp();
  const items = doc.assessments ?? [];
  const writes = useCanWrite('assessment');
  const approves = can(status.capabilities, 'approve_assessments');
  const operators = useOperatorNames(items.some((a) => a.approved_by));
  const [busy, setBusy] = useState<string | null>(null);
  const [approveError, setApproveError] = useState<ShownError | null>(null);
  const [approved, setApproved] = useState<string | null>(null);
  const edit = useItemEdit<'assessments', Assessment, AssessmentEdit>({
    doc,
    name: 'assessment',
    defaultList: 'assessments',
    items: () => items,
    blank: (list) => ({ ...assessmentFromDoc(undefined), list, id: null }),
    fromItem: (list, a) => ({ ...assessmentFromDoc(a), list, id: a.id ?? null }),
    toDoc: (f, orig) => assessmentDoc(f, orig),
    onChanged,
  });

  const approve = async (a: Assessment, name: string) => {
    if (!a.id) return;
    setBusy(a.id);
    setApproveError(null);
    setApproved(null);
    try {
      await api.assessmentApprove(a.id);
      setApproved(t('assessment.approved', { item: name }));
      onChanged();
      refreshTasks();
    } catch (e) {
      setApproveError(e as ShownError);
    } finally {
      setBusy(null);
    }
  };

  if (!canRead(status.capabilities, 'assessment', 'kind')) return null;
  return (
    <CaseSection
      id="sec-assessments"
      title={t('section.assessments')}
      actions={
        !edit.editing &&
        writes && (
          <button id="case-add-assessment" type="button" class="secondary small" onClick={() => edit.openNew('assessments')}>
            {t('case.addAssessment')}
          </button>
        )
      }
    >
      {edit.message && <Notice>{edit.message}</Notice>}
      {approved && <Notice id="assessment-approved">{approved}</Notice>}
      <ErrorPanel id="assessment-approve-error" error={approveError} />
      {edit.editing && (
        <SectionForm
          edit={edit}
          shownPaths={ASSESSMENT_FIELDS.map((k) => `${edit.prefix}.${k}`)}
          class="subform"
          saveId="assessment-save"
          itemNumber={edit.itemNumber}
        >
          <h3>{edit.form.id ? t('case.formEdit', { item: t('item.assessment', { n: edit.itemNumber }) }) : t('case.assessmentFormNew')}</h3>
          <AssessmentFields idPrefix="edit-assessment" prefix={edit.prefix} form={edit.form} set={edit.set} errors={edit.errors} />
        </SectionForm>
      )}
      {items.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="cards">
          {items.map((a, i) => {
            const name = t('item.assessment', { n: i + 1 });
            return (
              <li key={a.id ?? i} class="card assessment-item" data-id={a.id} data-kind={a.kind}>
                <h3>
                  {label('assessment_kind', a.kind) || t('common.empty')}{' '}
                  {a.risk_level && <span class={`badge risk-${a.risk_level}`}>{t('assessment.risk', { level: label('risk_level', a.risk_level) })}</span>}
                </h3>
                <DefList
                  rows={[
                    [t('field.assessment_date'), formatDate(a.date, lang)],
                    [t('field.risk_level'), label('risk_level', a.risk_level)],
                    [t('field.findings'), a.findings ?? ''],
                    [t('field.recommendations'), a.recommendations ?? ''],
                    [t('field.next_due'), formatDate(a.next_due, lang)],
                  ]}
                />
                {a.kind === BEST_INTEREST && (
                  <Approval
                    a={a}
                    name={name}
                    operators={operators}
                    busy={busy !== null}
                    onApprove={approves && a.id ? () => void approve(a, name) : undefined}
                  />
                )}
                {writes && !edit.editing && a.id && (
                  <div class="actions">
                    <EditItemButton item={name} onClick={() => edit.openItem('assessments', a)} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </CaseSection>
  );
}
