// Services and support plans of a case (read only on this screen).

import { label } from '../../codes';
import { DefList } from '../../components/fields';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { CaseSection } from './kit';

export function ServicesSection({ doc }: { doc: CaseDoc }) {
  const { lang } = useApp();
  const services = doc.services ?? [];
  return (
    <CaseSection id="sec-services" title={t('section.services')}>
      {services.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="cards">
          {services.map((s, i) => (
            <li key={s.id ?? i} class="card service-item">
              <h3>
                {label('service_type', s.type)} <span class="badge">{label('service_status', s.status)}</span>
              </h3>
              <DefList
                rows={[
                  [t('field.provider'), s.provider ?? ''],
                  [t('field.objectives'), s.objectives ?? ''],
                  [t('field.action_plan'), s.action_plan ?? ''],
                  [t('field.planned_end_date'), formatDate(s.planned_end_date, lang)],
                  [t('field.actual_end_date'), formatDate(s.actual_end_date, lang)],
                ]}
              />
            </li>
          ))}
        </ul>
      )}
    </CaseSection>
  );
}
