// The attachments of a case: names, types and sizes. The files stay encrypted in the store.

import { useApp } from '../../context';
import { formatBytes } from '../../format';
import { t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { CaseSection } from './kit';

export function AttachmentsSection({ doc }: { doc: CaseDoc }) {
  const { lang } = useApp();
  const files = doc.attachments ?? [];
  return (
    <CaseSection id="sec-attachments" title={t('section.attachments')}>
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
              </tr>
            </thead>
            <tbody>
              {files.map((f) => (
                <tr key={f.id} class="attachment-item">
                  <td>{f.name}</td>
                  <td>{f.mime}</td>
                  <td class="num">{formatBytes(f.size ?? 0, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p class="hint">{t('case.attachmentsHint')}</p>
        </>
      )}
    </CaseSection>
  );
}
