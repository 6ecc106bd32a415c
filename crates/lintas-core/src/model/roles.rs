//! Roles of the operators who share one laptop, and what each role may read, write and do.
//!
//! A shelter laptop is used by a coordinator, case workers, shelter staff and sometimes a
//! supervisor who only reads. Each has their own passphrase (a slot in the key file wrapping the
//! same database key), and the store knows, from the slot that opened it, who is working. The
//! rules live here and are checked by the core functions themselves — writing a batch of ops,
//! reading a case, exporting — so that no shell (CLI, desktop, a future one) can forget them.
//!
//! **One table.** [`RULES`] says, for each role, its permissions and, per entity, which fields it
//! reads and writes and whether it creates records. Every check below reads that table, and
//! [`Role::capabilities`] sends it to the UI, which looks things up in it instead of keeping a
//! copy of the rules. Filtering, sorting and counting on a field are reading it.
//!
//! **No side channels.** A role must not learn what it may not read from how the core answers:
//! - a write to a field the role may not write (or to a record it may not see) is refused with
//!   `forbidden` before the stored value is looked at, so a right and a wrong guess are refused
//!   alike (`cases::update` checks the document first);
//! - a filter on a field the role may not read is refused (`cases::list`, `cases::count`), and
//!   search ranks and cuts the results of such a role only by what it reads;
//! - lists and detail views leave out what the role may not read (`Role::redact`, referrals);
//! - aggregates: the statistics report (`reports::stats` and the printable report) breaks victims
//!   down by exploitation, country, recruitment and age when trafficked, and for a single day is
//!   exact for a single case, so it needs [`Permission::ReadStatistics`], which shelter staff do
//!   not have. The dashboard leaves out the breakdowns by fields the role may not read.

use crate::model::schema::EntityKind;
use serde::Serialize;

/// What an operator is allowed to do on this laptop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Role {
    /// Administers the laptop: operators, trusted districts, erasure, backup; and does casework.
    Coordinator,
    /// Registers, edits, refers and exchanges cases.
    CaseWorker,
    /// Cares for people in the shelter: sees who they are and what care they need, records
    /// services and notes; never sees identity documents, home address, statements,
    /// perpetrators, exploitation or law-enforcement details, or attachments.
    ShelterStaff,
    /// Reads cases and reports (a supervisor or an auditor); changes nothing and exports nothing.
    ReadOnly,
}

/// Something a role may or may not do, beyond reading and writing fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename_all = "snake_case"))]
pub enum Permission {
    /// Creating or changing records at all (which fields is decided by [`Role::may_write`]).
    WriteRecords,
    /// Taking identifiable data out of the store: bundles, attachments, case exports.
    ExportRecords,
    /// Importing a bundle from another district.
    ImportBundles,
    /// Looking at conflicting versions and possible duplicates, and settling them.
    ReviewMatches,
    /// Adding, changing and removing operators.
    ManageOperators,
    /// Trusting and revoking other districts' devices.
    ManageTrust,
    /// Erasing a person's data.
    Erase,
    /// Writing a backup of the whole store.
    Backup,
    /// Reading the change log and the access log, and verifying them.
    ReadAudit,
    /// Importing reference data (region names).
    ImportReference,
    /// The statistics report (on screen, as CSV, printable). Its breakdowns are by fields such as
    /// exploitation and country, exact down to a single case for a short period, so only a role
    /// that reads every field they count has it.
    ReadStatistics,
    /// Filtering, sorting or counting by a field. Not granted on its own: a role has it for the
    /// fields it reads; a refused filter names it.
    FilterFields,
    /// Approving a child's best-interest assessment: a coordinator's decision.
    ApproveAssessments,
}

