// The directory of organisations: the service providers and partners that services and plans
// name (shelters, RPTC, UPTD PPA / P2TP2A, hospitals, legal aid, NGOs). Any district adds the
// ones it works with; only the district that added one may change it, and the directory travels
// with the cases that name its organisations. A search box narrows the list by name.

import { useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { labels, label } from '../codes';
import { DistrictField } from '../components/districtPicker';
import { CodeChecks, CodeSelect, TextField } from '../components/fields';
import { caseFormKeys, ErrorPanel, focusFirstInvalid, focusWhenOpened, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatDistrict, formatNumber } from '../format';
import { t } from '../i18n';
import { filterOrganisations, licenceOf, organisationDoc, organisationFromDoc, type OrganisationForm, useOrganisations } from '../organisations';
import { canWrite } from '../roles';
import { useDirty, useDraft } from '../state';
import type { Organisation, ShownError } from '../types';
import { fieldErrorMap, type FieldErrors, foldListErrors } from '../validation';

/** The paths of the form's inputs, as the core names them in its errors. */
const PATHS = ['name', 'type', 'province', 'regency', 'address', 'phone', 'services', 'notes', 'licence_number'];

/**
 * Adding an organisation (`orig` undefined) or changing one this district added: only what
 * changed is sent. `onSaved` gets the message to show.
 */
function OrganisationEditor(props: { orig?: Organisation; onSaved: (message: string) => void; onCancel: () => void }) {
  const { orig } = props;
  const [form, setForm, discard] = useDraft<OrganisationForm>(`organisation:${orig?.id ?? 'new'}`, () => organisationFromDoc(orig));
  const [error, setError] = useState<ShownError | null>(null);
  const [local, setLocal] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const root = useRef<HTMLFormElement>(null);
  const markClean = useDirty(organisationDoc(form, orig) !== null);
  const errors = { ...foldListErrors(fieldErrorMap(error), ['services']), ...local };
  const set = (patch: Partial<OrganisationForm>) => setForm((f) => ({ ...f, ...patch }));

  const close = () => {
    discard();
    markClean();
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (saving) return;
    // These checks only save a round trip; the core checks the same again.
    const missing: FieldErrors = {};
    if (!form.name.trim()) missing.name = t('organisation.errName');
    if (!form.type) missing.type = t('organisation.errType');
    setLocal(missing);
    setError(null);
    if (Object.keys(missing).length > 0) {
      focusFirstInvalid(root.current);
      return;
    }
    const doc = organisationDoc(form, orig);
    if (!doc) {
      close();
      props.onSaved(t('case.savedNone'));
      return;
    }
    setSaving(true);
    try {
      if (orig) {
        const changes = await api.organisationUpdate(orig.id, doc);
        close();
        props.onSaved(t('case.saved', { changes }));
      } else {
        await api.organisationCreate(doc);
        close();
        props.onSaved(t('organisation.added', { name: form.name.trim() }));
      }
    } catch (err) {
      setError(err as ShownError);
      focusFirstInvalid(root.current);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form id="org-form" class="subform" ref={root} onSubmit={submit} onKeyDown={caseFormKeys} noValidate>
      <h2>{orig ? t('organisation.editTitle', { name: orig.name }) : t('organisation.newTitle')}</h2>
      <div class="form-grid">
        <TextField id="org-name" label={t('organisation.name')} value={form.name} onInput={(v) => set({ name: v })} path="name" errors={errors} required wide />
        <CodeSelect id="org-type" label={t('organisation.type')} list="organisation_type" value={form.type} onChange={(v) => set({ type: v })} path="type" errors={errors} required />
        <CodeSelect id="org-province" label={t('organisation.province')} list="province" value={form.province} onChange={(v) => set({ province: v })} path="province" errors={errors} />
        <DistrictField id="org-regency" label={t('organisation.regency')} value={form.regency} onChange={(v) => set({ regency: v })} path="regency" errors={errors} />
        {(form.type === 'PlacementAgency' || form.licence_number) && (
          <TextField id="org-licence" label={t('organisation.licence')} hint={t('organisation.licenceHint')} value={form.licence_number} onInput={(v) => set({ licence_number: v })} path="licence_number" errors={errors} />
        )}
        <TextField id="org-phone" type="tel" label={t('organisation.phone')} value={form.phone} onInput={(v) => set({ phone: v })} path="phone" errors={errors} inputMode="tel" />
        <TextField id="org-address" label={t('organisation.address')} value={form.address} onInput={(v) => set({ address: v })} path="address" errors={errors} wide />
        <CodeChecks idPrefix="org-service" label={t('organisation.services')} list="service_type" values={form.services} onChange={(v) => set({ services: v })} path="services" errors={errors} />
        <TextField id="org-notes" label={t('organisation.notes')} hint={t('organisation.notesHint')} value={form.notes} onInput={(v) => set({ notes: v })} path="notes" errors={errors} multiline rows={2} />
      </div>
      <ErrorPanel id="org-error" error={error} shownPaths={PATHS} />
      <div class="actions">
        <button id="org-save" type="submit" disabled={saving} title={t('case.saveKeys')} aria-keyshortcuts="Control+S Meta+S">
          {saving ? t('common.saving') : t('common.save')}
        </button>
        <button
          type="button"
          class="secondary"
          disabled={saving}
          onClick={() => {
            close();
            props.onCancel();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function OrganisationsScreen() {
  const { lang, status, districtName } = useApp();
  const writes = canWrite(status.capabilities, 'organisation');
  const directory = useOrganisations();
  const [query, setQuery] = useState('');
  // The organisation being changed, 'new' while one is added, null when no form is open.
  const [editing, setEditing] = useState<Organisation | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const all = directory.list ?? [];
  const shown = filterOrganisations(all, query);

  const open = (what: Organisation | 'new') => {
    setMessage(null);
    setEditing(what);
    focusWhenOpened(() => document.getElementById('org-name'));
  };
  const saved = (text: string) => {
    setEditing(null);
    setMessage(text);
    void directory.reload();
  };
  const region = (o: Organisation) =>
    o.regency ? formatDistrict(o.regency, districtName(o.regency)) : label('province', o.province);

  return (
    <section class="screen">
      <ScreenTitle>{t('organisations.title')}</ScreenTitle>
      <p class="lead">{t('organisations.intro')}</p>
      <div class="toolbar">
        <div class="field field-grow">
          <label for="org-search">{t('organisations.search')}</label>
          <input
            id="org-search"
            type="search"
            autoComplete="off"
            placeholder={t('organisations.searchPlaceholder')}
            value={query}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
        </div>
        {writes && editing === null && (
          <button id="org-add" type="button" class="secondary" onClick={() => open('new')}>
            {t('organisations.add')}
          </button>
        )}
      </div>
      {message && <Notice id="org-message">{message}</Notice>}
      <ErrorPanel error={directory.error} title={t('organisations.failed')} />
      {editing !== null && (
        <OrganisationEditor key={editing === 'new' ? 'new' : editing.id} orig={editing === 'new' ? undefined : editing} onSaved={saved} onCancel={() => setEditing(null)} />
      )}
      {directory.list && all.length === 0 && <p class="empty">{t('organisations.empty')}</p>}
      {all.length > 0 && shown.length === 0 && <p class="empty">{t('organisations.noMatch')}</p>}
      {shown.length > 0 && (
        <table class="table organisations">
          <thead>
            <tr>
              <th scope="col">{t('organisation.name')}</th>
              <th scope="col">{t('organisation.type')}</th>
              <th scope="col">{t('organisations.colRegion')}</th>
              <th scope="col">{t('organisation.services')}</th>
              <th scope="col" class="num">
                {t('organisations.colCases')}
              </th>
              <th scope="col">
                <span class="visually-hidden">{t('common.edit')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((o) => (
              <tr key={o.id} class="org-row" data-id={o.id} data-ours={o.ours ? 'true' : 'false'}>
                <td>
                  <strong>{o.name}</strong> {o.ours && <span class="badge">{t('organisations.ours')}</span>}
                  {(o.address || o.phone) && <div class="muted small">{[o.address, o.phone].filter(Boolean).join(' · ')}</div>}
                  {licenceOf(o) && <div class="muted small org-licence">{t('organisation.licenceShown', { number: licenceOf(o) ?? '' })}</div>}
                  {o.notes && <div class="muted small prewrap">{o.notes}</div>}
                </td>
                <td>{label('organisation_type', o.type)}</td>
                <td>{region(o) || t('common.empty')}</td>
                <td>{labels('service_type', o.services) || t('common.empty')}</td>
                <td class="num">{formatNumber(o.cases, lang)}</td>
                <td>
                  {writes && o.ours && editing === null && (
                    <button type="button" class="secondary small org-edit" aria-label={t('case.editItemLabel', { item: o.name })} onClick={() => open(o)}>
                      {t('common.edit')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
