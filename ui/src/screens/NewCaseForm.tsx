// A new case: one long form in steps (victim, intake, exploitation, witnesses, consent, save),
// with a step index to jump between them. The backend's field errors appear next to the inputs;
// the first invalid input gets the focus.

import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import {
  buildNewCaseDoc,
  type ConsentForm,
  type CoreForm,
  emptyNewCase,
  emptyWitness,
  isNewCaseTouched,
  type NewCaseFormModel,
  nextWitnessKey,
  type PersonForm,
  type WitnessForm,
} from '../caseForm';
import { CodeSelect, TextField } from '../components/fields';
import { ErrorPanel, focusFirstInvalid, Notice, preventEnterSubmit, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { type Key, t } from '../i18n';
import { hasDraft, useDirty, useDraft } from '../state';
import type { ShownError } from '../types';
import { fieldErrorMap, type FieldErrors, foldListErrors } from '../validation';
import {
  CONSENT_PATHS,
  ConsentFields,
  EXPLOITATION_PATHS,
  ExploitationFields,
  INTAKE_PATHS,
  IntakeFields,
  LIST_PATHS,
  PersonFields,
  personPaths,
} from './case/CaseFields';

const DRAFT = 'new-case';

const STEPS: { id: string; key: Key }[] = [
  { id: 'step-victim', key: 'newCase.stepVictim' },
  { id: 'step-intake', key: 'newCase.stepIntake' },
  { id: 'step-exploitation', key: 'newCase.stepExploitation' },
  { id: 'step-witnesses', key: 'newCase.stepWitnesses' },
  { id: 'step-consent', key: 'newCase.stepConsent' },
  { id: 'step-save', key: 'newCase.stepSave' },
];

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

function WitnessFields(props: {
  index: number;
  form: WitnessForm;
  set: (patch: Partial<WitnessForm>) => void;
  onRemove: () => void;
  errors: FieldErrors;
}) {
  const { index: i, form: w, set, errors } = props;
  const p = `witnesses[${i}]`;
  return (
    <fieldset class="subform">
      <legend>{t('newCase.witness', { n: i + 1 })}</legend>
      <div class="form-grid">
        <TextField id={`witness-${i}-first-name`} label={t('field.first_name')} value={w.first_name} onInput={(v) => set({ first_name: v })} path={`${p}.first_name`} errors={errors} />
        <TextField id={`witness-${i}-second-name`} label={t('field.second_name')} value={w.second_name} onInput={(v) => set({ second_name: v })} path={`${p}.second_name`} errors={errors} />
        <CodeSelect id={`witness-${i}-gender`} label={t('field.gender')} list="gender" value={w.gender} onChange={(v) => set({ gender: v })} path={`${p}.gender`} errors={errors} />
        <TextField id={`witness-${i}-statement`} label={t('field.statement')} value={w.statement} onInput={(v) => set({ statement: v })} path={`${p}.statement`} errors={errors} multiline rows={3} />
      </div>
      <button type="button" class="secondary small" onClick={props.onRemove}>
        {t('newCase.removeWitness', { n: i + 1 })}
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
  const setWitness = (i: number, patch: Partial<WitnessForm>) =>
    setForm((f) => ({ ...f, witnesses: f.witnesses.map((w, j) => (j === i ? { ...w, ...patch } : w)) }));

  const addWitness = () => {
    const index = form.witnesses.length;
    setForm((f) => ({ ...f, witnesses: [...f.witnesses, emptyWitness(nextWitnessKey())] }));
    requestAnimationFrame(() => document.getElementById(`witness-${index}-first-name`)?.focus());
  };

  const removeWitness = (i: number) => {
    setForm((f) => ({ ...f, witnesses: f.witnesses.filter((_, j) => j !== i) }));
    // The indexes of the remaining witnesses shift, so old messages would point to the wrong one.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith('witnesses['))));
    requestAnimationFrame(() => document.getElementById('case-add-witness')?.focus());
  };

  const shownPaths = [
    ...personPaths('victim'),
    ...INTAKE_PATHS,
    ...EXPLOITATION_PATHS,
    ...CONSENT_PATHS,
    ...form.witnesses.flatMap((_, i) => ['first_name', 'second_name', 'gender', 'statement'].map((k) => `witnesses[${i}].${k}`)),
  ];

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    setError(null);
    setErrors({});
    try {
      const created = await api.caseCreate(buildNewCaseDoc(form));
      discard();
      markClean();
      navigate({ name: 'case', id: created.id, created });
    } catch (err) {
      const ipc = err as ShownError;
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
        <form class="long-form" ref={root} onSubmit={save} onKeyDown={preventEnterSubmit} noValidate>
          <Step id="step-victim" title={t('newCase.stepVictim')}>
            <PersonFields idPrefix="case-victim" prefix="victim" form={form.victim} set={setVictim} errors={errors} />
          </Step>
          <Step id="step-intake" title={t('newCase.stepIntake')}>
            <IntakeFields idPrefix="case-intake" form={form.core} set={setCore} errors={errors} />
          </Step>
          <Step id="step-exploitation" title={t('newCase.stepExploitation')}>
            <ExploitationFields idPrefix="case-exploitation" form={form.core} set={setCore} errors={errors} />
          </Step>
          <Step id="step-witnesses" title={t('newCase.stepWitnesses')}>
            {form.witnesses.length === 0 && <p class="muted">{t('newCase.noWitnesses')}</p>}
            {form.witnesses.map((w, i) => (
              <WitnessFields
                key={w.key}
                index={i}
                form={w}
                set={(patch) => setWitness(i, patch)}
                onRemove={() => removeWitness(i)}
                errors={errors}
              />
            ))}
            <button id="case-add-witness" type="button" class="secondary" onClick={addWitness}>
              {t('newCase.addWitness')}
            </button>
          </Step>
          <Step id="step-consent" title={t('newCase.stepConsent')}>
            <ConsentFields idPrefix="case-consent" form={form.consent} set={setConsent} errors={errors} />
          </Step>
          <Step id="step-save" title={t('newCase.stepSave')}>
            <p>{t('newCase.saveHint')}</p>
            <ErrorPanel id="form-error" error={error} shownPaths={shownPaths} />
            <div class="actions">
              <button id="case-save" type="submit" disabled={saving}>
                {saving ? t('common.saving') : t('newCase.save')}
              </button>
            </div>
          </Step>
        </form>
      </div>
    </section>
  );
}
