// Witnesses, family contacts and perpetrators of a case (read only on this screen; a coordinator
// may erase one of them).

import type { ComponentChildren } from 'preact';
import { label, labels } from '../../codes';
import { DefList } from '../../components/fields';
import { t } from '../../i18n';
import type { CaseDoc, Person } from '../../types';
import type { EraseTarget } from './EraseDialog';
import { CaseSection } from './kit';
import { fullName } from './VictimSection';

/**
 * People of one kind as a list of cards, each card showing the rows that `rows` gives for its
 * person, and with `onErase` a button to erase that person.
 */
function PersonCards<P extends Person>(props: {
  people: P[];
  itemClass: string;
  rows: (p: P) => [string, ComponentChildren][];
  onErase?: (target: EraseTarget) => void;
}) {
  const { onErase } = props;
  return (
    <ul class="cards">
      {props.people.map((p, i) => {
        const name = fullName(p);
        const personId = p.person_id;
        return (
          <li key={p.id ?? i} class={props.itemClass} data-person-id={personId}>
            <DefList rows={props.rows(p)} />
            {onErase && personId && (
              <div class="actions">
                <button
                  type="button"
                  class="erase-person danger small"
                  aria-label={t('erase.openLabel', { name: name || t('erase.unnamed') })}
                  onClick={() => onErase({ personId, name })}
                >
                  {t('erase.open')}
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function PeopleSection({ doc, onErase }: { doc: CaseDoc; onErase?: (target: EraseTarget) => void }) {
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
          onErase={onErase}
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
            itemClass="card family-item"
            onErase={onErase}
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
            itemClass="card perpetrator-item"
            onErase={onErase}
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
