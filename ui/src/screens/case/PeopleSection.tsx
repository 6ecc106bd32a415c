// Witnesses, family contacts and perpetrators of a case (read only on this screen).

import { label, labels } from '../../codes';
import { DefList } from '../../components/fields';
import { t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { CaseSection } from './kit';
import { fullName } from './VictimSection';

export function PeopleSection({ doc }: { doc: CaseDoc }) {
  const witnesses = doc.witnesses ?? [];
  const family = doc.family_contacts ?? [];
  const perpetrators = doc.perpetrators ?? [];
  return (
    <CaseSection id="sec-witnesses" title={t('section.witnesses')}>
      {witnesses.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="cards">
          {witnesses.map((w, i) => (
            <li key={w.id ?? i} class="card witness-item">
              <DefList
                rows={[
                  [t('field.full_name'), fullName(w)],
                  [t('field.gender'), label('gender', w.gender)],
                  [t('field.statement'), w.statement ?? ''],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
      {family.length > 0 && (
        <>
          <h3>{t('section.family')}</h3>
          <ul class="cards">
            {family.map((f, i) => (
              <li key={f.id ?? i} class="card">
                <DefList
                  rows={[
                    [t('field.full_name'), fullName(f)],
                    [t('field.relationship'), f.relationship ?? ''],
                    [t('field.phone'), f.phone ?? ''],
                  ]}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {perpetrators.length > 0 && (
        <>
          <h3>{t('section.perpetrators')}</h3>
          <ul class="cards">
            {perpetrators.map((p, i) => (
              <li key={p.id ?? i} class="card">
                <DefList
                  rows={[
                    [t('field.full_name'), fullName(p)],
                    [t('field.role_in_process'), labels('role_in_process', p.role_in_process)],
                    [t('field.role_details'), p.role_details ?? ''],
                  ]}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </CaseSection>
  );
}
