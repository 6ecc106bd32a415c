// Choosing a kabupaten/kota by typing part of its name or its code: a combobox over the region
// names the shell sends (`regions`), kept in the app context. The list shows "Kabupaten Timor
// Tengah Utara (53.03)"; arrow keys move through it, Enter picks, Escape closes it. A code typed
// whole is taken as it is, so a district the list does not know can still be named; anything
// else typed is kept as typed, for the form's checks and the core to judge.

import { useContext, useMemo, useState } from 'preact/hooks';
import { Ctx } from '../context';
import { formatDistrict } from '../format';
import { t } from '../i18n';
import { isRegencyCode, matchRegions, regenciesOf, regionName, resolveRegion } from '../regions';
import type { Region } from '../types';
import { type Common, describedBy, FieldError, Hint, Label } from './fields';

/** The kabupaten/kota the picker offers: given, else those of the app context. */
function useRegencies(given: Region[] | undefined): Region[] {
  const ctx = useContext(Ctx);
  const list = given ?? ctx?.regions ?? [];
  return useMemo(() => regenciesOf(list), [list]);
}

/** A code as the picker shows it: "Kabupaten Belu (53.04)", or the code alone when unnamed. */
export function districtText(all: Region[], code: string): string {
  if (!isRegencyCode(code)) return code;
  return formatDistrict(code, all.find((r) => r.code === code)?.name ?? regionName(code));
}

/**
 * The typing, the list of matches and the keys of one combobox. `pick` is called with the
 * chosen region; `suggest` are offered before anything is typed (opened with the down arrow).
 */
function useCombobox(opts: { id: string; all: Region[]; suggest?: string[]; pick: (r: Region) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = (text ?? '').trim();
  const options = typed
    ? matchRegions(opts.all, typed)
    : (opts.suggest ?? []).map((code) => opts.all.find((r) => r.code === code) ?? { code, name: '' });
  const shown = open && options.length > 0;
  const optionId = (i: number) => `${opts.id}-option-${i}`;

  const choose = (r: Region) => {
    opts.pick(r);
    setText(null);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (open ? Math.min(a + 1, options.length - 1) : 0));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      if (open) setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && shown && (active >= 0 || options.length === 1)) {
      // Picks the highlighted match (or the only one); the form is not submitted.
      e.preventDefault();
      choose(options[Math.max(active, 0)]);
    } else if (e.key === 'Escape' && open) {
      // Closes the list only: a dialog around the field stays open.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };
  const input = {
    role: 'combobox' as const,
    'aria-autocomplete': 'list' as const,
    'aria-expanded': shown ? ('true' as const) : ('false' as const),
    'aria-controls': `${opts.id}-list`,
    'aria-activedescendant': shown && active >= 0 ? optionId(active) : undefined,
    onKeyDown,
  };
  const list = shown ? (
    <ul id={`${opts.id}-list`} class="combo-list" role="listbox" aria-label={t('district.listLabel')}>
      {options.map((r, i) => (
        <li
          key={r.code}
          id={optionId(i)}
          role="option"
          class={`combo-option${i === active ? ' active' : ''}`}
          aria-selected={i === active ? 'true' : 'false'}
          data-code={r.code}
          // The input keeps the focus while an option is clicked.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => choose(r)}
        >
          {formatDistrict(r.code, r.name || regionName(r.code))}
        </li>
      ))}
    </ul>
  ) : null;
  const status = (
    <p class="visually-hidden" aria-live="polite">
      {open && typed ? (options.length ? t('district.matches', { count: options.length }) : t('district.noMatch')) : ''}
    </p>
  );
  const noMatch = open && typed && options.length === 0 ? <p class="hint warn">{t('district.noMatch')}</p> : null;
  return { text, setText, open, setOpen, setActive, input, list, status, noMatch };
}

/** One kabupaten/kota: its code goes to `onChange` (or the text typed, when it names none). */
export function DistrictField(
  props: Common & { value: string; onChange: (v: string) => void; placeholder?: string; suggest?: string[]; regions?: Region[] },
) {
  const { id, path, errors } = props;
  const all = useRegencies(props.regions);
  const box = useCombobox({ id, all, suggest: props.suggest, pick: (r) => props.onChange(r.code) });
  const hint = props.hint ?? t('field.regency_hint');
  return (
    <div class="field">
      <Label id={id} label={props.label} required={props.required} />
      <div class="combo-box">
        <input
          id={id}
          type="text"
          autoComplete="off"
          spellcheck={false}
          value={box.text ?? districtText(all, props.value)}
          placeholder={props.placeholder}
          disabled={props.disabled}
          required={props.required}
          aria-invalid={path && errors?.[path] ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, path, errors)}
          {...box.input}
          onInput={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            box.setText(v);
            box.setOpen(true);
            box.setActive(-1);
            props.onChange(resolveRegion(all, v));
          }}
          onBlur={() => {
            box.setOpen(false);
            box.setText(null);
          }}
        />
        {box.list}
      </div>
      {box.noMatch}
      {box.status}
      <Hint id={id} hint={hint} />
      <FieldError path={path} errors={errors} />
    </div>
  );
}

