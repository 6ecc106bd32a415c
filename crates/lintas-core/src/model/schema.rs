//! The entity schema: which entities exist, which fields each has, and what kind of value each
//! field holds.
//!
//! This one description drives validation of incoming documents and ops, the generic
//! materialisation of ops into tables (`view`), reading rows back as documents, and (later)
//! merge rules such as which fields need a person's review on conflict. Column names in the
//! migrations equal field names here; a unit test checks that the two agree.

use crate::model::codes::{self, CodeList};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename_all = "snake_case"))]
pub enum EntityKind {
    Operator,
    Person,
    Case,
    Party,
    Event,
    Service,
    Followup,
    Note,
    Consent,
    Attachment,
    Referral,
    Share,
    PersonLink,
    Organisation,
    Plan,
    Assessment,
    Activity,
    Training,
    TrainingGroup,
    Programme,
}

impl EntityKind {
    pub const ALL: [EntityKind; 20] = [
        EntityKind::Operator,
        EntityKind::Person,
        EntityKind::Case,
        EntityKind::Party,
        EntityKind::Event,
        EntityKind::Service,
        EntityKind::Followup,
        EntityKind::Note,
        EntityKind::Consent,
        EntityKind::Attachment,
        EntityKind::Referral,
        EntityKind::Share,
        EntityKind::PersonLink,
        EntityKind::Organisation,
        EntityKind::Plan,
        EntityKind::Assessment,
        EntityKind::Activity,
        EntityKind::Training,
        EntityKind::TrainingGroup,
        EntityKind::Programme,
    ];

    pub fn as_str(self) -> &'static str {
        self.def().name
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn def(self) -> &'static EntityDef {
        match self {
            EntityKind::Operator => &OPERATOR,
            EntityKind::Person => &PERSON,
            EntityKind::Case => &CASE,
            EntityKind::Party => &PARTY,
            EntityKind::Event => &EVENT,
            EntityKind::Service => &SERVICE,
            EntityKind::Followup => &FOLLOWUP,
            EntityKind::Note => &NOTE,
            EntityKind::Consent => &CONSENT,
            EntityKind::Attachment => &ATTACHMENT,
            EntityKind::Referral => &REFERRAL,
            EntityKind::Share => &SHARE,
            EntityKind::PersonLink => &PERSON_LINK,
            EntityKind::Organisation => &ORGANISATION,
            EntityKind::Plan => &PLAN,
            EntityKind::Assessment => &ASSESSMENT,
            EntityKind::Activity => &ACTIVITY,
            EntityKind::Training => &TRAINING,
            EntityKind::TrainingGroup => &TRAINING_GROUP,
            EntityKind::Programme => &PROGRAMME,
        }
    }
}

