//! The synthetic dataset: case documents as an intake worker in Nunukan or Kupang would type
//! them, generated from a fixed seed so that every run writes the same cases.
//!
//! Nothing here is personal data. Names are common Indonesian given names and family names,
//! some spelled the old way (`oe` for `u`, `dj` for `j`, `tj` for `c`), as they appear on older
//! documents; region codes are Kepmendagri kabupaten/kota codes of the provinces that send most
//! migrant workers; every coded value is taken from the core's HTCDS code lists, so the
//! documents pass the same validation as typed ones.

use chrono::{Datelike, Duration, NaiveDate};
use lintas_core::codes::{self, CodeList};
use serde_json::{json, Map, Value};

/// The seed of the whole dataset ("LINTAS" in ASCII).
pub const SEED: u64 = 0x4c49_4e54_4153;

/// One victim in this many is a child (under 18 at intake): about 5 %.
const CHILD_EVERY: u64 = 20;

/// One case in this many has a scan attached (a passport page or a photo of a contract).
pub const ATTACHMENT_EVERY: u64 = 25;
/// Scans are between these sizes. They are JPEG-like: already compressed, so their bytes are
/// random, which is also what a compressor sees in real scans.
const ATTACHMENT_MIN_BYTES: u64 = 150 * 1024;
const ATTACHMENT_MAX_BYTES: u64 = 450 * 1024;
/// The average size of a scan.
pub const SCAN_MEAN_BYTES: u64 = (ATTACHMENT_MIN_BYTES + ATTACHMENT_MAX_BYTES) / 2;

/// A small, fast, deterministic generator (SplitMix64). Statistical quality is ample for
/// choosing names and codes, and it is the same on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len() as u64) as usize]
    }

    /// A code from one of the core's code lists.
    pub fn code(&mut self, list: &CodeList) -> &'static str {
        list.codes[self.below(list.codes.len() as u64) as usize].code
    }

    /// One of a few likely codes, given as they are in the list (checked when the list is read).
    pub fn likely(&mut self, list: &CodeList, likely: &[&'static str]) -> &'static str {
        let code = self.pick(likely);
        debug_assert!(list.contains(code), "{code} is not in {}", list.name);
        code
    }

    /// `n` different codes of a list, in list order.
    pub fn codes(&mut self, list: &CodeList, n: u64) -> Vec<&'static str> {
        let mut picked: Vec<usize> = Vec::new();
        while (picked.len() as u64) < n.min(list.codes.len() as u64) {
            let i = self.below(list.codes.len() as u64) as usize;
            if !picked.contains(&i) {
                picked.push(i);
            }
        }
        picked.sort_unstable();
        picked.into_iter().map(|i| list.codes[i].code).collect()
    }
}

