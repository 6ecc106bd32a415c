// Groups of inputs for a case, shared by the new-case form and the edit forms of the case
// screen. Each group takes an id prefix (so that the inputs of the new-case form keep their
// stable ids) and the path prefix of the fields it edits (for the backend's error messages).

import type { ComponentChildren } from 'preact';
import type { AssessmentForm, ConsentForm, CoreForm, EventForm, PartyForm, PartyKind, PersonForm, PlanForm, ServiceForm } from '../../caseForm';
import { CONSENT_FLAGS } from '../../caseForm';
import { DistrictField, DistrictsField } from '../../components/districtPicker';
import { CheckField, CodeChecks, CodeSelect, DateField, describedBy, FieldError, Hint, Label, TextField } from '../../components/fields';
import { useApp } from '../../context';
import { type Key, t } from '../../i18n';
import { placementAgencies, useOrganisations } from '../../organisations';
import { useProgrammes } from '../../registers';
import { canRead } from '../../roles';
import { mayOpen } from '../../routes';
import type { Organisation } from '../../types';
import type { FieldErrors } from '../../validation';

type Set<F> = (patch: Partial<F>) => void;

/** The paths that PersonFields shows, for a person under `prefix` (e.g. `victim`). */
export function personPaths(prefix: string): string[] {
  return [
    'first_name', 'middle_name', 'second_name', 'aliases', 'gender', 'birthdate', 'identity_number', 'passport_number',
    'phone', 'citizenship', 'address.province', 'address.regency', 'address.subdistrict', 'address.village', 'address.street',
  ].map((p) => `${prefix}.${p}`);
}

/**
 * The inputs of a person: names, identity, contact and address. Only the victim's first name is
 * required (`required`); a witness or perpetrator may be known by an alias only.
 */
export function PersonFields(props: { idPrefix: string; prefix: string; form: PersonForm; set: Set<PersonForm>; errors: FieldErrors; required?: boolean }) {
  const { idPrefix: id, prefix: p, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      <TextField id={`${id}-first-name`} label={t('field.first_name')} value={f.first_name} onInput={(v) => set({ first_name: v })} path={`${p}.first_name`} errors={errors} required={props.required ?? true} />
      <TextField id={`${id}-middle-name`} label={t('field.middle_name')} value={f.middle_name} onInput={(v) => set({ middle_name: v })} path={`${p}.middle_name`} errors={errors} />
      <TextField id={`${id}-second-name`} label={t('field.second_name')} value={f.second_name} onInput={(v) => set({ second_name: v })} path={`${p}.second_name`} errors={errors} />
      <TextField id={`${id}-aliases`} label={t('field.aliases')} hint={t('field.aliases_hint')} value={f.aliases} onInput={(v) => set({ aliases: v })} path={`${p}.aliases`} errors={errors} />
      <CodeSelect id={`${id}-gender`} label={t('field.gender')} list="gender" value={f.gender} onChange={(v) => set({ gender: v })} path={`${p}.gender`} errors={errors} />
      <DateField id={`${id}-birthdate`} label={t('field.birthdate')} value={f.birthdate} onInput={(v) => set({ birthdate: v })} path={`${p}.birthdate`} errors={errors} />
      <TextField id={`${id}-nik`} label={t('field.identity_number')} hint={t('field.identity_number_hint')} value={f.identity_number} onInput={(v) => set({ identity_number: v })} path={`${p}.identity_number`} errors={errors} inputMode="numeric" maxLength={20} />
      <TextField id={`${id}-passport`} label={t('field.passport_number')} value={f.passport_number} onInput={(v) => set({ passport_number: v })} path={`${p}.passport_number`} errors={errors} maxLength={20} />
      <TextField id={`${id}-phone`} type="tel" label={t('field.phone')} value={f.phone} onInput={(v) => set({ phone: v })} path={`${p}.phone`} errors={errors} inputMode="tel" />
      <CodeSelect id={`${id}-citizenship`} label={t('field.citizenship')} list="country" value={f.citizenship} onChange={(v) => set({ citizenship: v })} path={`${p}.citizenship`} errors={errors} />
      <CodeSelect id={`${id}-province`} label={t('field.province')} list="province" value={f.province} onChange={(v) => set({ province: v })} path={`${p}.address.province`} errors={errors} />
      <DistrictField id={`${id}-regency`} label={t('field.regency')} value={f.regency} onChange={(v) => set({ regency: v })} path={`${p}.address.regency`} errors={errors} />
      <TextField id={`${id}-subdistrict`} label={t('field.subdistrict')} value={f.subdistrict} onInput={(v) => set({ subdistrict: v })} path={`${p}.address.subdistrict`} errors={errors} />
      <TextField id={`${id}-village`} label={t('field.village')} value={f.village} onInput={(v) => set({ village: v })} path={`${p}.address.village`} errors={errors} />
      <TextField id={`${id}-street`} label={t('field.street')} value={f.street} onInput={(v) => set({ street: v })} path={`${p}.address.street`} errors={errors} wide />
    </div>
  );
}

