// Erasing a person for good, at their request or when the retention period ends: the victim
// (and with them the whole case) or one witness, family contact or perpetrator. Coordinators
// only. The dialog says what will happen, asks why, and asks for the case number to be typed,
// so that the erasure is never one stray click away.

import { useState } from 'preact/hooks';
import { api } from '../../api';
import { FieldError, TextField } from '../../components/fields';
import { ErrorPanel, Modal, Progress } from '../../components/panels';
import { formatCaseNumber } from '../../format';
import { t } from '../../i18n';
import { whileBusy } from '../../state';
import { useTask } from '../../task';
import type { Erased, ErasureReason } from '../../types';
import { errorId, type FieldErrors } from '../../validation';

export const ERASURE_REASONS: readonly ErasureReason[] = ['LegalRequest', 'RetentionEnded'];

/** Who is to be erased: the victim (`personId` null) or another person of the case. */
export interface EraseTarget {
  personId: string | null;
  name: string;
}

// The paths are the dialog's own, apart from the case form's `reason` of a referral.
const INPUTS = { erase_reason: 'erase-reason', erase_confirm: 'erase-confirm' };

/** The checks before erasing: a reason chosen, and the case number typed as it is written. */
export function checkErase(reason: string, typed: string, caseNumber: string): FieldErrors {
  const local: FieldErrors = {};
  if (!ERASURE_REASONS.includes(reason as ErasureReason)) local.erase_reason = t('erase.errReason');
  if (formatCaseNumber(typed) !== formatCaseNumber(caseNumber)) {
    local.erase_confirm = t('erase.errConfirm', { number: formatCaseNumber(caseNumber) });
  }
  return local;
}

export function EraseDialog(props: {
  caseId: string;
  caseNumber: string;
  target: EraseTarget;
  onCancel: () => void;
  onErased: (erased: Erased) => void;
  /** What erases; by default the person of the case is erased directly (`person_erase`). */
  erase?: (reason: ErasureReason) => Promise<Erased>;
  /** Said first, e.g. which district asked for the erasure. */
  intro?: string;
}) {
  const { target } = props;
  const number = formatCaseNumber(props.caseNumber);
  const name = target.name || t('erase.unnamed');
  const [reason, setReason] = useState('');
  const [typed, setTyped] = useState('');
  const task = useTask<Erased>();
  const { running, errors } = task;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!task.check(checkErase(reason, typed, props.caseNumber), INPUTS)) return;
    const erase = props.erase ?? ((r: ErasureReason) => api.personErase(props.caseId, target.personId, r));
    const done = await task.run(() => whileBusy(erase(reason as ErasureReason)));
    if (done) props.onErased(done);
  };

  // Once the erasure runs, it finishes; closing the dialog would only hide its outcome.
  const cancel = () => {
    if (!running) props.onCancel();
  };

  return (
    <Modal id="erase-dialog" title={t('erase.title', { name })} onCancel={cancel} initialFocus="erase-cancel">
      <form onSubmit={(e) => void submit(e)} noValidate>
        {props.intro && <p>{props.intro}</p>}
        <p class="panel panel-error">
          {target.personId === null ? t('erase.victimBody', { number }) : t('erase.personBody', { name, number })}
        </p>
        <p>{t('erase.permanent')}</p>
        <p>{t('erase.travels')}</p>
        <p class="hint">{t('erase.backups')}</p>
        <div class="field">
          <label for="erase-reason">
            {t('erase.reason')}
            <span class="required"> ({t('common.required')})</span>
          </label>
          <select
            id="erase-reason"
            value={reason}
            disabled={running}
            aria-invalid={errors.erase_reason ? 'true' : undefined}
            aria-describedby={errors.erase_reason ? errorId('erase_reason') : undefined}
            onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">{t('common.choose')}</option>
            {ERASURE_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`erase.reason.${r}`)}
              </option>
            ))}
          </select>
          <FieldError path="erase_reason" errors={errors} />
        </div>
        <TextField id="erase-confirm" label={t('erase.confirm', { number })} value={typed} onInput={setTyped} path="erase_confirm" errors={errors} disabled={running} required />
        <ErrorPanel id="erase-error" error={task.error} title={t('erase.failed')} />
        {running ? (
          <Progress label={t('erase.working')} />
        ) : (
          <div class="actions">
            <button id="erase-cancel" type="button" class="secondary" onClick={cancel}>
              {t('common.cancel')}
            </button>
            <button id="erase-submit" type="submit" class="danger">
              {t('erase.submit')}
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}