pub(crate) const WOMEN: &[&str] = &[
    "Maria",
    "Siti",
    "Dewi",
    "Yohana",
    "Fransiska",
    "Nur",
    "Sri",
    "Wahyuni",
    "Suharti",
    "Yuliana",
    "Agustina",
    "Marselina",
    "Theresia",
    "Yasinta",
    "Rambu",
    "Kristina",
    "Ernawati",
    "Rahmawati",
    "Susanti",
    "Yuni",
    "Rina",
    "Nurhayati",
    "Sumiati",
    "Yustina",
    "Imelda",
    "Margaretha",
    "Veronika",
    "Aprilia",
    "Lusia",
    "Elisabeth",
    "Kurniasih",
    "Sulastri",
    "Juwita",
    "Murni",
    "Yanti",
    "Hasnah",
    "Rosalina",
    "Oktaviani",
    "Florentina",
    "Anjelina",
];
const MEN: &[&str] = &[
    "Yohanes",
    "Agus",
    "Budi",
    "Petrus",
    "Yosef",
    "Dedi",
    "Andreas",
    "Fransiskus",
    "Muhammad",
    "Ahmad",
    "Slamet",
    "Supriyadi",
    "Yakobus",
    "Stefanus",
    "Markus",
    "Hendrik",
    "Rudi",
    "Yoseph",
    "Abdul",
    "Joko",
];
pub(crate) const FAMILY_NAMES: &[&str] = &[
    "Taek",
    "Bria",
    "Nahak",
    "Seran",
    "Tefa",
    "Kase",
    "Atok",
    "Sabu",
    "Neno",
    "Lake",
    "Bani",
    "Kolo",
    "Manek",
    "Tallo",
    "Ndun",
    "Fanggidae",
    "Nubatonis",
    "Benu",
    "Liu",
    "Koa",
    "Haki",
    "Usfinit",
    "Oematan",
    "Kefi",
    "Suryani",
    "Rahayu",
    "Wulandari",
    "Lestari",
    "Purnomo",
    "Hidayat",
    "Setiawan",
    "Cahyono",
    "Saputra",
    "Hasanah",
    "Yulianti",
    "Suprapto",
    "Jayadi",
    "Kusuma",
    "Wijaya",
    "Cahyani",
];
pub(crate) const NICKNAMES: &[&str] = &["Ika", "Nona", "Mey", "Ati", "Ance", "Yuyun", "Eti", "Nia", "Iin", "Ros"];
pub(crate) const VILLAGES: &[&str] = &[
    "Maubesi",
    "Oelolok",
    "Sasi",
    "Bitefa",
    "Noemuti",
    "Haumeni",
    "Nunpene",
    "Oesena",
    "Oinlasi",
    "Nifuboke",
    "Tunbaba",
    "Naekake",
    "Fatuneno",
    "Kiupukan",
    "Manamas",
    "Lurasik",
    "Oenenu",
    "Sainoni",
    "Taekas",
    "Ponu",
    "Sekotong",
    "Lenek",
    "Pringgabaya",
    "Sakra",
    "Cikalong",
    "Sukamaju",
    "Karangrejo",
    "Tanjungsari",
];
const SUBDISTRICTS: &[&str] = &[
    "Insana",
    "Miomaffo Barat",
    "Biboki Selatan",
    "Kota Kefamenanu",
    "Noemuti",
    "Biboki Anleu",
    "Insana Utara",
    "Amanuban Selatan",
    "Mollo Utara",
    "Kupang Tengah",
    "Praya",
    "Keruak",
    "Cianjur",
    "Sumbermanjing",
];
const STREETS: &[&str] = &["Jl. El Tari", "Jl. Sudirman", "Jl. Timor Raya", "Jl. Ahmad Yani", "Jl. Diponegoro"];
const LANGUAGES: &[&str] = &["Dawan", "Tetun", "Bahasa Indonesia", "Jawa", "Sasak", "Sunda", "Rote"];
const INTAKE_PLACES: &[&str] = &[
    "Pelabuhan Tunon Taka, Nunukan",
    "Rusunawa BP3MI Nunukan",
    "Bandara El Tari, Kupang",
    "Rumah Singgah Kupang",
    "Pelabuhan Batam Centre",
    "Pos Lintas Batas Entikong",
    "Bandara Soekarno-Hatta",
    "Pelabuhan Tenau, Kupang",
];
const ABROAD: &[(&str, &str)] = &[
    ("MY", "Tawau, Sabah"),
    ("MY", "Kota Kinabalu"),
    ("MY", "Johor Bahru"),
    ("MY", "Kuala Lumpur"),
    ("MY", "Sandakan"),
    ("SA", "Riyadh"),
    ("SA", "Jeddah"),
    ("HK", "Hong Kong"),
    ("TW", "Taichung"),
    ("SG", "Singapura"),
    ("AE", "Dubai"),
];
const AGENCIES: &[&str] =
    &["PT Sinar Jaya Abadi", "PT Bintang Timur Mandiri", "PT Karya Putra Nusantara", "PT Mitra Sejahtera Utama"];
