// The directory of organisations (shelters, RPTC, UPTD PPA, hospitals, legal aid, NGOs): loading
// it for a screen, its names for services and plans, the form of one organisation, and the
// search of the directory screen.

import { useEffect, useState } from 'preact/hooks';
import { api } from './api';
import { itemValues, textOut } from './caseForm';
import type { Organisation, OrganisationDoc, ShownError } from './types';

/**
 * The directory, loaded once when `enabled` (a form that offers it, a screen that names its
 * organisations). `list` is null until it arrives, and stays null if it cannot be read; then
 * organisations are named by their id and nothing else breaks.
 */
export function useOrganisations(enabled = true) {
  const [list, setList] = useState<Organisation[] | null>(null);
  const [error, setError] = useState<ShownError | null>(null);
  const load = () =>
    api.organisationList().then(
      (l) => {
        setList(l);
        setError(null);
      },
      (e: ShownError) => setError(e),
    );
  useEffect(() => {
    if (enabled && list === null) void load();
  }, [enabled]);
  return { list, error, reload: load };
}

/** The name of an organisation by its id; the id itself when the directory does not hold it. */
export function organisationName(list: Organisation[] | null | undefined, id: string | null | undefined): string {
  if (!id) return '';
  return list?.find((o) => o.id === id)?.name ?? id;
}

/** A placement agency's licence (SIP3MI) number, if the directory knows it. */
export function licenceOf(o: Organisation | null | undefined): string | null {
  const v = o?.licence_number;
  return typeof v === 'string' && v !== '' ? v : null;
}

/** The placement agencies (P3MI/PPTKIS) of the directory, for a case's placement agency. */
export function placementAgencies(list: Organisation[] | null | undefined): Organisation[] {
  return (list ?? []).filter((o) => o.type === 'PlacementAgency');
}

export interface OrganisationForm {
  name: string;
  type: string;
  province: string;
  regency: string;
  address: string;
  phone: string;
  /** Codes of the service types it offers. */
  services: string[];
  notes: string;
  /** A placement agency's licence (SIP3MI) number. */
  licence_number: string;
}

export function organisationFromDoc(o: Organisation | undefined): OrganisationForm {
  return {
    name: o?.name ?? '',
    type: o?.type ?? '',
    province: o?.province ?? '',
    regency: o?.regency ?? '',
    address: o?.address ?? '',
    phone: o?.phone ?? '',
    services: [...(o?.services ?? [])],
    notes: o?.notes ?? '',
    licence_number: licenceOf(o) ?? '',
  };
}

/**
 * What to send: for a new organisation the fields filled in, for an existing one the fields
 * that changed (null clears one). Null when there is nothing to send.
 */
export function organisationDoc(f: OrganisationForm, orig?: Organisation): OrganisationDoc | null {
  const values = {
    name: textOut(f.name),
    type: textOut(f.type),
    province: textOut(f.province),
    regency: textOut(f.regency),
    address: textOut(f.address),
    phone: textOut(f.phone),
    services: [...f.services],
    notes: textOut(f.notes),
    licence_number: textOut(f.licence_number),
  };
  const doc = itemValues<OrganisationDoc>(values, orig as OrganisationDoc | undefined);
  return Object.keys(doc).length > 0 ? doc : null;
}

/** Lower case without accents, for searching names. */
function folded(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** The organisations whose name holds every word typed, in any order ("rptc nunukan"). */
export function filterOrganisations(list: Organisation[], query: string): Organisation[] {
  const words = folded(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return list;
  return list.filter((o) => {
    const name = folded(o.name);
    return words.every((w) => name.includes(w));
  });
}