export const INTAKE_PATHS = ['intake.date', 'intake.place', 'intake.deportee_status', 'intake.deported_from'];

export function IntakeFields(props: { idPrefix: string; form: CoreForm; set: Set<CoreForm>; errors: FieldErrors }) {
  const { idPrefix: id, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      <DateField id={`${id}-date`} label={t('field.intake_date')} value={f.intake_date} onInput={(v) => set({ intake_date: v })} path="intake.date" errors={errors} required today />
      <TextField id={`${id}-place`} label={t('field.intake_place')} value={f.intake_place} onInput={(v) => set({ intake_place: v })} path="intake.place" errors={errors} />
      <CodeSelect id={`${id}-deportee-status`} label={t('field.deportee_status')} list="deportee_status" value={f.deportee_status} onChange={(v) => set({ deportee_status: v })} path="intake.deportee_status" errors={errors} />
      <CodeSelect id={`${id}-deported-from`} label={t('field.deported_from')} list="country" value={f.deported_from} onChange={(v) => set({ deported_from: v })} path="intake.deported_from" errors={errors} />
    </div>
  );
}

export const EXPLOITATION_PATHS = [
  'trafficking_status', 'type_of_exploitation', 'country_of_exploitation', 'means_of_control',
  'method_of_recruitment', 'document_misuse', 'placement_agency', 'placement_agency_id',
];

/**
 * The list fields whose item errors are shown on the list as a whole, by the end of their path
 * (`citizenship` is the victim's and every party's).
 */
export const LIST_PATHS = [
  'type_of_exploitation', 'means_of_control', 'method_of_recruitment', 'document_misuse',
  'consent.share_districts', 'citizenship', 'aliases', 'role_in_process', 'goals',
];

export function ExploitationFields(props: { idPrefix: string; form: CoreForm; set: Set<CoreForm>; errors: FieldErrors }) {
  const { idPrefix: id, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      <CodeSelect id={`${id}-trafficking-status`} label={t('field.trafficking_status')} list="trafficking_status" value={f.trafficking_status} onChange={(v) => set({ trafficking_status: v })} path="trafficking_status" errors={errors} />
      <CodeSelect id={`${id}-country`} label={t('field.country_of_exploitation')} list="country" value={f.country_of_exploitation} onChange={(v) => set({ country_of_exploitation: v })} path="country_of_exploitation" errors={errors} />
      <CodeChecks idPrefix={`${id}-type`} label={t('field.type_of_exploitation')} list="type_of_exploitation" values={f.type_of_exploitation} onChange={(v) => set({ type_of_exploitation: v })} path="type_of_exploitation" errors={errors} />
      <CodeChecks idPrefix={`${id}-recruitment`} label={t('field.method_of_recruitment')} list="method_of_recruitment" values={f.method_of_recruitment} onChange={(v) => set({ method_of_recruitment: v })} path="method_of_recruitment" errors={errors} />
      <CodeChecks idPrefix={`${id}-control`} label={t('field.means_of_control')} list="means_of_control" values={f.means_of_control} onChange={(v) => set({ means_of_control: v })} path="means_of_control" errors={errors} />
      <CodeChecks idPrefix={`${id}-documents`} label={t('field.document_misuse')} list="document_misuse" values={f.document_misuse} onChange={(v) => set({ document_misuse: v })} path="document_misuse" errors={errors} />
      <PlacementAgencySelect id={`${id}-agency-id`} value={f.placement_agency_id} onChange={(v) => set({ placement_agency_id: v })} errors={errors} />
      <TextField id={`${id}-agency`} label={t('field.placement_agency')} hint={t('field.placement_agency_hint')} value={f.placement_agency} onInput={(v) => set({ placement_agency: v })} path="placement_agency" errors={errors} />
    </div>
  );
}