const PROVIDERS: &[&str] = &[
    "RPTC Nunukan",
    "RSUD Kefamenanu",
    "LBH APIK NTT",
    "Dinas Sosial Kabupaten",
    "P2TP2A Kabupaten",
    "BP3MI NTT",
    "Rumah Perempuan Kupang",
];
const WORKERS: &[&str] = &["Petugas Dinsos", "Pendamping P2TP2A", "Petugas BP3MI", "Relawan Paroki"];
const SENTENCES: &[&str] = &[
    "Korban tiba dengan kapal dari Tawau bersama rombongan deportan.",
    "Dokumen perjalanan ditahan oleh majikan sejak hari pertama bekerja.",
    "Gaji tidak dibayar selama delapan bulan dan korban dilarang keluar rumah.",
    "Keluarga di desa sudah dihubungi melalui kepala desa.",
    "Korban direkrut oleh tetangga yang menjanjikan pekerjaan di restoran.",
    "Perekrut membawa korban ke Kupang lalu ke Surabaya sebelum menyeberang ke Batam.",
    "Korban bekerja di perkebunan sawit lebih dari dua belas jam sehari.",
    "Korban mengalami luka di tangan dan membutuhkan pemeriksaan lanjutan.",
    "Pendamping menjelaskan hak korban dan tujuan pencatatan data.",
    "Korban bersedia memberikan keterangan kepada penyidik.",
    "Korban belum memiliki KTP elektronik; akta kelahiran ada di rumah orang tua.",
    "Utang biaya keberangkatan dipotong dari gaji setiap bulan.",
    "Korban meminta agar keluarga tidak diberi tahu alamat shelter.",
    "Rencana pemulangan ke kampung halaman menunggu surat dari dinas sosial.",
    "Korban menyebut dua perempuan lain dari desa yang sama masih di Sabah.",
    "Pemeriksaan kesehatan di puskesmas tidak menemukan penyakit menular.",
];

/// Kepmendagri provinces that send most migrant workers, with how many kabupaten/kota codes
/// each has; a victim's home regency is one of these.
const HOME_PROVINCES: &[(&str, u64)] =
    &[("53", 22), ("52", 10), ("35", 29), ("33", 29), ("32", 18), ("18", 13), ("61", 12), ("73", 24), ("64", 7)];

fn home_regency(rng: &mut Rng) -> (String, String) {
    // Nusa Tenggara Timur (53) is weighted: most cases that reach Nunukan come from there.
    let (province, count) = if rng.chance(45) { HOME_PROVINCES[0] } else { rng.pick(HOME_PROVINCES) };
    (province.to_string(), format!("{province}.{:02}", rng.between(1, count)))
}

/// Rewrites a name the way older documents spell it, or with a doubled or dropped letter, so
/// that the same woman can appear under two spellings (as she does in real registers).
pub fn spelling_variant(name: &str, rng: &mut Rng) -> String {
    let rewrites: &[(&str, &str)] = &[("u", "oe"), ("j", "dj"), ("c", "tj"), ("y", "j"), ("ll", "l"), ("k", "kh")];
    let lower = name.to_lowercase();
    let applicable: Vec<&(&str, &str)> = rewrites.iter().filter(|(from, _)| lower.contains(from)).collect();
    if applicable.is_empty() {
        return format!("{name}h");
    }
    let (from, to) = applicable[rng.below(applicable.len() as u64) as usize];
    let replaced = lower.replacen(from, to, 1);
    let mut chars = replaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => replaced,
    }
}

fn name(rng: &mut Rng, pool: &[&str]) -> String {
    let n = rng.pick(pool).to_string();
    if rng.chance(12) {
        spelling_variant(&n, rng)
    } else {
        n
    }
}

fn date(year: i32, rng: &mut Rng) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, rng.between(1, 12) as u32, rng.between(1, 28) as u32).expect("a valid date")
}

/// A NIK whose region, birth date and sex agree with the record, as validation requires.
fn nik(regency: &str, birth: NaiveDate, female: bool, rng: &mut Rng) -> String {
    let day = birth.day() + if female { 40 } else { 0 };
    format!(
        "{}{:02}{day:02}{:02}{:02}{:04}",
        regency.replace('.', ""),
        rng.between(1, 20),
        birth.month(),
        birth.year().rem_euclid(100),
        rng.between(1, 9999)
    )
}