/// What a field holds. Lists are stored as JSON arrays in a TEXT column.
#[derive(Debug, Clone, Copy)]
pub enum FieldKind {
    /// A short line of text (names, places, numbers written by people).
    Text,
    /// Free text such as a statement or a note.
    LongText,
    /// A calendar date, `YYYY-MM-DD`.
    Date,
    /// A moment, RFC 3339 in UTC, set by the system.
    Timestamp,
    Bool,
    /// An age in years (0–120).
    Int,
    /// A count of people or places (0 to `validate::MAX_COUNT`).
    Count,
    Code(&'static CodeList),
    Codes(&'static CodeList),
    Texts,
    /// A Kepmendagri province code, `53`.
    Province,
    /// A Kepmendagri kabupaten/kota code, `53.03`.
    Regency,
    /// A list of kabupaten/kota codes.
    Regencies,
    /// The id of another entity.
    Ref(EntityKind),
}

impl FieldKind {
    pub fn is_list(self) -> bool {
        matches!(self, FieldKind::Codes(_) | FieldKind::Texts | FieldKind::Regencies)
    }
}

#[derive(Debug)]
pub struct FieldDef {
    pub name: &'static str,
    pub kind: FieldKind,
    /// Identity, birth date, documents, location, consent, risk: concurrent edits of these go to
    /// a person for review instead of being settled silently.
    pub sensitive: bool,
    /// Set once when the entity is created and never changed afterwards.
    pub immutable: bool,
}

#[derive(Debug)]
pub struct EntityDef {
    pub kind_name: &'static str,
    pub name: &'static str,
    pub table: &'static str,
    pub fields: &'static [FieldDef],
}

impl EntityDef {
    pub fn field(&self, name: &str) -> Option<&'static FieldDef> {
        self.fields.iter().find(|f| f.name == name)
    }
}

const fn f(name: &'static str, kind: FieldKind) -> FieldDef {
    FieldDef { name, kind, sensitive: false, immutable: false }
}
const fn s(name: &'static str, kind: FieldKind) -> FieldDef {
    FieldDef { name, kind, sensitive: true, immutable: false }
}
const fn fixed(name: &'static str, kind: FieldKind) -> FieldDef {
    FieldDef { name, kind, sensitive: false, immutable: true }
}

use FieldKind::*;

pub static OPERATOR: EntityDef = EntityDef {
    kind_name: "Operator",
    name: "operator",
    table: "operator",
    fields: &[f("name", Text), fixed("district", Regency), f("role", Code(&codes::OPERATOR_ROLE)), f("active", Bool)],
};

pub static PERSON: EntityDef = EntityDef {
    kind_name: "Person",
    name: "person",
    table: "person",
    fields: &[
        s("first_name", Text),
        s("middle_name", Text),
        s("second_name", Text),
        s("aliases", Texts),
        s("gender", Code(&codes::GENDER)),
        s("birthdate", Date),
        s("citizenship", Codes(&codes::COUNTRY)),
        s("identity_number", Text),
        s("passport_number", Text),
        s("phone", Text),
        f("marital_status", Code(&codes::MARITAL_STATUS)),
        f("education", Code(&codes::EDUCATION)),
        f("primary_language", Text),
        s("address_province", Province),
        s("address_regency", Regency),
        s("address_subdistrict", Text),
        s("address_village", Text),
        s("address_street", Text),
        f("deceased", Bool),
    ],
};

pub static CASE: EntityDef = EntityDef {
    kind_name: "Case",
    name: "case",
    table: "case_file",
    fields: &[
        fixed("case_number", Text),
        fixed("district", Regency),
        fixed("victim_id", Ref(EntityKind::Person)),
        f("status", Code(&codes::CASE_STATUS)),
        f("trafficking_status", Code(&codes::TRAFFICKING_STATUS)),
        f("status_decided_by", Code(&codes::STATUS_DECIDED_BY)),
        f("type_of_exploitation", Codes(&codes::TYPE_OF_EXPLOITATION)),
        f("forced_labour_industry", Code(&codes::FORCED_LABOUR_INDUSTRY)),
        f("type_of_sex_exploitation", Codes(&codes::TYPE_OF_SEX_EXPLOITATION)),
        f("means_of_control", Codes(&codes::MEANS_OF_CONTROL)),
        f("method_of_recruitment", Codes(&codes::METHOD_OF_RECRUITMENT)),
        f("recruitment_apps", Codes(&codes::RECRUITMENT_APPS)),
        f("relationship_to_trafficker", Code(&codes::RELATIONSHIP_TO_TRAFFICKER)),
        s("age_when_trafficked", Int),
        s("vulnerabilities", Codes(&codes::VULNERABILITIES)),
        f("country_of_exploitation", Code(&codes::COUNTRY)),
        f("intake_date", Date),
        s("intake_place", Text),
        f("intake_deportee_status", Code(&codes::DEPORTEE_STATUS)),
        f("intake_deported_from", Code(&codes::COUNTRY)),
        f("placement_agency", Text),
        // The placement agency (P3MI / PPTKIS) from the directory, when it is known there.
        f("placement_agency_id", Ref(EntityKind::Organisation)),
        s("document_misuse", Codes(&codes::DOCUMENT_MISUSE)),
        f("law_enforcement_stage", Code(&codes::LAW_ENFORCEMENT_STAGE)),
        f("law_enforcement_report_number", Text),
        f("law_enforcement_report_date", Date),
        f("law_enforcement_verdict", Code(&codes::VERDICT)),
        f("closure_reason", LongText),
        // The key of the spreadsheet row the case was imported from (`exchange::spreadsheet`).
        fixed("source_key", Text),
    ],
};

pub static PARTY: EntityDef = EntityDef {
    kind_name: "Party",
    name: "party",
    table: "party",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        fixed("person_id", Ref(EntityKind::Person)),
        fixed("role", Code(&codes::PERSON_ROLE)),
        s("statement", LongText),
        f("relationship", Text),
        f("role_in_process", Codes(&codes::ROLE_IN_PROCESS)),
        f("role_details", LongText),
    ],
};

