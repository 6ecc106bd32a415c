// The audit check: are the hash chains whole, and do the tables match the op log?

import { useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorPanel, Notice, Progress, ScreenTitle } from '../components/panels';
import { t } from '../i18n';
import { whileBusy } from '../state';
import type { AuditResult, IpcError } from '../types';

export function AuditScreen() {
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AuditResult | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const run = async () => {
    setRunning(true);
    setResult(null);
    setError(null);
    try {
      setResult(await whileBusy(api.auditVerify()));
    } catch (e) {
      setError(e as IpcError);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section class="screen">
      <ScreenTitle>{t('audit.title')}</ScreenTitle>
      <p class="lead">{t('audit.intro')}</p>
      {running ? (
        <Progress label={t('audit.running')} />
      ) : (
        <div class="actions">
          <button id="audit-run" type="button" onClick={() => void run()}>
            {t('audit.run')}
          </button>
        </div>
      )}
      {result && (
        <Notice id="audit-result">{t('audit.ok', { ops: result.ops, devices: result.devices })}</Notice>
      )}
      <ErrorPanel id="audit-error" error={error} title={t('audit.failed')}>
        {error?.code === 'audit_failed' && <p>{t('audit.failedHint')}</p>}
      </ErrorPanel>
    </section>
  );
}
