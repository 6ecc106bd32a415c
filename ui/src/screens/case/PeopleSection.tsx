// Witnesses, family contacts and perpetrators of a case: each kind with its own list and add
// button, one edit form for the person being added or changed, and for a coordinator the
// erasure of one of them.

import type { ComponentChildren } from 'preact';
import { emptyParty, type Party, type PartyForm, type PartyKind, partyDoc, partyFromDoc } from '../../caseForm';
import { label, labels } from '../../codes';
import { DefList } from '../../components/fields';
import { Notice } from '../../components/panels';
import { useApp } from '../../context';
import { formatDate } from '../../format';
import { type Key, t } from '../../i18n';
import type { CaseDoc } from '../../types';
import { PartyFields, partyPaths } from './CaseFields';
import type { EraseTarget } from './EraseDialog';
import { CaseSection, EditItemButton, SectionForm, useCanWrite, useItemEdit } from './kit';
import { fullName } from './VictimSection';

/** What differs between the three kinds of people: their list, words and element ids. */
interface Kind {
  list: PartyKind;
  /** The role the core hides whole from some roles (`Capabilities.hidden_parties`). */
  role: string;
  itemClass: string;
  heading: Key;
  item: Key;
  add: Key;
  formNew: Key;
  id: string;
}

const KINDS: Kind[] = [
  { list: 'witnesses', role: 'Witness', itemClass: 'witness-item', heading: 'section.witnesses', item: 'item.witness', add: 'case.addWitness', formNew: 'case.witnessFormNew', id: 'witness' },
  { list: 'family_contacts', role: 'FamilyContact', itemClass: 'family-item', heading: 'section.family', item: 'item.family', add: 'case.addFamily', formNew: 'case.familyFormNew', id: 'family' },
  { list: 'perpetrators', role: 'Perpetrator', itemClass: 'perpetrator-item', heading: 'section.perpetrators', item: 'item.perpetrator', add: 'case.addPerpetrator', formNew: 'case.perpetratorFormNew', id: 'perpetrator' },
];

const kindOf = (list: PartyKind): Kind => KINDS.find((k) => k.list === list) ?? KINDS[0];

/** The form of the person being added or changed: which list, which item (null for a new one). */
type PeopleForm = PartyForm & { list: PartyKind; id: string | null };

/** The rows a card shows for a person of each kind. */
function rowsOf(list: PartyKind, p: Party, lang: 'id' | 'en'): [string, ComponentChildren][] {
  const name: [string, ComponentChildren] = [t('field.full_name'), fullName(p)];
  const aliases: [string, ComponentChildren] = [t('field.aliases'), (p.aliases ?? []).join(', ')];
  const nik: [string, ComponentChildren] = [t('field.identity_number'), p.identity_number && <span class="nowrap">{p.identity_number}</span>];
  const relationship: [string, ComponentChildren] = [t('field.relationship'), p.relationship ?? ''];
  if (list === 'family_contacts') {
    return [name, relationship, [t('field.phone'), p.phone ?? ''], [t('field.village'), p.address?.village ?? '']];
  }
  if (list === 'perpetrators') {
    return [
      name,
      aliases,
      [t('field.role_in_process'), labels('role_in_process', p.role_in_process)],
      [t('field.role_details'), p.role_details ?? ''],
      [t('field.gender'), label('gender', p.gender)],
      nik,
      [t('field.passport_number'), p.passport_number && <span class="nowrap">{p.passport_number}</span>],
      [t('field.citizenship'), labels('country', p.citizenship)],
      relationship,
    ];
  }
  return [
    name,
    aliases,
    [t('field.gender'), label('gender', p.gender)],
    [t('field.birthdate'), formatDate(p.birthdate, lang)],
    nik,
    [t('field.phone'), p.phone ?? ''],
    relationship,
    [t('field.statement'), p.statement ?? ''],
  ];
}

/**
 * People of one kind as a list of cards: the rows of each person, an edit button (`onEdit`) and,
 * with `onErase`, a button to erase that person.
 */
function PersonCards(props: {
  kind: Kind;
  people: Party[];
  onEdit?: (p: Party) => void;
  onErase?: (target: EraseTarget) => void;
}) {
  const { lang } = useApp();
  const { kind, onEdit, onErase } = props;
  return (
    <ul class="cards">
      {props.people.map((p, i) => {
        const name = fullName(p);
        const personId = p.person_id;
        return (
          <li key={p.id ?? i} class={`card ${kind.itemClass}`} data-person-id={personId}>
            <DefList rows={rowsOf(kind.list, p, lang)} />
            {((onEdit && p.id) || (onErase && personId)) && (
              <div class="actions">
                {onEdit && p.id && <EditItemButton item={t(kind.item, { n: i + 1 })} onClick={() => onEdit(p)} />}
                {onErase && personId && (
                  <button
                    type="button"
                    class="erase-person danger small"
                    aria-label={t('erase.openLabel', { name: name || t('erase.unnamed') })}
                    onClick={() => onErase({ personId, name })}
                  >
                    {t('erase.open')}
                  </button>
                )}
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function PeopleSection({ doc, onChanged, onErase }: { doc: CaseDoc; onChanged: () => void; onErase?: (target: EraseTarget) => void }) {
  const { status } = useApp();
  const writes = useCanWrite('party');
  const hidden = status.capabilities?.hidden_parties ?? [];
  const kinds = KINDS.filter((k) => !hidden.includes(k.role));
  const edit = useItemEdit<PartyKind, Party, PeopleForm>({
    doc,
    name: 'people',
    defaultList: 'witnesses',
    items: (list) => doc[list] ?? [],
    blank: (list) => ({ ...emptyParty(), list, id: null }),
    fromItem: (list, p) => ({ ...partyFromDoc(p), list, id: p.id ?? null }),
    toDoc: (f, orig) => partyDoc(f, orig),
    onChanged,
  });
  const kind = kindOf(edit.form.list);
  const item = t(kind.item, { n: edit.itemNumber });

  return (
    <CaseSection
      id="sec-witnesses"
      title={t('section.people')}
      actions={
        !edit.editing &&
        writes &&
        kinds.map((k) => (
          <button key={k.list} id={`case-add-${k.id}`} type="button" class="secondary small" onClick={() => edit.openNew(k.list)}>
            {t(k.add)}
          </button>
        ))
      }
    >
      {edit.message && <Notice>{edit.message}</Notice>}
      {edit.editing && (
        <SectionForm edit={edit} shownPaths={partyPaths(kind.list, edit.prefix)} class="subform" saveId="people-save" itemNumber={edit.itemNumber}>
          <h3>{edit.form.id ? t('case.formEdit', { item }) : t(kind.formNew)}</h3>
          <PartyFields kind={kind.list} idPrefix={`edit-${kind.id}`} prefix={edit.prefix} form={edit.form} set={edit.set} errors={edit.errors} />
        </SectionForm>
      )}
      {kinds.map((k) => {
        const people = doc[k.list] ?? [];
        return (
          <div key={k.list} class={`people people-${k.id}`}>
            <h3>{t(k.heading)}</h3>
            {people.length === 0 ? (
              <p class="muted">{t('case.none')}</p>
            ) : (
              <PersonCards
                kind={k}
                people={people}
                onEdit={writes && !edit.editing ? (p) => edit.openItem(k.list, p) : undefined}
                onErase={onErase}
              />
            )}
          </div>
        );
      })}
    </CaseSection>
  );
}
