//! Roles of the operators who share one laptop, and what each role may read, write and do.
//!
//! A shelter laptop is used by a coordinator, case workers, shelter staff and sometimes a
//! supervisor who only reads. Each has their own passphrase (a slot in the key file wrapping the
//! same database key), and the store knows, from the slot that opened it, who is working. The
//! rules live here and are checked by the core functions themselves — writing a batch of ops,
//! reading a case, exporting — so that no shell (CLI, desktop, a future one) can forget them.

use crate::schema::EntityKind;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

impl Permission {
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
        }
    }
}

/// The current operator's role does not allow what was asked. Carries only the permission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the operator's role does not allow {}", .0.as_str())]
pub struct Forbidden(pub Permission);

/// Fields of each entity that shelter staff may see. Entities not listed are hidden whole.
const SHELTER_STAFF_READS: &[(EntityKind, &[&str])] = &[
    (EntityKind::Operator, &["name", "district", "role", "active"]),
    (
        EntityKind::Person,
        &[
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
        ],
    ),
    (EntityKind::Case, &["case_number", "district", "victim_id", "status", "intake_date", "vulnerabilities"]),
    (EntityKind::Party, &["case_id", "person_id", "role", "relationship"]),
    (
        EntityKind::Service,
        &["case_id", "type", "status", "provider", "objectives", "action_plan", "planned_end_date", "actual_end_date"],
    ),
    (EntityKind::Followup, &["case_id", "due_date", "visit_date", "status", "visited_by", "notes"]),
    (EntityKind::Note, &["case_id", "body", "written_at"]),
    (
        EntityKind::Consent,
        &[
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
        ],
    ),
    (EntityKind::Referral, &["case_id", "from_district", "to_district", "status", "services_requested"]),
];

/// What shelter staff may record: the care they give.
const SHELTER_STAFF_WRITES: &[EntityKind] = &[EntityKind::Service, EntityKind::Note];

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

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Coordinator => true,
            Role::CaseWorker => {
                matches!(
                    permission,
                    WriteRecords | ExportRecords | ImportBundles | ReviewMatches | ReadAudit | ImportReference
                )
            }
            Role::ShelterStaff => permission == WriteRecords,
            Role::ReadOnly => permission == ReadAudit,
        }
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
        self != Role::ShelterStaff || SHELTER_STAFF_READS.iter().any(|(k, _)| *k == kind)
    }

    /// Whether this role sees a person with this role in a case (perpetrators are hidden from
    /// shelter staff whole, not field by field).
    pub fn may_see_party(self, party_role: Option<&str>) -> bool {
        self != Role::ShelterStaff || party_role != Some("Perpetrator")
    }

    /// Whether this role sees a field of an entity.
    pub fn may_read(self, kind: EntityKind, field: &str) -> bool {
        if self != Role::ShelterStaff {
            return true;
        }
        SHELTER_STAFF_READS.iter().any(|(k, fields)| *k == kind && fields.contains(&field))
    }

    /// Whether this role may write a field of an entity (creating an entity writes each of the
    /// fields it is created with). Operators are managed by coordinators only.
    pub fn may_write(self, kind: EntityKind, field: &str) -> bool {
        match self {
            Role::Coordinator => true,
            Role::CaseWorker => kind != EntityKind::Operator,
            Role::ShelterStaff => SHELTER_STAFF_WRITES.contains(&kind) && self.may_read(kind, field),
            Role::ReadOnly => false,
        }
    }

    /// Whether this role may create an entity of this kind.
    pub fn may_create(self, kind: EntityKind) -> bool {
        match self {
            Role::Coordinator => true,
            Role::CaseWorker => kind != EntityKind::Operator,
            Role::ShelterStaff => SHELTER_STAFF_WRITES.contains(&kind),
            Role::ReadOnly => false,
        }
    }

    /// Removes from a row (an entity's fields as a map) what this role may not read.
    pub fn redact(self, kind: EntityKind, row: &mut serde_json::Map<String, serde_json::Value>) {
        if self == Role::ShelterStaff {
            row.retain(|field, _| field == "id" || self.may_read(kind, field));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::EntityKind;

    #[test]
    fn codes_round_trip_and_match_the_code_list() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
            assert!(crate::codes::OPERATOR_ROLE.contains(role.code()));
        }
        assert_eq!(crate::codes::OPERATOR_ROLE.codes.len(), Role::ALL.len());
        assert_eq!(Role::parse("Admin"), None);
    }

    #[test]
    fn every_field_shelter_staff_may_read_exists_in_the_schema() {
        for (kind, fields) in SHELTER_STAFF_READS {
            for f in *fields {
                assert!(kind.def().field(f).is_some(), "{}.{f}", kind.as_str());
            }
        }
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
