//! Code lists: the allowed values of every picklist field in a Lintas record.
//!
//! Where a field exists in IOM's Human Trafficking Case Data Standard 2.0 (HTCDS), the stored
//! code is HTCDS's own value name, copied verbatim. Keeping the codes identical to the standard
//! means that exported records can be read by any other HTCDS-based system without a mapping
//! table, and that a reviewer can check a list against the published field list line by line.
//! The standard is published by IOM under CC BY 4.0; using it does not imply IOM endorsement.
//!
//! Each code carries two labels. The Indonesian label (`id`) is what task-force social workers
//! see first, so it uses the terms they use in daily practice (for example "TPPO" for tindak
//! pidana perdagangan orang, and Dukcapil's marital-status terms). The English label (`en`)
//! follows HTCDS's own value label wherever there is one.
//!
//! Some lists are Lintas extensions that HTCDS does not define; their doc comments say so.
//! Country codes are ISO 3166-1 alpha-2 and province codes are the two-digit Kepmendagri codes.
//!
//! All lists are plain `static` data: nothing is allocated and nothing is read from disk, so the
//! lists are always available, including in tests and on an offline laptop.

/// One allowed value of a code list: the stored code and its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The value stored in records and exports; never translated.
    pub code: &'static str,
    /// The label in Bahasa Indonesia, shown first in the interface.
    pub id: &'static str,
    /// The label in English.
    pub en: &'static str,
}

impl Code {
    /// The label of this code in the given language.
    #[must_use]
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Id => self.id,
            Lang::En => self.en,
        }
    }
}

/// A named list of allowed codes.
#[derive(Debug, Clone, Copy)]
pub struct CodeList {
    /// The list's name, which is the constant's name in `snake_case` (e.g. "gender").
    pub name: &'static str,
    /// The allowed codes, in the order the interface should offer them.
    pub codes: &'static [Code],
}

impl CodeList {
    /// Whether `code` is an allowed value of this list.
    ///
    /// The comparison is exact and case-sensitive, because stored codes must match the standard
    /// byte for byte; "feminine" is not a valid HTCDS value even though "Feminine" is.
    #[must_use]
    pub fn contains(&self, code: &str) -> bool {
        self.get(code).is_some()
    }

    /// The entry for `code`, if it is an allowed value of this list.
    #[must_use]
    pub fn get(&self, code: &str) -> Option<&'static Code> {
        // A linear scan is fast enough: the longest list (countries) has about 250 entries.
        self.codes.iter().find(|c| c.code == code)
    }

    /// The label of `code` in the given language, if `code` is an allowed value of this list.
    #[must_use]
    pub fn label(&self, code: &str, lang: Lang) -> Option<&'static str> {
        self.get(code).map(|c| c.label(lang))
    }
}

