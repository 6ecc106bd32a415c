//! Validation of what people type: every problem names the field and says, as a code with its
//! parameters ([`Problem`]), what is wrong. The shells word the codes.
//!
//! Problems never carry the value that was typed: it may be a name or a NIK, and what the shells
//! make of them ends up on screens, in terminals and in bug reports. They say which field, what
//! is expected, and (for code lists) give examples of valid codes.

use crate::model::codes::{self, CodeList};
use crate::model::schema::{EntityDef, FieldDef, FieldKind};
use chrono::{Datelike, NaiveDate};
use serde_json::{Map, Value};

pub const MAX_TEXT: usize = 200;
pub const MAX_LONG_TEXT: usize = 20_000;
/// Dates that may lie in the future: plans, not facts.
const FUTURE_DATES_ALLOWED: &[&str] = &["due_date", "planned_end_date", "start_date", "next_due"];

/// What is wrong with one field, as a code with the parameters a message needs (never the value
/// typed). The shells word it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, tag = "code", rename_all = "snake_case"))]
pub enum Problem {
    Required,
    NotAnObject,
    UnknownField,
    SetByLintas,
    NotText,
    NotAList,
    NotYesNo,
    NotANumber,
    TooLong {
        max: usize,
    },
    UnknownCode {
        list: &'static str,
        examples: Vec<&'static str>,
    },
    BadDate,
    FutureDate,
    BeforeBirth,
    UnknownProvince,
    BadRegency,
    RegencyOutsideProvince,
    AgeOutOfRange,
    NikNotDigits,
    NikLength {
        got: usize,
    },
    NikUnknownProvince,
    NikBadDate,
    NikBirthdateMismatch,
    NikSexMismatch,
    NotFoundInCase,
    UnknownOrganisation,
    /// A count (of people, places) below zero or above `max`.
    CountOutOfRange {
        max: i64,
    },
    /// A programme that is not in the register of empowerment programmes.
    UnknownProgramme,
    /// A training that is not in the register.
    UnknownTraining,
}

impl Problem {
    /// The problem's stable code, as in the JSON and the generated TypeScript.
    pub fn code(&self) -> &'static str {
        use Problem::*;
        match self {
            Required => "required",
            NotAnObject => "not_an_object",
            UnknownField => "unknown_field",
            SetByLintas => "set_by_lintas",
            NotText => "not_text",
            NotAList => "not_a_list",
            NotYesNo => "not_yes_no",
            NotANumber => "not_a_number",
            TooLong { .. } => "too_long",
            UnknownCode { .. } => "unknown_code",
            BadDate => "bad_date",
            FutureDate => "future_date",
            BeforeBirth => "before_birth",
            UnknownProvince => "unknown_province",
            BadRegency => "bad_regency",
            RegencyOutsideProvince => "regency_outside_province",
            AgeOutOfRange => "age_out_of_range",
            NikNotDigits => "nik_not_digits",
            NikLength { .. } => "nik_length",
            NikUnknownProvince => "nik_unknown_province",
            NikBadDate => "nik_bad_date",
            NikBirthdateMismatch => "nik_birthdate_mismatch",
            NikSexMismatch => "nik_sex_mismatch",
            NotFoundInCase => "not_found_in_case",
            UnknownOrganisation => "unknown_organisation",
            CountOutOfRange { .. } => "count_out_of_range",
            UnknownProgramme => "unknown_programme",
            UnknownTraining => "unknown_training",
        }
    }
}

/// The largest count a register takes (participants of one activity, places of a programme).
pub const MAX_COUNT: i64 = 1_000_000;

/// One problem with one field; `field` is a path such as `victim.identity_number` or
/// `witnesses[0].gender`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

/// A record that failed validation; nothing was written.
#[derive(Debug, Clone, thiserror::Error)]
#[error("invalid record: {}", .0.iter().map(|p| format!("{} {}", p.field, p.problem.code())).collect::<Vec<_>>().join("; "))]
pub struct Invalid(pub Vec<FieldProblem>);

/// Collects problems while a document is checked, so that all of them are reported at once.
#[derive(Debug)]
pub struct Checker {
    pub today: NaiveDate,
    pub problems: Vec<FieldProblem>,
}

