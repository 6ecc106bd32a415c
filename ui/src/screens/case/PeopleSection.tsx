// Witnesses, family contacts and perpetrators of a case (read only on this screen).

import type { ComponentChildren } from 'preact';
import { label, labels } from '../../codes';
import { DefList } from '../../components/fields';
import { t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { CaseSection } from './kit';
import { fullName } from './VictimSection';

/** People of one kind as a list of cards, each card showing the rows that `rows` gives for its person. */
function PersonCards<P extends { id?: string }>(props: { people: P[]; itemClass: string; rows: (p: P) => [string, ComponentChildren][] }) {
  return (
    <ul class="cards">
      {props.people.map((p, i) => (
        <li key={p.id ?? i} class={props.itemClass}>
          <DefList rows={props.rows(p)} />
        </li>
      ))}
    </ul>
  );
}

export function PeopleSection({ doc }: { doc: CaseDoc }) {
  const witnesses = doc.witnesses ?? [];
  const family = doc.family_contacts ?? [];
  const perpetrators = doc.perpetrators ?? [];
  return (
    <CaseSection id="sec-witnesses" title={t('section.witnesses')}>
      {witnesses.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <PersonCards
          people={witnesses}
          itemClass="card witness-item"
          rows={(w) => [
            [t('field.full_name'), fullName(w)],
            [t('field.gender'), label('gender', w.gender)],
            [t('field.statement'), w.statement ?? ''],
          ]}
        />
      )}
      {family.length > 0 && (
        <>
          <h3>{t('section.family')}</h3>
          <PersonCards
            people={family}
            itemClass="card"
            rows={(f) => [
              [t('field.full_name'), fullName(f)],
              [t('field.relationship'), f.relationship ?? ''],
              [t('field.phone'), f.phone ?? ''],
            ]}
          />
        </>
      )}
      {perpetrators.length > 0 && (
        <>
          <h3>{t('section.perpetrators')}</h3>
          <PersonCards
            people={perpetrators}
            itemClass="card"
            rows={(p) => [
              [t('field.full_name'), fullName(p)],
              [t('field.role_in_process'), labels('role_in_process', p.role_in_process)],
              [t('field.role_details'), p.role_details ?? ''],
            ]}
          />
        </>
      )}
    </CaseSection>
  );
}
