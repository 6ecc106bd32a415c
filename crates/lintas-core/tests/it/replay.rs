//! Property: the tables are a pure function of the op log. After any sequence of edits through
//! the core API (valid or not), replaying the log into an empty database gives identical tables.

use crate::support;

use lintas_core::audit;
use lintas_core::cases;
use proptest::prelude::*;
use serde_json::{json, Value};

#[derive(Debug, Clone)]
enum Edit {
    Create(Value),
    Update(usize, Value),
    Attach(usize, Vec<u8>),
}

fn name() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["Maria", "Yohanes", "Siti", "Dewi", "Fransiska", "José", "Kornelis", "Nur"])
        .prop_map(String::from)
}

fn date() -> impl Strategy<Value = String> {
    (1990i32..2024, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

fn codes(list: &'static [&'static str]) -> impl Strategy<Value = Value> {
    prop::sample::subsequence(list.to_vec(), 0..=list.len().min(3)).prop_map(|v| json!(v))
}

fn case_doc() -> impl Strategy<Value = Value> {
    (
        name(),
        prop::option::of(name()),
        prop::option::of(date()),
        date(),
        codes(&["ForcedLabour", "SexualExploitation", "ChildLabour", "Servitude"]),
        prop::collection::vec(name(), 0..3),
        prop::collection::vec("[a-z ]{1,30}", 0..3),
    )
        .prop_map(|(first, second, birth, intake, types, witnesses, notes)| {
            json!({
                "victim": {"first_name": first, "second_name": second, "birthdate": birth},
                "intake": {"date": intake},
                "type_of_exploitation": types,
                "witnesses": witnesses.into_iter().map(|w| json!({"first_name": w})).collect::<Vec<_>>(),
                "notes": notes.into_iter().map(|b| json!({"body": b})).collect::<Vec<_>>(),
            })
        })
}

fn patch() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec!["Active", "FollowUp", "Closed", "ClosedReferred", "Bogus"])
            .prop_map(|s| json!({"status": s})),
        name().prop_map(|n| json!({"victim": {"second_name": n}})),
        date().prop_map(|d| json!({"victim": {"birthdate": d}})),
        codes(&["ForcedLabour", "ForcedMarriage", "OrganRemoval"]).prop_map(|t| json!({"type_of_exploitation": t})),
        "[a-z ]{1,20}".prop_map(|b| json!({"notes": [{"body": b}]})),
        date().prop_map(|d| json!({"followups": [{"due_date": d, "visited_by": "Petugas"}]})),
        any::<bool>().prop_map(|b| json!({"consent": {"interview": b, "share_districts": ["53.03"]}})),
        name().prop_map(|n| json!({"family_contacts": [{"first_name": n, "relationship": "Ibu"}]})),
    ]
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            3 => case_doc().prop_map(Edit::Create),
            5 => (any::<usize>(), patch()).prop_map(|(i, p)| Edit::Update(i, p)),
            1 => (any::<usize>(), prop::collection::vec(any::<u8>(), 0..64)).prop_map(|(i, b)| Edit::Attach(i, b)),
        ],
        1..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn replaying_the_log_gives_identical_tables(edits in edits()) {
        let support::District { dir: _dir, mut store, clock, entropy, .. } =
            support::District::new("65.03", "Kabupaten Nunukan", 7);
        let mut ids: Vec<String> = Vec::new();
        for edit in edits {
            // Invalid edits are part of the property: they must leave no trace.
            match edit {
                Edit::Create(doc) => {
                    if let Ok(c) = cases::create(&mut store, &doc, &clock, &entropy) {
                        ids.push(c.id.to_string());
                    }
                }
                Edit::Update(i, doc) if !ids.is_empty() => {
                    let _ = cases::update(&mut store, &ids[i % ids.len()], &doc, &clock, &entropy);
                }
                Edit::Attach(i, bytes) if !ids.is_empty() => {
                    cases::attach(&mut store, &ids[i % ids.len()], "scan.jpg", "image/jpeg", &bytes, &clock, &entropy).unwrap();
                }
                _ => {}
            }
        }
        let (materialised, replayed) = audit::dumps(&store).unwrap();
        prop_assert!(materialised.len() > 1);
        prop_assert_eq!(materialised, replayed);
        prop_assert!(audit::verify(&store).is_ok());
    }
}