export const STATUS_PATHS = ['status', 'law_enforcement.stage', 'law_enforcement.report_number', 'law_enforcement.report_date', 'law_enforcement.verdict'];

/** The case status and the law-enforcement stage (edited on the case screen only). */
export function StatusFields(props: { idPrefix: string; form: CoreForm; set: Set<CoreForm>; errors: FieldErrors }) {
  const { idPrefix: id, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      <CodeSelect id={`${id}-status`} label={t('field.status')} list="case_status" value={f.status} onChange={(v) => set({ status: v })} path="status" errors={errors} />
      <CodeSelect id={`${id}-le-stage`} label={t('field.le_stage')} list="law_enforcement_stage" value={f.le_stage} onChange={(v) => set({ le_stage: v })} path="law_enforcement.stage" errors={errors} />
      <TextField id={`${id}-le-number`} label={t('field.le_report_number')} value={f.le_report_number} onInput={(v) => set({ le_report_number: v })} path="law_enforcement.report_number" errors={errors} />
      <DateField id={`${id}-le-date`} label={t('field.le_report_date')} value={f.le_report_date} onInput={(v) => set({ le_report_date: v })} path="law_enforcement.report_date" errors={errors} />
      <CodeSelect id={`${id}-le-verdict`} label={t('field.le_verdict')} hint={t('field.le_verdict_hint')} list="verdict" value={f.le_verdict} onChange={(v) => set({ le_verdict: v })} path="law_enforcement.verdict" errors={errors} />
    </div>
  );
}

export const CONSENT_PATHS = [
  ...CONSENT_FLAGS.map((k) => `consent.${k}`),
  'consent.share_districts',
  'consent.recorded_on',
  'consent.withdrawn_on',
];

