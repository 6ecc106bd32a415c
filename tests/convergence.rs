//! Property: districts converge. Three districts make random edits — including concurrent
//! edits of the same sensitive field by the owner and a district that accepted a referral —
//! and exchange bundles delivered in random order, repeated, or dropped and later resent. Edits
//! a district may not make (`authority`) are refused where they are tried; an erasure by a
//! district that does not own the case reaches the owner as a request, which its coordinator
//! confirms at the end. At the end every district holds the same materialised state and the
//! same set of conflicts.

mod support;

use lintas_core::conflicts::{self, Choice};
use proptest::prelude::*;
use serde_json::json;
use std::path::PathBuf;
use support::District;

const DISTRICTS: [(&str, &str); 3] =
    [("65.03", "Kabupaten Nunukan"), ("53.03", "Kabupaten Timor Tengah Utara"), ("53.04", "Kabupaten Belu")];

#[derive(Debug, Clone)]
enum Step {
    Create {
        at: usize,
        name: String,
        refer_to: Option<usize>,
    },
    Birthdate {
        at: usize,
        case: usize,
        date: String,
    },
    Status {
        at: usize,
        case: usize,
        status: &'static str,
    },
    Note {
        at: usize,
        case: usize,
        text: String,
    },
    Send {
        from: usize,
        to: usize,
    },
    Deliver {
        mail: usize,
        twice: bool,
    },
    Resolve {
        at: usize,
    },
    /// A district erases a case's victim, and with them the case.
    Erase {
        at: usize,
        case: usize,
    },
    /// Every district sends to every other and the bundles arrive at once.
    Gossip,
    /// A district accepts the referrals it has received.
    Accept {
        at: usize,
    },
}

fn step() -> impl Strategy<Value = Step> {
    let d = 0..3usize;
    prop_oneof![
        2 => (d.clone(), "[A-Z][a-z]{2,8}", prop::option::of(0..3usize))
            .prop_map(|(at, name, refer_to)| Step::Create { at, name, refer_to }),
        5 => (d.clone(), any::<usize>(), 1990..2005i32, 1..13u32, 1..29u32)
            .prop_map(|(at, case, y, m, dd)| Step::Birthdate { at, case, date: format!("{y}-{m:02}-{dd:02}") }),
        2 => (d.clone(), any::<usize>(), prop::sample::select(vec!["Active", "FollowUp", "Closed"]))
            .prop_map(|(at, case, status)| Step::Status { at, case, status }),
        2 => (d.clone(), any::<usize>(), "[a-z][a-z ]{0,19}").prop_map(|(at, case, text)| Step::Note { at, case, text }),
        4 => (d.clone(), d.clone()).prop_map(|(from, to)| Step::Send { from, to }),
        4 => (any::<usize>(), any::<bool>()).prop_map(|(mail, twice)| Step::Deliver { mail, twice }),
        1 => (d.clone(), any::<usize>()).prop_map(|(at, case)| Step::Erase { at, case }),
        1 => d.prop_map(|at| Step::Resolve { at }),
        2 => Just(Step::Gossip),
        2 => (0..3usize).prop_map(|at| Step::Accept { at }),
    ]
}

struct World {
    districts: Vec<District>,
    cases: Vec<String>,
    mailbox: Vec<(PathBuf, usize)>,
    dir: tempfile::TempDir,
    sent: usize,
}

impl World {
    fn new() -> World {
        let mut districts: Vec<District> =
            DISTRICTS.iter().enumerate().map(|(i, (c, n))| District::new(c, n, 1000 + i as u64)).collect();
        // Clocks a little apart, as on real laptops.
        for (i, d) in districts.iter().enumerate() {
            d.clock.set(chrono::DateTime::from_timestamp(1_750_000_000 + 37 * i as i64, 0).unwrap());
        }
        for i in 0..3 {
            for j in i + 1..3 {
                let (a, b) = districts.split_at_mut(j);
                District::trust_each_other(&mut a[i], &mut b[0]);
            }
        }
        World { districts, cases: Vec::new(), mailbox: Vec::new(), dir: tempfile::tempdir().unwrap(), sent: 0 }
    }

    fn knows(&self, at: usize, case: &str) -> bool {
        lintas_core::cases::resolve(&self.districts[at].store, case).is_ok()
    }

    fn update(&mut self, at: usize, case: usize, doc: serde_json::Value) {
        if self.cases.is_empty() {
            return;
        }
        let id = self.cases[case % self.cases.len()].clone();
        if self.knows(at, &id) {
            let d = &mut self.districts[at];
            allowed_or_refused(lintas_core::cases::update(&mut d.store, &id, &doc, &d.clock, &d.entropy));
        }
    }

    fn send(&mut self, from: usize, to: usize, all: bool) -> Option<PathBuf> {
        if from == to {
            return None;
        }
        self.sent += 1;
        let path = self.dir.path().join(format!("b{}.lintas", self.sent));
        let code = self.districts[to].code.clone();
        let d = &mut self.districts[from];
        lintas_core::sync::export(&mut d.store, &code, all, &path, &d.clock, &d.entropy).unwrap();
        Some(path)
    }

