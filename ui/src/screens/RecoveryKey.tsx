// The recovery key, shown once right after setup. The person must confirm that they wrote it
// down before Lintas opens.

import { useRef, useState } from 'preact/hooks';
import { Notice, ScreenTitle } from '../components/panels';
import { t } from '../i18n';

/** Copies text to the clipboard, with the older selection-based copy as a fallback. */
async function copyText(text: string, fallbackEl: HTMLElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Fall through to the selection-based copy.
  }
  if (!fallbackEl) return false;
  const range = document.createRange();
  range.selectNodeContents(fallbackEl);
  const sel = window.getSelection();
  sel?.removeAllRanges();
  sel?.addRange(range);
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function RecoveryKeyScreen(props: { recoveryKey: string; district: string; onDone: () => void }) {
  const [confirmed, setConfirmed] = useState(false);
  const [copy, setCopy] = useState<'idle' | 'ok' | 'failed'>('idle');
  const keyRef = useRef<HTMLElement>(null);

  return (
    <main class="centered recovery">
      <ScreenTitle>{t('recovery.title')}</ScreenTitle>
      <p class="print-only print-heading">{t('recovery.printHeading', { district: props.district })}</p>
      <p class="lead no-print">{t('recovery.intro')}</p>
      <p class="no-print">{t('recovery.howto')}</p>
      <code id="recovery-key" class="recovery-key" ref={keyRef}>
        {props.recoveryKey}
      </code>
      <div class="actions no-print">
        <button
          type="button"
          class="secondary"
          onClick={async () => setCopy((await copyText(props.recoveryKey, keyRef.current)) ? 'ok' : 'failed')}
        >
          {t('recovery.copy')}
        </button>
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t('recovery.print')}
        </button>
      </div>
      {copy === 'ok' && <Notice kind="info">{t('recovery.copied')}</Notice>}
      {copy === 'failed' && <Notice kind="warn">{t('recovery.copyFailed')}</Notice>}
      <div class="confirm no-print">
        <label class="check" for="recovery-confirm">
          <input
            id="recovery-confirm"
            type="checkbox"
            checked={confirmed}
            onChange={(e) => setConfirmed((e.currentTarget as HTMLInputElement).checked)}
          />
          <span>{t('recovery.confirm')}</span>
        </label>
      </div>
      <div class="actions no-print">
        <button id="recovery-done" type="button" disabled={!confirmed} onClick={props.onDone}>
          {t('recovery.done')}
        </button>
      </div>
    </main>
  );
}
