// The language picker, in the top bar and on the screens before unlocking.

import { t } from '../i18n';
import type { Lang } from '../types';

export function LanguageSwitch({ id, lang, onChange }: { id: string; lang: Lang; onChange: (l: Lang) => void }) {
  return (
    <div class="lang-switch">
      <label for={id}>{t('lang.label')}</label>
      <select id={id} value={lang} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value as Lang)}>
        <option value="id">{t('lang.id')}</option>
        <option value="en">{t('lang.en')}</option>
      </select>
    </div>
  );
}
