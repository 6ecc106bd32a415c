// One case: a header with the case number, an index of its sections, and the sections
// themselves (summary, victim, witnesses, exploitation, services, referrals, follow-up,
// notes, consent, attachments).

import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api';
import { label } from '../../codes';
import { ErrorPanel, Notice, ScreenTitle } from '../../components/panels';
import { useApp } from '../../context';
import { formatCaseNumber, formatDistrict } from '../../format';
import { type Key, t } from '../../i18n';
import type { CaseDoc, Created, IpcError } from '../../types';
import { AttachmentsSection } from './AttachmentsSection';
import { ConsentSection } from './ConsentSection';
import { ExploitationSection } from './ExploitationSection';
import { FollowupSection } from './FollowupSection';
import { NotesSection } from './NotesSection';
import { PeopleSection } from './PeopleSection';
import { ReferralSection } from './ReferralSection';
import { ServicesSection } from './ServicesSection';
import { SummarySection } from './SummarySection';
import { VictimSection } from './VictimSection';

const SECTIONS: { id: string; key: Key }[] = [
  { id: 'sec-summary', key: 'section.summary' },
  { id: 'sec-victim', key: 'section.victim' },
  { id: 'sec-witnesses', key: 'section.witnesses' },
  { id: 'sec-exploitation', key: 'section.exploitation' },
  { id: 'sec-services', key: 'section.services' },
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

export function CaseDetail({ id, created }: { id: string; created?: Created }) {
  const { districtName, navigate } = useApp();
  const [doc, setDoc] = useState<CaseDoc | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const reload = () =>
    api.caseGet(id).then(
      (d) => {
        setDoc(d);
        setError(null);
      },
      (e: IpcError) => setError(e),
    );

  useEffect(() => {
    void reload();
  }, [id]);

  const number = doc?.case_number ?? created?.case_number ?? '';

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
              <button type="button" class="secondary small" onClick={() => navigate({ name: 'duplicates' })}>
                {t('case.openDuplicates')}
              </button>
            </div>
          )}
        </Notice>
      )}
      <ErrorPanel error={error} />
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
            {SECTIONS.map((s) => (
              <button key={s.id} type="button" class="link" onClick={() => jumpTo(s.id)}>
                {t(s.key)}
              </button>
            ))}
          </nav>
          <SummarySection doc={doc} onChanged={reload} />
          <VictimSection doc={doc} onChanged={reload} />
          <PeopleSection doc={doc} />
          <ExploitationSection doc={doc} onChanged={reload} />
          <ServicesSection doc={doc} />
          <ReferralSection doc={doc} />
          <FollowupSection doc={doc} onChanged={reload} />
          <NotesSection doc={doc} onChanged={reload} />
          <ConsentSection doc={doc} onChanged={reload} />
          <AttachmentsSection doc={doc} />
        </>
      )}
    </section>
  );
}
