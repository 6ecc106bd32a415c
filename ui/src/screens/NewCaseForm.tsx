// A new case: one long form in steps (victim, intake, exploitation, events, witnesses, family,
// perpetrators, services, consent, save), with a step index to jump between them. Events, people
// and services are repeatable rows, each added and removed on its own; rows left empty are not
// sent. Only what the backend requires must be filled in; the rest can be completed on the case
// screen. The backend's field errors appear next to the inputs; the first invalid input gets the
// focus. Ctrl+S saves.

import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import {
  buildNewCaseDoc,
  type ConsentForm,
  type CoreForm,
  emptyNewCase,
  emptyRow,
  type EventForm,
  isNewCaseTouched,
  NEW_CASE_LISTS,
  type NewCaseFormModel,
  type NewCaseList,
  type PartyForm,
  type PersonForm,
  rowPath,
  sentRows,
  type ServiceForm,
} from '../caseForm';
import { caseFormKeys, ErrorPanel, focusFirstInvalid, focusWhenOpened, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { type Key, t } from '../i18n';
import { hasDraft, useDirty, useDraft } from '../state';
import type { ShownError } from '../types';
import { fieldErrorMap, type FieldErrors, foldListErrors, normalisePath } from '../validation';
import {
  CONSENT_PATHS,
  ConsentFields,
  EVENT_FIELDS,
  EventFields,
  EXPLOITATION_PATHS,
  ExploitationFields,
  INTAKE_PATHS,
  IntakeFields,
  LIST_PATHS,
  PartyFields,
  partyPaths,
  PersonFields,
  personPaths,
  SERVICE_FIELDS,
  ServiceFields,
} from './case/CaseFields';

const DRAFT = 'new-case';

/** What differs between the repeatable lists of the form: their step, words and element ids. */
const LISTS: Record<NewCaseList, { step: string; title: Key; id: string; item: Key; add: Key; none: Key }> = {
  events: { step: 'step-events', title: 'newCase.stepEvents', id: 'event', item: 'item.event', add: 'newCase.addEvent', none: 'newCase.noEvents' },
  witnesses: { step: 'step-witnesses', title: 'newCase.stepWitnesses', id: 'witness', item: 'item.witness', add: 'newCase.addWitness', none: 'newCase.noWitnesses' },
  family_contacts: { step: 'step-family', title: 'newCase.stepFamily', id: 'family', item: 'item.family', add: 'newCase.addFamily', none: 'newCase.noFamily' },
  perpetrators: { step: 'step-perpetrators', title: 'newCase.stepPerpetrators', id: 'perpetrator', item: 'item.perpetrator', add: 'newCase.addPerpetrator', none: 'newCase.noPerpetrators' },
  services: { step: 'step-services', title: 'newCase.stepServices', id: 'service', item: 'item.service', add: 'newCase.addService', none: 'newCase.noServices' },
};

const STEPS: { id: string; key: Key }[] = [
  { id: 'step-victim', key: 'newCase.stepVictim' },
  { id: 'step-intake', key: 'newCase.stepIntake' },
  { id: 'step-exploitation', key: 'newCase.stepExploitation' },
  ...NEW_CASE_LISTS.map((l) => ({ id: LISTS[l].step, key: LISTS[l].title })),
  { id: 'step-consent', key: 'newCase.stepConsent' },
  { id: 'step-save', key: 'newCase.stepSave' },
];

/** The paths the inputs of one row of a list show. */
function rowPaths(list: NewCaseList, i: number): string[] {
  const p = `${list}[${i}]`;
  if (list === 'events') return EVENT_FIELDS.map((k) => `${p}.${k}`);
  if (list === 'services') return SERVICE_FIELDS.map((k) => `${p}.${k}`);
  return partyPaths(list, p);
}

/** Scrolls to a step and moves the focus to its first input. */
function jumpTo(stepId: string) {
  const section = document.getElementById(stepId);
  if (!section) return;
  section.scrollIntoView({ block: 'start' });
  const first = section.querySelector<HTMLElement>('input, select, textarea, button');
  (first ?? section).focus();
}

/** One step of the form, with the heading that the list of steps jumps to. */
function Step(props: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section id={props.id} class="step" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      {props.children}
    </section>
  );
}

type AnyRow = PartyForm | EventForm | ServiceForm;

/** One row of a repeatable list: its inputs, under its number, and a button to remove it. */
function ListRow(props: {
  list: NewCaseList;
  index: number;
  form: AnyRow;
  set: (patch: Partial<AnyRow>) => void;
  onRemove: () => void;
  errors: FieldErrors;
}) {
  const { list, index: i, set, errors } = props;
  const { id, item } = LISTS[list];
  const name = t(item, { n: i + 1 });
  const common = { idPrefix: `${id}-${i}`, prefix: `${list}[${i}]`, set, errors };
  return (
    <fieldset id={`${id}-${i}`} class="subform">
      <legend>{name}</legend>
      {list === 'events' ? (
        <EventFields {...common} form={props.form as EventForm} />
      ) : list === 'services' ? (
        <ServiceFields {...common} form={props.form as ServiceForm} />
      ) : (
        <PartyFields {...common} kind={list} form={props.form as PartyForm} />
      )}
      <button type="button" class="secondary small" onClick={props.onRemove}>
        {t('newCase.remove', { item: name })}
      </button>
    </fieldset>
  );
}