impl Permission {
    pub const ALL: [Permission; 13] = [
        Permission::WriteRecords,
        Permission::ExportRecords,
        Permission::ImportBundles,
        Permission::ReviewMatches,
        Permission::ManageOperators,
        Permission::ManageTrust,
        Permission::Erase,
        Permission::Backup,
        Permission::ReadAudit,
        Permission::ImportReference,
        Permission::ReadStatistics,
        Permission::FilterFields,
        Permission::ApproveAssessments,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Permission::WriteRecords => "write_records",
            Permission::ExportRecords => "export_records",
            Permission::ImportBundles => "import_bundles",
            Permission::ReviewMatches => "review_matches",
            Permission::ManageOperators => "manage_operators",
            Permission::ManageTrust => "manage_trust",
            Permission::Erase => "erase",
            Permission::Backup => "backup",
            Permission::ReadAudit => "read_audit",
            Permission::ImportReference => "import_reference",
            Permission::ReadStatistics => "read_statistics",
            Permission::FilterFields => "filter_fields",
            Permission::ApproveAssessments => "approve_assessments",
        }
    }
}

/// The current operator's role does not allow what was asked. Carries only the permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the operator's role does not allow {}", .0.as_str())]
pub struct Forbidden(pub Permission);

/// Which fields of an entity a role reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fields {
    All,
    Only(&'static [&'static str]),
    None,
}

impl Fields {
    fn contains(self, field: &str) -> bool {
        match self {
            Fields::All => true,
            Fields::Only(fields) => fields.contains(&field),
            Fields::None => false,
        }
    }
}

/// What a role does with one kind of entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub read: Fields,
    pub write: Fields,
    pub create: bool,
}

const FULL: Access = Access { read: Fields::All, write: Fields::All, create: true };
const READ: Access = Access { read: Fields::All, write: Fields::None, create: false };
const HIDDEN: Access = Access { read: Fields::None, write: Fields::None, create: false };
const fn reads(fields: &'static [&'static str]) -> Access {
    Access { read: Fields::Only(fields), write: Fields::None, create: false }
}
const fn records(fields: &'static [&'static str]) -> Access {
    Access { read: Fields::Only(fields), write: Fields::Only(fields), create: true }
}

/// One role's line of the table.
#[derive(Debug)]
pub struct Rule {
    pub role: Role,
    pub permissions: &'static [Permission],
    /// Entities with their own access; every other kind has `others`.
    pub entities: &'static [(EntityKind, Access)],
    pub others: Access,
    /// Persons with these roles in a case are hidden whole, not field by field.
    pub hidden_parties: &'static [&'static str],
}

const SERVICE: &[&str] = &[
    "case_id",
    "type",
    "status",
    "provider",
    "objectives",
    "action_plan",
    "planned_end_date",
    "actual_end_date",
    "stage",
    "organisation_id",
];
const NOTE: &[&str] = &["case_id", "body", "written_at"];

/// What each role reads, writes, creates and may do: the one table all checks use.
pub const RULES: [Rule; 4] = [
    Rule { role: Role::Coordinator, permissions: &Permission::ALL, entities: &[], others: FULL, hidden_parties: &[] },
    Rule {
        role: Role::CaseWorker,
        permissions: &[
            Permission::WriteRecords,
            Permission::ExportRecords,
            Permission::ImportBundles,
            Permission::ReviewMatches,
            Permission::ReadAudit,
            Permission::ImportReference,
            Permission::ReadStatistics,
            Permission::FilterFields,
        ],
        entities: &[(EntityKind::Operator, READ)],
        others: FULL,
        hidden_parties: &[],
    },
    Rule {
        role: Role::ShelterStaff,
        permissions: &[Permission::WriteRecords, Permission::FilterFields],
        entities: &[
            (EntityKind::Operator, reads(&["name", "district", "role", "active"])),
            (
                EntityKind::Person,
                reads(&[
                    "first_name",
                    "middle_name",
                    "second_name",
                    "aliases",
                    "gender",
                    "birthdate",
                    "citizenship",
                    "marital_status",
                    "education",
                    "primary_language",
                    "address_province",
                    "address_regency",
                    "deceased",
                ]),
            ),
            (
                EntityKind::Case,
                reads(&["case_number", "district", "victim_id", "status", "intake_date", "vulnerabilities"]),
            ),
            (EntityKind::Party, reads(&["case_id", "person_id", "role", "relationship"])),
            (EntityKind::Service, records(SERVICE)),
            (EntityKind::Followup, reads(&["case_id", "due_date", "visit_date", "status", "visited_by", "notes"])),
            (EntityKind::Note, records(NOTE)),
            (
                EntityKind::Consent,
                reads(&[
                    "case_id",
                    "interview",
                    "informed_purpose",
                    "informed_use",
                    "informed_research",
                    "informed_access",
                    "informed_retention",
                    "informed_withdrawal",
                    "share_districts",
                    "recorded_on",
                    "withdrawn_on",
                ]),
            ),
            (EntityKind::Referral, reads(&["case_id", "from_district", "to_district", "status", "services_requested"])),
            // Plans say what care a person needs; the risk findings of assessments are not theirs.
            (EntityKind::Plan, READ),
            (EntityKind::Organisation, READ),
        ],
        others: HIDDEN,
        hidden_parties: &["Perpetrator"],
    },
    Rule {
        role: Role::ReadOnly,
        permissions: &[Permission::ReadAudit, Permission::ReadStatistics, Permission::FilterFields],
        entities: &[],
        others: READ,
        hidden_parties: &[],
    },
];