/** The districts of the consent form's text, as the several-districts picker holds them. */
function shareList(share: string): string[] {
  return share
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function ConsentFields(props: { idPrefix: string; form: ConsentForm; set: Set<ConsentForm>; errors: FieldErrors; showWithdrawn?: boolean }) {
  const { idPrefix: id, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      {CONSENT_FLAGS.map((k) => (
        <CheckField
          key={k}
          id={`${id}-${k.replace(/_/g, '-')}`}
          label={t(`field.consent_${k}` as Key)}
          checked={f.flags[k]}
          onChange={(v) => set({ flags: { ...f.flags, [k]: v } })}
          path={`consent.${k}`}
          errors={errors}
        />
      ))}
      <DistrictsField
        id={`${id}-share`}
        label={t('field.share_districts')}
        hint={t('field.share_districts_hint')}
        values={shareList(f.share)}
        onChange={(v) => set({ share: v.join(', ') })}
        path="consent.share_districts"
        errors={errors}
      />
      <DateField id={`${id}-recorded-on`} label={t('field.recorded_on')} hint={t('field.recorded_on_hint')} value={f.recorded_on} onInput={(v) => set({ recorded_on: v })} path="consent.recorded_on" errors={errors} today />
      {props.showWithdrawn && (
        <DateField id={`${id}-withdrawn-on`} label={t('field.withdrawn_on')} value={f.withdrawn_on} onInput={(v) => set({ withdrawn_on: v })} path="consent.withdrawn_on" errors={errors} today />
      )}
    </div>
  );
}

/** The fields of their part that each kind of party shows, besides the person's. */
const PART_FIELDS: Record<PartyKind, ('relationship' | 'statement' | 'role_in_process' | 'role_details')[]> = {
  witnesses: ['relationship', 'statement'],
  family_contacts: ['relationship'],
  perpetrators: ['role_in_process', 'role_details', 'relationship'],
};

/** The paths that PartyFields shows for a party under `prefix` (e.g. `witnesses[0]`). */
export function partyPaths(kind: PartyKind, prefix: string): string[] {
  return [...personPaths(prefix), ...PART_FIELDS[kind].map((k) => `${prefix}.${k}`)];
}

/**
 * A witness, family contact or perpetrator: the person's fields, then those of their part (how
 * they are related, what they said, what they did).
 */
export function PartyFields(props: { kind: PartyKind; idPrefix: string; prefix: string; form: PartyForm; set: Set<PartyForm>; errors: FieldErrors }) {
  const { kind, idPrefix: id, prefix: p, form: f, set, errors } = props;
  const part = PART_FIELDS[kind];
  return (
    <>
      <PersonFields idPrefix={id} prefix={p} form={f} set={set} errors={errors} required={false} />
      <div class="form-grid">
        {part.includes('role_in_process') && (
          <CodeChecks idPrefix={`${id}-role`} label={t('field.role_in_process')} list="role_in_process" values={f.role_in_process} onChange={(v) => set({ role_in_process: v })} path={`${p}.role_in_process`} errors={errors} />
        )}
        {part.includes('role_details') && (
          <TextField id={`${id}-role-details`} label={t('field.role_details')} value={f.role_details} onInput={(v) => set({ role_details: v })} path={`${p}.role_details`} errors={errors} multiline rows={2} />
        )}
        {part.includes('relationship') && (
          <TextField id={`${id}-relationship`} label={t('field.relationship')} hint={t('field.relationship_hint')} value={f.relationship} onInput={(v) => set({ relationship: v })} path={`${p}.relationship`} errors={errors} />
        )}
        {part.includes('statement') && (
          <TextField id={`${id}-statement`} label={t('field.statement')} value={f.statement} onInput={(v) => set({ statement: v })} path={`${p}.statement`} errors={errors} multiline rows={3} />
        )}
      </div>
    </>
  );
}

export const EVENT_FIELDS = ['type', 'date', 'place', 'country', 'regency', 'description'] as const;

/** One event of the case: recruitment, transit or exploitation, when and where. */
export function EventFields(props: { idPrefix: string; prefix: string; form: EventForm; set: Set<EventForm>; errors: FieldErrors }) {
  const { idPrefix: id, prefix: p, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      <CodeSelect id={`${id}-type`} label={t('field.event_type')} list="event_type" value={f.type} onChange={(v) => set({ type: v })} path={`${p}.type`} errors={errors} />
      <DateField id={`${id}-date`} label={t('field.date')} value={f.date} onInput={(v) => set({ date: v })} path={`${p}.date`} errors={errors} />
      <TextField id={`${id}-place`} label={t('field.place')} value={f.place} onInput={(v) => set({ place: v })} path={`${p}.place`} errors={errors} />
      <CodeSelect id={`${id}-country`} label={t('field.country')} list="country" value={f.country} onChange={(v) => set({ country: v })} path={`${p}.country`} errors={errors} />
      <DistrictField id={`${id}-regency`} label={t('field.event_regency')} value={f.regency} onChange={(v) => set({ regency: v })} path={`${p}.regency`} errors={errors} />
      <TextField id={`${id}-description`} label={t('field.description')} value={f.description} onInput={(v) => set({ description: v })} path={`${p}.description`} errors={errors} multiline rows={3} />
    </div>
  );
}

export const SERVICE_FIELDS = ['type', 'status', 'stage', 'organisation_id', 'provider', 'objectives', 'action_plan', 'planned_end_date', 'actual_end_date'] as const;

/**
 * The organisation of a service or plan, chosen from the directory (the ones given, else the
 * directory loaded here), with the way to the directory screen to add a missing one.
 */
export function OrganisationSelect(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  organisations?: Organisation[] | null;
  path: string;
  errors: FieldErrors;
  /** Only the organisations this keeps (placement agencies, for example). */
  only?: (list: Organisation[] | null | undefined) => Organisation[];
  hint?: string;
}) {
  const { status, navigate } = useApp();
  const loaded = useOrganisations(props.organisations === undefined);
  const all = props.organisations === undefined ? loaded.list : props.organisations;
  const list = props.only ? props.only(all) : all;
  const { id } = props;
  return (
    <RecordChoice
      {...props}
      hint={props.hint ?? t('organisation.pickHint')}
      options={(list ?? []).map((o) => ({ id: o.id, name: o.name }))}
      none={t('organisation.none')}
      unknown={t('organisation.unknown')}
    >
      {mayOpen('organisations', status.capabilities) && (
        <button id={`${id}-directory`} type="button" class="link small nowrap" onClick={() => navigate({ name: 'organisations' })}>
          {t('organisation.openDirectory')}
        </button>
      )}
    </RecordChoice>
  );
}