pub static EVENT: EntityDef = EntityDef {
    kind_name: "Event",
    name: "event",
    table: "event",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        f("type", Code(&codes::EVENT_TYPE)),
        f("date", Date),
        s("place", Text),
        f("country", Code(&codes::COUNTRY)),
        s("regency", Regency),
        f("description", LongText),
    ],
};

pub static SERVICE: EntityDef = EntityDef {
    kind_name: "Service",
    name: "service",
    table: "service",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        f("type", Code(&codes::SERVICE_TYPE)),
        f("status", Code(&codes::SERVICE_STATUS)),
        f("provider", Text),
        f("objectives", LongText),
        f("action_plan", LongText),
        f("planned_end_date", Date),
        f("actual_end_date", Date),
        f("stage", Code(&codes::SERVICE_STAGE)),
        f("organisation_id", Ref(EntityKind::Organisation)),
    ],
};

pub static FOLLOWUP: EntityDef = EntityDef {
    kind_name: "Followup",
    name: "followup",
    table: "followup",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        f("due_date", Date),
        f("visit_date", Date),
        f("status", Code(&codes::FOLLOWUP_STATUS)),
        f("visited_by", Text),
        f("notes", LongText),
    ],
};

pub static NOTE: EntityDef = EntityDef {
    kind_name: "Note",
    name: "note",
    table: "note",
    fields: &[fixed("case_id", Ref(EntityKind::Case)), f("body", LongText), fixed("written_at", Timestamp)],
};

/// Consent is one record per case; its id is the case id.
pub static CONSENT: EntityDef = EntityDef {
    kind_name: "Consent",
    name: "consent",
    table: "consent",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        s("interview", Bool),
        s("informed_purpose", Bool),
        s("informed_use", Bool),
        s("informed_research", Bool),
        s("informed_access", Bool),
        s("informed_retention", Bool),
        s("informed_withdrawal", Bool),
        s("share_districts", Regencies),
        s("recorded_on", Date),
        s("withdrawn_on", Date),
    ],
};

pub static ATTACHMENT: EntityDef = EntityDef {
    kind_name: "Attachment",
    name: "attachment",
    table: "attachment",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        fixed("name", Text),
        fixed("mime", Text),
        fixed("size", Int),
        fixed("sha256", Text),
        f("description", LongText),
    ],
};

/// A case handed to another district for services, return and follow-up.
pub static REFERRAL: EntityDef = EntityDef {
    kind_name: "Referral",
    name: "referral",
    table: "referral",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        fixed("from_district", Regency),
        fixed("to_district", Regency),
        f("reason", Code(&codes::REFERRAL_REASON)),
        f("details", LongText),
        f("services_requested", Codes(&codes::SERVICE_TYPE)),
        fixed("consent_override", LongText),
        f("status", Code(&codes::REFERRAL_STATUS)),
        f("response_note", LongText),
    ],
};

/// A case shared with another district without referring it (e.g. for joint identification).
pub static SHARE: EntityDef = EntityDef {
    kind_name: "Share",
    name: "share",
    table: "share",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        fixed("district", Regency),
        fixed("reason", LongText),
        fixed("consent_override", LongText),
    ],
};

/// Two victim records a person decided are (or, after unlinking, are not) the same person.
pub static PERSON_LINK: EntityDef = EntityDef {
    kind_name: "PersonLink",
    name: "person_link",
    table: "person_link",
    fields: &[
        fixed("person_a", Ref(EntityKind::Person)),
        fixed("person_b", Ref(EntityKind::Person)),
        f("status", Code(&codes::LINK_STATUS)),
        f("reason", LongText),
    ],
};

