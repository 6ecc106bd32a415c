// One case: a header with the case number, an index of its sections, and the sections
// themselves (summary, victim, witnesses and other people, exploitation, events, services,
// plans, assessments, referrals, follow-up, notes, consent, attachments), each editable in
// place. A coordinator can erase the victim (the whole case) or another person from here. A link
// from the worklist opens the case at the section its task is about.

import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { label } from '../../codes';
import { ErrorPanel, Notice, ScreenTitle } from '../../components/panels';
import { useApp } from '../../context';
import { formatCaseNumber, formatDistrict } from '../../format';
import { type Key, t } from '../../i18n';
import { useOrganisations } from '../../organisations';
import { can, canRead } from '../../roles';
import type { Capabilities, CaseDoc, Created, Erased, ShownError } from '../../types';
import { AssessmentsSection } from './AssessmentsSection';
import { AttachmentsSection } from './AttachmentsSection';
import { ConsentSection } from './ConsentSection';
import { EraseDialog, type EraseTarget } from './EraseDialog';
import { EventsSection } from './EventsSection';
import { ExploitationSection } from './ExploitationSection';
import { FollowupSection } from './FollowupSection';
import { NotesSection } from './NotesSection';
import { PeopleSection } from './PeopleSection';
import { PlansSection } from './PlansSection';
import { ReferralSection } from './ReferralSection';
import { ServicesSection } from './ServicesSection';
import { SummarySection } from './SummarySection';
import { fullName, VictimSection } from './VictimSection';

/** The sections in their order; `shown` leaves out those the role may not read. */
const SECTIONS: { id: string; key: Key; shown?: (caps: Capabilities | null) => boolean }[] = [
  { id: 'sec-summary', key: 'section.summary' },
  { id: 'sec-victim', key: 'section.victim' },
  { id: 'sec-witnesses', key: 'section.people' },
  { id: 'sec-exploitation', key: 'section.exploitation' },
  { id: 'sec-events', key: 'section.events' },
  { id: 'sec-services', key: 'section.services' },
  { id: 'sec-plans', key: 'section.plans', shown: (caps) => canRead(caps, 'plan', 'kind') },
  { id: 'sec-assessments', key: 'section.assessments', shown: (caps) => canRead(caps, 'assessment', 'kind') },
  { id: 'sec-referrals', key: 'section.referrals' },
  { id: 'sec-followups', key: 'section.followups' },
  { id: 'sec-notes', key: 'section.notes' },
  { id: 'sec-consent', key: 'section.consent' },
  { id: 'sec-attachments', key: 'section.attachments' },
];

function jumpTo(id: string) {
  const el = document.getElementById(id);
  el?.scrollIntoView({ block: 'start' });
  document.getElementById(`${id}-title`)?.focus({ preventScroll: true });
}

export function CaseDetail({ id, created, section }: { id: string; created?: Created; section?: string }) {
  const { districtName, navigate, status } = useApp();
  const [doc, setDoc] = useState<CaseDoc | null>(null);
  const organisations = useOrganisations(canRead(status.capabilities, 'organisation', 'name'));
  const sections = SECTIONS.filter((s) => !s.shown || s.shown(status.capabilities));
  // The section a link asked for is opened once, when the case has arrived.
  const jumped = useRef(false);
  const [error, setError] = useState<ShownError | null>(null);
  const [erasing, setErasing] = useState<EraseTarget | null>(null);
  const [erasedNotice, setErasedNotice] = useState<string | null>(null);
  const onErase = can(status.capabilities, 'erase') ? (target: EraseTarget) => {
    setErasedNotice(null);
    setErasing(target);
  } : undefined;

  const reload = () =>
    api.caseGet(id).then(
      (d) => {
        setDoc(d);
        setError(null);
      },
      (e: ShownError) => setError(e),
    );

  useEffect(() => {
    void reload();
  }, [id]);

  useEffect(() => {
    if (!doc || !section || jumped.current) return;
    jumped.current = true;
    jumpTo(section);
  }, [doc, section]);

  const number = doc?.case_number ?? created?.case_number ?? '';

  const erased = (target: EraseTarget, done: Erased) => {
    setErasing(null);
    if (target.personId === null) {
      // The victim went with the whole case: there is nothing left to show here.
      navigate({ name: 'cases', erased: { number, erased: done } });
      return;
    }
    setErasedNotice(
      t('erase.donePerson', { name: target.name || t('erase.unnamed'), entities: done.entities, ops: done.ops_emptied }) +
        (done.cleanup_pending ? ` ${t('erase.cleanupPending')}` : ''),
    );
    void reload();
  };

  return (
    <section class="screen case-detail">
      <ScreenTitle>
        {number ? (
          <>
            {t('case.title')} <span id="case-number">{formatCaseNumber(number)}</span>
          </>
        ) : (
          t('case.loading')
        )}
      </ScreenTitle>
      {created && (
        <Notice>
          <p>{t('case.created', { number: created.case_number })}</p>
          {created.possible_duplicates.length > 0 && (
            <div class="panel panel-warn">
              <p>{t('case.duplicates', { cases: created.possible_duplicates.join(', ') })}</p>
              {can(status.capabilities, 'review_matches') && (
                <button type="button" class="secondary small" onClick={() => navigate({ name: 'duplicates' })}>
                  {t('case.openDuplicates')}
                </button>
              )}
            </div>
          )}
        </Notice>
      )}
      <ErrorPanel error={error} />
      {erasedNotice && <Notice id="erase-done">{erasedNotice}</Notice>}
      {doc && (
        <>
          <p class="case-badges">
            {doc.is_child && <span class="badge badge-child">{t('case.childBadge')}</span>}
            {doc.status && <span class="badge">{label('case_status', doc.status)}</span>}
            {doc.trafficking_status && <span class="badge">{label('trafficking_status', doc.trafficking_status)}</span>}
            {doc.district && (
              <span class="muted">
                {t('case.district')}: {formatDistrict(doc.district, districtName(doc.district))}
              </span>
            )}
          </p>
          <nav class="section-index" aria-label={t('case.sections')}>
            {sections.map((s) => (
              <button key={s.id} type="button" class="link" onClick={() => jumpTo(s.id)}>
                {t(s.key)}
              </button>
            ))}
          </nav>
          <SummarySection doc={doc} onChanged={reload} />
          <VictimSection doc={doc} onChanged={reload} onErase={onErase && (() => onErase({ personId: null, name: fullName(doc.victim) }))} />
          <PeopleSection doc={doc} onChanged={reload} onErase={onErase} />
          <ExploitationSection doc={doc} onChanged={reload} />
          <EventsSection doc={doc} onChanged={reload} />
          <ServicesSection doc={doc} onChanged={reload} organisations={organisations.list} />
          {canRead(status.capabilities, 'plan', 'kind') && <PlansSection doc={doc} onChanged={reload} organisations={organisations.list} />}
          <AssessmentsSection doc={doc} onChanged={reload} />
          <ReferralSection doc={doc} />
          <FollowupSection doc={doc} onChanged={reload} />
          <NotesSection doc={doc} onChanged={reload} />
          <ConsentSection doc={doc} onChanged={reload} />
          <AttachmentsSection doc={doc} onChanged={reload} />
        </>
      )}
      {doc && erasing && (
        <EraseDialog
          caseId={doc.id ?? id}
          caseNumber={number}
          target={erasing}
          onCancel={() => setErasing(null)}
          onErased={(done) => erased(erasing, done)}
        />
      )}
    </section>
  );
}