/**
 * A record chosen by name from a register (the organisation directory, the programmes): an
 * empty choice, the stored value named "unknown" when the register does not have it, and what
 * follows the select on its line (`children`).
 */
function RecordChoice(props: {
  id: string;
  label: string;
  hint: string;
  value: string;
  onChange: (v: string) => void;
  options: { id: string; name: string }[];
  none: string;
  unknown: string;
  path: string;
  errors: FieldErrors;
  children?: ComponentChildren;
}) {
  const { id, path, errors, value, hint } = props;
  const known = props.options.some((o) => o.id === value);
  return (
    <div class="field">
      <Label id={id} label={props.label} />
      <div class="inline">
        <select
          id={id}
          value={value}
          aria-invalid={errors[path] ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, path, errors)}
          onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">{props.none}</option>
          {value && !known && <option value={value}>{props.unknown}</option>}
          {props.options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        {props.children}
      </div>
      <Hint id={id} hint={hint} />
      <FieldError path={path} errors={errors} />
    </div>
  );
}

/**
 * The placement agency (P3MI/PPTKIS) that sent the victim, chosen from the directory's
 * organisations of that type; offered only to roles that read the directory.
 */
function PlacementAgencySelect(props: { id: string; value: string; onChange: (v: string) => void; errors: FieldErrors }) {
  const { status } = useApp();
  if (!canRead(status.capabilities, 'organisation', 'name')) return null;
  return (
    <OrganisationSelect
      id={props.id}
      label={t('field.placement_agency_id')}
      hint={t('field.placement_agency_id_hint')}
      value={props.value}
      onChange={props.onChange}
      only={placementAgencies}
      path="placement_agency_id"
      errors={props.errors}
    />
  );
}

/**
 * The empowerment programme a plan enrols the person in, chosen from the register of
 * programmes; offered only to roles that read it.
 */
function ProgrammeSelect(props: { id: string; value: string; onChange: (v: string) => void; path: string; errors: FieldErrors }) {
  const { status } = useApp();
  const readable = canRead(status.capabilities, 'programme', 'name');
  const programmes = useProgrammes(readable);
  if (!readable) return null;
  return (
    <RecordChoice
      {...props}
      label={t('field.programme_id')}
      hint={t('field.programme_id_hint')}
      options={(programmes.list ?? []).map((p) => ({ id: p.id, name: String(p.doc.name ?? p.id) }))}
      none={t('programme.none')}
      unknown={t('programme.unknown')}
    />
  );
}