/// A language in which labels can be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Bahasa Indonesia, the default because the users are Indonesian task forces.
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// Parses a language tag such as `id`, `id-ID`, `in_ID`, `en` or `en-GB`, ignoring case.
    ///
    /// Only the primary subtag matters, so any region is accepted. "in" is accepted as well as
    /// "id" because older Java and Android systems still report Indonesian with the withdrawn
    /// ISO 639 code "in". Returns `None` for any other language.
    #[must_use]
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next().unwrap_or("");
        let primary = primary.to_ascii_lowercase();
        match primary.as_str() {
            "id" | "in" | "ind" | "indonesian" | "indonesia" => Some(Lang::Id),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Builds a [`Code`]; short on purpose so that the tables below stay readable.
const fn c(code: &'static str, id: &'static str, en: &'static str) -> Code {
    Code { code, id, en }
}

// ---------------------------------------------------------------------------------------------
// Lists taken from HTCDS 2.0. Codes are HTCDS value names, verbatim.
// ---------------------------------------------------------------------------------------------

/// Gender of a person (HTCDS `prs_Gender`).
pub static GENDER: CodeList = CodeList {
    name: "gender",
    codes: &[
        c("Feminine", "Perempuan", "Feminine"),
        c("Masculine", "Laki-laki", "Masculine"),
        c("TransgenderFeminine", "Transpuan", "Transgender Feminine"),
        c("TransgenderMasculine", "Transpria", "Transgender Masculine"),
        c("NonConforming", "Non-konformis gender", "Non-Conforming"),
        c("NonSpecifiedUnknown", "Tidak disebutkan / tidak diketahui", "Not Specified/Unknown"),
    ],
};

/// Marital status of a person (HTCDS `prs_MaritalStatus`).
///
/// The Indonesian labels follow the terms of the civil registry (Dukcapil) where one exists,
/// because those are the words printed on the KTP and KK that workers copy from.
pub static MARITAL_STATUS: CodeList = CodeList {
    name: "marital_status",
    codes: &[
        c("Single", "Belum kawin", "Single"),
        c("Married", "Kawin", "Married"),
        c("Widowed", "Cerai mati (janda/duda)", "Widowed"),
        c("Divorced", "Cerai hidup", "Divorced"),
        c("Separated", "Pisah ranjang", "Separated"),
        c("RegisteredPartnership", "Kemitraan terdaftar", "Registered Partnership"),
    ],
};

/// Highest level of education reached (HTCDS `prs_HighestLevelOfEducation`).
///
/// HTCDS uses the ISCED 2011 levels; the Indonesian labels name the matching school or degree
/// (SD, SMP, SMA/SMK, D1–D3, S1, S2, S3) so that workers can pick the level without knowing ISCED.
pub static EDUCATION: CodeList = CodeList {
    name: "education",
    codes: &[
        c("EarlyChildhoodEducation", "Pendidikan anak usia dini (PAUD/TK)", "Early Childhood Education"),
        c("PrimaryEducation", "Sekolah dasar (SD/MI)", "Primary Education"),
        c("LowerSecondaryEducation", "Sekolah menengah pertama (SMP/MTs)", "Lower Secondary Education"),
        c("UpperSecondaryEducation", "Sekolah menengah atas (SMA/SMK/MA)", "Upper Secondary Education"),
        c(
            "PostSecondaryNonTertiaryEducation",
            "Pendidikan pasca-menengah non-perguruan tinggi (kursus/pelatihan kerja)",
            "Post-secondary Non-tertiary Education",
        ),
        c("ShortCycleTertiaryEducation", "Diploma (D1–D3)", "Short-cycle Tertiary Education"),
        c("BachelorsOrEquivalentLevel", "Sarjana (S1/D4)", "Bachelor’s or Equivalent Level"),
        c("MastersOrEquivalentLevel", "Magister (S2)", "Master’s or Equivalent Level"),
        c("DoctoralOrEquivalentLevel", "Doktor (S3)", "Doctoral or Equivalent Level"),
    ],
};

/// Whether a person is a victim of trafficking (HTCDS `vic_TraffickingStatus`).
pub static TRAFFICKING_STATUS: CodeList = CodeList {
    name: "trafficking_status",
    codes: &[
        c("PossibleVictimOfTrafficking", "Terduga korban TPPO", "Possible victim of trafficking"),
        c("ActualVictimOfTrafficking", "Korban TPPO (terkonfirmasi)", "Actual victim of trafficking"),
        c("NotAVictimOfTrafficking", "Bukan korban TPPO", "Not a victim of trafficking"),
    ],
};

/// Which kind of organisation decided the trafficking status
/// (the HTCDS field for the organisation that decided the trafficking status).
pub static STATUS_DECIDED_BY: CodeList = CodeList {
    name: "status_decided_by",
    codes: &[
        c("Police", "Kepolisian", "Police"),
        c("NGO", "LSM", "NGO"),
        c("CourtOrProsecution", "Pengadilan atau kejaksaan", "Court or prosecution"),
        c(
            "NonPoliceGovernmentalOrganization",
            "Instansi pemerintah non-kepolisian",
            "Non-police governmental organization",
        ),
        c("Other", "Lainnya", "Other"),
    ],
};

/// How the victim knew the trafficker (HTCDS `vic_RelationshipToTrafficker`).
pub static RELATIONSHIP_TO_TRAFFICKER: CodeList = CodeList {
    name: "relationship_to_trafficker",
    codes: &[
        c("Familial", "Keluarga", "Familial"),
        c("Acquainted", "Kenalan", "Acquainted"),
        // "Unaquainted" is HTCDS's own spelling of the value name. The stored code keeps it
        // verbatim so that records stay compatible with the standard; only the English label,
        // which is display text, is spelled correctly.
        c("Unaquainted", "Tidak saling kenal", "Unacquainted"),
    ],
};

/// Websites and apps used to recruit the victim (HTCDS `vic_RecruitmentWebsitesAndApps`).
///
/// Product names are not translated; only "Other" has an Indonesian label of its own.
pub static RECRUITMENT_APPS: CodeList = CodeList {
    name: "recruitment_apps",
    codes: &[
        c("Facebook", "Facebook", "Facebook"),
        c("Instagram", "Instagram", "Instagram"),
        c("WhatsApp", "WhatsApp", "WhatsApp"),
        c("Telegram", "Telegram", "Telegram"),
        c("FacebookMessenger", "Facebook Messenger", "Facebook Messenger"),
        c("Viber", "Viber", "Viber"),
        c("SnapChat", "Snapchat", "Snapchat"),
        c("Line", "Line", "Line"),
        c("4Sale", "4Sale", "4Sale"),
        c("WeChat", "WeChat", "WeChat"),
        c("QQ", "QQ", "QQ"),
        c("QZone", "QZone", "QZone"),
        c("TikTok", "TikTok", "TikTok"),
        // The service has been renamed X; both names are shown so that either is recognised.
        c("Twitter", "Twitter / X", "Twitter / X"),
        c("Other", "Lainnya", "Other"),
    ],
};

/// How the victim was recruited (HTCDS `vic_MethodOfRecruitment`).
pub static METHOD_OF_RECRUITMENT: CodeList = CodeList {
    name: "method_of_recruitment",
    codes: &[
        c("AtAPlaceOfBusiness", "Di tempat usaha", "At a place of business"),
        c("AtAnEducationalInstitution", "Di lembaga pendidikan (sekolah/kampus)", "At an educational institution"),
        c("AtWork", "Di tempat kerja", "At work"),
        c("ThroughOnlineSocialNetworks", "Melalui media sosial", "Through online social networks"),
        c("ThroughAnOnlineAdvertisement", "Melalui iklan daring", "Through an online advertisement"),
        c("ThroughATelevisionAdvert", "Melalui iklan televisi", "Through a television advert"),
        c("ThroughANewspaperAdvert", "Melalui iklan surat kabar", "Through a newspaper advert"),
        c("ThroughFamilyOrFamilyEvents", "Melalui keluarga atau acara keluarga", "Through family or family events"),
        c("ThroughFriendsOrSocialEvents", "Melalui teman atau acara sosial", "Through friends or social events"),
        c("Other", "Lainnya", "Other"),
    ],
};

/// How the trafficker controlled the victim (HTCDS `vic_MethodsOfControl`).
pub static MEANS_OF_CONTROL: CodeList = CodeList {
    name: "means_of_control",
    codes: &[
        c("PhysicalThreats", "Ancaman kekerasan fisik", "Physical threats"),
        c("ThreatsLawEnforcement", "Ancaman dilaporkan ke aparat penegak hukum", "Threats of law enforcement"),
        c("ThreatensChildrenFamily", "Ancaman terhadap anak/keluarga", "Threatens children/family"),
        // HTCDS lists this value name as "DebtBondage " with a stray trailing space. The space is
        // a typing slip rather than part of the name, and a code with a space could not be
        // matched reliably, so the code is stored without it.
        c("DebtBondage", "Jeratan utang", "Debt bondage"),
        c("FalsePromises", "Janji palsu", "False promises"),
        c("PhysicalAbuse", "Kekerasan fisik", "Physical abuse"),
        c("SexualAbuse", "Kekerasan seksual", "Sexual abuse"),
        c("TakesEarnings", "Penghasilan diambil pelaku", "Takes earnings"),
        c("RestrictsFinancialAccess", "Pembatasan akses keuangan", "Restricts financial access"),
        c("RestrictsMedicalCare", "Pembatasan akses layanan kesehatan", "Restricts medical care"),
        c("WithholdsNecessities", "Penahanan kebutuhan pokok (makan, minum, tempat tinggal)", "Withholds necessities"),
        c("PsychologicalAbuse", "Kekerasan psikis", "Psychological abuse"),
        c("PsychoactiveSubstance", "Pemberian zat psikoaktif (narkoba/alkohol)", "Psychoactive substance"),
        c("ExcessiveWorkingHours", "Jam kerja berlebihan", "Excessive working hours"),
        c("WithholdsDocuments", "Penahanan dokumen (paspor/identitas)", "Withholds documents"),
        c("Other", "Lainnya", "Other"),
    ],
};

/// Form of exploitation (HTCDS `vic_TypeOfExploitation`).
pub static TYPE_OF_EXPLOITATION: CodeList = CodeList {
    name: "type_of_exploitation",
    codes: &[
        c("ForcedLabour", "Kerja paksa", "Forced labour"),
        c("SexualExploitation", "Eksploitasi seksual", "Sexual exploitation"),
        c("ChildLabour", "Pekerja anak", "Child labour"),
        c("ForcedMarriage", "Perkawinan paksa", "Forced marriage"),
        // UU 21/2007 (the TPPO law) names this "perbudakan atau praktik serupa perbudakan".
        c("Servitude", "Perbudakan atau praktik serupa perbudakan", "Servitude"),
        c(
            "ForcedMilitaryByNonStateActors",
            "Perekrutan paksa oleh kelompok bersenjata non-negara",
            "Forced military (by non-state actors)",
        ),
        c("OrganRemoval", "Pengambilan organ tubuh", "Organ removal"),
        c("ForcedBegging", "Pengemisan paksa", "Forced begging"),
        c("ForcedAdoption", "Adopsi paksa", "Forced adoption"),
        c("Surrogacy", "Sewa rahim (surogasi)", "Surrogacy"),
        c("Other", "Lainnya", "Other"),
    ],
};

/// Industry of forced labour (HTCDS `vic_ForcedLabourIndustry`).
///
/// The codes are the ISIC Rev. 4 sections, prefixed with their section letter. Indonesia's KBLI
/// uses the same sections, so the Indonesian labels follow the KBLI section names, shortened
/// where the official name is too long for a picklist. Sections A and T carry a hint because
/// fishing crews and domestic workers are the most common Indonesian forced-labour cases.
pub static FORCED_LABOUR_INDUSTRY: CodeList = CodeList {
    name: "forced_labour_industry",
    codes: &[
        c(
            "A_AgricultureForestryAndFishing",
            "Pertanian, kehutanan, dan perikanan (termasuk awak kapal ikan)",
            "Agriculture, forestry and fishing",
        ),
        c(
            "B_MiningAndQuarrying",
            "Pertambangan dan penggalian",
            "Mining and quarrying",
        ),
        c("C_Manufacturing", "Industri pengolahan", "Manufacturing"),
        c(
            "D_ElectricityGasSteamAndAirConditioningSupply",
            "Pengadaan listrik, gas, uap, dan udara dingin",
            "Electricity, gas, steam and air conditioning supply",
        ),
        c(
            "E_WaterSupplySewerageWasteManagement",
            "Pengadaan air, pengelolaan limbah dan sampah, serta remediasi",
            "Water supply; sewerage, waste management and remediation",
        ),
        c("F_Construction", "Konstruksi", "Construction"),
        c(
            "G_WholesaleAndRetailTradeRepairOfMotorVehicles",
            "Perdagangan besar dan eceran; reparasi mobil dan sepeda motor",
            "Wholesale and retail trade; repair of motor vehicles and motorcycles",
        ),
        c(
            "H_TransportationAndStorage",
            "Pengangkutan dan pergudangan",
            "Transportation and storage",
        ),
        c(
            "I_AccommodationAndFoodServiceActivities",
            "Penyediaan akomodasi dan makan minum",
            "Accommodation and food service activities",
        ),
        c(
            "J_InformationAndCommunication",
            "Informasi dan komunikasi",
            "Information and communication",
        ),
        c(
            "K_FinancialAndInsuranceActivities",
            "Aktivitas keuangan dan asuransi",
            "Financial and insurance activities",
        ),
        c(
            "L_RealEstateActivities",
            "Real estat",
            "Real estate activities",
        ),
        c(
            "M_ProfessionalScientificAndTechnicalActivities",
            "Aktivitas profesional, ilmiah, dan teknis",
            "Professional, scientific and technical activities",
        ),
        c(
            "N_AdministrativeAndSupportServiceActivities",
            "Aktivitas administrasi dan penunjang usaha",
            "Administrative and support service activities",
        ),
        c(
            "O_PublicAdministrationAndDefence",
            "Administrasi pemerintahan, pertahanan, dan jaminan sosial wajib",
            "Public administration and defence; compulsory social security",
        ),
        c("P_Education", "Pendidikan", "Education"),
        c(
            "Q_HumanHealthAndSocialWorkActivities",
            "Aktivitas kesehatan manusia dan aktivitas sosial",
            "Human health and social work activities",
        ),
        c(
            "R_ArtsEntertainmentAndRecreation",
            "Kesenian, hiburan, dan rekreasi",
            "Arts, entertainment and recreation",
        ),
        c(
            "S_OtherServiceActivities",
            "Aktivitas jasa lainnya",
            "Other service activities",
        ),
        c(
            "T_ActivitiesOfHouseholdsAsEmployers",
            "Rumah tangga sebagai pemberi kerja (termasuk pekerja rumah tangga)",
            "Activities of households as employers; undifferentiated goods- and services- producing activities of households for own use",
        ),
        c(
            "U_ActivitiesOfExtraterritorialOrganizations",
            "Aktivitas badan internasional dan badan ekstra-teritorial lainnya",
            "Activities of extraterritorial organizations and bodies",
        ),
    ],
};

/// Form of sexual exploitation (HTCDS `vic_TypeOfSexExploitation`).
pub static TYPE_OF_SEX_EXPLOITATION: CodeList = CodeList {
    name: "type_of_sex_exploitation",
    codes: &[
        c("Prostitution", "Prostitusi", "Prostitution"),
        c("Pornography", "Pornografi", "Pornography"),
        c("RemoteInteractiveServices", "Layanan seksual interaktif jarak jauh (daring)", "Remote Interactive Services"),
        c("PrivateSexualServices", "Layanan seksual pribadi", "Private Sexual Services"),
    ],
};

/// Circumstances that made the person vulnerable (HTCDS `vic_Vulnerabilities`).
pub static VULNERABILITIES: CodeList = CodeList {
    name: "vulnerabilities",
    codes: &[
        c("Addiction", "Kecanduan", "Addiction"),
        c("SocialGroup", "Kelompok sosial rentan", "Social Group"),
        c("Discrimination", "Diskriminasi", "Discrimination"),
        c("Poverty", "Kemiskinan", "Poverty"),
        c("DisabilityAndPhysicalHealth", "Disabilitas dan kesehatan fisik", "Disability and physical health"),
        c("MentalHealth", "Kesehatan mental", "Mental health"),
        c("Migration", "Migrasi", "Migration"),
        c("Homelessness", "Tunawisma", "Homelessness"),
        c("AbuseSocialMedia", "Kekerasan melalui media sosial", "Abuse - social media"),
        c("AbusePhysical", "Kekerasan fisik", "Abuse - physical"),
        // As a vulnerability, "Education" means a lack of it.
        c("Education", "Pendidikan rendah / putus sekolah", "Education"),
        c("WorkEnvironment", "Lingkungan kerja", "Work environment"),
    ],
};

/// Role of a perpetrator in the trafficking process (HTCDS `per_RoleInProcess`).
///
/// The Indonesian labels use the acts named in UU 21/2007 (perekrutan, pengangkutan,
/// penampungan, pemindahan, penerimaan) so that they line up with how cases are charged.
pub static ROLE_IN_PROCESS: CodeList = CodeList {
    name: "role_in_process",
    codes: &[
        c("TravellingPartner", "Teman perjalanan", "Travelling Partner"),
        c("Transporter", "Pengangkut", "Transporter"),
        c("RecruiterOrIntermediary", "Perekrut atau perantara (sponsor/calo)", "Recruiter Or Intermediary"),
        c("BrokerTravelAgent", "Makelar / agen perjalanan", "Broker Travel Agent"),
        c("TransferredIndividual", "Pemindah korban", "Transferred Individual"),
        c("HarbouredIndividual", "Penampung korban", "Harboured Individual"),
        c("SoldIndividual", "Penjual korban", "Sold Individual"),
        c("BoughtIndividual", "Pembeli korban", "Bought Individual"),
        c("ReceivedIndividual", "Penerima korban", "Received Individual"),
        c("ControlledIndividual", "Pengendali korban", "Controlled Individual"),
        c("Smuggler", "Penyelundup", "Smuggler"),
        c("Abuser", "Pelaku kekerasan", "Abuser"),
        c("Kidnapper", "Penculik", "Kidnapper"),
        c("Exploiter", "Pengeksploitasi", "Exploiter"),
        c("Other", "Lainnya", "Other"),
    ],
};

/// Status of a case (HTCDS `cas_Status`).
pub static CASE_STATUS: CodeList = CodeList {
    name: "case_status",
    codes: &[
        c("Active", "Aktif", "Active"),
        c("FollowUp", "Pemantauan lanjutan", "Follow Up"),
        c("Closed", "Ditutup", "Closed"),
        c("ClosedReferred", "Ditutup (dirujuk)", "Closed Referred"),
    ],
};

/// Reason for referring a case to another organisation (HTCDS `cas_ReasonForOutgoingReferral`).
pub static REFERRAL_REASON: CodeList = CodeList {
    name: "referral_reason",
    codes: &[
        c("AdditionalServicesRequired", "Membutuhkan layanan tambahan", "Additional Services Required"),
        c("MigrationOrChangeOfLocation", "Migrasi atau pindah lokasi", "Migration or Change of Location"),
        c("Other", "Lainnya", "Other"),
    ],
};

/// Stage of the trafficking process that an event belongs to (HTCDS `hte_Type`).
pub static EVENT_TYPE: CodeList = CodeList {
    name: "event_type",
    codes: &[
        c("Recruitment", "Perekrutan", "Recruitment"),
        c("Transit", "Transit", "Transit"),
        c("Exploitation", "Eksploitasi", "Exploitation"),
    ],
};

/// Category of an organisation (HTCDS `org_Type`), then the service providers of Indonesian
/// victim handling (Lintas extensions).
pub static ORGANISATION_TYPE: CodeList = CodeList {
    name: "organisation_type",
    codes: &[
        c("NGO", "Lembaga swadaya masyarakat (LSM)", "NGO"),
        c("LawEnforcement", "Aparat penegak hukum", "Law Enforcement"),
        c("HealthServiceOrganisation", "Fasilitas layanan kesehatan", "Health Service Organisation"),
        c("CentralGovernmentOrganisation", "Instansi pemerintah pusat", "Central Government Organisation"),
        c("LocalGovernmentOrganisation", "Instansi pemerintah daerah", "Local Government Organisation"),
        c("ImmigrationService", "Imigrasi", "Immigration Service"),
        c("LegalService", "Layanan bantuan hukum", "Legal Service"),
        c("CorporateBusiness", "Perusahaan / badan usaha", "Corporate Business"),
        c("SchoolOrCollege", "Sekolah atau perguruan tinggi", "School or College"),
        // Lintas extensions.
        c("Shelter", "Rumah aman / shelter", "Shelter"),
        c("Rptc", "RPTC (Rumah Perlindungan Trauma Center)", "RPTC (trauma centre shelter)"),
        c("UptdPpa", "UPTD PPA / P2TP2A", "UPTD PPA / P2TP2A (women and child protection)"),
        c("ReligiousOrganisation", "Organisasi keagamaan", "Religious organisation"),
        c(
            "PlacementAgency",
            "Perusahaan penempatan pekerja migran (P3MI / PPTKIS)",
            "Placement agency (P3MI / PPTKIS)",
        ),
    ],
};

/// Type of service provided to a person (HTCDS `spl_Type`, plus Lintas extensions).
///
/// The first nine codes are HTCDS's. The others are Lintas extensions, not in HTCDS: services
/// that Indonesian task forces (P2TP2A/UPTD PPA, Dinas Sosial, BP2MI) and reintegration
/// programmes record separately and would otherwise have to file under `SocialCare` or
/// `Livelihood`, losing the distinction.
pub static SERVICE_TYPE: CodeList = CodeList {
    name: "service_type",
    codes: &[
        c("Education", "Pendidikan", "Education"),
        c("Financial", "Bantuan keuangan", "Financial"),
        c("Health", "Layanan kesehatan", "Health"),
        c(
            "LabourExploitationRehabilitation",
            "Rehabilitasi korban eksploitasi kerja",
            "Labour Exploitation Rehabilitation",
        ),
        c("Legal", "Bantuan hukum", "Legal"),
        c("Livelihood", "Pemberdayaan ekonomi / mata pencaharian", "Livelihood"),
        c("RightsBasedTraining", "Pelatihan berbasis hak", "Rights-based Training"),
        c(
            "SexualExploitationRehabilitation",
            "Rehabilitasi korban eksploitasi seksual",
            "Sexual Exploitation Rehabilitation",
        ),
        c("SocialCare", "Pelayanan sosial", "Social Care"),
        // Lintas extensions, not in HTCDS.
        c("Shelter", "Rumah aman / penampungan", "Shelter"),
        c("Psychosocial", "Dukungan psikososial", "Psychosocial support"),
        c("Repatriation", "Pemulangan (repatriasi)", "Repatriation"),
        c("FamilyTracing", "Penelusuran keluarga", "Family tracing"),
        c("Reintegration", "Reintegrasi sosial", "Reintegration"),
        // What reintegration programmes for returned migrant workers offer (the Kadin–IOM
        // economic empowerment programme; HTCDS support plans of type Livelihood/Financial).
        c("SkillsTraining", "Pelatihan keterampilan / vokasi", "Vocational or skills training"),
        c("FamilyReunification", "Penyatuan kembali dengan keluarga", "Family reunification"),
        c("EconomicEmpowerment", "Pemberdayaan ekonomi / usaha", "Economic empowerment"),
        c("FinancialTraining", "Pelatihan pengelolaan keuangan dan remitansi", "Financial and remittance training"),
    ],
};

/// The stages of victim handling in Indonesian practice (Perpres 69/2008, the SPM of the
/// integrated service centres): the step of the way a service or plan belongs to. Lintas
/// extension, not in HTCDS.
pub static SERVICE_STAGE: CodeList = CodeList {
    name: "service_stage",
    codes: &[
        c("Identification", "Identifikasi", "Identification"),
        c("HealthRehabilitation", "Rehabilitasi kesehatan", "Health rehabilitation"),
        c("SocialRehabilitation", "Rehabilitasi sosial", "Social rehabilitation"),
        c("LegalAid", "Bantuan hukum", "Legal aid"),
        c("Return", "Pemulangan", "Return"),
        c("SocialReintegration", "Reintegrasi sosial", "Social reintegration"),
    ],
};

/// Which plan a plan is: support while the case is open, or reintegration at home. HTCDS has
/// one support plan with a type (`spl_Type`, here `SERVICE_TYPE`); Lintas extension.
pub static PLAN_KIND: CodeList = CodeList {
    name: "plan_kind",
    codes: &[
        c("Support", "Rencana dukungan", "Support plan"),
        c("Reintegration", "Rencana reintegrasi", "Reintegration plan"),
    ],
};

/// How a plan is going. Lintas extension, not in HTCDS.
pub static PLAN_PROGRESS: CodeList = CodeList {
    name: "plan_progress",
    codes: &[
        c("NotStarted", "Belum dimulai", "Not started"),
        c("OnTrack", "Berjalan sesuai rencana", "On track"),
        c("Delayed", "Terlambat", "Delayed"),
        c("Stopped", "Terhenti", "Stopped"),
        c("Finished", "Selesai", "Finished"),
    ],
};

/// What a plan achieved, recorded when it ends. Lintas extension, not in HTCDS.
pub static PLAN_OUTCOME: CodeList = CodeList {
    name: "plan_outcome",
    codes: &[
        c("Achieved", "Tujuan tercapai", "Goals achieved"),
        c("PartlyAchieved", "Tercapai sebagian", "Partly achieved"),
        c("NotAchieved", "Tidak tercapai", "Not achieved"),
        c("Discontinued", "Dihentikan", "Discontinued"),
    ],
};

/// What an assessment looks at: HTCDS 2.0's three risk and vulnerability assessments (after
/// IOM's handbook on migrants vulnerable to violence, exploitation and abuse) and, for a
/// child, a best-interest assessment. Lintas extension.
pub static ASSESSMENT_KIND: CodeList = CodeList {
    name: "assessment_kind",
    codes: &[
        c("Individual", "Risiko dan kerentanan individu", "Individual risk and vulnerability"),
        c("Household", "Risiko dan kerentanan rumah tangga", "Household risk and vulnerability"),
        c("Community", "Risiko dan kerentanan komunitas", "Community risk and vulnerability"),
        c("BestInterest", "Kepentingan terbaik anak", "Best interests of the child"),
    ],
};

/// The level of risk an assessment found. Lintas extension.
pub static RISK_LEVEL: CodeList = CodeList {
    name: "risk_level",
    codes: &[c("Low", "Rendah", "Low"), c("Medium", "Sedang", "Medium"), c("High", "Tinggi", "High")],
};

// ---------------------------------------------------------------------------------------------
// Lintas extensions. None of these lists is defined by HTCDS; their codes follow HTCDS's style
// (ASCII UpperCamelCase) so that they look and behave like the standard's codes.
// ---------------------------------------------------------------------------------------------

/// Role of a person in a case. Lintas extension, not in HTCDS.
pub static PERSON_ROLE: CodeList = CodeList {
    name: "person_role",
    codes: &[
        c("Victim", "Korban", "Victim"),
        c("Witness", "Saksi", "Witness"),
        c("FamilyContact", "Keluarga / kontak keluarga", "Family contact"),
        c("Perpetrator", "Pelaku", "Perpetrator"),
    ],
};

/// Progress of a service. Lintas extension, not in HTCDS.
pub static SERVICE_STATUS: CodeList = CodeList {
    name: "service_status",
    codes: &[
        c("Planned", "Direncanakan", "Planned"),
        c("InProgress", "Sedang berjalan", "In progress"),
        c("Completed", "Selesai", "Completed"),
        c("Cancelled", "Dibatalkan", "Cancelled"),
    ],
};

/// Outcome of a scheduled follow-up contact. Lintas extension, not in HTCDS.
pub static FOLLOWUP_STATUS: CodeList = CodeList {
    name: "followup_status",
    codes: &[
        c("Planned", "Direncanakan", "Planned"),
        c("Done", "Terlaksana", "Done"),
        c("Missed", "Tidak terlaksana", "Missed"),
    ],
};

/// Lintas extension: whether two records are the same person, as a person decided.
pub static LINK_STATUS: CodeList = CodeList {
    name: "link_status",
    codes: &[
        c("Linked", "Orang yang sama", "Same person"),
        c("Unlinked", "Bukan orang yang sama", "Not the same person"),
    ],
};

/// Lintas extension: the role of an operator of a shared laptop (what each may do: roles.rs).
pub static OPERATOR_ROLE: CodeList = CodeList {
    name: "operator_role",
    codes: &[
        c("Coordinator", "Koordinator", "Coordinator"),
        c("CaseWorker", "Pendamping kasus", "Case worker"),
        c("ShelterStaff", "Petugas rumah aman", "Shelter staff"),
        c("ReadOnly", "Hanya membaca", "Read-only"),
    ],
};

/// Lintas extension: the life of a referral between districts. The order is a lattice that
/// merge never moves backwards: Draft < Sent < Received < Accepted | Declined < Completed.
pub static REFERRAL_STATUS: CodeList = CodeList {
    name: "referral_status",
    codes: &[
        c("Draft", "Draf", "Draft"),
        c("Sent", "Dikirim", "Sent"),
        c("Received", "Sampai di daerah tujuan", "Arrived"),
        c("Accepted", "Disetujui", "Accepted"),
        c("Declined", "Ditolak", "Declined"),
        c("Completed", "Selesai", "Completed"),
    ],
};

/// Stage a case has reached in the criminal justice process. Lintas extension, not in HTCDS.
///
/// The stages follow Indonesian criminal procedure (KUHAP): police inquiry and investigation
/// (penyelidikan/penyidikan), prosecution by the kejaksaan, trial, and verdict.
pub static LAW_ENFORCEMENT_STAGE: CodeList = CodeList {
    name: "law_enforcement_stage",
    codes: &[
        c("NotReported", "Belum dilaporkan", "Not reported"),
        c("Reported", "Sudah dilaporkan ke polisi", "Reported to police"),
        c("Investigation", "Penyelidikan / penyidikan", "Investigation"),
        c("Prosecution", "Penuntutan", "Prosecution"),
        c("Trial", "Persidangan", "Trial"),
        c("Verdict", "Putusan", "Verdict"),
        c("Closed", "Ditutup", "Closed"),
    ],
};

/// The outcome of a trial, where the case records it. Lintas extension, not in HTCDS.
pub static VERDICT: CodeList = CodeList {
    name: "verdict",
    codes: &[c("Convicted", "Terdakwa dihukum", "Convicted"), c("Acquitted", "Terdakwa dibebaskan", "Acquitted")],
};

/// Kinds of prevention activity a task force runs (Perpres 69/2008 as amended by 22/2021:
/// advocacy, socialisation, cooperation). Lintas extension.
pub static ACTIVITY_KIND: CodeList = CodeList {
    name: "activity_kind",
    codes: &[
        c("Socialisation", "Sosialisasi di desa", "Village socialisation"),
        c("Campaign", "Kampanye", "Campaign"),
        c("VillageRegulation", "Peraturan desa (Perdes)", "Village regulation (Perdes)"),
        c("FocalPointMeeting", "Pertemuan penanggung jawab antardaerah", "Meeting of focal points"),
        c("Advocacy", "Advokasi", "Advocacy"),
    ],
};

/// Who a prevention activity reached. Lintas extension.
pub static AUDIENCE: CodeList = CodeList {
    name: "audience",
    codes: &[
        c("Villagers", "Warga desa", "Villagers"),
        c("ProspectiveMigrants", "Calon pekerja migran", "Prospective migrant workers"),
        c("ReturnedMigrants", "Pekerja migran yang sudah kembali", "Returned migrant workers"),
        c("Families", "Keluarga pekerja migran", "Families of migrant workers"),
        c("Students", "Pelajar dan mahasiswa", "Students"),
        c("VillageOfficials", "Aparat desa", "Village officials"),
        c("CommunityLeaders", "Tokoh masyarakat dan tokoh adat", "Community and customary leaders"),
        c("ReligiousLeaders", "Tokoh agama", "Religious leaders"),
        c("PrivateSector", "Sektor swasta", "Private sector"),
        c("Officials", "Aparatur pemerintah", "Government officials"),
    ],
};

/// What a prevention activity was about. Lintas extension.
pub static PREVENTION_TOPIC: CodeList = CodeList {
    name: "prevention_topic",
    codes: &[
        c("SafeMigration", "Migrasi aman", "Safe migration"),
        c("TraffickingSigns", "Tanda-tanda perdagangan orang", "Signs of trafficking"),
        c("LegalPlacement", "Prosedur penempatan resmi", "Legal placement procedure"),
        c("Reporting", "Cara melapor dan meminta bantuan", "How to report and get help"),
        c("VictimRights", "Hak-hak korban", "Victims' rights"),
        c("OnlineRecruitment", "Perekrutan lewat media sosial", "Online recruitment"),
        c("ChildProtection", "Perlindungan anak", "Child protection"),
        c("Remittances", "Pengelolaan uang kiriman (remitansi)", "Managing remittances"),
    ],
};

/// Where a village regulation (Perdes) stands.
pub static REGULATION_STATUS: CodeList = CodeList {
    name: "regulation_status",
    codes: &[c("Drafted", "Dirancang", "Drafted"), c("Passed", "Ditetapkan", "Passed")],
};

/// What a training or workshop for task-force members and partners covered. Lintas extension.
pub static TRAINING_TOPIC: CodeList = CodeList {
    name: "training_topic",
    codes: &[
        c("Identification", "Identifikasi korban", "Victim identification"),
        c("VictimHandling", "Penanganan korban", "Victim handling"),
        c("CaseManagement", "Manajemen kasus", "Case management"),
        c("Referral", "Rujukan antardaerah", "Referral between districts"),
        c("LawEnforcement", "Penegakan hukum", "Law enforcement"),
        c("Psychosocial", "Dukungan psikososial", "Psychosocial support"),
        c("ChildFriendly", "Penanganan ramah anak", "Child-friendly handling"),
        c("DataProtection", "Perlindungan data pribadi", "Personal data protection"),
        c("Prevention", "Pencegahan", "Prevention"),
    ],
};

/// The agency a training participant works for. Lintas extension.
pub static AGENCY: CodeList = CodeList {
    name: "agency",
    codes: &[
        c("Police", "Kepolisian", "Police"),
        c("Prosecution", "Kejaksaan", "Prosecution service"),
        c("Court", "Pengadilan", "Court"),
        c("SocialAffairs", "Dinas Sosial", "Social affairs office"),
        c("WomenChildProtection", "Dinas PPPA / UPTD PPA", "Women and child protection office"),
        c("Health", "Dinas Kesehatan / rumah sakit", "Health office or hospital"),
        c("Manpower", "Dinas Tenaga Kerja", "Manpower office"),
        c("Immigration", "Imigrasi", "Immigration"),
        c("Bp3mi", "BP3MI", "BP3MI (migrant worker protection agency)"),
        c("VillageGovernment", "Pemerintah desa", "Village government"),
        c("Ngo", "LSM", "NGO"),
        c("ReligiousOrganisation", "Organisasi keagamaan", "Religious organisation"),
        c("PrivateSector", "Sektor swasta", "Private sector"),
        c("Other", "Lainnya", "Other"),
    ],
};

/// Who runs an empowerment programme. Lintas extension.
pub static PROGRAMME_KIND: CodeList = CodeList {
    name: "programme_kind",
    codes: &[
        c("PrivateSector", "Program CSR sektor swasta", "Private-sector (CSR) programme"),
        c("Ngo", "Program LSM", "NGO programme"),
        c("Government", "Program pemerintah", "Government programme"),
        c("International", "Program lembaga internasional", "International organisation's programme"),
    ],
};

/// Ways in which travel or identity documents were misused. Lintas extension, not in HTCDS.
pub static DOCUMENT_MISUSE: CodeList = CodeList {
    name: "document_misuse",
    codes: &[
        c("VisaAbuse", "Penyalahgunaan visa (mis. visa kunjungan untuk bekerja)", "Visa abuse"),
        c("ForgedDocuments", "Dokumen palsu", "Forged documents"),
        c("FalseIdentity", "Identitas palsu", "False identity"),
        c("DocumentsWithheld", "Dokumen ditahan", "Documents withheld"),
        c("NoDocuments", "Tidak memiliki dokumen", "No documents"),
        c("AgeFalsified", "Umur dipalsukan", "Age falsified"),
    ],
};

/// How a person came back from abroad. Lintas extension, not in HTCDS.
pub static DEPORTEE_STATUS: CodeList = CodeList {
    name: "deportee_status",
    codes: &[
        c("Deported", "Dideportasi", "Deported"),
        c("ReturnedVoluntarily", "Pulang secara sukarela", "Returned voluntarily"),
        c("Rescued", "Diselamatkan", "Rescued"),
        c("NotApplicable", "Tidak berlaku", "Not applicable"),
    ],
};

// ---------------------------------------------------------------------------------------------
// Places.
// ---------------------------------------------------------------------------------------------

/// Countries and territories, by ISO 3166-1 alpha-2 code (HTCDS asks for ISO 3166 codes).
///
/// This is the full list of officially assigned codes, in code order. The English labels are
/// short names (e.g. "South Korea" rather than "Korea, Republic of") because that is what people
/// look for in a picklist. The Indonesian labels follow Indonesian government and press usage,
/// e.g. "Tiongkok" (the official name since 2014) and "Timor Leste".
/// User-assigned codes such as XK (Kosovo) are not included because they are not part of the
/// standard and other systems may not accept them.
pub static COUNTRY: CodeList = CodeList {
    name: "country",
    codes: &[
        c("AD", "Andorra", "Andorra"),
        c("AE", "Uni Emirat Arab", "United Arab Emirates"),
        c("AF", "Afganistan", "Afghanistan"),
        c("AG", "Antigua dan Barbuda", "Antigua and Barbuda"),
        c("AI", "Anguilla", "Anguilla"),
        c("AL", "Albania", "Albania"),
        c("AM", "Armenia", "Armenia"),
        c("AO", "Angola", "Angola"),
        c("AQ", "Antartika", "Antarctica"),
        c("AR", "Argentina", "Argentina"),
        c("AS", "Samoa Amerika", "American Samoa"),
        c("AT", "Austria", "Austria"),
        c("AU", "Australia", "Australia"),
        c("AW", "Aruba", "Aruba"),
        c("AX", "Kepulauan Åland", "Åland Islands"),
        c("AZ", "Azerbaijan", "Azerbaijan"),
        c("BA", "Bosnia dan Herzegovina", "Bosnia and Herzegovina"),
        c("BB", "Barbados", "Barbados"),
        c("BD", "Bangladesh", "Bangladesh"),
        c("BE", "Belgia", "Belgium"),
        c("BF", "Burkina Faso", "Burkina Faso"),
        c("BG", "Bulgaria", "Bulgaria"),
        c("BH", "Bahrain", "Bahrain"),
        c("BI", "Burundi", "Burundi"),
        c("BJ", "Benin", "Benin"),
        c("BL", "Saint Barthélemy", "Saint Barthélemy"),
        c("BM", "Bermuda", "Bermuda"),
        c("BN", "Brunei Darussalam", "Brunei"),
        c("BO", "Bolivia", "Bolivia"),
        c("BQ", "Bonaire, Sint Eustatius, dan Saba", "Bonaire, Sint Eustatius and Saba"),
        c("BR", "Brasil", "Brazil"),
        c("BS", "Bahama", "Bahamas"),
        c("BT", "Bhutan", "Bhutan"),
        c("BV", "Pulau Bouvet", "Bouvet Island"),
        c("BW", "Botswana", "Botswana"),
        c("BY", "Belarus", "Belarus"),
        c("BZ", "Belize", "Belize"),
        c("CA", "Kanada", "Canada"),
        c("CC", "Kepulauan Cocos (Keeling)", "Cocos (Keeling) Islands"),
        c("CD", "Republik Demokratik Kongo", "Democratic Republic of the Congo"),
        c("CF", "Republik Afrika Tengah", "Central African Republic"),
        c("CG", "Republik Kongo", "Republic of the Congo"),
        c("CH", "Swiss", "Switzerland"),
        c("CI", "Pantai Gading", "Côte d'Ivoire"),
        c("CK", "Kepulauan Cook", "Cook Islands"),
        c("CL", "Chili", "Chile"),
        c("CM", "Kamerun", "Cameroon"),
        c("CN", "Tiongkok", "China"),
        c("CO", "Kolombia", "Colombia"),
        c("CR", "Kosta Rika", "Costa Rica"),
        c("CU", "Kuba", "Cuba"),
        c("CV", "Tanjung Verde", "Cabo Verde"),
        c("CW", "Curaçao", "Curaçao"),
        c("CX", "Pulau Christmas", "Christmas Island"),
        c("CY", "Siprus", "Cyprus"),
        c("CZ", "Ceko", "Czechia"),
        c("DE", "Jerman", "Germany"),
        c("DJ", "Djibouti", "Djibouti"),
        c("DK", "Denmark", "Denmark"),
        c("DM", "Dominika", "Dominica"),
        c("DO", "Republik Dominika", "Dominican Republic"),
        c("DZ", "Aljazair", "Algeria"),
        c("EC", "Ekuador", "Ecuador"),
        c("EE", "Estonia", "Estonia"),
        c("EG", "Mesir", "Egypt"),
        c("EH", "Sahara Barat", "Western Sahara"),
        c("ER", "Eritrea", "Eritrea"),
        c("ES", "Spanyol", "Spain"),
        c("ET", "Etiopia", "Ethiopia"),
        c("FI", "Finlandia", "Finland"),
        c("FJ", "Fiji", "Fiji"),
        c("FK", "Kepulauan Falkland", "Falkland Islands"),
        c("FM", "Mikronesia", "Micronesia"),
        c("FO", "Kepulauan Faroe", "Faroe Islands"),
        c("FR", "Prancis", "France"),
        c("GA", "Gabon", "Gabon"),
        c("GB", "Britania Raya (Inggris)", "United Kingdom"),
        c("GD", "Grenada", "Grenada"),
        c("GE", "Georgia", "Georgia"),
        c("GF", "Guyana Prancis", "French Guiana"),
        c("GG", "Guernsey", "Guernsey"),
        c("GH", "Ghana", "Ghana"),
        c("GI", "Gibraltar", "Gibraltar"),
        c("GL", "Greenland", "Greenland"),
        c("GM", "Gambia", "Gambia"),
        c("GN", "Guinea", "Guinea"),
        c("GP", "Guadeloupe", "Guadeloupe"),
        c("GQ", "Guinea Khatulistiwa", "Equatorial Guinea"),
        c("GR", "Yunani", "Greece"),
        c("GS", "Georgia Selatan dan Kepulauan Sandwich Selatan", "South Georgia and the South Sandwich Islands"),
        c("GT", "Guatemala", "Guatemala"),
        c("GU", "Guam", "Guam"),
        c("GW", "Guinea-Bissau", "Guinea-Bissau"),
        c("GY", "Guyana", "Guyana"),
        c("HK", "Hong Kong", "Hong Kong"),
        c("HM", "Pulau Heard dan Kepulauan McDonald", "Heard Island and McDonald Islands"),
        c("HN", "Honduras", "Honduras"),
        c("HR", "Kroasia", "Croatia"),
        c("HT", "Haiti", "Haiti"),
        c("HU", "Hongaria", "Hungary"),
        c("ID", "Indonesia", "Indonesia"),
        c("IE", "Irlandia", "Ireland"),
        c("IL", "Israel", "Israel"),
        c("IM", "Pulau Man", "Isle of Man"),
        c("IN", "India", "India"),
        c("IO", "Wilayah Samudra Hindia Britania", "British Indian Ocean Territory"),
        c("IQ", "Irak", "Iraq"),
        c("IR", "Iran", "Iran"),
        c("IS", "Islandia", "Iceland"),
        c("IT", "Italia", "Italy"),
        c("JE", "Jersey", "Jersey"),
        c("JM", "Jamaika", "Jamaica"),
        c("JO", "Yordania", "Jordan"),
        c("JP", "Jepang", "Japan"),
        c("KE", "Kenya", "Kenya"),
        c("KG", "Kirgizstan", "Kyrgyzstan"),
        c("KH", "Kamboja", "Cambodia"),
        c("KI", "Kiribati", "Kiribati"),
        c("KM", "Komoro", "Comoros"),
        c("KN", "Saint Kitts dan Nevis", "Saint Kitts and Nevis"),
        c("KP", "Korea Utara", "North Korea"),
        c("KR", "Korea Selatan", "South Korea"),
        c("KW", "Kuwait", "Kuwait"),
        c("KY", "Kepulauan Cayman", "Cayman Islands"),
        c("KZ", "Kazakhstan", "Kazakhstan"),
        c("LA", "Laos", "Laos"),
        c("LB", "Lebanon", "Lebanon"),
        c("LC", "Saint Lucia", "Saint Lucia"),
        c("LI", "Liechtenstein", "Liechtenstein"),
        c("LK", "Sri Lanka", "Sri Lanka"),
        c("LR", "Liberia", "Liberia"),
        c("LS", "Lesotho", "Lesotho"),
        c("LT", "Lituania", "Lithuania"),
        c("LU", "Luksemburg", "Luxembourg"),
        c("LV", "Latvia", "Latvia"),
        c("LY", "Libya", "Libya"),
        c("MA", "Maroko", "Morocco"),
        c("MC", "Monako", "Monaco"),
        c("MD", "Moldova", "Moldova"),
        c("ME", "Montenegro", "Montenegro"),
        c("MF", "Saint-Martin (Prancis)", "Saint Martin (French part)"),
        c("MG", "Madagaskar", "Madagascar"),
        c("MH", "Kepulauan Marshall", "Marshall Islands"),
        c("MK", "Makedonia Utara", "North Macedonia"),
        c("ML", "Mali", "Mali"),
        c("MM", "Myanmar", "Myanmar"),
        c("MN", "Mongolia", "Mongolia"),
        c("MO", "Makau", "Macao"),
        c("MP", "Kepulauan Mariana Utara", "Northern Mariana Islands"),
        c("MQ", "Martinik", "Martinique"),
        c("MR", "Mauritania", "Mauritania"),
        c("MS", "Montserrat", "Montserrat"),
        c("MT", "Malta", "Malta"),
        c("MU", "Mauritius", "Mauritius"),
        c("MV", "Maladewa", "Maldives"),
        c("MW", "Malawi", "Malawi"),
        c("MX", "Meksiko", "Mexico"),
        c("MY", "Malaysia", "Malaysia"),
        c("MZ", "Mozambik", "Mozambique"),
        c("NA", "Namibia", "Namibia"),
        c("NC", "Kaledonia Baru", "New Caledonia"),
        c("NE", "Niger", "Niger"),
        c("NF", "Pulau Norfolk", "Norfolk Island"),
        c("NG", "Nigeria", "Nigeria"),
        c("NI", "Nikaragua", "Nicaragua"),
        c("NL", "Belanda", "Netherlands"),
        c("NO", "Norwegia", "Norway"),
        c("NP", "Nepal", "Nepal"),
        c("NR", "Nauru", "Nauru"),
        c("NU", "Niue", "Niue"),
        c("NZ", "Selandia Baru", "New Zealand"),
        c("OM", "Oman", "Oman"),
        c("PA", "Panama", "Panama"),
        c("PE", "Peru", "Peru"),
        c("PF", "Polinesia Prancis", "French Polynesia"),
        c("PG", "Papua Nugini", "Papua New Guinea"),
        c("PH", "Filipina", "Philippines"),
        c("PK", "Pakistan", "Pakistan"),
        c("PL", "Polandia", "Poland"),
        c("PM", "Saint Pierre dan Miquelon", "Saint Pierre and Miquelon"),
        c("PN", "Kepulauan Pitcairn", "Pitcairn"),
        c("PR", "Puerto Riko", "Puerto Rico"),
        c("PS", "Palestina", "Palestine"),
        c("PT", "Portugal", "Portugal"),
        c("PW", "Palau", "Palau"),
        c("PY", "Paraguay", "Paraguay"),
        c("QA", "Qatar", "Qatar"),
        c("RE", "Réunion", "Réunion"),
        c("RO", "Rumania", "Romania"),
        c("RS", "Serbia", "Serbia"),
        c("RU", "Rusia", "Russia"),
        c("RW", "Rwanda", "Rwanda"),
        c("SA", "Arab Saudi", "Saudi Arabia"),
        c("SB", "Kepulauan Solomon", "Solomon Islands"),
        c("SC", "Seychelles", "Seychelles"),
        c("SD", "Sudan", "Sudan"),
        c("SE", "Swedia", "Sweden"),
        c("SG", "Singapura", "Singapore"),
        c("SH", "Saint Helena, Ascension, dan Tristan da Cunha", "Saint Helena, Ascension and Tristan da Cunha"),
        c("SI", "Slovenia", "Slovenia"),
        c("SJ", "Svalbard dan Jan Mayen", "Svalbard and Jan Mayen"),
        c("SK", "Slowakia", "Slovakia"),
        c("SL", "Sierra Leone", "Sierra Leone"),
        c("SM", "San Marino", "San Marino"),
        c("SN", "Senegal", "Senegal"),
        c("SO", "Somalia", "Somalia"),
        c("SR", "Suriname", "Suriname"),
        c("SS", "Sudan Selatan", "South Sudan"),
        c("ST", "Sao Tome dan Principe", "Sao Tome and Principe"),
        c("SV", "El Salvador", "El Salvador"),
        c("SX", "Sint Maarten (Belanda)", "Sint Maarten (Dutch part)"),
        c("SY", "Suriah", "Syria"),
        c("SZ", "Eswatini", "Eswatini"),
        c("TC", "Kepulauan Turks dan Caicos", "Turks and Caicos Islands"),
        c("TD", "Chad", "Chad"),
        c("TF", "Wilayah Selatan Prancis", "French Southern Territories"),
        c("TG", "Togo", "Togo"),
        c("TH", "Thailand", "Thailand"),
        c("TJ", "Tajikistan", "Tajikistan"),
        c("TK", "Tokelau", "Tokelau"),
        c("TL", "Timor Leste", "Timor-Leste"),
        c("TM", "Turkmenistan", "Turkmenistan"),
        c("TN", "Tunisia", "Tunisia"),
        c("TO", "Tonga", "Tonga"),
        c("TR", "Turki", "Türkiye"),
        c("TT", "Trinidad dan Tobago", "Trinidad and Tobago"),
        c("TV", "Tuvalu", "Tuvalu"),
        c("TW", "Taiwan", "Taiwan"),
        c("TZ", "Tanzania", "Tanzania"),
        c("UA", "Ukraina", "Ukraine"),
        c("UG", "Uganda", "Uganda"),
        c("UM", "Kepulauan Terluar Kecil Amerika Serikat", "United States Minor Outlying Islands"),
        c("US", "Amerika Serikat", "United States"),
        c("UY", "Uruguay", "Uruguay"),
        c("UZ", "Uzbekistan", "Uzbekistan"),
        c("VA", "Vatikan", "Vatican City"),
        c("VC", "Saint Vincent dan Grenadines", "Saint Vincent and the Grenadines"),
        c("VE", "Venezuela", "Venezuela"),
        c("VG", "Kepulauan Virgin Britania Raya", "British Virgin Islands"),
        c("VI", "Kepulauan Virgin Amerika Serikat", "U.S. Virgin Islands"),
        c("VN", "Vietnam", "Vietnam"),
        c("VU", "Vanuatu", "Vanuatu"),
        c("WF", "Wallis dan Futuna", "Wallis and Futuna"),
        c("WS", "Samoa", "Samoa"),
        c("YE", "Yaman", "Yemen"),
        c("YT", "Mayotte", "Mayotte"),
        c("ZA", "Afrika Selatan", "South Africa"),
        c("ZM", "Zambia", "Zambia"),
        c("ZW", "Zimbabwe", "Zimbabwe"),
    ],
};

/// Indonesian provinces, by their two-digit Kepmendagri region code.
///
/// The codes and names follow Kepmendagri No. 300.2.2-2138 Tahun 2025 (38 provinces). The code
/// is the first segment of every kabupaten/kota and village code, so a province can be derived
/// from a finer region code without a lookup. Province names are proper names and are not
/// translated, so the English label is the Indonesian name.
pub static PROVINCE: CodeList = CodeList {
    name: "province",
    codes: &[
        c("11", "Aceh", "Aceh"),
        c("12", "Sumatera Utara", "Sumatera Utara"),
        c("13", "Sumatera Barat", "Sumatera Barat"),
        c("14", "Riau", "Riau"),
        c("15", "Jambi", "Jambi"),
        c("16", "Sumatera Selatan", "Sumatera Selatan"),
        c("17", "Bengkulu", "Bengkulu"),
        c("18", "Lampung", "Lampung"),
        c("19", "Kepulauan Bangka Belitung", "Kepulauan Bangka Belitung"),
        c("21", "Kepulauan Riau", "Kepulauan Riau"),
        c("31", "Daerah Khusus Ibukota Jakarta", "Daerah Khusus Ibukota Jakarta"),
        c("32", "Jawa Barat", "Jawa Barat"),
        c("33", "Jawa Tengah", "Jawa Tengah"),
        c("34", "Daerah Istimewa Yogyakarta", "Daerah Istimewa Yogyakarta"),
        c("35", "Jawa Timur", "Jawa Timur"),
        c("36", "Banten", "Banten"),
        c("51", "Bali", "Bali"),
        c("52", "Nusa Tenggara Barat", "Nusa Tenggara Barat"),
        c("53", "Nusa Tenggara Timur", "Nusa Tenggara Timur"),
        c("61", "Kalimantan Barat", "Kalimantan Barat"),
        c("62", "Kalimantan Tengah", "Kalimantan Tengah"),
        c("63", "Kalimantan Selatan", "Kalimantan Selatan"),
        c("64", "Kalimantan Timur", "Kalimantan Timur"),
        c("65", "Kalimantan Utara", "Kalimantan Utara"),
        c("71", "Sulawesi Utara", "Sulawesi Utara"),
        c("72", "Sulawesi Tengah", "Sulawesi Tengah"),
        c("73", "Sulawesi Selatan", "Sulawesi Selatan"),
        c("74", "Sulawesi Tenggara", "Sulawesi Tenggara"),
        c("75", "Gorontalo", "Gorontalo"),
        c("76", "Sulawesi Barat", "Sulawesi Barat"),
        c("81", "Maluku", "Maluku"),
        c("82", "Maluku Utara", "Maluku Utara"),
        c("91", "Papua", "Papua"),
        c("92", "Papua Barat", "Papua Barat"),
        c("93", "Papua Selatan", "Papua Selatan"),
        c("94", "Papua Tengah", "Papua Tengah"),
        c("95", "Papua Pegunungan", "Papua Pegunungan"),
        c("96", "Papua Barat Daya", "Papua Barat Daya"),
    ],
};

/// Every code list, so that callers (validation, export, the settings screen) can iterate them.
pub static ALL: &[&CodeList] = &[
    &GENDER,
    &MARITAL_STATUS,
    &EDUCATION,
    &TRAFFICKING_STATUS,
    &STATUS_DECIDED_BY,
    &RELATIONSHIP_TO_TRAFFICKER,
    &RECRUITMENT_APPS,
    &METHOD_OF_RECRUITMENT,
    &MEANS_OF_CONTROL,
    &TYPE_OF_EXPLOITATION,
    &FORCED_LABOUR_INDUSTRY,
    &TYPE_OF_SEX_EXPLOITATION,
    &VULNERABILITIES,
    &ROLE_IN_PROCESS,
    &CASE_STATUS,
    &REFERRAL_REASON,
    &EVENT_TYPE,
    &ORGANISATION_TYPE,
    &SERVICE_TYPE,
    &PERSON_ROLE,
    &SERVICE_STATUS,
    &SERVICE_STAGE,
    &PLAN_KIND,
    &PLAN_PROGRESS,
    &PLAN_OUTCOME,
    &ASSESSMENT_KIND,
    &RISK_LEVEL,
    &FOLLOWUP_STATUS,
    &REFERRAL_STATUS,
    &LINK_STATUS,
    &OPERATOR_ROLE,
    &LAW_ENFORCEMENT_STAGE,
    &VERDICT,
    &ACTIVITY_KIND,
    &AUDIENCE,
    &PREVENTION_TOPIC,
    &REGULATION_STATUS,
    &TRAINING_TOPIC,
    &AGENCY,
    &PROGRAMME_KIND,
    &DOCUMENT_MISUSE,
    &DEPORTEE_STATUS,
    &COUNTRY,
    &PROVINCE,
];

/// The code list with the given name (e.g. "gender"), if there is one.
#[must_use]
pub fn by_name(name: &str) -> Option<&'static CodeList> {
    ALL.iter().copied().find(|list| list.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The UI's browser mock and its tests offer the core's code lists, from
    /// `ui/mock/code-lists.json`, in the shape the shell's `code_lists` command sends;
    /// `LINTAS_BLESS=1 cargo test -p lintas-core --lib codes` rewrites it after a change.
    #[test]
    fn the_ui_mock_has_the_code_lists() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/mock/code-lists.json");
        let lists: serde_json::Map<String, serde_json::Value> = ALL
            .iter()
            .map(|l| {
                let codes =
                    l.codes.iter().map(|c| serde_json::json!({"code": c.code, "id": c.id, "en": c.en})).collect();
                (l.name.to_string(), serde_json::Value::Array(codes))
            })
            .collect();
        let text = serde_json::to_string_pretty(&lists).unwrap() + "\n";
        if std::env::var_os("LINTAS_BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        let stored = std::fs::read_to_string(path).unwrap_or_default();
        assert!(stored == text, "ui/mock/code-lists.json is not the core's lists; rerun with LINTAS_BLESS=1");
    }
    use std::collections::HashSet;

    #[test]
    fn all_lists_are_registered_once_with_unique_names() {
        assert_eq!(ALL.len(), 44);
        let mut names = HashSet::new();
        for list in ALL {
            assert!(names.insert(list.name), "list name {} appears twice", list.name);
            assert!(!list.codes.is_empty(), "list {} is empty", list.name);
        }
    }

    #[test]
    fn list_names_are_snake_case() {
        for list in ALL {
            assert!(
                !list.name.is_empty() && list.name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '_'),
                "list name {:?} is not snake_case",
                list.name
            );
        }
    }

    #[test]
    fn by_name_finds_every_list() {
        for list in ALL {
            let found = by_name(list.name).expect("every list is found by its name");
            assert!(std::ptr::eq(found, *list));
        }
        assert_eq!(by_name("gender").map(|l| l.codes.len()), Some(6));
        assert!(by_name("GENDER").is_none());
        assert!(by_name("no_such_list").is_none());
    }

    #[test]
    fn no_duplicate_codes_within_a_list() {
        for list in ALL {
            let mut seen = HashSet::new();
            for code in list.codes {
                assert!(seen.insert(code.code), "{}: duplicate code {}", list.name, code.code);
            }
        }
    }

    #[test]
    fn codes_are_ascii_without_spaces() {
        for list in ALL {
            for code in list.codes {
                assert!(!code.code.is_empty(), "{}: empty code", list.name);
                assert!(
                    code.code.chars().all(|ch| ch.is_ascii_graphic()),
                    "{}: code {:?} is not ASCII without spaces",
                    list.name,
                    code.code
                );
            }
        }
    }

    #[test]
    fn labels_are_not_empty_and_trimmed() {
        // HTCDS's own labels carry non-breaking spaces (e.g. "Feminine\u{a0}"); this catches any
        // that were copied along.
        for list in ALL {
            for code in list.codes {
                for label in [code.id, code.en] {
                    assert!(!label.trim().is_empty(), "{}: {} has an empty label", list.name, code.code);
                    assert_eq!(label, label.trim(), "{}: {} label is not trimmed", list.name, code.code);
                }
            }
        }
    }

    #[test]
    fn htcds_lists_have_the_standard_sizes() {
        // Sizes of the HTCDS 2.0 picklists; a lost or extra line in a table changes them.
        let expected = [
            (&GENDER, 6),
            (&MARITAL_STATUS, 6),
            (&EDUCATION, 9),
            (&TRAFFICKING_STATUS, 3),
            (&STATUS_DECIDED_BY, 5),
            (&RELATIONSHIP_TO_TRAFFICKER, 3),
            (&RECRUITMENT_APPS, 15),
            (&METHOD_OF_RECRUITMENT, 10),
            (&MEANS_OF_CONTROL, 16),
            (&TYPE_OF_EXPLOITATION, 11),
            (&FORCED_LABOUR_INDUSTRY, 21),
            (&TYPE_OF_SEX_EXPLOITATION, 4),
            (&VULNERABILITIES, 12),
            (&ROLE_IN_PROCESS, 15),
            (&CASE_STATUS, 4),
            (&REFERRAL_REASON, 3),
            (&EVENT_TYPE, 3),
            (&ORGANISATION_TYPE, 9 + 5),
            (&SERVICE_TYPE, 9 + 9),
        ];
        for (list, size) in expected {
            assert_eq!(list.codes.len(), size, "{} has the wrong size", list.name);
        }
    }

    #[test]
    fn htcds_spellings_are_kept() {
        assert!(RELATIONSHIP_TO_TRAFFICKER.contains("Unaquainted"));
        assert!(!RELATIONSHIP_TO_TRAFFICKER.contains("Unacquainted"));
        assert!(MEANS_OF_CONTROL.contains("DebtBondage"));
        assert!(!MEANS_OF_CONTROL.contains("DebtBondage "));
        assert!(RECRUITMENT_APPS.contains("4Sale"));
        assert!(FORCED_LABOUR_INDUSTRY.contains("T_ActivitiesOfHouseholdsAsEmployers"));
    }

    #[test]
    fn forced_labour_industry_codes_are_sections_a_to_u() {
        for (code, letter) in FORCED_LABOUR_INDUSTRY.codes.iter().zip('A'..='U') {
            assert!(code.code.starts_with(&format!("{letter}_")), "{} out of order", code.code);
        }
    }

    #[test]
    fn service_type_has_htcds_values_and_extensions() {
        for code in [
            "Education",
            "Financial",
            "Health",
            "LabourExploitationRehabilitation",
            "Legal",
            "Livelihood",
            "RightsBasedTraining",
            "SexualExploitationRehabilitation",
            "SocialCare",
            "Shelter",
            "Psychosocial",
            "Repatriation",
            "FamilyTracing",
            "Reintegration",
        ] {
            assert!(SERVICE_TYPE.contains(code), "SERVICE_TYPE lacks {code}");
        }
        assert_eq!(SERVICE_TYPE.label("Shelter", Lang::Id), Some("Rumah aman / penampungan"));
    }

    #[test]
    fn country_list_is_complete_iso_3166_alpha_2() {
        let n = COUNTRY.codes.len();
        assert!((240..=260).contains(&n), "COUNTRY has {n} entries");
        assert_eq!(n, 249, "ISO 3166-1 currently assigns 249 codes");
        for code in COUNTRY.codes {
            assert!(
                code.code.len() == 2 && code.code.chars().all(|ch| ch.is_ascii_uppercase()),
                "{:?} is not an alpha-2 code",
                code.code
            );
        }
        // Sorted order makes the table easy to review and also rules out duplicates.
        assert!(COUNTRY.codes.windows(2).all(|w| w[0].code < w[1].code), "COUNTRY is not sorted");
        for code in ["ID", "MY", "SG", "TL", "SA", "HK", "TW", "AE", "KR", "JP", "US", "GB"] {
            assert!(COUNTRY.contains(code), "COUNTRY lacks {code}");
        }
        assert!(!COUNTRY.contains("XK"));
        assert!(!COUNTRY.contains("UK"));
    }

    #[test]
    fn country_labels() {
        let both = |code| (COUNTRY.label(code, Lang::Id), COUNTRY.label(code, Lang::En));
        assert_eq!(both("ID"), (Some("Indonesia"), Some("Indonesia")));
        assert_eq!(both("MY"), (Some("Malaysia"), Some("Malaysia")));
        assert_eq!(both("SG"), (Some("Singapura"), Some("Singapore")));
        assert_eq!(both("SA"), (Some("Arab Saudi"), Some("Saudi Arabia")));
        assert_eq!(both("HK"), (Some("Hong Kong"), Some("Hong Kong")));
        assert_eq!(both("TW"), (Some("Taiwan"), Some("Taiwan")));
        assert_eq!(both("TL"), (Some("Timor Leste"), Some("Timor-Leste")));
        assert_eq!(both("KR"), (Some("Korea Selatan"), Some("South Korea")));
    }

    #[test]
    fn province_list_has_the_38_provinces() {
        assert_eq!(PROVINCE.codes.len(), 38);
        for code in PROVINCE.codes {
            assert!(
                code.code.len() == 2 && code.code.chars().all(|ch| ch.is_ascii_digit()),
                "{:?} is not a two-digit province code",
                code.code
            );
        }
        assert!(PROVINCE.codes.windows(2).all(|w| w[0].code < w[1].code), "PROVINCE is not sorted");
        assert_eq!(PROVINCE.label("53", Lang::Id), Some("Nusa Tenggara Timur"));
        assert_eq!(PROVINCE.label("65", Lang::Id), Some("Kalimantan Utara"));
        assert_eq!(PROVINCE.label("11", Lang::Id), Some("Aceh"));
        assert_eq!(PROVINCE.label("96", Lang::En), Some("Papua Barat Daya"));
        // Kabupaten/kota codes are not provinces.
        assert!(!PROVINCE.contains("53.03"));
    }

    #[test]
    fn contains_is_exact_and_case_sensitive() {
        assert!(GENDER.contains("Feminine"));
        assert!(!GENDER.contains("feminine"));
        assert!(!GENDER.contains("FEMININE"));
        assert!(!GENDER.contains(" Feminine"));
        assert!(!GENDER.contains(""));
        assert!(!COUNTRY.contains("id"));
    }

    #[test]
    fn get_returns_the_entry() {
        let code = CASE_STATUS.get("ClosedReferred").expect("ClosedReferred is a case status");
        assert_eq!(*code, Code { code: "ClosedReferred", id: "Ditutup (dirujuk)", en: "Closed Referred" });
        assert!(CASE_STATUS.get("Open").is_none());
    }

    #[test]
    fn label_uses_the_requested_language() {
        assert_eq!(TYPE_OF_EXPLOITATION.label("ForcedLabour", Lang::Id), Some("Kerja paksa"));
        assert_eq!(TYPE_OF_EXPLOITATION.label("ForcedLabour", Lang::En), Some("Forced labour"));
        assert_eq!(TYPE_OF_EXPLOITATION.label("SexualExploitation", Lang::Id), Some("Eksploitasi seksual"));
        assert_eq!(TRAFFICKING_STATUS.label("PossibleVictimOfTrafficking", Lang::Id), Some("Terduga korban TPPO"));
        assert_eq!(GENDER.label("Feminine", Lang::Id), Some("Perempuan"));
        assert_eq!(GENDER.label("Masculine", Lang::Id), Some("Laki-laki"));
        assert_eq!(CASE_STATUS.label("Active", Lang::Id), Some("Aktif"));
        assert_eq!(CASE_STATUS.label("FollowUp", Lang::Id), Some("Pemantauan lanjutan"));
        assert_eq!(CASE_STATUS.label("Closed", Lang::Id), Some("Ditutup"));
        assert_eq!(CASE_STATUS.label("Active", Lang::default()), Some("Aktif"));
        assert_eq!(CASE_STATUS.label("Missing", Lang::Id), None);
        assert_eq!(CASE_STATUS.label("Missing", Lang::En), None);
    }

    #[test]
    fn lang_parse() {
        for s in ["id", "ID", "in", "id-ID", "id_ID", "in-ID", "Id-id", " id ", "ind"] {
            assert_eq!(Lang::parse(s), Some(Lang::Id), "{s:?}");
        }
        for s in ["en", "EN", "en-US", "en_GB", "En-au", "eng", "english"] {
            assert_eq!(Lang::parse(s), Some(Lang::En), "{s:?}");
        }
        for s in ["", "-", "fr", "ms", "jv", "de-DE", "idx", "e", "i"] {
            assert_eq!(Lang::parse(s), None, "{s:?}");
        }
        assert_eq!(Lang::default(), Lang::Id);
    }
}
