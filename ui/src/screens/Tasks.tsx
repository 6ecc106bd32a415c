// The worklist ("Tugas"): what waits today for the operator working now — visits due and
// overdue, referrals to decide, plans past their end, assessments to repeat, best-interest
// assessments to approve, conflicts and possible duplicates to review — grouped by kind, most
// urgent first. The core lists only what the role may read and act on. A click opens the case
// at the section the task is about, or the screen where it is done.

import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { ErrorPanel, ScreenTitle } from '../components/panels';
import { useApp } from '../context';
import { formatCaseNumber, formatDate, formatNumber } from '../format';
import { type Key, t } from '../i18n';
import type { Route } from '../routes';
import type { ShownError, Task, TaskKind, Worklist } from '../types';

/** Every kind of task, in the core's order (most urgent first), with its heading and its date. */
export const TASK_KINDS: { kind: TaskKind; heading: Key; date?: Key }[] = [
  { kind: 'visit_overdue', heading: 'tasks.kind.visit_overdue', date: 'tasks.date.visit' },
  { kind: 'visit_due', heading: 'tasks.kind.visit_due', date: 'tasks.date.visit' },
  { kind: 'referral_waiting', heading: 'tasks.kind.referral_waiting' },
  { kind: 'plan_overdue', heading: 'tasks.kind.plan_overdue', date: 'tasks.date.plan' },
  { kind: 'assessment_due', heading: 'tasks.kind.assessment_due', date: 'tasks.date.assessment' },
  { kind: 'approval_waiting', heading: 'tasks.kind.approval_waiting', date: 'tasks.date.approval' },
  { kind: 'conflict', heading: 'tasks.kind.conflict' },
  { kind: 'duplicate', heading: 'tasks.kind.duplicate' },
];

/** How many tasks the worklist holds, as the navigation shows it. */
export function taskTotal(w: Worklist): number {
  return w.counts.reduce((n, [, count]) => n + Number(count), 0);
}

/** Where a task is done: the case at its section, or the screen of referrals, conflicts or duplicates. */
export function taskRoute(task: Task): Route {
  const at = (section: string): Route => ({ name: 'case', id: task.case_id, section });
  switch (task.kind) {
    case 'visit_overdue':
    case 'visit_due':
      return at('sec-followups');
    case 'plan_overdue':
      return at('sec-plans');
    case 'assessment_due':
    case 'approval_waiting':
      return at('sec-assessments');
    case 'referral_waiting':
      return { name: 'referrals' };
    case 'conflict':
      return { name: 'conflicts' };
    case 'duplicate':
      return { name: 'duplicates' };
  }
}

export function TasksScreen() {
  const { lang, navigate } = useApp();
  const [list, setList] = useState<Worklist | null>(null);
  const [error, setError] = useState<ShownError | null>(null);

  useEffect(() => {
    api.worklist().then(setList, setError);
  }, []);

  const groups = TASK_KINDS.map((k) => ({ ...k, tasks: (list?.tasks ?? []).filter((task) => task.kind === k.kind) })).filter(
    (g) => g.tasks.length > 0,
  );

  return (
    <section class="screen">
      <ScreenTitle>{t('tasks.title')}</ScreenTitle>
      <p class="lead">{t('tasks.intro')}</p>
      <ErrorPanel error={error} title={t('tasks.failed')} />
      {!list && !error && <p>{t('app.loading')}</p>}
      {list && groups.length === 0 && <p class="empty">{t('tasks.empty')}</p>}
      {groups.map((g) => (
        <section key={g.kind} class="task-group" data-kind={g.kind} aria-labelledby={`tasks-${g.kind}`}>
          <h2 id={`tasks-${g.kind}`}>
            {t(g.heading)} <span class="badge">{formatNumber(g.tasks.length, lang)}</span>
          </h2>
          <ul class="task-list">
            {g.tasks.map((task, i) => {
              const number = formatCaseNumber(task.case_number);
              return (
                <li key={`${task.case_id}-${task.item ?? i}`} id={`task-${g.kind}-${i}`} class="task-row" data-kind={g.kind} data-case-number={number}>
                  <button
                    type="button"
                    class="link task-open mono"
                    aria-label={t('tasks.openLabel', { task: t(g.heading), number })}
                    onClick={() => navigate(taskRoute(task))}
                  >
                    {number}
                  </button>
                  {task.date && g.date && <span class="task-date">{t(g.date, { date: formatDate(task.date, lang) })}</span>}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}