impl Checker {
    pub fn new(today: NaiveDate) -> Self {
        Checker { today, problems: Vec::new() }
    }

    pub fn report(&mut self, field: impl Into<String>, problem: Problem) {
        self.problems.push(FieldProblem { field: field.into(), problem });
    }

    pub fn finish(self) -> Result<(), Invalid> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(Invalid(self.problems))
        }
    }

    /// Checks one input object against an entity. Keys in `groups` hold nested objects whose
    /// keys are prefixed (`intake.date` → `intake_date`); keys in `skip` are the caller's.
    /// Immutable fields are accepted only when they equal `current` (so a shown record can be
    /// sent back unchanged). Returns the normalised fields whose value differs from `current`.
    pub fn entity(
        &mut self,
        path: &str,
        def: &EntityDef,
        input: &Map<String, Value>,
        groups: &[&str],
        skip: &[&str],
        current: Option<&Map<String, Value>>,
    ) -> Map<String, Value> {
        let mut out = Map::new();
        let mut flat: Vec<(String, String, &Value)> = Vec::new();
        for (key, value) in input {
            if key == "id" || skip.contains(&key.as_str()) {
                continue;
            }
            if groups.contains(&key.as_str()) {
                match value {
                    Value::Object(inner) => {
                        for (k2, v2) in inner {
                            flat.push((format!("{key}_{k2}"), format!("{path}{key}.{}", safe_key(k2)), v2));
                        }
                    }
                    Value::Null => {}
                    _ => self.report(format!("{path}{key}"), Problem::NotAnObject),
                }
                continue;
            }
            flat.push((key.clone(), format!("{path}{}", safe_key(key)), value));
        }
        for (name, field_path, value) in flat {
            let Some(fdef) = def.field(&name) else {
                self.report(field_path, Problem::UnknownField);
                continue;
            };
            let before = current.and_then(|c| c.get(fdef.name)).unwrap_or(&Value::Null);
            if fdef.immutable {
                if value != before {
                    self.report(field_path, Problem::SetByLintas);
                }
                continue;
            }
            if let Some(v) = self.value(&field_path, fdef, value) {
                if &v != before {
                    out.insert(fdef.name.to_string(), v);
                }
            }
        }
        out
    }

    /// Checks and normalises one value. `None` when it is invalid (the problem is recorded).
    pub fn value(&mut self, path: &str, fdef: &FieldDef, v: &Value) -> Option<Value> {
        if v.is_null() {
            return Some(Value::Null);
        }
        let problem = match fdef.kind {
            FieldKind::Text | FieldKind::LongText => {
                let max = if matches!(fdef.kind, FieldKind::Text) { MAX_TEXT } else { MAX_LONG_TEXT };
                match v.as_str().map(str::trim) {
                    None => Problem::NotText,
                    Some("") => return Some(Value::Null),
                    Some(s) if s.chars().count() > max => Problem::TooLong { max },
                    Some(s) if fdef.name == "identity_number" => match normalise_nik(s) {
                        Ok(nik) => return Some(Value::String(nik)),
                        Err(p) => p,
                    },
                    Some(s) => return Some(Value::String(s.to_string())),
                }
            }
            FieldKind::Date => match v.as_str().and_then(parse_date) {
                None => Problem::BadDate,
                Some(d) if d > self.today && !FUTURE_DATES_ALLOWED.contains(&fdef.name) => Problem::FutureDate,
                Some(d) => return Some(Value::String(d.format("%Y-%m-%d").to_string())),
            },
            FieldKind::Timestamp => Problem::SetByLintas,
            FieldKind::Bool => match v {
                Value::Bool(_) => return Some(v.clone()),
                _ => Problem::NotYesNo,
            },
            FieldKind::Int => match v.as_i64() {
                None => Problem::NotANumber,
                Some(n) if !(0..=120).contains(&n) => Problem::AgeOutOfRange,
                Some(_) => return Some(v.clone()),
            },
            FieldKind::Count => match v.as_i64() {
                None => Problem::NotANumber,
                Some(n) if !(0..=MAX_COUNT).contains(&n) => Problem::CountOutOfRange { max: MAX_COUNT },
                Some(_) => return Some(v.clone()),
            },
            FieldKind::Code(list) => match v.as_str() {
                Some(s) if list.contains(s) => return Some(v.clone()),
                Some(_) => unknown_code(list),
                None => Problem::NotText,
            },
            FieldKind::Province => match v.as_str() {
                Some(s) if codes::PROVINCE.contains(s) => return Some(v.clone()),
                _ => Problem::UnknownProvince,
            },
            FieldKind::Regency => match v.as_str() {
                Some(s) if is_regency(s) => return Some(v.clone()),
                _ => Problem::BadRegency,
            },
            FieldKind::Codes(_) | FieldKind::Texts | FieldKind::Regencies => return self.list(path, fdef, v),
            // An organisation or a programme is chosen by a person from its register; whether it
            // is there is the planner's to check. Every other reference is set by Lintas.
            FieldKind::Ref(crate::model::schema::EntityKind::Organisation) => match v.as_str().map(str::trim) {
                Some(s) if s.parse::<uuid::Uuid>().is_ok() => return Some(Value::String(s.to_string())),
                _ => Problem::UnknownOrganisation,
            },
            FieldKind::Ref(crate::model::schema::EntityKind::Programme) => match v.as_str().map(str::trim) {
                Some(s) if s.parse::<uuid::Uuid>().is_ok() => return Some(Value::String(s.to_string())),
                _ => Problem::UnknownProgramme,
            },
            FieldKind::Ref(_) => Problem::SetByLintas,
        };
        self.report(path, problem);
        None
    }

    fn list(&mut self, path: &str, fdef: &FieldDef, v: &Value) -> Option<Value> {
        let Some(items) = v.as_array() else {
            self.report(path, Problem::NotAList);
            return None;
        };
        let mut out: Vec<Value> = Vec::new();
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            let item_path = format!("{path}[{i}]");
            let problem = match (fdef.kind, item.as_str().map(str::trim)) {
                (_, None) => Some(Problem::NotText),
                (FieldKind::Codes(list), Some(s)) if !list.contains(s) => Some(unknown_code(list)),
                (FieldKind::Regencies, Some(s)) if !is_regency(s) => Some(Problem::BadRegency),
                (FieldKind::Texts, Some(s)) if s.chars().count() > MAX_TEXT => Some(Problem::TooLong { max: MAX_TEXT }),
                (_, Some("")) => continue,
                (_, Some(s)) => {
                    let s = Value::String(s.to_string());
                    if !out.contains(&s) {
                        out.push(s);
                    }
                    None
                }
            };
            if let Some(p) = problem {
                self.report(item_path, p);
                ok = false;
            }
        }
        ok.then_some(Value::Array(out))
    }
}

