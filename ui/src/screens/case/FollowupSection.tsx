// Follow-up monitoring visits after the return to family: the list, and a form to schedule a
// visit or record how a planned one went.

import { dateOut, itemValues, textOut, withId } from '../../caseForm';
import { label } from '../../codes';
import { CodeSelect, DateField, TextField } from '../../components/fields';
import { focusWhenOpened, Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate, todayIso } from '../../format';
import { t } from '../../i18n';
import type { CaseDoc, Followup } from '../../types';
import { CaseSection, SectionForm, useCanWrite, useSectionEdit } from './kit';

interface FollowupForm {
  /** The visit being completed, or null for a new one. */
  id: string | null;
  due_date: string;
  visit_date: string;
  status: string;
  visited_by: string;
  notes: string;
}

const FIELDS = ['due_date', 'visit_date', 'status', 'visited_by', 'notes'] as const;

/** The item to send: a new visit with what was filled in, or the changed fields of a planned one. */
export function followupDoc(f: FollowupForm, orig: Followup | undefined): Followup | null {
  const values: Record<(typeof FIELDS)[number], string | null> = {
    due_date: dateOut(f.due_date),
    visit_date: dateOut(f.visit_date),
    status: textOut(f.status),
    visited_by: textOut(f.visited_by),
    notes: textOut(f.notes),
  };
  return withId(itemValues<Followup>(values, orig), orig);
}

/** Whether a planned visit is past its date. */
export function isOverdue(f: Followup, today: string = todayIso()): boolean {
  return (f.status ?? 'Planned') === 'Planned' && !f.visit_date && !!f.due_date && f.due_date < today;
}

export function FollowupSection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang, status } = useApp();
  const items = doc.followups ?? [];
  const writes = useCanWrite('followup');

  const blank = (): FollowupForm => ({
    id: null,
    due_date: '',
    visit_date: '',
    status: 'Planned',
    visited_by: status.operator ?? '',
    notes: '',
  });
  const fromItem = (f: Followup): FollowupForm => ({
    id: f.id ?? null,
    due_date: f.due_date ?? '',
    visit_date: f.visit_date ?? '',
    status: f.status ?? 'Planned',
    visited_by: f.visited_by ?? status.operator ?? '',
    notes: f.notes ?? '',
  });

  const edit = useSectionEdit<FollowupForm>({
    caseId: doc.id ?? '',
    name: 'followup',
    init: blank,
    diff: (f) => {
      const orig = f.id ? items.find((i) => i.id === f.id) : undefined;
      const base = orig ? fromItem(orig) : blank();
      // Opening the form and typing nothing is not an edit.
      if (FIELDS.every((k) => f[k] === base[k])) return null;
      const item = followupDoc(f, orig);
      return item ? { followups: [item] } : null;
    },
    onChanged,
    savedText: () => t('case.followupSaved'),
  });

  /** Opens the form for a new visit, or to record the outcome of a planned one. */
  const openFor = (f: Followup | undefined) => {
    edit.open(f ? fromItem(f) : blank());
    focusWhenOpened(() => document.getElementById(f ? 'followup-visit' : 'followup-due'));
  };

  const p = 'followups[0]';

  return (
    <CaseSection
      id="sec-followups"
      title={t('section.followups')}
      actions={
        !edit.editing &&
        writes && (
          <button id="followup-open" type="button" class="secondary small" onClick={() => openFor(undefined)}>
            {t('case.followupOpen')}
          </button>
        )
      }
    >
      {edit.message && <Notice>{edit.message}</Notice>}
      {edit.editing && (
        <SectionForm
          edit={edit}
          shownPaths={FIELDS.map((k) => `${p}.${k}`)}
          class="subform"
          saveId="followup-save"
          saveLabel={t('case.followupSave')}
        >
          <h3>{edit.form.id ? t('case.followupFormEdit') : t('case.followupFormNew')}</h3>
          <div class="form-grid">
            <DateField id="followup-due" label={t('field.due_date')} value={edit.form.due_date} onInput={(v) => edit.set({ due_date: v })} path={`${p}.due_date`} errors={edit.errors} />
            <DateField id="followup-visit" label={t('field.visit_date')} value={edit.form.visit_date} onInput={(v) => edit.set({ visit_date: v })} path={`${p}.visit_date`} errors={edit.errors} today />
            <CodeSelect id="followup-status" label={t('field.followup_status')} list="followup_status" value={edit.form.status} onChange={(v) => edit.set({ status: v })} path={`${p}.status`} errors={edit.errors} />
            <TextField id="followup-visited-by" label={t('field.visited_by')} value={edit.form.visited_by} onInput={(v) => edit.set({ visited_by: v })} path={`${p}.visited_by`} errors={edit.errors} />
            <TextField id="followup-notes" label={t('field.followup_notes')} value={edit.form.notes} onInput={(v) => edit.set({ notes: v })} path={`${p}.notes`} errors={edit.errors} multiline />
          </div>
        </SectionForm>
      )}
      {items.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="cards">
          {items.map((f, i) => (
            <li key={f.id ?? i} class="card followup-item" data-status={f.status ?? ''}>
              <p class="item-head">
                <strong>{formatDate(f.due_date, lang) || t('common.empty')}</strong>{' '}
                <span class="badge">{label('followup_status', f.status)}</span>
                {isOverdue(f) && <span class="badge badge-alert">{t('case.followupOverdue')}</span>}
              </p>
              <p>
                {t('field.visit_date')}: {formatDate(f.visit_date, lang) || t('common.empty')}
                {f.visited_by && <> · {t('field.visited_by')}: {f.visited_by}</>}
              </p>
              {f.notes && <p class="prewrap">{f.notes}</p>}
              {writes && (f.status ?? 'Planned') === 'Planned' && !edit.editing && f.id && (
                <button type="button" class="secondary small" onClick={() => openFor(f)}>
                  {t('case.followupRecord')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </CaseSection>
  );
}
