// Notes of a case: the list, newest last, and a box to add one.

import { useState } from 'preact/hooks';
import { TextField } from '../../components/fields';
import { caseFormKeys, ErrorPanel, Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { useDirty, useDraft } from '../../state';
import type { CaseDoc } from '../../types';
import { CaseSection, useCanWrite, useCaseSave } from './kit';

export function NotesSection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang } = useApp();
  const [body, setBody, discard] = useDraft<string>(`case:${doc.id}:note`, () => '');
  const [message, setMessage] = useState<string | null>(null);
  const saver = useCaseSave(doc.id ?? '');
  const markClean = useDirty(body.trim() !== '');
  const notes = doc.notes ?? [];
  const writes = useCanWrite('note');

  const submit = async (e: Event) => {
    e.preventDefault();
    // Ctrl+S submits without the (disabled) button: nothing to save, or a save under way.
    if (saver.saving || body.trim() === '') return;
    setMessage(null);
    const res = await saver.save({ notes: [{ body: body.trim() }] });
    if (res) {
      discard();
      markClean();
      setMessage(t('case.noteSaved'));
      onChanged();
    }
  };

  return (
    <CaseSection id="sec-notes" title={t('section.notes')}>
      {notes.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="notes">
          {notes.map((n, i) => (
            <li key={n.id ?? i} class="note-item">
              <p class="prewrap">{n.body}</p>
              {n.written_at && <p class="muted small">{formatDateTime(n.written_at, lang)}</p>}
            </li>
          ))}
        </ul>
      )}
      {writes && (
        <form class="subform" ref={saver.root} onSubmit={submit} onKeyDown={caseFormKeys} noValidate>
          <TextField id="note-body" label={t('field.note_body')} value={body} onInput={setBody} path="notes[0].body" errors={saver.errors} multiline rows={3} />
          <ErrorPanel error={saver.error} shownPaths={['notes[0].body']} />
          {message && <Notice>{message}</Notice>}
          <div class="actions">
            <button id="note-save" type="submit" disabled={saver.saving || body.trim() === ''}>
              {saver.saving ? t('common.saving') : t('case.noteSave')}
            </button>
          </div>
        </form>
      )}
    </CaseSection>
  );
}