fn unknown_code(list: &'static CodeList) -> Problem {
    Problem::UnknownCode { list: list.name, examples: list.codes.iter().take(3).map(|c| c.code).collect() }
}

/// Keys typed by a person are echoed in messages only if they look like field names.
fn safe_key(k: &str) -> String {
    if !k.is_empty() && k.len() <= 40 && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        k.to_string()
    } else {
        "(?)".to_string()
    }
}

pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().filter(|d| d.year() >= 1900)
}

/// The largest attachment an op may describe, in bytes (the attachment's `size` field).
const MAX_ATTACHMENT_SIZE: i64 = 50 * 1024 * 1024;
/// The reasons an erasure may give.
pub const ERASURE_REASONS: [&str; 2] = ["LegalRequest", "RetentionEnded"];

/// Checks one change as it arrives from another district, with the rules a local write keeps:
/// `fields` are the fields a creation sets (`field` is `None`) or the one field a change sets.
/// Every value must pass [`Checker::value`] — known codes, lengths, dates not in the future —
/// references must be ids, times RFC 3339, a case number must be in its owner's series, and
/// fields fixed at creation cannot be changed. `today` is the receiver's date plus a day of
/// tolerance for clocks and time zones. Says only whether the change is valid: the sender is
/// told by an alert naming the rule, never by the value.
pub fn change(def: &EntityDef, field: Option<&str>, value: &Value, erase: bool, today: NaiveDate) -> bool {
    let mut ck = Checker::new(today);
    let mut one = |name: &str, v: &Value, creating: bool| -> bool {
        let Some(fdef) = def.field(name) else { return false };
        if fdef.immutable && !creating {
            return false;
        }
        match fdef.kind {
            FieldKind::Ref(_) => v.as_str().is_some_and(|s| s.parse::<uuid::Uuid>().is_ok()),
            FieldKind::Timestamp => {
                v.as_str().is_some_and(|s| s.len() <= 40 && chrono::DateTime::parse_from_rfc3339(s).is_ok())
            }
            FieldKind::Int if fdef.name == "size" => v.as_i64().is_some_and(|n| (0..=MAX_ATTACHMENT_SIZE).contains(&n)),
            _ if fdef.name == "case_number" => v.as_str().is_some_and(case_number_shape),
            _ => {
                let before = ck.problems.len();
                ck.value(fdef.name, fdef, v);
                ck.problems.len() == before
            }
        }
    };
    if erase {
        return def.name == "person"
            && value.as_object().is_some_and(|o| {
                o.len() == 1 && o.get("reason").and_then(Value::as_str).is_some_and(|r| ERASURE_REASONS.contains(&r))
            });
    }
    match (field, value) {
        (Some(f), v) => one(f, v, false),
        (None, Value::Object(fields)) => {
            let valid = fields.iter().all(|(k, v)| one(k, v, true));
            // A case number belongs to the series of the district the case names.
            let series = match (fields.get("case_number"), fields.get("district")) {
                (Some(Value::String(n)), Some(Value::String(d))) => n.starts_with(&format!("{}-", d.replace('.', ""))),
                (Some(_), _) => false,
                _ => true,
            };
            valid && series
        }
        _ => false,
    }
}