/** The codes a text typed into the several-districts picker stands for. */
function typedCodes(all: Region[], text: string): string[] {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length > 0 && parts.every(isRegencyCode)) return [...new Set(parts)];
  const s = text.trim();
  return s ? [resolveRegion(all, s)] : [];
}

/**
 * Several kabupaten/kota: the chosen ones as chips that can be removed, and a combobox to add
 * one. What is being typed counts as chosen already (a whole code, or the text for the core to
 * refuse), so that a save from the keyboard loses nothing.
 */
export function DistrictsField(
  props: Common & { values: string[]; onChange: (v: string[]) => void; placeholder?: string; regions?: Region[] },
) {
  const { id, path, errors, values } = props;
  const all = useRegencies(props.regions);
  const [pending, setPending] = useState<string[]>([]);
  const chips = values.filter((v) => !pending.includes(v));
  const box = useCombobox({
    id,
    all,
    pick: (r) => {
      setPending([]);
      props.onChange([...new Set([...chips, r.code])]);
    },
  });
  const hint = props.hint ?? t('field.regency_hint');
  return (
    <div class="field field-wide">
      <Label id={id} label={props.label} required={props.required} />
      <div class="combo-box">
        {chips.length > 0 && (
          <ul class="chips">
            {chips.map((code) => (
              <li key={code} class={`chip${isRegencyCode(code) ? '' : ' chip-invalid'}`} data-code={code}>
                {districtText(all, code)}
                <button
                  type="button"
                  class="chip-remove"
                  disabled={props.disabled}
                  aria-label={t('district.remove', { district: districtText(all, code) })}
                  onClick={() => props.onChange(values.filter((v) => v !== code))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          type="text"
          autoComplete="off"
          spellcheck={false}
          value={box.text ?? ''}
          placeholder={props.placeholder}
          disabled={props.disabled}
          aria-invalid={path && errors?.[path] ? 'true' : undefined}
          aria-describedby={describedBy(id, hint, path, errors)}
          {...box.input}
          onKeyDown={(e) => {
            if (e.key === 'Backspace' && !box.text && chips.length > 0) {
              props.onChange(values.filter((v) => v !== chips[chips.length - 1]));
              return;
            }
            box.input.onKeyDown(e);
          }}
          onInput={(e) => {
            const v = (e.currentTarget as HTMLInputElement).value;
            const now = typedCodes(all, v);
            box.setText(v);
            box.setOpen(true);
            box.setActive(-1);
            setPending(now);
            props.onChange([...new Set([...chips, ...now])]);
          }}
          onBlur={() => {
            box.setOpen(false);
            // Whole codes become chips; any other text stays in the input to be finished.
            if (pending.every(isRegencyCode)) {
              box.setText(null);
              setPending([]);
            }
          }}
        />
        {box.list}
      </div>
      {box.noMatch}
      {box.status}
      <Hint id={id} hint={hint} />
      <FieldError path={path} errors={errors} />
    </div>
  );
}