fn sentences(rng: &mut Rng, lo: u64, hi: u64) -> String {
    (0..rng.between(lo, hi)).map(|_| rng.pick(SENTENCES)).collect::<Vec<_>>().join(" ")
}

fn person(rng: &mut Rng, female: bool, birth: Option<NaiveDate>, full: bool) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("first_name".into(), name(rng, if female { WOMEN } else { MEN }).into());
    if rng.chance(85) {
        p.insert("second_name".into(), name(rng, FAMILY_NAMES).into());
    }
    p.insert("gender".into(), (if female { "Feminine" } else { "Masculine" }).into());
    let (province, regency) = home_regency(rng);
    if let Some(birth) = birth {
        p.insert("birthdate".into(), birth.to_string().into());
        if full && rng.chance(60) {
            p.insert("identity_number".into(), nik(&regency, birth, female, rng).into());
        }
    }
    if !full {
        return p;
    }
    if rng.chance(10) {
        p.insert("middle_name".into(), rng.pick(WOMEN).into());
    }
    if rng.chance(8) {
        p.insert("aliases".into(), json!([rng.pick(NICKNAMES)]));
    }
    p.insert("citizenship".into(), json!(["ID"]));
    if rng.chance(30) {
        p.insert("passport_number".into(), format!("C{:07}", rng.below(10_000_000)).into());
    }
    if rng.chance(50) {
        p.insert("phone".into(), format!("08{:010}", rng.below(10_000_000_000)).into());
    }
    p.insert("marital_status".into(), rng.code(&codes::MARITAL_STATUS).into());
    p.insert("education".into(), rng.code(&codes::EDUCATION).into());
    p.insert("primary_language".into(), rng.pick(LANGUAGES).into());
    let mut address = Map::new();
    address.insert("province".into(), province.into());
    address.insert("regency".into(), regency.into());
    address.insert("subdistrict".into(), rng.pick(SUBDISTRICTS).into());
    address.insert("village".into(), rng.pick(VILLAGES).into());
    if rng.chance(20) {
        address.insert("street".into(), format!("{} No. {}", rng.pick(STREETS), rng.between(1, 120)).into());
    }
    p.insert("address".into(), Value::Object(address));
    p
}

/// A file to attach to a case after it is created.
#[derive(Debug, Clone)]
pub struct Scan {
    pub name: String,
    pub len: usize,
    pub seed: u64,
}

impl Scan {
    /// The scan's bytes: a JPEG start-of-image marker, then random (incompressible) data.
    pub fn bytes(&self) -> Vec<u8> {
        scan_bytes(self.seed, self.len)
    }
}

/// Random bytes behind a JPEG marker, `len` long, the same for the same seed.
pub fn scan_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(len + 8);
    out.extend_from_slice(&[0xff, 0xd8, 0xff, 0xe0]);
    while out.len() < len {
        out.extend_from_slice(&rng.next_u64().to_le_bytes());
    }
    out.truncate(len);
    out
}

/// The size of a scan, between the smallest and the largest the dataset has.
pub fn scan_len(rng: &mut Rng) -> usize {
    rng.between(ATTACHMENT_MIN_BYTES, ATTACHMENT_MAX_BYTES) as usize
}

/// One generated case: the document `cases::create` takes, and a scan to attach, if any.
pub struct GeneratedCase {
    pub document: Value,
    pub scan: Option<Scan>,
}

/// Generates the cases of one district, in order, from the seed.
pub struct CaseGenerator {
    rng: Rng,
    today: NaiveDate,
    share_with: Option<String>,
    index: u64,
}

