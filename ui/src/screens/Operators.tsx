// The operators of this laptop (Settings → Petugas), for coordinators: who may unlock Lintas
// and in which role, adding one with their own passphrase, changing a role, removing one.
// The core keeps the rules (the last coordinator stays, no two operators share a passphrase)
// and its messages are shown as they come.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { PassphraseStrength, TextField } from '../components/fields';
import { ErrorPanel, Modal, Notice, SubmitOrProgress } from '../components/panels';
import { t } from '../i18n';
import { checkNewPassphrase } from '../passphrase';
import { ROLES } from '../roles';
import { whileBusy } from '../state';
import { useTask } from '../task';
import type { ShownError, Operator, Role } from '../types';
import { fieldErrorMap, type FieldErrors } from '../validation';

export function roleLabel(role: Role): string {
  return t(`role.${role}`);
}

/** How an operator stands on this laptop, in words. */
export function operatorState(o: Operator): string {
  if (!o.active) return t('operators.removed');
  if (!o.can_unlock) return t('operators.noPassphrase');
  return t('operators.active');
}

/** A select of the four roles, with the chosen role's description below it. */
function RoleSelect(props: { id: string; label: string; value: Role; onChange: (r: Role) => void; disabled?: boolean }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        disabled={props.disabled}
        aria-describedby={`${props.id}-hint`}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value as Role)}
      >
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
      <p class="hint" id={`${props.id}-hint`}>
        {t(`roleHint.${props.value}`)}
      </p>
    </div>
  );
}

/** The inputs of the add form, by the path of their check, in form order. */
const ADD_INPUTS = { name: 'operator-name', passphrase: 'operator-passphrase', passphrase_repeat: 'operator-passphrase-repeat' };

export function checkNewOperator(name: string, pass: string, repeat: string): FieldErrors {
  return { ...(name.trim() ? {} : { name: t('operators.errName') }), ...checkNewPassphrase(pass, repeat) };
}

function AddOperator({ onAdded }: { onAdded: (message: string) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('CaseWorker');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const task = useTask<string>();
  const { running } = task;
  // The backend's field problems (a name too long) show at their inputs like the form's own.
  const errors: FieldErrors = { ...fieldErrorMap(task.error), ...task.errors };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!task.check(checkNewOperator(name, pass, repeat), ADD_INPUTS)) return;
    const added = name.trim();
    await task.run(
      () => whileBusy(api.operatorAdd(added, role, pass)),
      () => {
        setName('');
        setPass('');
        setRepeat('');
        onAdded(t('operators.added', { name: added, role: roleLabel(role) }));
      },
    );
  };

  return (
    <form class="subform" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="operator-add-heading">
      <h3 id="operator-add-heading">{t('operators.addHeading')}</h3>
      <div class="form-grid">
        <TextField id="operator-name" label={t('operators.name')} value={name} onInput={setName} autoComplete="off" path="name" errors={errors} disabled={running} required />
        <RoleSelect id="operator-role" label={t('operators.role')} value={role} onChange={setRole} disabled={running} />
        <TextField id="operator-passphrase" label={t('operators.passphrase')} hint={t('operators.passphraseHint')} value={pass} onInput={setPass} type="password" autoComplete="new-password" path="passphrase" errors={errors} disabled={running} required />
        <TextField id="operator-passphrase-repeat" label={t('operators.passphraseRepeat')} value={repeat} onInput={setRepeat} type="password" autoComplete="new-password" path="passphrase_repeat" errors={errors} disabled={running} required />
      </div>
      <PassphraseStrength value={pass} />
      <ErrorPanel id="operator-add-error" error={task.error} shownPaths={Object.keys(ADD_INPUTS)} />
      <SubmitOrProgress id="operator-add" label={t('operators.add')} running={running} progress={t('operators.adding')} />
    </form>
  );
}

/** "Change the store key" after a suspected leak: re-encrypts the store, with progress. */
function RotateKeys() {
  const [recovery, setRecovery] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ShownError | null>(null);

  const rotate = async () => {
    setDone(false);
    setError(null);
    setPercent(0);
    try {
      await whileBusy(api.keysRotate(recovery, setPercent));
      setRecovery(null);
      setDone(true);
    } catch (e) {
      const failure = e as ShownError;
      if (failure.code === 'recovery_key_needed' && recovery === null) setRecovery('');
      else setError(failure);
    } finally {
      setPercent(null);
    }
  };

  return (
    <div class="subform" aria-labelledby="rotate-heading">
      <h3 id="rotate-heading">{t('rotate.heading')}</h3>
      <p class="hint">{t('rotate.intro')}</p>
      {recovery !== null && (
        <>
          <p class="hint">{t('operators.recoveryNeeded')}</p>
          <TextField id="rotate-recovery" label={t('operators.recoveryKey')} value={recovery} onInput={setRecovery} autoComplete="off" disabled={percent !== null} />
        </>
      )}
      {percent !== null ? (
        <p id="rotate-progress" role="status">
          {t('operators.rotating', { percent })}
        </p>
      ) : (
        <button id="rotate-keys" type="button" class="secondary" onClick={() => void rotate()}>
          {t('rotate.submit')}
        </button>
      )}
      {done && <Notice id="rotate-done">{t('rotate.done')}</Notice>}
      <ErrorPanel id="rotate-error" error={error} />
    </div>
  );
}