/// Which fields of an entity a role reads or writes, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename_all = "snake_case"))]
pub enum FieldSet {
    All,
    Only(Vec<String>),
    None,
}

impl From<Fields> for FieldSet {
    fn from(f: Fields) -> Self {
        match f {
            Fields::All => FieldSet::All,
            Fields::Only(fields) => FieldSet::Only(fields.iter().map(|f| f.to_string()).collect()),
            Fields::None => FieldSet::None,
        }
    }
}

/// What a role does with one kind of entity, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct EntityCapabilities {
    pub kind: EntityKind,
    pub read: FieldSet,
    pub write: FieldSet,
    pub create: bool,
}

/// One role's line of [`RULES`], for a shell to offer only what the core will allow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Capabilities {
    pub role: Role,
    pub permissions: Vec<Permission>,
    /// Every kind of entity, each once.
    pub entities: Vec<EntityCapabilities>,
    /// Persons with these roles in a case are hidden whole.
    pub hidden_parties: Vec<String>,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Coordinator, Role::CaseWorker, Role::ShelterStaff, Role::ReadOnly];

    /// The stored code, as in the `operator_role` code list.
    pub fn code(self) -> &'static str {
        match self {
            Role::Coordinator => "Coordinator",
            Role::CaseWorker => "CaseWorker",
            Role::ShelterStaff => "ShelterStaff",
            Role::ReadOnly => "ReadOnly",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// This role's line of the table.
    pub fn rule(self) -> &'static Rule {
        RULES.iter().find(|r| r.role == self).expect("every role has a rule")
    }

    /// What this role does with an entity.
    pub fn access(self, kind: EntityKind) -> Access {
        let rule = self.rule();
        rule.entities.iter().find(|(k, _)| *k == kind).map_or(rule.others, |(_, a)| *a)
    }

    pub fn allows(self, permission: Permission) -> bool {
        self.rule().permissions.contains(&permission)
    }

    /// Checks a permission, for `?` in the functions that need it.
    pub fn require(self, permission: Permission) -> Result<(), Forbidden> {
        if self.allows(permission) {
            Ok(())
        } else {
            Err(Forbidden(permission))
        }
    }

    /// Whether this role sees an entity at all.
    pub fn may_see(self, kind: EntityKind) -> bool {
        self.access(kind).read != Fields::None
    }

    /// Whether this role sees a person with this role in a case (perpetrators are hidden from
    /// shelter staff whole, not field by field).
    pub fn may_see_party(self, party_role: Option<&str>) -> bool {
        party_role.is_none_or(|r| !self.rule().hidden_parties.contains(&r))
    }

    /// Whether this role sees a field of an entity.
    pub fn may_read(self, kind: EntityKind, field: &str) -> bool {
        self.access(kind).read.contains(field)
    }

    /// Whether this role may filter, sort or count by a field: exactly when it reads it.
    pub fn may_filter(self, kind: EntityKind, field: &str) -> Result<(), Forbidden> {
        if self.allows(Permission::FilterFields) && self.may_read(kind, field) {
            Ok(())
        } else {
            Err(Forbidden(Permission::FilterFields))
        }
    }

    /// Whether this role may write a field of an entity (creating an entity writes each of the
    /// fields it is created with). Operators are managed by coordinators only.
    pub fn may_write(self, kind: EntityKind, field: &str) -> bool {
        self.allows(Permission::WriteRecords) && self.access(kind).write.contains(field)
    }

    /// Whether this role may create an entity of this kind.
    pub fn may_create(self, kind: EntityKind) -> bool {
        self.allows(Permission::WriteRecords) && self.access(kind).create
    }

    /// Removes from a row (an entity's fields as a map) what this role may not read.
    pub fn redact(self, kind: EntityKind, row: &mut serde_json::Map<String, serde_json::Value>) {
        let read = self.access(kind).read;
        if read != Fields::All {
            row.retain(|field, _| field == "id" || read.contains(field));
        }
    }

    /// This role's line of the table, for a shell.
    pub fn capabilities(self) -> Capabilities {
        let rule = self.rule();
        Capabilities {
            role: self,
            permissions: rule.permissions.to_vec(),
            entities: EntityKind::ALL
                .into_iter()
                .map(|kind| {
                    let a = self.access(kind);
                    EntityCapabilities {
                        kind,
                        read: a.read.into(),
                        write: if self.allows(Permission::WriteRecords) { a.write.into() } else { FieldSet::None },
                        create: self.may_create(kind),
                    }
                })
                .collect(),
            hidden_parties: rule.hidden_parties.iter().map(|p| p.to_string()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::EntityKind;

    #[test]
    fn codes_round_trip_and_match_the_code_list() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
            assert!(crate::model::codes::OPERATOR_ROLE.contains(role.code()));
        }
        assert_eq!(crate::model::codes::OPERATOR_ROLE.codes.len(), Role::ALL.len());
        assert_eq!(Role::parse("Admin"), None);
    }

    #[test]
    fn every_field_the_table_names_exists_in_the_schema_and_nobody_writes_what_they_cannot_read() {
        for rule in &RULES {
            for (kind, access) in rule.entities {
                for fields in [access.read, access.write] {
                    if let Fields::Only(fields) = fields {
                        for f in fields {
                            assert!(kind.def().field(f).is_some(), "{}.{f}", kind.as_str());
                        }
                    }
                }
            }
            for kind in EntityKind::ALL {
                for f in kind.def().fields {
                    if rule.role.may_write(kind, f.name) {
                        assert!(rule.role.may_read(kind, f.name), "{:?} {}.{}", rule.role, kind.as_str(), f.name);
                    }
                }
            }
        }
        assert_eq!(RULES.map(|r| r.role), Role::ALL);
    }

    #[test]
    fn statistics_go_only_to_roles_that_read_every_field_they_count() {
        let counted = [
            (EntityKind::Case, "type_of_exploitation"),
            (EntityKind::Case, "country_of_exploitation"),
            (EntityKind::Case, "method_of_recruitment"),
            (EntityKind::Case, "age_when_trafficked"),
            (EntityKind::Case, "intake_date"),
            (EntityKind::Person, "gender"),
            (EntityKind::Person, "birthdate"),
            (EntityKind::Service, "type"),
            (EntityKind::Referral, "status"),
            (EntityKind::Followup, "status"),
        ];
        for role in Role::ALL {
            let reads_all = counted.iter().all(|(k, f)| role.may_read(*k, f));
            assert!(!role.allows(Permission::ReadStatistics) || reads_all, "{role:?}");
        }
        assert!(!Role::ShelterStaff.allows(Permission::ReadStatistics));
        assert!(Role::ReadOnly.allows(Permission::ReadStatistics));
    }

    /// The UI's browser mock and its tests use the table through `ui/mock/capabilities.json`;
    /// `LINTAS_BLESS=1 cargo test -p lintas-core --lib roles` rewrites it after a change.
    #[test]
    fn the_ui_copy_of_the_table_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/mock/capabilities.json");
        let all: Vec<Capabilities> = Role::ALL.into_iter().map(Role::capabilities).collect();
        let text = serde_json::to_string_pretty(&all).unwrap() + "\n";
        if std::env::var_os("LINTAS_BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(stored == text, "ui/mock/capabilities.json is not the table; rerun with LINTAS_BLESS=1");
    }

    #[test]
    fn the_capabilities_a_shell_receives_are_the_table() {
        for role in Role::ALL {
            let caps = role.capabilities();
            assert_eq!(caps.entities.len(), EntityKind::ALL.len());
            for p in Permission::ALL {
                assert_eq!(caps.permissions.contains(&p), role.allows(p));
            }
            for e in &caps.entities {
                assert_eq!(e.create, role.may_create(e.kind));
                for f in e.kind.def().fields {
                    let has = |set: &FieldSet| match set {
                        FieldSet::All => true,
                        FieldSet::Only(fs) => fs.iter().any(|x| x == f.name),
                        FieldSet::None => false,
                    };
                    assert_eq!(has(&e.read), role.may_read(e.kind, f.name));
                    assert_eq!(has(&e.write), role.may_write(e.kind, f.name));
                }
            }
        }
        let json = serde_json::to_value(Role::ShelterStaff.capabilities()).unwrap();
        assert_eq!(json["permissions"], serde_json::json!(["write_records", "filter_fields"]));
        assert_eq!(json["entities"][0]["kind"], "operator");
        assert_eq!(json["entities"][0]["read"]["only"][0], "name");
        assert_eq!(json["entities"][9]["read"], "none");
        assert!(Role::ShelterStaff.may_filter(EntityKind::Case, "type_of_exploitation").is_err());
        assert!(Role::ShelterStaff.may_filter(EntityKind::Case, "status").is_ok());
    }

    #[test]
    fn shelter_staff_never_see_identity_documents_statements_or_exploitation() {
        let r = Role::ShelterStaff;
        for (kind, field) in [
            (EntityKind::Person, "identity_number"),
            (EntityKind::Person, "passport_number"),
            (EntityKind::Person, "phone"),
            (EntityKind::Person, "address_village"),
            (EntityKind::Party, "statement"),
            (EntityKind::Case, "type_of_exploitation"),
            (EntityKind::Case, "means_of_control"),
            (EntityKind::Case, "law_enforcement_report_number"),
            (EntityKind::Referral, "details"),
        ] {
            assert!(!r.may_read(kind, field), "{}.{field}", kind.as_str());
            assert!(!r.may_write(kind, field));
        }
        assert!(!r.may_see(EntityKind::Attachment));
        assert!(!r.may_see(EntityKind::Event));
        assert!(r.may_write(EntityKind::Service, "status"));
        assert!(!r.may_write(EntityKind::Person, "first_name"));
    }

    #[test]
    fn read_only_writes_and_exports_nothing_and_only_coordinators_administer() {
        for kind in EntityKind::ALL {
            for f in kind.def().fields {
                assert!(!Role::ReadOnly.may_write(kind, f.name));
            }
        }
        assert!(!Role::ReadOnly.allows(Permission::WriteRecords));
        assert!(!Role::ReadOnly.allows(Permission::ExportRecords));
        assert!(!Role::ShelterStaff.allows(Permission::ExportRecords));
        for p in [Permission::ManageOperators, Permission::ManageTrust, Permission::Erase, Permission::Backup] {
            assert!(Role::Coordinator.allows(p));
            assert!(!Role::CaseWorker.allows(p));
        }
        assert!(!Role::CaseWorker.may_write(EntityKind::Operator, "role"));
    }
}