    fn run(&mut self, s: Step) {
        match s {
            Step::Create { at, name, refer_to } => {
                let others: Vec<String> = (0..3).filter(|i| *i != at).map(|i| DISTRICTS[i].0.to_string()).collect();
                let doc = json!({
                    "victim": {"first_name": name, "gender": "Feminine"},
                    "intake": {"date": "2020-01-01"},
                    "consent": {"interview": true, "share_districts": others},
                });
                let d = &mut self.districts[at];
                let id = d.create(&doc);
                for o in &others {
                    lintas_core::referrals::share(&mut d.store, &id, o, "koordinasi", None, &d.clock, &d.entropy)
                        .unwrap();
                }
                if let Some(to) = refer_to.filter(|t| *t != at) {
                    d.refer(&id, DISTRICTS[to].0);
                }
                self.cases.push(id);
            }
            Step::Birthdate { at, case, date } => self.update(at, case, json!({"victim": {"birthdate": date}})),
            Step::Status { at, case, status } => self.update(at, case, json!({"status": status})),
            Step::Note { at, case, text } => self.update(at, case, json!({"notes": [{"body": text}]})),
            Step::Send { from, to } => {
                if let Some(p) = self.send(from, to, false) {
                    self.mailbox.push((p, to));
                }
            }
            Step::Deliver { mail, twice } => {
                if self.mailbox.is_empty() {
                    return;
                }
                let i = mail % self.mailbox.len();
                // Delivered once and gone, or delivered and kept to be delivered again later.
                let (path, to) = if twice { self.mailbox[i].clone() } else { self.mailbox.remove(i) };
                self.districts[to].import(&path).unwrap();
            }
            Step::Gossip => {
                for from in 0..3 {
                    for to in 0..3 {
                        if let Some(p) = self.send(from, to, false) {
                            self.districts[to].import(&p).unwrap();
                        }
                    }
                }
            }
            Step::Erase { at, case } => {
                if self.cases.is_empty() {
                    return;
                }
                let id = self.cases[case % self.cases.len()].clone();
                if self.knows(at, &id) {
                    let d = &mut self.districts[at];
                    lintas_core::erasure::erase(&mut d.store, &id, None, "LegalRequest", &d.clock).unwrap();
                }
            }
            Step::Resolve { at } => {
                let d = &mut self.districts[at];
                if let Some(c) = conflicts::list(&d.store).unwrap().into_iter().next() {
                    let keep = c.versions[0].op.clone();
                    allowed_or_refused(conflicts::resolve(&mut d.store, &c.id, Choice::Keep(keep), &d.clock));
                }
            }
            Step::Accept { at } => {
                let d = &mut self.districts[at];
                for r in lintas_core::referrals::list(&d.store).unwrap() {
                    if r.to_district == d.code && r.status == "Received" {
                        lintas_core::referrals::decide(&mut d.store, r.id, true, None, &d.clock).unwrap();
                    }
                }
            }
        }
    }

    /// Everything lost or still in the mailbox is resent in full, in every direction; then each
    /// district's coordinator confirms the erasures other districts asked for, and everything
    /// is resent again.
    fn settle(&mut self) {
        self.resend_all();
        for d in &mut self.districts {
            for request in lintas_core::erasure::requests(&d.store).unwrap() {
                lintas_core::erasure::confirm(&mut d.store, request.alert, "LegalRequest", &d.clock).unwrap();
            }
        }
        self.resend_all();
    }

    /// Three rounds of full bundles in every direction: enough for an answer to an answer (a
    /// referral received, then its receipt).
    fn resend_all(&mut self) {
        for _ in 0..3 {
            for from in 0..3 {
                for to in 0..3 {
                    if let Some(p) = self.send(from, to, true) {
                        self.districts[to].import(&p).unwrap();
                    }
                }
            }
        }
    }
}

/// A change a district may not make is refused with `not_authorised`, and changes nothing;
/// anything else must succeed.
fn allowed_or_refused<T, E: Into<lintas_core::Error>>(result: Result<T, E>) {
    if let Err(e) = result {
        let e: lintas_core::Error = e.into();
        assert_eq!(e.code, lintas_core::ErrorCode::NotAuthorised, "{e:?}");
    }
}

/// The shared view. Operator records are left out: each district's own operator reaches the
/// others only once it has written something about a shared case.
fn shared_state(d: &District) -> Vec<String> {
    let (dump, _) = lintas_core::audit::dumps(&d.store).unwrap();
    dump.into_iter().filter(|l| !l.starts_with("operator:") && !l.contains("Text(\"operator\")")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn districts_converge_whatever_the_delivery(steps in prop::collection::vec(step(), 10..50)) {
        let mut w = World::new();
        for s in steps {
            w.run(s);
        }
        w.settle();
        let states: Vec<Vec<String>> = w.districts.iter().map(shared_state).collect();
        let conflicts: Vec<_> = w.districts.iter().map(|d| conflicts::list(&d.store).unwrap()).collect();
        for i in 1..3 {
            prop_assert_eq!(&states[0], &states[i], "district {} differs", i);
            prop_assert_eq!(&conflicts[0], &conflicts[i], "conflicts of district {} differ", i);
        }
        for d in &w.districts {
            prop_assert!(lintas_core::audit::verify(&d.store).is_ok());
        }
    }
}
