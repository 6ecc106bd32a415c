// Services of a case, with a form to add one or change one (its status, its stage, the
// organisation giving it, its end date).

import { type ServiceForm, serviceDoc, serviceFromDoc } from '../../caseForm';
import { label } from '../../codes';
import { DefList } from '../../components/fields';
import { Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { t } from '../../i18n';
import { organisationName } from '../../organisations';
import type { CaseDoc, Organisation, Service } from '../../types';
import { SERVICE_FIELDS, ServiceFields } from './CaseFields';
import { CaseSection, EditItemButton, SectionForm, useCanWrite, useItemEdit } from './kit';

type ServiceEdit = ServiceForm & { list: 'services'; id: string | null };

/**
 * The services of a case. `organisations` is the directory (null while it loads or when it
 * cannot be read), for the organisation's name and choice.
 */
export function ServicesSection({ doc, onChanged, organisations }: { doc: CaseDoc; onChanged: () => void; organisations: Organisation[] | null }) {
  const { lang } = useApp();
  const services = doc.services ?? [];
  const writes = useCanWrite('service');
  const edit = useItemEdit<'services', Service, ServiceEdit>({
    doc,
    name: 'service',
    defaultList: 'services',
    items: () => services,
    blank: (list) => ({ ...serviceFromDoc(undefined), list, id: null }),
    fromItem: (list, s) => ({ ...serviceFromDoc(s), list, id: s.id ?? null }),
    toDoc: (f, orig) => serviceDoc(f, orig),
    onChanged,
  });

  return (
    <CaseSection
      id="sec-services"
      title={t('section.services')}
      actions={
        !edit.editing &&
        writes && (
          <button id="case-add-service" type="button" class="secondary small" onClick={() => edit.openNew('services')}>
            {t('case.addService')}
          </button>
        )
      }
    >
      {edit.message && <Notice>{edit.message}</Notice>}
      {edit.editing && (
        <SectionForm edit={edit} shownPaths={SERVICE_FIELDS.map((k) => `${edit.prefix}.${k}`)} class="subform" saveId="service-save" itemNumber={edit.itemNumber}>
          <h3>{edit.form.id ? t('case.formEdit', { item: t('item.service', { n: edit.itemNumber }) }) : t('case.serviceFormNew')}</h3>
          <ServiceFields idPrefix="edit-service" prefix={edit.prefix} form={edit.form} set={edit.set} errors={edit.errors} organisations={organisations} />
        </SectionForm>
      )}
      {services.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <ul class="cards">
          {services.map((s, i) => (
            <li key={s.id ?? i} class="card service-item">
              <h3>
                {label('service_type', s.type) || t('common.empty')} <span class="badge">{label('service_status', s.status)}</span>
              </h3>
              <DefList
                rows={[
                  [t('field.stage'), label('service_stage', s.stage)],
                  [t('field.organisation_id'), organisationName(organisations, s.organisation_id)],
                  [t('field.provider'), s.provider ?? ''],
                  [t('field.objectives'), s.objectives ?? ''],
                  [t('field.action_plan'), s.action_plan ?? ''],
                  [t('field.planned_end_date'), formatDate(s.planned_end_date, lang)],
                  [t('field.actual_end_date'), formatDate(s.actual_end_date, lang)],
                ]}
              />
              {writes && !edit.editing && s.id && (
                <div class="actions">
                  <EditItemButton item={t('item.service', { n: i + 1 })} onClick={() => edit.openItem('services', s)} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </CaseSection>
  );
}