/// A service provider or partner: a shelter, an RPTC, a UPTD PPA, a hospital, a legal aid
/// office, an NGO, a religious organisation, a company's programme. No personal data: the
/// directory names organisations, not the people in them. Travels with the cases whose services
/// and plans name it.
pub static ORGANISATION: EntityDef = EntityDef {
    kind_name: "Organisation",
    name: "organisation",
    table: "organisation",
    fields: &[
        f("name", Text),
        f("type", Code(&codes::ORGANISATION_TYPE)),
        f("province", Province),
        f("regency", Regency),
        f("address", Text),
        f("phone", Text),
        f("services", Codes(&codes::SERVICE_TYPE)),
        f("notes", LongText),
        // A placement agency's licence (SIP3MI) number, if known.
        f("licence_number", Text),
    ],
};

/// A support or reintegration plan (HTCDS 2.0's support plan: objectives, action plan, type,
/// planned and actual end), with its goals, the organisation responsible, the stage of victim
/// handling it belongs to, how it is going and what it achieved.
pub static PLAN: EntityDef = EntityDef {
    kind_name: "Plan",
    name: "plan",
    table: "plan",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        f("kind", Code(&codes::PLAN_KIND)),
        f("type", Code(&codes::SERVICE_TYPE)),
        f("stage", Code(&codes::SERVICE_STAGE)),
        f("objectives", LongText),
        f("goals", Texts),
        f("action_plan", LongText),
        f("organisation_id", Ref(EntityKind::Organisation)),
        f("start_date", Date),
        f("planned_end_date", Date),
        f("actual_end_date", Date),
        f("progress", Code(&codes::PLAN_PROGRESS)),
        f("progress_note", LongText),
        f("outcome", Code(&codes::PLAN_OUTCOME)),
        f("outcome_note", LongText),
        // The empowerment programme the plan enrols the person in.
        f("programme_id", Ref(EntityKind::Programme)),
    ],
};

/// A risk and vulnerability assessment (individual, household, community, as HTCDS 2.0 plans
/// them) or a child's best-interest assessment, repeatable over the case's life. A
/// best-interest assessment counts once a coordinator approved it (`approved_by`, set by
/// Lintas, never typed).
pub static ASSESSMENT: EntityDef = EntityDef {
    kind_name: "Assessment",
    name: "assessment",
    table: "assessment",
    fields: &[
        fixed("case_id", Ref(EntityKind::Case)),
        f("kind", Code(&codes::ASSESSMENT_KIND)),
        f("date", Date),
        s("risk_level", Code(&codes::RISK_LEVEL)),
        s("findings", LongText),
        f("recommendations", LongText),
        f("next_due", Date),
        f("approved_by", Ref(EntityKind::Operator)),
        f("approved_on", Timestamp),
    ],
};

/// A prevention activity: socialisation in a village, a campaign, a village regulation, a
/// meeting of focal points. Counts of participants only, never names. Shared with the districts
/// it lists.
pub static ACTIVITY: EntityDef = EntityDef {
    kind_name: "Activity",
    name: "activity",
    table: "activity",
    fields: &[
        f("kind", Code(&codes::ACTIVITY_KIND)),
        f("title", Text),
        f("date", Date),
        f("end_date", Date),
        f("province", Province),
        f("regency", Regency),
        f("subdistrict", Text),
        f("village", Text),
        f("organiser_id", Ref(EntityKind::Organisation)),
        f("partner_ids", Texts),
        f("audience", Codes(&codes::AUDIENCE)),
        f("female_children", Count),
        f("male_children", Count),
        f("female_adults", Count),
        f("male_adults", Count),
        f("topics", Codes(&codes::PREVENTION_TOPIC)),
        f("regulation_status", Code(&codes::REGULATION_STATUS)),
        f("materials", LongText),
        f("follow_up", LongText),
        f("share_districts", Regencies),
    ],
};

/// A training or workshop for task-force members and partners; its participants are counted by
/// agency and sex in [`TRAINING_GROUP`].
pub static TRAINING: EntityDef = EntityDef {
    kind_name: "Training",
    name: "training",
    table: "training",
    fields: &[
        f("title", Text),
        f("topics", Codes(&codes::TRAINING_TOPIC)),
        f("organiser_id", Ref(EntityKind::Organisation)),
        f("start_date", Date),
        f("end_date", Date),
        f("province", Province),
        f("regency", Regency),
        f("place", Text),
        f("notes", LongText),
        f("share_districts", Regencies),
    ],
};