impl CaseGenerator {
    /// `stream` separates the datasets of different districts; `share_with` puts a district in
    /// every victim's consent, as a shelter does for a victim's home district.
    pub fn new(stream: u64, today: NaiveDate, share_with: Option<&str>) -> CaseGenerator {
        CaseGenerator {
            rng: Rng::new(SEED ^ stream.wrapping_mul(0x2545_f491_4f6c_dd1d)),
            today,
            share_with: share_with.map(str::to_string),
            index: 0,
        }
    }

    pub fn next_case(&mut self) -> GeneratedCase {
        let rng = &mut self.rng;
        self.index += 1;
        let today = self.today;
        let intake = (date(rng.between(2015, today.year() as u64) as i32, rng)).min(today - Duration::days(1));
        let child = rng.below(CHILD_EVERY) == 0;
        let age_at_intake = if child { rng.between(13, 17) } else { rng.between(19, 45) };
        let birth = date(intake.year() - age_at_intake as i32 - 1, rng);
        let female = rng.chance(72);
        let victim = person(rng, female, Some(birth), true);

        let mut doc = Map::new();
        doc.insert("victim".into(), Value::Object(victim));
        doc.insert(
            "trafficking_status".into(),
            rng.likely(
                &codes::TRAFFICKING_STATUS,
                &["PossibleVictimOfTrafficking", "PossibleVictimOfTrafficking", "ActualVictimOfTrafficking"],
            )
            .into(),
        );
        let n = rng.between(1, 2);
        let exploitation = rng.codes(&codes::TYPE_OF_EXPLOITATION, n);
        if exploitation.contains(&"ForcedLabour") {
            doc.insert("forced_labour_industry".into(), rng.code(&codes::FORCED_LABOUR_INDUSTRY).into());
        }
        doc.insert("type_of_exploitation".into(), json!(exploitation));
        let n = rng.between(1, 3);
        doc.insert("means_of_control".into(), json!(rng.codes(&codes::MEANS_OF_CONTROL, n)));
        doc.insert("method_of_recruitment".into(), json!(rng.codes(&codes::METHOD_OF_RECRUITMENT, 1)));
        if rng.chance(10) {
            doc.insert("recruitment_apps".into(), json!(rng.codes(&codes::RECRUITMENT_APPS, 1)));
        }
        doc.insert("relationship_to_trafficker".into(), rng.code(&codes::RELATIONSHIP_TO_TRAFFICKER).into());
        let n = rng.below(3);
        doc.insert("vulnerabilities".into(), json!(rng.codes(&codes::VULNERABILITIES, n)));
        if child || rng.chance(30) {
            doc.insert("age_when_trafficked".into(), json!(age_at_intake.saturating_sub(rng.below(2))));
        }
        let (country, abroad) = rng.pick(ABROAD);
        doc.insert("country_of_exploitation".into(), country.into());
        let mut intake_group = Map::new();
        intake_group.insert("date".into(), intake.to_string().into());
        intake_group.insert("place".into(), rng.pick(INTAKE_PLACES).into());
        intake_group.insert("deportee_status".into(), rng.code(&codes::DEPORTEE_STATUS).into());
        intake_group.insert("deported_from".into(), country.into());
        doc.insert("intake".into(), Value::Object(intake_group));
        if rng.chance(30) {
            doc.insert("placement_agency".into(), rng.pick(AGENCIES).into());
        }
        if rng.chance(10) {
            doc.insert(
                "law_enforcement".into(),
                json!({"stage": rng.code(&codes::LAW_ENFORCEMENT_STAGE),
                       "report_number": format!("LP/B/{}/{}/NTT", rng.between(1, 999), intake.year()),
                       "report_date": intake.to_string()}),
            );
        }
        if rng.chance(15) {
            doc.insert("status".into(), rng.code(&codes::CASE_STATUS).into());
        }

        let witnesses: Vec<Value> = (0..rng.below(3))
            .map(|_| {
                let female = rng.chance(50);
                let mut w = person(rng, female, None, false);
                w.insert("statement".into(), sentences(rng, 1, 3).into());
                Value::Object(w)
            })
            .collect();
        doc.insert("witnesses".into(), json!(witnesses));
        if rng.chance(50) {
            let female = rng.chance(60);
            let mut f = person(rng, female, None, false);
            f.insert("relationship".into(), rng.pick(&["Ibu", "Ayah", "Kakak", "Suami", "Paman"]).into());
            doc.insert("family_contacts".into(), json!([f]));
        }
        if rng.chance(25) {
            let female = rng.chance(30);
            let mut p = person(rng, female, None, false);
            p.insert("role_in_process".into(), json!(rng.codes(&codes::ROLE_IN_PROCESS, 1)));
            p.insert("role_details".into(), sentences(rng, 1, 2).into());
            doc.insert("perpetrators".into(), json!([p]));
        }

        let trafficked = intake - Duration::days(rng.between(60, 900) as i64);
        let mut events = vec![json!({"type": "Recruitment", "date": trafficked.to_string(),
                                     "place": rng.pick(VILLAGES), "country": "ID"})];
        if rng.chance(60) {
            events.push(json!({"type": "Transit", "place": rng.pick(&["Kupang", "Surabaya", "Batam", "Nunukan"]),
                               "country": "ID"}));
        }
        events.push(json!({"type": "Exploitation", "place": abroad, "country": country,
                           "description": sentences(rng, 1, 2)}));
        doc.insert("events".into(), json!(events));
        let services: Vec<Value> = (0..rng.between(1, 3))
            .map(|_| {
                json!({"type": rng.code(&codes::SERVICE_TYPE), "status": rng.code(&codes::SERVICE_STATUS),
                       "provider": rng.pick(PROVIDERS), "objectives": sentences(rng, 1, 1)})
            })
            .collect();
        doc.insert("services".into(), json!(services));
        let followups: Vec<Value> = (0..rng.below(3))
            .map(|_| {
                let due = intake + Duration::days(rng.between(30, 400) as i64);
                let mut f = json!({"due_date": due.to_string(), "status": rng.code(&codes::FOLLOWUP_STATUS)});
                if due < today && rng.chance(60) {
                    f["visit_date"] = due.to_string().into();
                    f["visited_by"] = rng.pick(WORKERS).into();
                    f["notes"] = sentences(rng, 1, 2).into();
                }
                f
            })
            .collect();
        doc.insert("followups".into(), json!(followups));
        let notes: Vec<Value> = (0..rng.between(1, 3)).map(|_| json!({"body": sentences(rng, 2, 6)})).collect();
        doc.insert("notes".into(), json!(notes));
        let share: Vec<&str> = self.share_with.iter().map(String::as_str).collect();
        doc.insert(
            "consent".into(),
            json!({"interview": true, "informed_purpose": true, "informed_use": true,
                   "informed_research": rng.chance(70), "informed_access": true, "informed_retention": true,
                   "informed_withdrawal": true, "share_districts": share, "recorded_on": intake.to_string()}),
        );

        let scan = self.index.is_multiple_of(ATTACHMENT_EVERY).then(|| Scan {
            name: format!("paspor-{}.jpg", self.index),
            len: rng.between(ATTACHMENT_MIN_BYTES, ATTACHMENT_MAX_BYTES) as usize,
            seed: rng.next_u64(),
        });
        GeneratedCase { document: Value::Object(doc), scan }
    }
}

/// What people type into the search box: family names, given names, villages and prefixes of
/// them, sometimes two words, sometimes the old spelling.
pub fn search_terms(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| match rng.below(6) {
            0 => format!("{} {}", rng.pick(WOMEN), rng.pick(FAMILY_NAMES)),
            1 => rng.pick(VILLAGES).to_string(),
            2 => {
                let family = rng.pick(FAMILY_NAMES);
                family.chars().take(3).collect()
            }
            3 => spelling_variant(rng.pick(FAMILY_NAMES), &mut rng),
            4 => rng.pick(WOMEN).to_string(),
            _ => format!("{} {}", rng.pick(&["mar", "sit", "yoh", "dew", "nur"]), rng.pick(FAMILY_NAMES)),
        })
        .collect()
}