/** One service of the case: what, how far it is, who gives it, until when. */
export function ServiceFields(props: { idPrefix: string; prefix: string; form: ServiceForm; set: Set<ServiceForm>; errors: FieldErrors; organisations?: Organisation[] | null }) {
  const { idPrefix: id, prefix: p, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      <CodeSelect id={`${id}-type`} label={t('field.service_type')} list="service_type" value={f.type} onChange={(v) => set({ type: v })} path={`${p}.type`} errors={errors} />
      <CodeSelect id={`${id}-status`} label={t('field.service_status')} list="service_status" value={f.status} onChange={(v) => set({ status: v })} path={`${p}.status`} errors={errors} />
      <CodeSelect id={`${id}-stage`} label={t('field.stage')} list="service_stage" value={f.stage} onChange={(v) => set({ stage: v })} path={`${p}.stage`} errors={errors} />
      <OrganisationSelect id={`${id}-organisation`} label={t('field.organisation_id')} value={f.organisation_id} onChange={(v) => set({ organisation_id: v })} organisations={props.organisations} path={`${p}.organisation_id`} errors={errors} />
      <TextField id={`${id}-provider`} label={t('field.provider')} hint={t('field.provider_hint')} value={f.provider} onInput={(v) => set({ provider: v })} path={`${p}.provider`} errors={errors} />
      <DateField id={`${id}-planned-end`} label={t('field.planned_end_date')} value={f.planned_end_date} onInput={(v) => set({ planned_end_date: v })} path={`${p}.planned_end_date`} errors={errors} />
      <DateField id={`${id}-actual-end`} label={t('field.actual_end_date')} value={f.actual_end_date} onInput={(v) => set({ actual_end_date: v })} path={`${p}.actual_end_date`} errors={errors} today />
      <TextField id={`${id}-objectives`} label={t('field.objectives')} value={f.objectives} onInput={(v) => set({ objectives: v })} path={`${p}.objectives`} errors={errors} multiline rows={2} />
      <TextField id={`${id}-action-plan`} label={t('field.action_plan')} value={f.action_plan} onInput={(v) => set({ action_plan: v })} path={`${p}.action_plan`} errors={errors} multiline rows={3} />
    </div>
  );
}

export const PLAN_FIELDS = [
  'kind', 'type', 'stage', 'organisation_id', 'programme_id', 'start_date', 'planned_end_date', 'objectives', 'goals', 'action_plan',
  'progress', 'progress_note', 'outcome', 'outcome_note', 'actual_end_date',
] as const;

/** The fields of a plan's outcome, recorded when the plan ends (an edit of the plan). */
export const PLAN_OUTCOME_FIELDS = ['outcome', 'outcome_note', 'actual_end_date', 'progress'] as const;

/**
 * A support or reintegration plan: what kind, what it aims at (goals one per line), who carries
 * it, its dates and progress; with `outcomeOnly`, just how it ended.
 */
