// The task force's other work, in three tabs: prevention activities (socialisation, campaigns,
// village regulations, meetings; participants counted, never named), trainings (participants
// by agency and sex) and empowerment programmes (with how many people plans enrol in each).
// Each tab lists its records newest first, with a form to add one and to change one this
// district wrote; records from other districts are shown read-only.

import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { codes, label, labels } from '../codes';
import { DistrictField, DistrictsField } from '../components/districtPicker';
import { CodeChecks, CodeSelect, DateField, describedBy, FieldError, TextField } from '../components/fields';
import { caseFormKeys, ErrorPanel, focusFirstInvalid, focusWhenOpened, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatDate, formatDistrict, formatNumber } from '../format';
import { getLang, type Key, t } from '../i18n';
import { organisationName, useOrganisations } from '../organisations';
import {
  ACTIVITY_PATHS,
  activityDoc,
  activityErrors,
  type ActivityForm,
  activityFromDoc,
  activityParticipants,
  emptyParticipant,
  PROGRAMME_PATHS,
  programmeDoc,
  programmeErrors,
  type ProgrammeForm,
  programmeFromDoc,
  TRAINING_PATHS,
  trainingDoc,
  trainingErrors,
  type TrainingForm,
  trainingFromDoc,
  trainingTotals,
  useRegister,
} from '../registers';
import { can, canRead, canWrite } from '../roles';
import { useDirty, useDraft } from '../state';
import type { Organisation, Register, RegisterDoc, RegisterEntry, ShownError } from '../types';
import { fieldErrorMap, type FieldErrors, foldListErrors } from '../validation';
import { OrganisationSelect } from './case/CaseFields';

const TABS: { register: Register; key: Key }[] = [
  { register: 'activity', key: 'activities.tab.activity' },
  { register: 'training', key: 'activities.tab.training' },
  { register: 'programme', key: 'activities.tab.programme' },
];

/** Whether the operator's role may add and change records of a register. */
export function mayWriteRegister(caps: Parameters<typeof can>[0], register: Register): boolean {
  return can(caps, 'write_records') && canWrite(caps, register);
}

/** The id an element of a register's screen gets: `activity-form`, `training-save`. */
const idOf = (register: Register, what: string) => `${register}-${what}`;

export function ActivitiesScreen() {
  const [tab, setTab] = useState<Register>('activity');
  const buttons = useRef<Record<string, HTMLButtonElement | null>>({});
  const choose = (next: Register) => {
    setTab(next);
    buttons.current[next]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = TABS.findIndex((x) => x.register === tab);
    const to: Record<string, number> = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: TABS.length - 1 };
    if (!(e.key in to)) return;
    e.preventDefault();
    choose(TABS[(to[e.key] + TABS.length) % TABS.length].register);
  };
  return (
    <section class="screen activities">
      <ScreenTitle>{t('activities.title')}</ScreenTitle>
      <p class="lead">{t('activities.intro')}</p>
      <div class="tabs" role="tablist" aria-label={t('activities.tabs')} onKeyDown={onKeyDown}>
        {TABS.map((x) => (
          <button
            key={x.register}
            id={`activities-tab-${x.register}`}
            ref={(el) => {
              buttons.current[x.register] = el;
            }}
            type="button"
            role="tab"
            class="tab"
            aria-selected={tab === x.register}
            aria-controls={`activities-panel-${x.register}`}
            tabIndex={tab === x.register ? 0 : -1}
            onClick={() => setTab(x.register)}
          >
            {t(x.key)}
          </button>
        ))}
      </div>
      <div id={`activities-panel-${tab}`} role="tabpanel" aria-labelledby={`activities-tab-${tab}`}>
        <RegisterTab key={tab} register={tab} />
      </div>
    </section>
  );
}