/// `6503-2019-0001`: four digits of the district, the year, a serial of four to six digits.
fn case_number_shape(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    matches!(parts.as_slice(), [d, y, n]
        if d.len() == 4 && y.len() == 4 && (4..=6).contains(&n.len())
        && [d, y, n].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())))
}

/// `53.03`: a known province, a dot, two digits.
pub fn is_regency(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[2] == b'.'
        && b[..2].iter().chain(&b[3..]).all(u8::is_ascii_digit)
        && codes::PROVINCE.contains(&s[..2])
        && &s[3..] != "00"
}

/// What a NIK (Nomor Induk Kependudukan) encodes: region, birth date and sex.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Nik {
    pub province: String,
    pub female: bool,
    pub day: u32,
    pub month: u32,
    pub year_2: u32,
}

/// Strips spaces and dots people type for readability; checks 16 digits.
fn normalise_nik(s: &str) -> Result<String, Problem> {
    let digits: String = s.chars().filter(|c| !c.is_whitespace() && *c != '.').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(Problem::NikNotDigits);
    }
    if digits.len() != 16 {
        return Err(Problem::NikLength { got: digits.len() });
    }
    Ok(digits)
}

/// Reads what a 16-digit NIK encodes: digits 1–2 province, 7–8 day of birth (plus 40 for
/// women), 9–10 month, 11–12 year.
pub fn decode_nik(nik: &str) -> Result<Nik, Problem> {
    let nik = normalise_nik(nik)?;
    let num = |a: usize| nik[a..a + 2].parse::<u32>().unwrap_or(0);
    let province = nik[..2].to_string();
    if !codes::PROVINCE.contains(&province) {
        return Err(Problem::NikUnknownProvince);
    }
    let (dd, month, year_2) = (num(6), num(8), num(10));
    let (female, day) = if dd > 40 { (true, dd - 40) } else { (false, dd) };
    if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
        return Err(Problem::NikBadDate);
    }
    Ok(Nik { province, female, day, month, year_2 })
}

