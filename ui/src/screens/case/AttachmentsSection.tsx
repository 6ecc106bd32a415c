// The attachments of a case: names, types and sizes, a button to open each one with the
// computer's viewer, and a form to add a file (picked with the native file chooser in the form,
// or typed).
// The files stay encrypted in the store; opening one goes through a temporary copy that the
// shell removes afterwards.

import { useState } from 'preact/hooks';
import { api } from '../../api';
import { textOut } from '../../caseForm';
import { PathField, TextField } from '../../components/fields';
import { caseFormKeys, ErrorPanel, focusFirstInvalid, Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatBytes } from '../../format';
import { t } from '../../i18n';
import { useDirty } from '../../state';
import { useTask } from '../../task';
import type { Attachment, CaseDoc, ShownError } from '../../types';
import { fieldErrorMap } from '../../validation';
import { CaseSection, useCanWrite } from './kit';

/** The form of a new attachment: the file's location and what it is. */
function AddAttachment(props: { caseId: string; initialPath: string; onDone: () => void; onCancel: () => void }) {
  const [path, setPath] = useState(props.initialPath);
  const [description, setDescription] = useState('');
  const task = useTask<string>();
  const markClean = useDirty(path.trim() !== '' || description.trim() !== '');
  const errors = { ...fieldErrorMap(task.error), ...task.errors };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (task.running || !task.check(path.trim() ? {} : { path: t('case.attachmentErrPath') }, { path: 'attachment-path' })) return;
    const id = await task.run(() => api.attachmentAdd(props.caseId, path.trim(), textOut(description)));
    if (id !== null) {
      markClean();
      props.onDone();
    } else {
      focusFirstInvalid(document.getElementById('attachment-form'));
    }
  };

  return (
    <form id="attachment-form" class="subform" onSubmit={submit} onKeyDown={caseFormKeys} noValidate>
      <h3>{t('case.attachmentFormNew')}</h3>
      <PathField id="attachment-path" picker="file" label={t('field.attachment_file')} hint={t('case.attachmentFileHint')} value={path} onInput={setPath} path="path" errors={errors} required />
      <TextField id="attachment-description" label={t('field.attachment_description')} value={description} onInput={setDescription} path="description" errors={errors} wide />
      <ErrorPanel error={task.error} shownPaths={['path', 'description']} />
      <div class="actions">
        <button id="attachment-save" type="submit" disabled={task.running} title={t('case.saveKeys')} aria-keyshortcuts="Control+S Meta+S">
          {task.running ? t('common.saving') : t('case.attachmentSave')}
        </button>
        <button type="button" class="secondary" disabled={task.running} onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

export function AttachmentsSection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang } = useApp();
  const files = doc.attachments ?? [];
  const writes = useCanWrite('attachment');
  // The form is open with the path the chooser gave (or empty, to type one).
  const [adding, setAdding] = useState<{ path: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [openError, setOpenError] = useState<ShownError | null>(null);

  /** Opens the form; its button opens the native file chooser, or a location can be typed. */
  const add = () => {
    setMessage(null);
    setAdding({ path: '' });
    requestAnimationFrame(() => document.querySelector<HTMLElement>('#attachment-form .inline button')?.focus());
  };

  const open = async (f: Attachment) => {
    setMessage(null);
    setOpenError(null);
    try {
      await api.attachmentOpen(f.id);
      setMessage(t('case.attachmentOpened', { name: f.name ?? '' }));
    } catch (e) {
      setOpenError(e as ShownError);
    }
  };

  return (
    <CaseSection
      id="sec-attachments"
      title={t('section.attachments')}
      actions={
        !adding &&
        writes && (
          <button id="attachment-add" type="button" class="secondary small" onClick={add}>
            {t('case.attachmentAdd')}
          </button>
        )
      }
    >
      {message && <Notice id="attachment-message">{message}</Notice>}
      <ErrorPanel id="attachment-open-error" error={openError} title={t('case.attachmentOpenFailed')} />
      {adding && (
        <>
          <AddAttachment
            caseId={doc.id ?? ''}
            initialPath={adding.path}
            onCancel={() => setAdding(null)}
            onDone={() => {
              setAdding(null);
              setMessage(t('case.attachmentSaved'));
              onChanged();
            }}
          />
        </>
      )}
      {files.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('field.attachment_name')}</th>
                <th scope="col">{t('field.attachment_type')}</th>
                <th scope="col">{t('field.attachment_size')}</th>
                <th scope="col">{t('field.attachment_description')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('case.attachmentOpen')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.id} class="attachment-item">
                  <td class="wrap">{f.name}</td>
                  <td>{f.mime}</td>
                  <td class="num nowrap">{formatBytes(f.size ?? 0, lang)}</td>
                  <td>{f.description ?? ''}</td>
                  <td>
                    <button type="button" class="secondary small attachment-open" aria-label={t('case.attachmentOpenLabel', { name: f.name ?? '' })} onClick={() => void open(f)}>
                      {t('case.attachmentOpen')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">{t('case.attachmentOpenHint')}</p>
          <p class="hint">{t('case.attachmentsHint')}</p>
        </>
      )}
    </CaseSection>
  );
}