export function PlanFields(props: { idPrefix: string; prefix: string; form: PlanForm; set: Set<PlanForm>; errors: FieldErrors; organisations?: Organisation[] | null; outcomeOnly?: boolean }) {
  const { idPrefix: id, prefix: p, form: f, set, errors } = props;
  const outcome = (
    <>
      <CodeSelect id={`${id}-outcome`} label={t('field.outcome')} list="plan_outcome" value={f.outcome} onChange={(v) => set({ outcome: v })} path={`${p}.outcome`} errors={errors} />
      <DateField id={`${id}-actual-end`} label={t('field.actual_end_date')} value={f.actual_end_date} onInput={(v) => set({ actual_end_date: v })} path={`${p}.actual_end_date`} errors={errors} today />
      <TextField id={`${id}-outcome-note`} label={t('field.outcome_note')} value={f.outcome_note} onInput={(v) => set({ outcome_note: v })} path={`${p}.outcome_note`} errors={errors} multiline rows={3} />
    </>
  );
  const progress = (
    <CodeSelect id={`${id}-progress`} label={t('field.progress')} list="plan_progress" value={f.progress} onChange={(v) => set({ progress: v })} path={`${p}.progress`} errors={errors} />
  );
  if (props.outcomeOnly) {
    return (
      <div class="form-grid">
        {outcome}
        {progress}
      </div>
    );
  }
  return (
    <div class="form-grid">
      <CodeSelect id={`${id}-kind`} label={t('field.plan_kind')} list="plan_kind" value={f.kind} onChange={(v) => set({ kind: v })} path={`${p}.kind`} errors={errors} required />
      <CodeSelect id={`${id}-type`} label={t('field.plan_type')} list="service_type" value={f.type} onChange={(v) => set({ type: v })} path={`${p}.type`} errors={errors} />
      <CodeSelect id={`${id}-stage`} label={t('field.stage')} list="service_stage" value={f.stage} onChange={(v) => set({ stage: v })} path={`${p}.stage`} errors={errors} />
      <OrganisationSelect id={`${id}-organisation`} label={t('field.plan_organisation_id')} value={f.organisation_id} onChange={(v) => set({ organisation_id: v })} organisations={props.organisations} path={`${p}.organisation_id`} errors={errors} />
      <ProgrammeSelect id={`${id}-programme`} value={f.programme_id} onChange={(v) => set({ programme_id: v })} path={`${p}.programme_id`} errors={errors} />
      <DateField id={`${id}-start`} label={t('field.start_date')} value={f.start_date} onInput={(v) => set({ start_date: v })} path={`${p}.start_date`} errors={errors} today />
      <DateField id={`${id}-planned-end`} label={t('field.planned_end_date')} value={f.planned_end_date} onInput={(v) => set({ planned_end_date: v })} path={`${p}.planned_end_date`} errors={errors} />
      <TextField id={`${id}-objectives`} label={t('field.objectives')} value={f.objectives} onInput={(v) => set({ objectives: v })} path={`${p}.objectives`} errors={errors} multiline rows={2} />
      <TextField id={`${id}-goals`} label={t('field.goals')} hint={t('field.goals_hint')} value={f.goals} onInput={(v) => set({ goals: v })} path={`${p}.goals`} errors={errors} multiline rows={4} />
      <TextField id={`${id}-action-plan`} label={t('field.action_plan')} value={f.action_plan} onInput={(v) => set({ action_plan: v })} path={`${p}.action_plan`} errors={errors} multiline rows={3} />
      {progress}
      <TextField id={`${id}-progress-note`} label={t('field.progress_note')} value={f.progress_note} onInput={(v) => set({ progress_note: v })} path={`${p}.progress_note`} errors={errors} multiline rows={2} />
      {outcome}
    </div>
  );
}

export const ASSESSMENT_FIELDS = ['kind', 'date', 'risk_level', 'findings', 'recommendations', 'next_due'] as const;

/** An assessment: which kind, when, the risk found, what was found and advised, when to look again. */
export function AssessmentFields(props: { idPrefix: string; prefix: string; form: AssessmentForm; set: Set<AssessmentForm>; errors: FieldErrors }) {
  const { idPrefix: id, prefix: p, form: f, set, errors } = props;
  return (
    <div class="form-grid">
      <CodeSelect id={`${id}-kind`} label={t('field.assessment_kind')} list="assessment_kind" value={f.kind} onChange={(v) => set({ kind: v })} path={`${p}.kind`} errors={errors} required />
      <DateField id={`${id}-date`} label={t('field.assessment_date')} value={f.date} onInput={(v) => set({ date: v })} path={`${p}.date`} errors={errors} required today />
      <CodeSelect id={`${id}-risk`} label={t('field.risk_level')} list="risk_level" value={f.risk_level} onChange={(v) => set({ risk_level: v })} path={`${p}.risk_level`} errors={errors} />
      <DateField id={`${id}-next-due`} label={t('field.next_due')} hint={t('field.next_due_hint')} value={f.next_due} onInput={(v) => set({ next_due: v })} path={`${p}.next_due`} errors={errors} />
      <TextField id={`${id}-findings`} label={t('field.findings')} value={f.findings} onInput={(v) => set({ findings: v })} path={`${p}.findings`} errors={errors} multiline rows={4} />
      <TextField id={`${id}-recommendations`} label={t('field.recommendations')} value={f.recommendations} onInput={(v) => set({ recommendations: v })} path={`${p}.recommendations`} errors={errors} multiline rows={3} />
    </div>
  );
}
