// The victim: names (with other names), identity papers, origin and contact, with an edit form.

import { personDiff, personFromDoc, type PersonForm } from '../../caseForm';
import { label, labels } from '../../codes';
import { DefList } from '../../components/fields';
import { useApp } from '../../context';
import { formatDate, formatDistrict } from '../../format';
import { t } from '../../i18n';
import type { CaseDoc, Person } from '../../types';
import { PersonFields, personPaths } from './CaseFields';
import { EditableSection, useSectionEdit } from './kit';

/** A person's full name from its parts. */
export function fullName(p: Person | undefined): string {
  return [p?.first_name, p?.middle_name, p?.second_name].filter(Boolean).join(' ');
}

/**
 * The victim's section. `onErase`, given to coordinators only, opens the erasure of the victim
 * (and with them the whole case).
 */
export function VictimSection({ doc, onChanged, onErase }: { doc: CaseDoc; onChanged: () => void; onErase?: () => void }) {
  const { lang, districtName } = useApp();
  const v = doc.victim ?? {};
  const edit = useSectionEdit<PersonForm>({
    caseId: doc.id ?? '',
    name: 'victim',
    init: () => personFromDoc(doc.victim),
    diff: (f) => {
      const changes = personDiff(doc.victim, f);
      return Object.keys(changes).length > 0 ? { victim: changes } : null;
    },
    onChanged,
  });
  const a = v.address ?? {};

  return (
    <EditableSection
      id="sec-victim"
      kind="person"
      title={t('section.victim')}
      actions={
        onErase && (
          <button id="erase-victim" type="button" class="danger small" aria-label={t('erase.openLabel', { name: fullName(v) || t('erase.unnamed') })} onClick={onErase}>
            {t('erase.open')}
          </button>
        )
      }
      editId="case-edit-victim"
      editLabel={t('case.editVictim')}
      edit={edit}
      shownPaths={personPaths('victim')}
      fields={<PersonFields idPrefix="edit-victim" prefix="victim" form={edit.form} set={edit.set} errors={edit.errors} />}
      view={
        <DefList
          rows={[
            [t('field.full_name'), fullName(v)],
            [t('field.aliases'), (v.aliases ?? []).join(', ')],
            [t('field.gender'), label('gender', v.gender)],
            [t('field.birthdate'), formatDate(v.birthdate, lang)],
            [t('field.identity_number'), v.identity_number && <span class="nowrap">{v.identity_number}</span>],
            [t('field.passport_number'), v.passport_number && <span class="nowrap">{v.passport_number}</span>],
            [t('field.phone'), v.phone ?? ''],
            [t('field.citizenship'), labels('country', v.citizenship)],
            [t('field.province'), label('province', a.province)],
            [t('field.regency'), a.regency ? formatDistrict(a.regency, districtName(a.regency)) : ''],
            [t('field.subdistrict'), a.subdistrict ?? ''],
            [t('field.village'), a.village ?? ''],
            [t('field.street'), a.street ?? ''],
          ]}
        />
      }
    />
  );
}
