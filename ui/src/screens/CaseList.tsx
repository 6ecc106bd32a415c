// The case list: search, filters, sorting, and a virtualised list that only renders the rows
// on screen and fetches them from the backend in pages of 100, so it stays quick with 100,000
// cases on an old laptop.

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { codes, label, labels } from '../codes';
import { ErrorPanel, Notice, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { canRead } from '../roles';
import { formatCaseNumber, formatDate, formatNumber } from '../format';
import { t } from '../i18n';
import type { CaseFilter, CaseSummary, ShownError } from '../types';
import { backendIndex, pagesFor, scrollToShow, visibleRange } from '../virtual';

const ROW = 36;
const PAGE = 100;
/** Sorting by case number loads every matching row first, so it is offered up to this many. */
export const SORT_ALL_MAX = 5000;

type Sort = 'newest' | 'oldest' | 'number';

interface ListState {
  search: string;
  status: string;
  child: '' | 'yes' | 'no';
  exploitation: string;
  sort: Sort;
  scrollTop: number;
}

/** The list as it was left, so that coming back from a case returns to the same place. */
let remembered: ListState = { search: '', status: '', child: '', exploitation: '', sort: 'newest', scrollTop: 0 };

function filterOf(s: ListState): Omit<CaseFilter, 'limit' | 'offset'> {
  return {
    status: s.status || null,
    child: s.child ? s.child === 'yes' : null,
    exploitation: s.exploitation || null,
  };
}

/** Applies the filters to search results, which the backend does not filter. */
function matches(c: CaseSummary, s: ListState): boolean {
  if (s.status && c.status !== s.status) return false;
  if (s.child && c.is_child !== (s.child === 'yes')) return false;
  if (s.exploitation && !c.type_of_exploitation.includes(s.exploitation)) return false;
  return true;
}

/** Sorts rows held in memory (search results, or a fully loaded list). */
export function sortCases(rows: CaseSummary[], sort: Sort): CaseSummary[] {
  const out = [...rows];
  const date = (c: CaseSummary) => c.intake_date ?? '';
  if (sort === 'number') out.sort((a, b) => a.case_number.localeCompare(b.case_number));
  else if (sort === 'oldest')
    out.sort((a, b) => date(a).localeCompare(date(b)) || a.case_number.localeCompare(b.case_number));
  else out.sort((a, b) => date(b).localeCompare(date(a)) || b.case_number.localeCompare(a.case_number));
  return out;
}

/** The codes of a list as select options (code and label). */
function codeOptions(list: string): [string, string][] {
  return codes(list).map((c) => [c.code, label(list, c.code)]);
}

/** Options preceded by the one that does not filter. */
function withAll(options: [string, string][]): [string, string][] {
  return [['', t('common.all')], ...options];
}

/** A select of the toolbar, with its label above it. */
function ToolbarSelect(props: { id: string; label: string; value: string; options: [string, string][]; onChange: (v: string) => void }) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}>
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CaseList() {
  const { lang, navigate, route, status } = useApp();
  // The core refuses a filter on a field the role may not read, so it is not offered.
  const filtersExploitation = canRead(status.capabilities, 'case', 'type_of_exploitation');
  // Set when the case left open was just erased, to say what went.
  const erased = route.name === 'cases' ? route.erased : undefined;
  const [state, setState] = useState<ListState>(() =>
    filtersExploitation ? remembered : { ...remembered, exploitation: '' },
  );
  const [query, setQuery] = useState(remembered.search.trim());
  const [count, setCount] = useState<number | null>(null);
  // Rows held in memory: search results or a fully loaded list (for sorting by number).
  const [all, setAll] = useState<CaseSummary[] | null>(null);
  const [, setPagesVersion] = useState(0);
  const [error, setError] = useState<ShownError | null>(null);
  const [scrollTop, setScrollTop] = useState(remembered.scrollTop);
  const [viewport, setViewport] = useState(500);
  const [active, setActive] = useState(0);
  const [tooMany, setTooMany] = useState(false);

  const pages = useRef(new Map<number, CaseSummary[]>());
  const requested = useRef(new Set<number>());
  const generation = useRef(0);
  const box = useRef<HTMLDivElement>(null);
  const focusActive = useRef(false);

  const update = (patch: Partial<ListState>) => setState((s) => ({ ...s, ...patch }));

  useEffect(() => {
    remembered = { ...state, scrollTop };
  }, [state, scrollTop]);

  // The search runs a moment after typing stops.
  useEffect(() => {
    const timer = window.setTimeout(() => setQuery(state.search.trim()), 250);
    return () => window.clearTimeout(timer);
  }, [state.search]);

  const reversed = !all && state.sort === 'oldest';

  // Loads the first page (and the total count), or the search results, when the query changes.
  const firstLoad = useRef(true);
  useEffect(() => {
    const gen = ++generation.current;
    if (firstLoad.current) {
      // The first load keeps the remembered scroll position.
      firstLoad.current = false;
    } else {
      setScrollTop(0);
      setActive(0);
      if (box.current) box.current.scrollTop = 0;
    }
    pages.current = new Map();
    requested.current = new Set();
    setError(null);
    setAll(null);
    setCount(null);
    setTooMany(false);
    if (query) {
      api
        .caseSearch(query)
        .then((rows) => {
          if (gen !== generation.current) return;
          const kept = sortCases(rows.filter((r) => matches(r, state)), state.sort);
          setAll(kept);
          setCount(kept.length);
        })
        .catch((e: ShownError) => gen === generation.current && setError(e));
      return;
    }
    const filter = filterOf(state);
    api
      .caseList({ ...filter, limit: PAGE, offset: 0 })
      .then(async (page) => {
        if (gen !== generation.current) return;
        if (state.sort === 'number') {
          if (page.count > SORT_ALL_MAX) {
            setTooMany(true);
          } else {
            // Loads every page, then sorts in memory.
            const rows = [...page.cases];
            for (let offset = PAGE; offset < page.count; offset += PAGE) {
              const next = await api.caseList({ ...filter, limit: PAGE, offset });
              if (gen !== generation.current) return;
              rows.push(...next.cases);
            }
            setAll(sortCases(rows, 'number'));
            setCount(rows.length);
            return;
          }
        }
        pages.current.set(0, page.cases);
        requested.current.add(0);
        setCount(page.count);
        setPagesVersion((v) => v + 1);
      })
      .catch((e: ShownError) => gen === generation.current && setError(e));
  }, [query, state.status, state.child, state.exploitation, state.sort]);

  // Measures the list's height, and again whenever the window is resized.
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight || 500);
    measure();
    if (typeof ResizeObserver !== 'undefined') {
      const ro = new ResizeObserver(measure);
      ro.observe(el);
      return () => ro.disconnect();
    }
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [count !== null]);

  // Restores the scroll position once the rows are there.
  useLayoutEffect(() => {
    if (box.current && count !== null && box.current.scrollTop !== scrollTop) box.current.scrollTop = scrollTop;
  }, [count !== null]);

  const total = count ?? 0;
  const { start, end } = visibleRange(scrollTop, viewport, ROW, total);

  // Fetches the pages of the visible rows that are not loaded yet.
  useEffect(() => {
    if (all || count === null || count === 0) return;
    const gen = generation.current;
    const filter = filterOf(state);
    for (const p of pagesFor(start, end, count, reversed, PAGE)) {
      if (requested.current.has(p)) continue;
      requested.current.add(p);
      api
        .caseList({ ...filter, limit: PAGE, offset: p * PAGE })
        .then((page) => {
          if (gen !== generation.current) return;
          pages.current.set(p, page.cases);
          setPagesVersion((v) => v + 1);
        })
        .catch((e: ShownError) => {
          requested.current.delete(p);
          if (gen === generation.current) setError(e);
        });
    }
  }, [start, end, count, all, reversed]);

  const rowAt = (i: number): CaseSummary | undefined => {
    if (all) return all[i];
    if (count === null) return undefined;
    const j = backendIndex(i, count, reversed);
    return pages.current.get(Math.floor(j / PAGE))?.[j % PAGE];
  };

  const open = (i: number) => {
    const row = rowAt(i);
    if (row) navigate({ name: 'case', id: row.id });
  };

  // Moves the keyboard focus to the active row after it was scrolled into view and rendered.
  useEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    box.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus({ preventScroll: true });
  });

  const moveTo = (i: number) => {
    const next = Math.max(0, Math.min(total - 1, i));
    setActive(next);
    focusActive.current = true;
    const el = box.current;
    if (el) {
      const target = scrollToShow(next, el.scrollTop, viewport, ROW);
      if (target !== null) {
        el.scrollTop = target;
        setScrollTop(target);
      }
    }
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (total === 0) return;
    const perPage = Math.max(1, Math.floor(viewport / ROW) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + perPage),
      PageUp: () => moveTo(active - perPage),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => open(active),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  };

  const rows = [];
  for (let i = start; i < end; i += 1) {
    const c = rowAt(i);
    const top = i * ROW;
    if (!c) {
      rows.push(
        <div key={`p${i}`} class="case-row-placeholder" role="row" aria-rowindex={i + 2} style={{ top: `${top}px` }}>
          <span role="gridcell">{t('cases.rowLoading')}</span>
        </div>,
      );
      continue;
    }
    rows.push(
      <div
        key={c.id}
        class={`case-row${i === active ? ' active' : ''}`}
        data-case-number={c.case_number}
        data-index={i}
        role="row"
        aria-rowindex={i + 2}
        tabIndex={i === Math.min(active, total - 1) ? 0 : -1}
        style={{ top: `${top}px` }}
        onClick={() => {
          setActive(i);
          open(i);
        }}
        onFocus={() => setActive(i)}
      >
        <span role="gridcell" class="mono">
          {formatCaseNumber(c.case_number)}
        </span>
        <span role="gridcell">{formatDate(c.intake_date, lang, 'short')}</span>
        <span role="gridcell" class="name">
          {c.victim_name}
          {c.is_child && <span class="badge badge-child">{t('cases.child')}</span>}
        </span>
        <span role="gridcell">{label('gender', c.gender)}</span>
        <span role="gridcell">{label('case_status', c.status)}</span>
        <span role="gridcell" class="ellipsis" title={labels('type_of_exploitation', c.type_of_exploitation)}>
          {labels('type_of_exploitation', c.type_of_exploitation)}
        </span>
        <span role="gridcell" class="ellipsis">
          {label('country', c.country_of_exploitation)}
        </span>
      </div>,
    );
  }

  const filtered = !!(state.status || state.child || state.exploitation);

  return (
    <section class="screen screen-fill">
      <ScreenTitle>{t('cases.title')}</ScreenTitle>
      {erased && (
        <Notice id="erase-done">
          {t('erase.doneCase', {
            number: formatCaseNumber(erased.number),
            entities: erased.erased.entities,
            ops: erased.erased.ops_emptied,
          })}
          {erased.erased.cleanup_pending && ` ${t('erase.cleanupPending')}`}
        </Notice>
      )}
      <div class="toolbar" role="search">
        <div class="field field-search">
          <label for="case-search">{t('cases.search')}</label>
          <input
            id="case-search"
            type="search"
            autoComplete="off"
            spellcheck={false}
            placeholder={t('cases.searchPlaceholder')}
            value={state.search}
            onInput={(e) => update({ search: (e.currentTarget as HTMLInputElement).value })}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown' && total > 0) {
                e.preventDefault();
                moveTo(0);
              }
            }}
          />
        </div>
        <ToolbarSelect
          id="case-filter-status"
          label={t('cases.filterStatus')}
          value={state.status}
          options={withAll(codeOptions('case_status'))}
          onChange={(v) => update({ status: v })}
        />
        <ToolbarSelect
          id="case-filter-child"
          label={t('cases.filterChild')}
          value={state.child}
          options={withAll([
            ['yes', t('cases.childYes')],
            ['no', t('cases.childNo')],
          ])}
          onChange={(v) => update({ child: v as ListState['child'] })}
        />
        {filtersExploitation && (
          <ToolbarSelect
            id="case-filter-exploitation"
            label={t('cases.filterExploitation')}
            value={state.exploitation}
            options={withAll(codeOptions('type_of_exploitation'))}
            onChange={(v) => update({ exploitation: v })}
          />
        )}
        <ToolbarSelect
          id="case-sort"
          label={t('cases.sort')}
          value={state.sort}
          options={[
            ['newest', t('cases.sortNewest')],
            ['oldest', t('cases.sortOldest')],
            ['number', t('cases.sortNumber')],
          ]}
          onChange={(v) => update({ sort: v as Sort })}
        />
      </div>
      <p class="list-meta" role="status">
        {count === null
          ? query
            ? t('cases.searching')
            : t('app.loading')
          : query
            ? t('cases.searchCount', { count })
            : t('cases.count', { count })}
        {count !== null && count > 0 && <span class="muted"> · {t('cases.keyboardHint')}</span>}
      </p>
      {tooMany && <p class="panel panel-warn">{t('cases.sortTooMany', { max: formatNumber(SORT_ALL_MAX, lang) })}</p>}
      <ErrorPanel error={error} />
      {count === 0 ? (
        <p class="empty">{query || filtered ? t('cases.empty') : t('cases.emptyAll')}</p>
      ) : (
        <div class="case-table" role="grid" aria-rowcount={total + 1} aria-labelledby="screen-title">
          <div class="case-row-head" role="row" aria-rowindex={1}>
            <span role="columnheader">{t('cases.colNumber')}</span>
            <span role="columnheader">{t('cases.colDate')}</span>
            <span role="columnheader">{t('cases.colName')}</span>
            <span role="columnheader">{t('cases.colGender')}</span>
            <span role="columnheader">{t('cases.colStatus')}</span>
            <span role="columnheader">{t('cases.colExploitation')}</span>
            <span role="columnheader">{t('cases.colCountry')}</span>
          </div>
          <div
            class="case-scroll"
            ref={box}
            onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
            onKeyDown={onKeyDown}
          >
            <div class="case-spacer" style={{ height: `${total * ROW}px` }}>
              {rows}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