/// Cross-field checks of a person: the NIK against birth date and gender, and the address.
pub fn check_person(ck: &mut Checker, path: &str, person: &Map<String, Value>) {
    let text = |k: &str| person.get(k).and_then(Value::as_str);
    if let (Some(p), Some(r)) = (text("address_province"), text("address_regency")) {
        if !r.starts_with(&format!("{p}.")) {
            ck.report(format!("{path}address.regency"), Problem::RegencyOutsideProvince);
        }
    }
    let Some(nik) = text("identity_number") else { return };
    let field = format!("{path}identity_number");
    let nik = match decode_nik(nik) {
        Ok(n) => n,
        Err(p) => return ck.report(field, p),
    };
    if let Some(birth) = text("birthdate").and_then(parse_date) {
        if birth.day() != nik.day || birth.month() != nik.month || birth.year().rem_euclid(100) as u32 != nik.year_2 {
            ck.report(field.clone(), Problem::NikBirthdateMismatch);
        }
    }
    match text("gender") {
        Some("Feminine") if !nik.female => ck.report(field, Problem::NikSexMismatch),
        Some("Masculine") if nik.female => ck.report(field, Problem::NikSexMismatch),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schema::PERSON;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn check_person_doc(doc: Value) -> Vec<FieldProblem> {
        let mut ck = Checker::new(today());
        let fields = ck.entity("victim.", &PERSON, doc.as_object().unwrap(), &["address"], &[], None);
        check_person(&mut ck, "victim.", &fields);
        ck.problems
    }

    #[test]
    fn the_design_example_victim_is_valid() {
        let p = check_person_doc(json!({
            "first_name": "Maria", "second_name": "Taek", "gender": "Feminine",
            "birthdate": "2004-02-11", "citizenship": ["ID"], "identity_number": "5303015102040001",
            "address": {"province": "53", "regency": "53.03", "village": "Maubesi"}
        }));
        assert_eq!(p, vec![]);
    }

    #[test]
    fn nik_problems_are_named() {
        let problems = |nik: &str, gender: &str, birth: &str| -> Vec<Problem> {
            check_person_doc(json!({"first_name": "A", "identity_number": nik, "gender": gender, "birthdate": birth}))
                .into_iter()
                .map(|p| {
                    assert_eq!(p.field, "victim.identity_number");
                    p.problem
                })
                .collect()
        };
        assert_eq!(problems("530301510204001", "Feminine", "2004-02-11"), vec![Problem::NikLength { got: 15 }]);
        assert_eq!(problems("53030151020400X1", "Feminine", "2004-02-11"), vec![Problem::NikNotDigits]);
        assert_eq!(problems("5303011102040001", "Feminine", "2004-02-11"), vec![Problem::NikSexMismatch]);
        assert_eq!(problems("5303015102050001", "Feminine", "2004-02-11"), vec![Problem::NikBirthdateMismatch]);
        assert_eq!(problems("9903015102040001", "Feminine", "2004-02-11"), vec![Problem::NikUnknownProvince]);
        assert_eq!(problems("5303017502040001", "Feminine", "2004-02-11"), vec![Problem::NikBadDate]);
        // Spaces typed for readability are fine and removed.
        assert_eq!(problems("5303 0151 0204 0001", "Feminine", "2004-02-11"), vec![]);
    }

    #[test]
    fn codes_dates_and_unknown_fields() {
        let p = check_person_doc(json!({
            "first_name": "A", "gender": "Female", "birthdate": "2004-02-30", "nickname": "x",
            "citizenship": ["ID", "XX"], "address": {"province": "99", "regency": "53.3"}
        }));
        let got: Vec<(&str, &Problem)> = p.iter().map(|p| (p.field.as_str(), &p.problem)).collect();
        assert!(got
            .iter()
            .any(|(f, p)| *f == "victim.gender" && matches!(p, Problem::UnknownCode { list: "gender", .. })));
        assert!(got.contains(&("victim.birthdate", &Problem::BadDate)));
        assert!(got.contains(&("victim.nickname", &Problem::UnknownField)));
        assert!(got.iter().any(|(f, _)| *f == "victim.citizenship[1]"));
        assert!(got.contains(&("victim.address.province", &Problem::UnknownProvince)));
        assert!(got.contains(&("victim.address.regency", &Problem::BadRegency)));
    }

    #[test]
    fn future_birthdate_is_refused() {
        let p = check_person_doc(json!({"first_name": "A", "birthdate": "2030-01-01"}));
        assert_eq!(p[0].problem, Problem::FutureDate);
    }

    #[test]
    fn problems_never_carry_the_value() {
        let p = check_person_doc(json!({"first_name": "A", "gender": "Maria Taek", "identity_number": "Maria"}));
        assert!(!p.is_empty());
        for problem in p {
            let json = serde_json::to_string(&problem.problem).unwrap();
            assert!(!json.contains("Maria"), "{json}");
            assert!(json.starts_with(&format!("{{\"code\":\"{}\"", problem.problem.code())), "{json}");
        }
    }
}