export function NewCaseForm() {
  const { navigate } = useApp();
  const restored = useRef(hasDraft(DRAFT));
  const [form, setForm, discard] = useDraft<NewCaseFormModel>(DRAFT, emptyNewCase);
  const [error, setError] = useState<ShownError | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const root = useRef<HTMLFormElement>(null);

  const markClean = useDirty(isNewCaseTouched(form) && !saving);

  const setVictim = (patch: Partial<PersonForm>) => setForm((f) => ({ ...f, victim: { ...f.victim, ...patch } }));
  const setCore = (patch: Partial<CoreForm>) => setForm((f) => ({ ...f, core: { ...f.core, ...patch } }));
  const setConsent = (patch: Partial<ConsentForm>) => setForm((f) => ({ ...f, consent: { ...f.consent, ...patch } }));
  const rows = (f: NewCaseFormModel, list: NewCaseList) => f[list] as AnyRow[];
  const setRow = (list: NewCaseList, i: number, patch: Partial<AnyRow>) =>
    setForm((f) => ({ ...f, [list]: rows(f, list).map((r, j) => (j === i ? { ...r, ...patch } : r)) }));

  const addRow = (list: NewCaseList) => {
    const index = form[list].length;
    setForm((f) => ({ ...f, [list]: [...rows(f, list), emptyRow(list)] }));
    focusWhenOpened(() => document.getElementById(`${LISTS[list].id}-${index}`)?.querySelector<HTMLElement>('input, select, textarea'));
  };

  const removeRow = (list: NewCaseList, i: number) => {
    setForm((f) => ({ ...f, [list]: rows(f, list).filter((_, j) => j !== i) }));
    // The indexes of the remaining rows shift, so old messages would point to the wrong one.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith(`${list}[`))));
    setError((e) => e && { ...e, fields: e.fields.filter((f) => !f.field.startsWith(`${list}[`)) });
    requestAnimationFrame(() => document.getElementById(`case-add-${LISTS[list].id}`)?.focus());
  };

  const shownPaths = [
    ...personPaths('victim'),
    ...INTAKE_PATHS,
    ...EXPLOITATION_PATHS,
    ...CONSENT_PATHS,
    ...NEW_CASE_LISTS.flatMap((list) => form[list].flatMap((_, i) => rowPaths(list, i))),
  ];

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    setErrors({});
    // Empty rows are not sent: the backend's `witnesses[1]` may be the form's third witness.
    const sent = sentRows(form);
    try {
      const created = await api.caseCreate(buildNewCaseDoc(form));
      discard();
      markClean();
      navigate({ name: 'case', id: created.id, created });
    } catch (err) {
      const refused = err as ShownError;
      const ipc = { ...refused, fields: refused.fields.map((f) => ({ ...f, field: rowPath(normalisePath(f.field), sent) })) };
      setError(ipc);
      setErrors(foldListErrors(fieldErrorMap(ipc), LIST_PATHS));
      setSaving(false);
      if (ipc.fields.length > 0) focusFirstInvalid(root.current);
      else document.getElementById('form-error')?.scrollIntoView({ block: 'center' });
    }
  };

  return (
    <section class="screen with-steps">
      <ScreenTitle>{t('newCase.title')}</ScreenTitle>
      <p class="lead">{t('newCase.intro')}</p>
      {restored.current && isNewCaseTouched(form) && <Notice kind="info">{t('newCase.draftKept')}</Notice>}
      <div class="steps-layout">
        <nav class="steps" aria-label={t('newCase.steps')}>
          <ol>
            {STEPS.map((s) => (
              <li key={s.id}>
                <button type="button" class="link" onClick={() => jumpTo(s.id)}>
                  {t(s.key)}
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <form class="long-form" ref={root} onSubmit={save} onKeyDown={caseFormKeys} noValidate>
          <Step id="step-victim" title={t('newCase.stepVictim')}>
            <PersonFields idPrefix="case-victim" prefix="victim" form={form.victim} set={setVictim} errors={errors} />
          </Step>
          <Step id="step-intake" title={t('newCase.stepIntake')}>
            <IntakeFields idPrefix="case-intake" form={form.core} set={setCore} errors={errors} />
          </Step>
          <Step id="step-exploitation" title={t('newCase.stepExploitation')}>
            <ExploitationFields idPrefix="case-exploitation" form={form.core} set={setCore} errors={errors} />
          </Step>
          {NEW_CASE_LISTS.map((list) => {
            const l = LISTS[list];
            return (
              <Step key={list} id={l.step} title={t(l.title)}>
                {form[list].length === 0 && <p class="muted">{t(l.none)}</p>}
                {rows(form, list).map((row, i) => (
                  <ListRow
                    key={(row as AnyRow & { key: number }).key}
                    list={list}
                    index={i}
                    form={row}
                    set={(patch) => setRow(list, i, patch)}
                    onRemove={() => removeRow(list, i)}
                    errors={errors}
                  />
                ))}
                <button id={`case-add-${l.id}`} type="button" class="secondary" onClick={() => addRow(list)}>
                  {t(l.add)}
                </button>
              </Step>
            );
          })}
          <Step id="step-consent" title={t('newCase.stepConsent')}>
            <ConsentFields idPrefix="case-consent" form={form.consent} set={setConsent} errors={errors} />
          </Step>
          <Step id="step-save" title={t('newCase.stepSave')}>
            <p>{t('newCase.saveHint')}</p>
            <ErrorPanel id="form-error" error={error} shownPaths={shownPaths} />
            <div class="actions">
              <button id="case-save" type="submit" disabled={saving} aria-keyshortcuts="Control+S Meta+S">
                {saving ? t('common.saving') : t('newCase.save')}
              </button>
            </div>
          </Step>
        </form>
      </div>
    </section>
  );
}
