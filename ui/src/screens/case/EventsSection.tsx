// The events of a case (recruitment, transit, exploitation): when, where and what happened, with
// a form to add one or change one.

import { type EventForm, eventDoc, eventFromDoc } from '../../caseForm';
import { label } from '../../codes';
import { Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate, formatDistrict } from '../../format';
import { t } from '../../i18n';
import type { CaseDoc, CaseEvent } from '../../types';
import { EVENT_FIELDS, EventFields } from './CaseFields';
import { CaseSection, EditItemButton, SectionForm, useCanWrite, useItemEdit } from './kit';

type EventEdit = EventForm & { list: 'events'; id: string | null };

export function EventsSection({ doc, onChanged }: { doc: CaseDoc; onChanged: () => void }) {
  const { lang, districtName } = useApp();
  const events = doc.events ?? [];
  const writes = useCanWrite('event');
  const edit = useItemEdit<'events', CaseEvent, EventEdit>({
    doc,
    name: 'event',
    defaultList: 'events',
    items: () => events,
    blank: (list) => ({ ...eventFromDoc(undefined), list, id: null }),
    fromItem: (list, e) => ({ ...eventFromDoc(e), list, id: e.id ?? null }),
    toDoc: (f, orig) => eventDoc(f, orig),
    onChanged,
  });

  return (
    <CaseSection
      id="sec-events"
      title={t('section.events')}
      actions={
        !edit.editing &&
        writes && (
          <button id="case-add-event" type="button" class="secondary small" onClick={() => edit.openNew('events')}>
            {t('case.addEvent')}
          </button>
        )
      }
    >
      {edit.message && <Notice>{edit.message}</Notice>}
      {edit.editing && (
        <SectionForm edit={edit} shownPaths={EVENT_FIELDS.map((k) => `${edit.prefix}.${k}`)} class="subform" saveId="event-save" itemNumber={edit.itemNumber}>
          <h3>{edit.form.id ? t('case.formEdit', { item: t('item.event', { n: edit.itemNumber }) }) : t('case.eventFormNew')}</h3>
          <EventFields idPrefix="edit-event" prefix={edit.prefix} form={edit.form} set={edit.set} errors={edit.errors} />
        </SectionForm>
      )}
      {events.length === 0 ? (
        <p class="muted">{t('case.none')}</p>
      ) : (
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{t('field.event_type')}</th>
              <th scope="col">{t('field.date')}</th>
              <th scope="col">{t('field.place')}</th>
              <th scope="col">{t('field.country')}</th>
              <th scope="col">{t('field.description')}</th>
              {writes && (
                <th scope="col">
                  <span class="visually-hidden">{t('common.edit')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {events.map((e, i) => (
              <tr key={e.id ?? i} class="event-item">
                <td>{label('event_type', e.type)}</td>
                <td class="nowrap">{formatDate(e.date, lang, 'short')}</td>
                <td>
                  {e.place ?? ''}
                  {e.regency && <span class="muted"> ({formatDistrict(e.regency, districtName(e.regency))})</span>}
                </td>
                <td>{label('country', e.country)}</td>
                <td class="prewrap">{e.description ?? ''}</td>
                {writes && (
                  <td>
                    {!edit.editing && e.id && <EditItemButton item={t('item.event', { n: i + 1 })} onClick={() => edit.openItem('events', e)} />}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </CaseSection>
  );
}