export function OperatorsPanel() {
  const [operators, setOperators] = useState<Operator[] | null>(null);
  // The role chosen in each row's select, until it is saved.
  const [chosen, setChosen] = useState<Record<string, Role>>({});
  const [removing, setRemoving] = useState<Operator | null>(null);
  // The recovery key, asked for once when the key file predates key changes.
  const [recovery, setRecovery] = useState<string | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  const load = () =>
    api.operatorList().then(
      (list) => {
        setOperators(list);
        setChosen({});
      },
      (e: ShownError) => setError(e),
    );
  useEffect(() => void load(), []);

  /** Runs one change, then says what happened and reloads the list; a refusal keeps the list. */
  const change = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      await whileBusy(work());
      setMessage(done);
      await load();
    } catch (e) {
      setError(e as ShownError);
    } finally {
      setBusy(false);
    }
  };

  const setRole = (o: Operator, role: Role) =>
    change(
      () => api.operatorSetRole(o.id, role),
      o.current ? t('operators.roleChangedYou', { role: roleLabel(role) }) : t('operators.roleChanged', { name: o.name, role: roleLabel(role) }),
    );

  /** Removes an operator; the store's key changes with it, with its progress shown. */
  const remove = async (o: Operator) => {
    setBusy(true);
    setMessage(null);
    setError(null);
    try {
      const rotated = await whileBusy(api.operatorRemove(o.id, recovery, setPercent));
      setRemoving(null);
      setRecovery(null);
      setMessage(withUncarried(t('operators.removedDone', { name: o.name }), rotated.need_new_passphrase));
      await load();
    } catch (e) {
      const failure = e as ShownError;
      // Asked for the recovery key: the dialog stays open with a field for it.
      if (failure.code === 'recovery_key_needed' && recovery === null) setRecovery('');
      else setError(failure);
      if (failure.code !== 'recovery_key_needed') setRemoving(null);
    } finally {
      setBusy(false);
      setPercent(null);
    }
  };

  /** Names the operators a key change could not carry, who need a new passphrase. */
  const withUncarried = (done: string, ids: string[]) => {
    if (ids.length === 0) return done;
    const names = ids.map((id) => operators?.find((o) => o.id === id)?.name ?? id).join(', ');
    return `${done} ${t('operators.needNewPassphrase', { names })}`;
  };

  return (
    <section class="card operators" aria-labelledby="operators-heading">
      <h2 id="operators-heading">{t('operators.heading')}</h2>
      <p class="hint">{t('operators.intro')}</p>
      {!operators && !error && <p class="muted">{t('operators.loading')}</p>}
      {operators && (
        <table id="operator-list" class="table">
          <thead>
            <tr>
              <th scope="col">{t('operators.colName')}</th>
              <th scope="col">{t('operators.colRole')}</th>
              <th scope="col">{t('operators.colState')}</th>
              <th scope="col">{t('operators.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {operators.map((o) => {
              const role = chosen[o.id] ?? o.role;
              return (
                <tr key={o.id} class={`operator-row${o.active ? '' : ' removed'}`} data-id={o.id} data-role={o.role}>
                  <td>
                    <span class="operator-name">{o.name}</span>
                    {o.current && <span class="badge badge-ok">{t('operators.you')}</span>}
                  </td>
                  <td>
                    {o.active ? (
                      <select
                        class="operator-role-select"
                        value={role}
                        disabled={busy}
                        aria-label={t('operators.roleOf', { name: o.name })}
                        onChange={(e) => setChosen({ ...chosen, [o.id]: (e.currentTarget as HTMLSelectElement).value as Role })}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {roleLabel(r)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      roleLabel(o.role)
                    )}
                  </td>
                  <td>
                    <span class={`badge${o.active ? (o.can_unlock ? ' badge-ok' : ' badge-warn') : ''}`}>{operatorState(o)}</span>
                  </td>
                  <td>
                    {o.active && (
                      <div class="row-actions">
                        <button
                          type="button"
                          class="operator-set-role secondary small"
                          disabled={busy || role === o.role}
                          aria-label={t('operators.setRoleLabel', { name: o.name })}
                          onClick={() => void setRole(o, role)}
                        >
                          {t('operators.setRole')}
                        </button>
                        {/* Removing oneself would lock one out at the next lock; another coordinator does it. */}
                        {!o.current && (
                          <button
                            type="button"
                            class="operator-remove danger small"
                            disabled={busy}
                            aria-label={t('operators.removeLabel', { name: o.name })}
                            onClick={() => setRemoving(o)}
                          >
                            {t('operators.remove')}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {message && <Notice id="operators-done">{message}</Notice>}
      <ErrorPanel id="operators-error" error={error} />
      <RotateKeys />
      <AddOperator
        onAdded={(text) => {
          setError(null);
          setMessage(text);
          void load();
        }}
      />
      {removing && (
        <Modal id="operator-remove-dialog" title={t('operators.removeTitle', { name: removing.name })} onCancel={() => setRemoving(null)} initialFocus="operator-remove-cancel">
          <p>{t('operators.removeBody', { name: removing.name })}</p>
          {recovery !== null && (
            <>
              <p class="hint">{t('operators.recoveryNeeded')}</p>
              <TextField id="operator-remove-recovery" label={t('operators.recoveryKey')} value={recovery} onInput={setRecovery} autoComplete="off" disabled={busy} />
            </>
          )}
          {percent !== null && (
            <p id="operator-remove-progress" role="status">
              {t('operators.rotating', { percent })}
            </p>
          )}
          <div class="actions">
            <button id="operator-remove-cancel" type="button" disabled={busy} onClick={() => { setRemoving(null); setRecovery(null); }}>
              {t('common.cancel')}
            </button>
            <button id="operator-remove-confirm" type="button" class="danger" disabled={busy} onClick={() => void remove(removing)}>
              {t('operators.removeConfirm')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