/** One register: its list, and the form to add or change a record. */
function RegisterTab({ register }: { register: Register }) {
  const { status } = useApp();
  const writes = mayWriteRegister(status.capabilities, register);
  const records = useRegister(register);
  const organisations = useOrganisations(canRead(status.capabilities, 'organisation', 'name'));
  // The record being changed, 'new' while one is added, null when no form is open.
  const [editing, setEditing] = useState<RegisterEntry | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = records.list ?? [];

  const open = (what: RegisterEntry | 'new') => {
    setMessage(null);
    setEditing(what);
    focusWhenOpened(() => document.getElementById(idOf(register, register === 'activity' ? 'kind' : register === 'training' ? 'title' : 'name')));
  };
  const saved = (text: string) => {
    setEditing(null);
    setMessage(text);
    void records.reload();
  };
  const editorProps = {
    orig: editing === 'new' || editing === null ? undefined : editing,
    organisations: organisations.list,
    onSaved: saved,
    onCancel: () => setEditing(null),
  };

  return (
    <>
      <div class="toolbar">
        <p class="hint field-grow">{t(`${register}.intro` as Key)}</p>
        {writes && editing === null && (
          <button id={idOf(register, 'add')} type="button" class="secondary" onClick={() => open('new')}>
            {t(`${register}.add` as Key)}
          </button>
        )}
      </div>
      {message && <Notice id={idOf(register, 'message')}>{message}</Notice>}
      <ErrorPanel id={idOf(register, 'list-error')} error={records.error} title={t('activities.failed')} />
      {editing !== null && (
        <div key={editing === 'new' ? 'new' : editing.id}>
          {register === 'activity' && <ActivityEditor {...editorProps} />}
          {register === 'training' && <TrainingEditor {...editorProps} />}
          {register === 'programme' && <ProgrammeEditor {...editorProps} />}
        </div>
      )}
      {records.list && list.length === 0 && <p class="empty">{t(`${register}.empty` as Key)}</p>}
      {list.length > 0 && (
        <div id={idOf(register, 'list')} class="table-scroll register-list">
          <RegisterTable register={register} list={list} organisations={organisations.list} editable={writes && editing === null} onEdit={open} />
        </div>
      )}
    </>
  );
}

/** The place of a record in words: the village and the kabupaten/kota, or the province. */
function usePlace() {
  const { districtName } = useApp();
  return (doc: Record<string, unknown>, extra?: unknown) => {
    const regency = typeof doc.regency === 'string' ? doc.regency : '';
    const parts = [
      typeof extra === 'string' ? extra : '',
      regency ? formatDistrict(regency, districtName(regency)) : label('province', doc.province as string | null),
    ].filter(Boolean);
    return parts.join(', ') || t('common.empty');
  };
}

