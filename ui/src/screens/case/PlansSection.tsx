// The support and reintegration plans of a case (HTCDS 2.0): what each aims at, its goals, the
// organisation carrying it, its dates and progress, and how it ended; with a form to add a plan,
// change one, or record its outcome (an edit of the plan: outcome, note and end date).

import type { ComponentChildren } from 'preact';
import { type PlanForm, planDoc, planFromDoc } from '../../caseForm';
import { label } from '../../codes';
import { DefList } from '../../components/fields';
import { Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate, todayIso } from '../../format';
import { t } from '../../i18n';
import { organisationName } from '../../organisations';
import { programmeName, useProgrammes } from '../../registers';
import { canRead } from '../../roles';
import type { CaseDoc, Organisation, Plan } from '../../types';
import { PLAN_FIELDS, PLAN_OUTCOME_FIELDS, PlanFields } from './CaseFields';
import { CaseSection, EditItemButton, SectionForm, useCanWrite, useItemEdit } from './kit';

/** The plan being added or changed; `outcomeOnly` when only its outcome is being recorded. */
type PlanEdit = PlanForm & { list: 'plans'; id: string | null; outcomeOnly: boolean };

/** Whether a plan is past its planned end without an end or an outcome (as the worklist says). */
export function isPlanOverdue(p: Plan, today: string = todayIso()): boolean {
  return !!p.planned_end_date && p.planned_end_date < today && !p.actual_end_date && !p.outcome;
}

/** The goals of a plan as a list, or an empty value (shown as a dash). */
function goalList(goals: string[] | undefined): ComponentChildren {
  if (!goals || goals.length === 0) return '';
  return (
    <ul class="goals">
      {goals.map((g, i) => (
        <li key={i}>{g}</li>
      ))}
    </ul>
  );
}

export function PlansSection({ doc, onChanged, organisations }: { doc: CaseDoc; onChanged: () => void; organisations: Organisation[] | null }) {
  const { lang, status } = useApp();
  const plans = doc.plans ?? [];
  const writes = useCanWrite('plan');
  // The programmes name a plan's programme; only asked for when a plan names one.
  const programmes = useProgrammes(plans.some((p) => p.programme_id) && canRead(status.capabilities, 'programme', 'name'));
  const edit = useItemEdit<'plans', Plan, PlanEdit>({
    doc,
    name: 'plan',
    defaultList: 'plans',
    items: () => plans,
    blank: (list) => ({ ...planFromDoc(undefined), list, id: null, outcomeOnly: false }),
    fromItem: (list, p) => ({ ...planFromDoc(p), list, id: p.id ?? null, outcomeOnly: false }),
    toDoc: (f, orig) => planDoc(f, orig),
    onChanged,
  });
  const item = t('item.plan', { n: edit.itemNumber });
  const fields = edit.form.outcomeOnly ? PLAN_OUTCOME_FIELDS : PLAN_FIELDS;
  /** The outcome form: a plan that has an outcome has ended, so its progress starts as finished
   * (a plan that stopped can still be marked so). */
  const recordOutcome = (p: Plan) => {
    const form = planFromDoc(p);
    const progress = form.progress === 'Stopped' ? form.progress : 'Finished';
    edit.open({ ...form, progress, list: 'plans', id: p.id ?? null, outcomeOnly: true });
  };

  return (
    <CaseSection
      id="sec-plans"
      title={t('section.plans')}
      actions={
        !edit.editing &&
        writes && (
          <button id="case-add-plan" type="button" class="secondary small" onClick={() => edit.openNew('plans')}>
            {t('case.addPlan')}
          </button>
        )
      }
    >
      {edit.message && <Notice>{edit.message}</Notice>}
      {edit.editing && (
        <SectionForm edit={edit} shownPaths={fields.map((k) => `${edit.prefix}.${k}`)} class="subform" saveId="plan-save" itemNumber={edit.itemNumber}>
          <h3>{edit.form.outcomeOnly ? t('plan.outcomeFormTitle', { item }) : edit.form.id ? t('case.formEdit', { item }) : t('case.planFormNew')}</h3>
          <PlanFields
            idPrefix="edit-plan"
            prefix={edit.prefix}
            form={edit.form}
            set={edit.set}
            errors={edit.errors}
            organisations={organisations}
            outcomeOnly={edit.form.outcomeOnly}
          />
        </SectionForm>
      )}
      {plans.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="cards">
          {plans.map((p, i) => {
            const name = t('item.plan', { n: i + 1 });
            return (
              <li key={p.id ?? i} class="card plan-item" data-id={p.id}>
                <h3>
                  {label('plan_kind', p.kind) || t('common.empty')}{' '}
                  {p.progress && <span class="badge">{label('plan_progress', p.progress)}</span>}{' '}
                  {p.outcome && <span class="badge badge-ok">{label('plan_outcome', p.outcome)}</span>}{' '}
                  {isPlanOverdue(p) && <span class="badge badge-warn">{t('plan.overdue')}</span>}
                </h3>
                <DefList
                  rows={[
                    [t('field.plan_type'), label('service_type', p.type)],
                    [t('field.stage'), label('service_stage', p.stage)],
                    [t('field.plan_organisation_id'), organisationName(organisations, p.organisation_id)],
                    ...(p.programme_id ? [[t('field.programme_id'), programmeName(programmes.list, p.programme_id)] as [string, string]] : []),
                    [t('field.objectives'), p.objectives ?? ''],
                    [t('field.goals'), goalList(p.goals)],
                    [t('field.action_plan'), p.action_plan ?? ''],
                    [t('field.start_date'), formatDate(p.start_date, lang)],
                    [t('field.planned_end_date'), formatDate(p.planned_end_date, lang)],
                    [t('field.actual_end_date'), formatDate(p.actual_end_date, lang)],
                    [t('field.progress_note'), p.progress_note ?? ''],
                    [t('field.outcome_note'), p.outcome_note ?? ''],
                  ]}
                />
                {writes && !edit.editing && p.id && (
                  <div class="actions">
                    <EditItemButton item={name} onClick={() => edit.openItem('plans', p)} />
                    {!p.outcome && (
                      <button type="button" class="secondary small plan-outcome" aria-label={t('plan.recordOutcomeLabel', { item: name })} onClick={() => recordOutcome(p)}>
                        {t('plan.recordOutcome')}
                      </button>
                    )}
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
