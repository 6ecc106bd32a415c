// Trusted districts: this district's fingerprint to read aloud, writing its identity card,
// trusting another district's card after comparing fingerprints by phone, and revoking a lost
// or stolen laptop.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { PathField, TextField } from '../components/fields';
import { ErrorPanel, Modal, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatDate, formatDistrict, formatFingerprint } from '../format';
import { t } from '../i18n';
import { regionLabel } from '../regions';
import { can } from '../roles';
import { useTask } from '../task';
import type { CardWritten, ShownError, OwnIdentity, TrustAdded, TrustedDevice } from '../types';
import type { FieldErrors } from '../validation';

function OwnIdentityPanel() {
  const [own, setOwn] = useState<OwnIdentity | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [folder, setFolder] = useState('');
  const card = useTask<CardWritten>();
  const written = card.result;

  useEffect(() => {
    api.ownIdentity().then(setOwn, setError);
  }, []);

  const write = async (e: Event) => {
    e.preventDefault();
    if (!card.check(folder.trim() ? {} : { folder: t('trust.errFolder') }, { folder: 'card-folder' })) return;
    await card.run(() => api.identityCardWrite(folder.trim()));
  };

  return (
    <section class="card" aria-labelledby="own-heading">
      <h2 id="own-heading">{t('trust.ownHeading')}</h2>
      <ErrorPanel error={error} />
      {own && (
        <>
          <p>{t('trust.ownFingerprint', { district: formatDistrict(own.district, own.district_name) })}</p>
          <p id="own-fingerprint" class="fingerprint">
            {formatFingerprint(own.fingerprint)}
          </p>
          <p class="hint">{t('trust.ownHint')}</p>
        </>
      )}
      <h3>{t('trust.cardHeading')}</h3>
      <form onSubmit={write} noValidate>
        <PathField id="card-folder" label={t('trust.cardFolder')} value={folder} onInput={setFolder} picker="folder" path="folder" errors={card.errors} disabled={card.running} />
        <div class="actions">
          <button id="card-write" type="submit" disabled={card.running}>
            {t('trust.cardWrite')}
          </button>
        </div>
      </form>
      {written && (
        <Notice id="card-written">
          <p>{t('trust.cardWritten', { path: written.path })}</p>
          <p class="fingerprint small">{formatFingerprint(written.fingerprint)}</p>
        </Notice>
      )}
      <ErrorPanel error={card.error} />
    </section>
  );
}

function AddCardPanel({ onAdded }: { onAdded: () => void }) {
  const [file, setFile] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const task = useTask<TrustAdded>();
  const { errors, running: working, result: added } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    const local: FieldErrors = {};
    if (!file.trim()) local.card = t('trust.errCard');
    if (!/\d/.test(fingerprint)) local.fingerprint = t('trust.errFingerprint');
    if (!task.check(local, { card: 'trust-card-file', fingerprint: 'trust-fingerprint' })) return;
    await task.run(
      () => api.trustAdd(file.trim(), fingerprint.trim()),
      () => {
        setFile('');
        setFingerprint('');
        onAdded();
      },
    );
  };

  return (
    <section class="card" aria-labelledby="add-heading">
      <h2 id="add-heading">{t('trust.addHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <PathField id="trust-card-file" label={t('trust.cardFile')} value={file} onInput={setFile} picker="card" path="card" errors={errors} disabled={working} required />
        <TextField
          id="trust-fingerprint"
          label={t('trust.fingerprint')}
          hint={t('trust.fingerprintHint')}
          value={fingerprint}
          onInput={setFingerprint}
          path="fingerprint"
          errors={errors}
          inputMode="numeric"
          disabled={working}
          multiline
          rows={2}
          required
        />
        <div class="actions">
          <button id="trust-add" type="submit" disabled={working}>
            {t('trust.add')}
          </button>
        </div>
      </form>
      {added && (
        <Notice id="trust-added">
          {t('trust.added', { name: added.district_name, district: added.district, devices: added.devices })}
        </Notice>
      )}
      <ErrorPanel id="trust-error" error={task.error} />
    </section>
  );
}

export function TrustedDistricts() {
  const { lang, refreshDistricts, status } = useApp();
  // Trusting and revoking are the coordinator's; everyone may read the list and hand the card on.
  const manage = can(status.capabilities, 'manage_trust');
  const [devices, setDevices] = useState<TrustedDevice[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const [revoking, setRevoking] = useState<TrustedDevice | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = () => api.trustList().then(setDevices, setError);
  useEffect(() => void load(), []);

  const revoke = async (d: TrustedDevice) => {
    setRevoking(null);
    setError(null);
    try {
      await api.trustRevoke(d.device_id);
      setMessage(t('trust.revoked', { device: d.device_id }));
      await load();
    } catch (e) {
      setError(e as ShownError);
    }
  };

  return (
    <section class="screen">
      <ScreenTitle>{t('trust.title')}</ScreenTitle>
      <p class="lead">{t('trust.intro')}</p>
      <div class="two-col">
        <OwnIdentityPanel />
        {manage && (
          <AddCardPanel
            onAdded={() => {
              void load();
              refreshDistricts();
            }}
          />
        )}
      </div>
      <section class="card" aria-labelledby="devices-heading">
        <h2 id="devices-heading">{t('trust.listHeading')}</h2>
        {message && <Notice>{message}</Notice>}
        <ErrorPanel error={error} />
        {devices && devices.length === 0 && <p class="empty">{t('trust.empty')}</p>}
        {devices && devices.length > 0 && (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('trust.colDistrict')}</th>
                <th scope="col">{t('trust.colDevice')}</th>
                <th scope="col">{t('trust.colAdded')}</th>
                <th scope="col">{t('trust.colState')}</th>
                {manage && (
                  <th scope="col">
                    <span class="visually-hidden">{t('trust.revoke')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {devices.map((d) => (
                <tr key={d.device_id} class={`trusted-row${d.revoked_at ? ' revoked' : ''}`} data-device-id={d.device_id} data-district={d.district}>
                  <td>{regionLabel(d.district, d.district_name)}</td>
                  <td class="mono small">{d.device_id}</td>
                  <td class="nowrap">{formatDate(d.added_at, lang)}</td>
                  <td>
                    {d.revoked_at ? (
                      <span class="badge badge-alert">{t('trust.revokedOn', { date: formatDate(d.revoked_at, lang) })}</span>
                    ) : (
                      <span class="badge badge-ok">{t('trust.active')}</span>
                    )}
                  </td>
                  {manage && (
                    <td>
                      {!d.revoked_at && (
                        <button type="button" class="trust-revoke danger small" aria-label={t('trust.revokeLabel', { device: d.device_id })} onClick={() => setRevoking(d)}>
                          {t('trust.revoke')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {revoking && (
        <Modal id="revoke-dialog" title={t('trust.revokeTitle')} onCancel={() => setRevoking(null)} initialFocus="revoke-cancel">
          <p>{t('trust.revokeBody', { device: revoking.device_id, name: formatDistrict(revoking.district, revoking.district_name) })}</p>
          <div class="actions">
            <button id="revoke-cancel" type="button" onClick={() => setRevoking(null)}>
              {t('common.cancel')}
            </button>
            <button id="revoke-confirm" type="button" class="danger" onClick={() => void revoke(revoking)}>
              {t('trust.revokeConfirm')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