/** The list of a register as a table, newest first as the core sends it. */
function RegisterTable(props: {
  register: Register;
  list: RegisterEntry[];
  organisations: Organisation[] | null;
  editable: boolean;
  onEdit: (e: RegisterEntry) => void;
}) {
  const { lang } = useApp();
  const place = usePlace();
  const { register } = props;
  const heads: Record<Register, Key[]> = {
    activity: ['activity.colDate', 'activity.colWhat', 'activity.colPlace', 'activity.colParticipants'],
    training: ['training.colDate', 'training.colWhat', 'training.colPlace', 'training.colParticipants'],
    programme: ['programme.colName', 'programme.colKind', 'programme.colOrganisation', 'programme.colEnrolled'],
  };
  const cells = (e: RegisterEntry): ComponentChildren[] => {
    const d = e.doc;
    const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
    if (register === 'activity') {
      const n = activityParticipants(d);
      return [
        formatDate(s('date'), lang),
        <>
          <strong>{label('activity_kind', s('kind'))}</strong>
          {s('title') && <div>{s('title')}</div>}
          {s('kind') === 'VillageRegulation' && s('regulation_status') && <div class="muted small">{label('regulation_status', s('regulation_status'))}</div>}
        </>,
        place(d, s('village')),
        n === null ? t('common.empty') : formatNumber(n, lang),
      ];
    }
    if (register === 'training') {
      const { female, male } = trainingTotals(d);
      return [
        formatDate(s('start_date'), lang),
        <>
          <strong>{s('title')}</strong>
          {Array.isArray(d.topics) && d.topics.length > 0 && <div class="muted small">{labels('training_topic', d.topics as string[])}</div>}
        </>,
        place(d, s('place')),
        t('training.totals', { female, male }),
      ];
    }
    return [
      <>
        <strong>{s('name')}</strong>
        {Array.isArray(d.offers) && d.offers.length > 0 && <div class="muted small">{labels('service_type', d.offers as string[])}</div>}
      </>,
      label('programme_kind', s('kind')),
      organisationName(props.organisations, s('organisation_id')) || t('common.empty'),
      t('programme.enrolled', { count: e.enrolled }),
    ];
  };
  const name = (e: RegisterEntry) => String(e.doc.title ?? e.doc.name ?? label('activity_kind', e.doc.kind as string));
  return (
    <table class="table register-table">
      <thead>
        <tr>
          {heads[register].map((k, i) => (
            <th key={k} scope="col" class={i === 3 ? 'num' : undefined}>
              {t(k)}
            </th>
          ))}
          <th scope="col">
            <span class="visually-hidden">{t('common.edit')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.list.map((e) => (
          <tr key={e.id} class="register-row" data-id={e.id} data-ours={e.ours ? 'true' : 'false'}>
            {cells(e).map((c, i) => (
              <td key={i} class={i === 3 ? 'num' : undefined}>
                {c}
              </td>
            ))}
            <td>
              {e.ours ? (
                props.editable && (
                  <button type="button" class="secondary small register-edit" aria-label={t('case.editItemLabel', { item: name(e) })} onClick={() => props.onEdit(e)}>
                    {t('common.edit')}
                  </button>
                )
              ) : (
                <span class="badge register-other" title={t('activities.otherHint')}>
                  {t('activities.other')}
                </span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The partners of an activity: organisations of the directory, ticked (none to tick says so). */
function PartnerChecks(props: {
  values: string[];
  onChange: (v: string[]) => void;
  organisations: Organisation[] | null;
  errors: FieldErrors;
}) {
  const { values, onChange } = props;
  const all = props.organisations ?? [];
  const toggle = (id: string, on: boolean) => onChange(on ? [...values.filter((v) => v !== id), id] : values.filter((v) => v !== id));
  return (
    <fieldset class="field field-wide checks" id="activity-partners">
      <legend>{t('activity.partners')}</legend>
      {all.length === 0 ? (
        <p class="hint">{t('activity.partnersNone')}</p>
      ) : (
        <div class="check-grid">
          {all.map((o) => {
            const id = `activity-partner-${o.id}`;
            return (
              <label key={o.id} class="check" for={id}>
                <input id={id} type="checkbox" checked={values.includes(o.id)} onChange={(e) => toggle(o.id, (e.currentTarget as HTMLInputElement).checked)} />
                <span>{o.name}</span>
              </label>
            );
          })}
        </div>
      )}
      <FieldError path="partner_ids" errors={props.errors} />
    </fieldset>
  );
}

interface EditorProps {
  orig?: RegisterEntry;
  organisations: Organisation[] | null;
  onSaved: (message: string) => void;
  onCancel: () => void;
}

/**
 * The state and the save of one register's form: the draft, the checks before sending, what
 * is sent (all filled in for a new record, the changes for one of this district's), and the
 * core's refusal shown beside the inputs.
 */
function useRecordEditor<F>(opts: {
  register: Register;
  orig?: RegisterEntry;
  fromDoc: (d: Record<string, unknown> | undefined) => F;
  toDoc: (f: F, orig?: Record<string, unknown>) => RegisterDoc | null;
  check: (f: F) => FieldErrors;
  lists: string[];
  added: string;
  onSaved: (message: string) => void;
}) {
  const { register, orig } = opts;
  const [form, setForm, discard] = useDraft<F>(`${register}:${orig?.id ?? 'new'}`, () => opts.fromDoc(orig?.doc));
  const [error, setError] = useState<ShownError | null>(null);
  const [local, setLocal] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const root = useRef<HTMLFormElement>(null);
  const markClean = useDirty(opts.toDoc(form, orig?.doc) !== null);
  const errors = { ...foldListErrors(fieldErrorMap(error), opts.lists), ...local };
  const set = (patch: Partial<F>) => setForm((f) => ({ ...f, ...patch }));
  const close = () => {
    discard();
    markClean();
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    const problems = opts.check(form);
    setLocal(problems);
    setError(null);
    if (Object.keys(problems).length > 0) {
      focusFirstInvalid(root.current);
      return;
    }
    const doc = opts.toDoc(form, orig?.doc);
    if (!doc) {
      close();
      opts.onSaved(t('case.savedNone'));
      return;
    }
    setSaving(true);
    try {
      if (orig) {
        const changes = await api.registerUpdate(register, orig.id, doc);
        close();
        opts.onSaved(t('case.saved', { changes }));
      } else {
        await api.registerCreate(register, doc);
        close();
        opts.onSaved(opts.added);
      }
    } catch (err) {
      setError(err as ShownError);
      focusFirstInvalid(root.current);
    } finally {
      setSaving(false);
    }
  };
  return { form, set, errors, error, saving, submit, close, root };
}

type Editor<F> = ReturnType<typeof useRecordEditor<F>>;

/** The frame of a register's form: its heading, the inputs, the error panel, save and cancel. */
function EditorFrame<F>(props: {
  register: Register;
  edit: Editor<F>;
  title: string;
  shownPaths: string[];
  onCancel: () => void;
  children: ComponentChildren;
}) {
  const { register, edit } = props;
  return (
    <form id={idOf(register, 'form')} class="subform" ref={edit.root} onSubmit={edit.submit} onKeyDown={caseFormKeys} noValidate>
      <h2>{props.title}</h2>
      {props.children}
      <ErrorPanel id={idOf(register, 'error')} error={edit.error} shownPaths={props.shownPaths} />
      <div class="actions">
        <button id={idOf(register, 'save')} type="submit" disabled={edit.saving} title={t('case.saveKeys')} aria-keyshortcuts="Control+S Meta+S">
          {edit.saving ? t('common.saving') : t('common.save')}
        </button>
        <button
          id={idOf(register, 'cancel')}
          type="button"
          class="secondary"
          disabled={edit.saving}
          onClick={() => {
            edit.close();
            props.onCancel();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A count of people: a whole number typed as digits. */
function CountField(props: { id: string; label: string; value: string; onInput: (v: string) => void; path: string; errors: FieldErrors }) {
  return <TextField id={props.id} label={props.label} value={props.value} onInput={props.onInput} path={props.path} errors={props.errors} inputMode="numeric" maxLength={7} />;
}

function ActivityEditor(props: EditorProps) {
  const edit = useRecordEditor<ActivityForm>({
    register: 'activity',
    orig: props.orig,
    fromDoc: activityFromDoc,
    toDoc: activityDoc,
    check: activityErrors,
    lists: ['audience', 'topics', 'share_districts', 'partner_ids'],
    added: t('activity.added'),
    onSaved: props.onSaved,
  });
  const { form: f, set, errors } = edit;
  return (
    <EditorFrame register="activity" edit={edit} title={props.orig ? t('activity.editTitle') : t('activity.newTitle')} shownPaths={ACTIVITY_PATHS} onCancel={props.onCancel}>
      <div class="form-grid">
        <CodeSelect id="activity-kind" label={t('activity.kind')} list="activity_kind" value={f.kind} onChange={(v) => set({ kind: v })} path="kind" errors={errors} required />
        <TextField id="activity-title" label={t('activity.titleField')} value={f.title} onInput={(v) => set({ title: v })} path="title" errors={errors} />
        <DateField id="activity-date" label={t('activity.date')} value={f.date} onInput={(v) => set({ date: v })} path="date" errors={errors} required today />
        <DateField id="activity-end-date" label={t('activity.endDate')} hint={t('activity.endDateHint')} value={f.end_date} onInput={(v) => set({ end_date: v })} path="end_date" errors={errors} />
        <CodeSelect id="activity-province" label={t('register.province')} list="province" value={f.province} onChange={(v) => set({ province: v })} path="province" errors={errors} />
        <DistrictField id="activity-regency" label={t('register.regency')} value={f.regency} onChange={(v) => set({ regency: v })} path="regency" errors={errors} required />
        <TextField id="activity-subdistrict" label={t('field.subdistrict')} value={f.subdistrict} onInput={(v) => set({ subdistrict: v })} path="subdistrict" errors={errors} />
        <TextField id="activity-village" label={t('field.village')} value={f.village} onInput={(v) => set({ village: v })} path="village" errors={errors} />
        {f.kind === 'VillageRegulation' && (
          <CodeSelect id="activity-regulation-status" label={t('activity.regulationStatus')} list="regulation_status" value={f.regulation_status} onChange={(v) => set({ regulation_status: v })} path="regulation_status" errors={errors} />
        )}
        <OrganisationSelect id="activity-organiser" label={t('register.organiser')} value={f.organiser_id} onChange={(v) => set({ organiser_id: v })} organisations={props.organisations} path="organiser_id" errors={errors} />
      </div>
      <fieldset class="field field-wide counts">
        <legend>{t('activity.participants')}</legend>
        <p class="hint">{t('activity.participantsHint')}</p>
        <div class="form-grid count-grid">
          <CountField id="activity-female-children" label={t('activity.femaleChildren')} value={f.female_children} onInput={(v) => set({ female_children: v })} path="female_children" errors={errors} />
          <CountField id="activity-male-children" label={t('activity.maleChildren')} value={f.male_children} onInput={(v) => set({ male_children: v })} path="male_children" errors={errors} />
          <CountField id="activity-female-adults" label={t('activity.femaleAdults')} value={f.female_adults} onInput={(v) => set({ female_adults: v })} path="female_adults" errors={errors} />
          <CountField id="activity-male-adults" label={t('activity.maleAdults')} value={f.male_adults} onInput={(v) => set({ male_adults: v })} path="male_adults" errors={errors} />
        </div>
      </fieldset>
      <div class="form-grid">
        <PartnerChecks values={f.partner_ids} onChange={(v) => set({ partner_ids: v })} organisations={props.organisations} errors={errors} />
        <CodeChecks idPrefix="activity-audience" label={t('activity.audience')} list="audience" values={f.audience} onChange={(v) => set({ audience: v })} path="audience" errors={errors} />
        <CodeChecks idPrefix="activity-topic" label={t('activity.topics')} list="prevention_topic" values={f.topics} onChange={(v) => set({ topics: v })} path="topics" errors={errors} />
        <TextField id="activity-materials" label={t('activity.materials')} value={f.materials} onInput={(v) => set({ materials: v })} path="materials" errors={errors} multiline rows={2} />
        <TextField id="activity-follow-up" label={t('activity.followUp')} value={f.follow_up} onInput={(v) => set({ follow_up: v })} path="follow_up" errors={errors} multiline rows={2} />
        <DistrictsField id="activity-share" label={t('register.share')} hint={t('register.shareHint')} values={f.share_districts} onChange={(v) => set({ share_districts: v })} path="share_districts" errors={errors} />
      </div>
    </EditorFrame>
  );
}

function TrainingEditor(props: EditorProps) {
  const edit = useRecordEditor<TrainingForm>({
    register: 'training',
    orig: props.orig,
    fromDoc: trainingFromDoc,
    toDoc: trainingDoc,
    check: trainingErrors,
    lists: ['topics', 'share_districts'],
    added: t('training.added'),
    onSaved: props.onSaved,
  });
  const { form: f, set, errors } = edit;
  const rowPaths = f.participants.flatMap((_, i) => ['agency', 'female', 'male'].map((k) => `participants[${i}].${k}`));
  return (
    <EditorFrame register="training" edit={edit} title={props.orig ? t('training.editTitle') : t('training.newTitle')} shownPaths={[...TRAINING_PATHS, ...rowPaths]} onCancel={props.onCancel}>
      <div class="form-grid">
        <TextField id="training-title" label={t('training.titleField')} value={f.title} onInput={(v) => set({ title: v })} path="title" errors={errors} required wide />
        <DateField id="training-start" label={t('training.start')} value={f.start_date} onInput={(v) => set({ start_date: v })} path="start_date" errors={errors} required today />
        <DateField id="training-end" label={t('training.end')} value={f.end_date} onInput={(v) => set({ end_date: v })} path="end_date" errors={errors} />
        <CodeSelect id="training-province" label={t('register.province')} list="province" value={f.province} onChange={(v) => set({ province: v })} path="province" errors={errors} />
        <DistrictField id="training-regency" label={t('register.regency')} value={f.regency} onChange={(v) => set({ regency: v })} path="regency" errors={errors} />
        <TextField id="training-place" label={t('training.place')} value={f.place} onInput={(v) => set({ place: v })} path="place" errors={errors} />
        <OrganisationSelect id="training-organiser" label={t('register.organiser')} value={f.organiser_id} onChange={(v) => set({ organiser_id: v })} organisations={props.organisations} path="organiser_id" errors={errors} />
      </div>
      <ParticipantTable rows={f.participants} onChange={(participants) => set({ participants })} errors={errors} />
      <div class="form-grid">
        <CodeChecks idPrefix="training-topic" label={t('training.topics')} list="training_topic" values={f.topics} onChange={(v) => set({ topics: v })} path="topics" errors={errors} />
        <TextField id="training-notes" label={t('training.notes')} value={f.notes} onInput={(v) => set({ notes: v })} path="notes" errors={errors} multiline rows={2} />
        <DistrictsField id="training-share" label={t('register.share')} hint={t('register.shareHint')} values={f.share_districts} onChange={(v) => set({ share_districts: v })} path="share_districts" errors={errors} />
      </div>
    </EditorFrame>
  );
}

/** The participants of a training: one row per agency, women and men counted; rows can be added. */
function ParticipantTable(props: { rows: TrainingForm['participants']; onChange: (rows: TrainingForm['participants']) => void; errors: FieldErrors }) {
  const { rows, errors } = props;
  const change = (i: number, patch: Partial<TrainingForm['participants'][number]>) =>
    props.onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const cellError = (path: string) => (errors[path] ? 'true' : undefined);
  return (
    <fieldset class="field field-wide participants">
      <legend>{t('training.participants')}</legend>
      <p class="hint" id="training-participants-hint">
        {t('training.participantsHint')}
      </p>
      <table class="table participant-table">
        <thead>
          <tr>
            <th scope="col">{t('training.agency')}</th>
            <th scope="col" class="num">
              {t('training.female')}
            </th>
            <th scope="col" class="num">
              {t('training.male')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const p = (k: string) => `participants[${i}].${k}`;
            const n = i + 1;
            return (
              <tr key={r.id ?? `new-${i}`} class="participant-row">
                <td>
                  <select
                    id={`training-participant-agency-${i}`}
                    aria-label={t('training.agencyRow', { n })}
                    value={r.agency}
                    aria-invalid={cellError(p('agency'))}
                    aria-describedby={describedBy(`training-participant-agency-${i}`, undefined, p('agency'), errors)}
                    onChange={(e) => change(i, { agency: (e.currentTarget as HTMLSelectElement).value })}
                  >
                    <option value="">{t('common.choose')}</option>
                    {r.agency && !codesHas('agency', r.agency) && <option value={r.agency}>{r.agency}</option>}
                    {codeOptions('agency')}
                  </select>
                  <FieldError path={p('agency')} errors={errors} />
                </td>
                {(['female', 'male'] as const).map((k) => (
                  <td key={k} class="num">
                    <input
                      id={`training-participant-${k}-${i}`}
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={6}
                      class="count"
                      aria-label={t(k === 'female' ? 'training.femaleRow' : 'training.maleRow', { n })}
                      value={r[k]}
                      aria-invalid={cellError(p(k))}
                      aria-describedby={describedBy(`training-participant-${k}-${i}`, undefined, p(k), errors)}
                      onInput={(e) => change(i, { [k]: (e.currentTarget as HTMLInputElement).value })}
                    />
                    <FieldError path={p(k)} errors={errors} />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      <div class="actions">
        <button id="training-participant-add" type="button" class="secondary small" onClick={() => props.onChange([...rows, emptyParticipant()])}>
          {t('training.addRow')}
        </button>
      </div>
    </fieldset>
  );
}

function ProgrammeEditor(props: EditorProps) {
  const edit = useRecordEditor<ProgrammeForm>({
    register: 'programme',
    orig: props.orig,
    fromDoc: programmeFromDoc,
    toDoc: programmeDoc,
    check: programmeErrors,
    lists: ['offers', 'share_districts'],
    added: t('programme.added'),
    onSaved: props.onSaved,
  });
  const { form: f, set, errors } = edit;
  return (
    <EditorFrame register="programme" edit={edit} title={props.orig ? t('programme.editTitle') : t('programme.newTitle')} shownPaths={PROGRAMME_PATHS} onCancel={props.onCancel}>
      <div class="form-grid">
        <TextField id="programme-name" label={t('programme.name')} value={f.name} onInput={(v) => set({ name: v })} path="name" errors={errors} required wide />
        <CodeSelect id="programme-kind" label={t('programme.kind')} list="programme_kind" value={f.kind} onChange={(v) => set({ kind: v })} path="kind" errors={errors} required />
        <OrganisationSelect id="programme-organisation" label={t('programme.organisation')} value={f.organisation_id} onChange={(v) => set({ organisation_id: v })} organisations={props.organisations} path="organisation_id" errors={errors} />
        <CodeSelect id="programme-province" label={t('register.province')} list="province" value={f.province} onChange={(v) => set({ province: v })} path="province" errors={errors} />
        <DistrictField id="programme-regency" label={t('register.regency')} value={f.regency} onChange={(v) => set({ regency: v })} path="regency" errors={errors} />
        <CountField id="programme-capacity" label={t('programme.capacity')} value={f.capacity} onInput={(v) => set({ capacity: v })} path="capacity" errors={errors} />
        <DateField id="programme-start" label={t('programme.start')} value={f.start_date} onInput={(v) => set({ start_date: v })} path="start_date" errors={errors} />
        <DateField id="programme-end" label={t('programme.end')} value={f.end_date} onInput={(v) => set({ end_date: v })} path="end_date" errors={errors} />
        <CodeChecks idPrefix="programme-offer" label={t('programme.offers')} list="service_type" values={f.offers} onChange={(v) => set({ offers: v })} path="offers" errors={errors} />
        <TextField id="programme-notes" label={t('programme.notes')} value={f.notes} onInput={(v) => set({ notes: v })} path="notes" errors={errors} multiline rows={2} />
        <DistrictsField id="programme-share" label={t('register.share')} hint={t('register.shareHint')} values={f.share_districts} onChange={(v) => set({ share_districts: v })} path="share_districts" errors={errors} />
      </div>
    </EditorFrame>
  );
}

// The agency select of the participant table: the code list's entries as options.

function codesHas(list: string, code: string): boolean {
  return codes(list).some((c) => c.code === code);
}

function codeOptions(list: string) {
  const en = getLang() === 'en';
  return codes(list).map((c) => (
    <option key={c.code} value={c.code}>
      {en ? c.en : c.id}
    </option>
  ));
}