/// The participants of one agency in a training, by sex.
pub static TRAINING_GROUP: EntityDef = EntityDef {
    kind_name: "TrainingGroup",
    name: "training_group",
    table: "training_group",
    fields: &[
        fixed("training_id", Ref(EntityKind::Training)),
        f("agency", Code(&codes::AGENCY)),
        f("female", Count),
        f("male", Count),
    ],
};

/// An empowerment programme run by a partner (private-sector CSR, an NGO, a ministry): what it
/// offers, where, for how many. A reintegration plan enrols a person in one (`plan.programme_id`).
pub static PROGRAMME: EntityDef = EntityDef {
    kind_name: "Programme",
    name: "programme",
    table: "programme",
    fields: &[
        f("name", Text),
        f("kind", Code(&codes::PROGRAMME_KIND)),
        f("organisation_id", Ref(EntityKind::Organisation)),
        f("offers", Codes(&codes::SERVICE_TYPE)),
        f("province", Province),
        f("regency", Regency),
        f("capacity", Count),
        f("start_date", Date),
        f("end_date", Date),
        f("notes", LongText),
        f("share_districts", Regencies),
    ],
};

/// The query of every entity that is part of a case (`?1`): what goes with the case when it is
/// erased. A macro so that [`CASE_ENTITIES`] can extend the one literal.
macro_rules! case_records {
    () => {
        "SELECT ?1 AS id UNION SELECT victim_id FROM case_file WHERE id = ?1
    UNION SELECT id FROM party WHERE case_id = ?1 UNION SELECT person_id FROM party WHERE case_id = ?1
    UNION SELECT id FROM event WHERE case_id = ?1 UNION SELECT id FROM service WHERE case_id = ?1
    UNION SELECT id FROM followup WHERE case_id = ?1 UNION SELECT id FROM note WHERE case_id = ?1
    UNION SELECT id FROM consent WHERE case_id = ?1 UNION SELECT id FROM attachment WHERE case_id = ?1
    UNION SELECT id FROM referral WHERE case_id = ?1 UNION SELECT id FROM share WHERE case_id = ?1
    UNION SELECT id FROM plan WHERE case_id = ?1 UNION SELECT id FROM assessment WHERE case_id = ?1"
    };
}

/// Every entity that is part of a case: what goes with the case when it is erased.
pub(crate) const CASE_RECORDS: &str = case_records!();

/// Every entity a district receiving a case needs: the case's records, the organisations its
/// services, plans and placement agency name and the programmes its plans enrol in (which are
/// not the case's, and stay when it is erased), and the
/// decisions that its victim is or is not the same person as another (which a receiver that does
/// not hold the other person keeps waiting).
pub(crate) const CASE_ENTITIES: &str = concat!(
    case_records!(),
    "
    UNION SELECT organisation_id FROM service WHERE case_id = ?1
    UNION SELECT organisation_id FROM plan WHERE case_id = ?1
    UNION SELECT placement_agency_id FROM case_file WHERE id = ?1
    UNION SELECT programme_id FROM plan WHERE case_id = ?1
    UNION SELECT p.organisation_id FROM programme p JOIN plan ON plan.programme_id = p.id WHERE plan.case_id = ?1
    UNION SELECT l.id FROM person_link l JOIN case_file c ON c.id = ?1
          WHERE l.person_a = c.victim_id OR l.person_b = c.victim_id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in EntityKind::ALL {
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
            assert_eq!(k.def().name, k.as_str());
        }
        assert_eq!(EntityKind::parse("nope"), None);
    }

    #[test]
    fn field_names_are_unique_and_sql_safe() {
        for k in EntityKind::ALL {
            let def = k.def();
            let mut names: Vec<_> = def.fields.iter().map(|f| f.name).collect();
            names.sort();
            let n = names.len();
            names.dedup();
            assert_eq!(n, names.len(), "duplicate field in {}", def.name);
            for name in names {
                assert!(name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
                assert_ne!(name, "id");
            }
        }
    }
}
