//! Property: districts converge. Three districts make random edits — including concurrent
//! edits of the same sensitive field by the owner and a district that accepted a referral —
//! and exchange bundles delivered in random order, repeated, or dropped and later resent. Edits
//! a district may not make (`authority`) are refused where they are tried; an erasure by a
//! district that does not own the case reaches the owner as a request, which its coordinator
//! confirms at the end. At the end every district holds the same materialised state and the
//! same set of conflicts.

use crate::support;

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
    /// A fourth district, trusted by the others, whose software is under an attacker's control.
    hostile: Option<(District, support::hostile::Hand)>,
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
        World {
            districts,
            hostile: None,
            cases: Vec::new(),
            mailbox: Vec::new(),
            dir: tempfile::tempdir().unwrap(),
            sent: 0,
        }
    }

    /// The same three districts, and Alor (53.05), which they trust and which attacks them.
    fn with_hostile() -> World {
        let mut w = World::new();
        let mut alor = District::new("53.05", "Kabupaten Alor", 1099);
        for d in &mut w.districts {
            // Trusting reads the clock; the honest history's timestamps stay the calm one's.
            let before = lintas_core::ambient::Clock::now(&d.clock);
            District::trust_each_other(d, &mut alor);
            d.clock.set(before);
        }
        let hand = support::hostile::Hand::of(&alor, 1_000_000);
        w.hostile = Some((alor, hand));
        w
    }

    /// Alor sends district `to` a bundle with one forged op about a case it learned of.
    fn attack(&mut self, to: usize, case: usize, kind: u8) {
        use lintas_core::oplog::{Action, Hlc};
        use lintas_core::schema::EntityKind;
        use support::hostile::{bundle, Payload};
        if self.cases.is_empty() || self.hostile.is_none() {
            return;
        }
        let id = self.cases[case % self.cases.len()].clone();
        let Ok(shown) = lintas_core::cases::show(&self.districts[to].store, &id) else { return };
        let case_id: uuid::Uuid = id.parse().unwrap();
        let victim: uuid::Uuid = shown["victim"]["id"].as_str().unwrap().parse().unwrap();
        let referral = lintas_core::referrals::list(&self.districts[to].store)
            .unwrap()
            .into_iter()
            .find(|r| r.case_id == case_id)
            .map(|r| r.id);
        let honest_device = self.districts[(to + 1) % 3].store.identity().device_id;
        let (alor, hand) = self.hostile.as_mut().unwrap();
        let op = match kind % 6 {
            0 => match referral {
                Some(r) => hand.set(EntityKind::Referral, r, "status", json!("Declined")),
                None => return,
            },
            1 => hand.set(EntityKind::Person, victim, "birthdate", json!("1999-09-09")),
            2 => hand.op(EntityKind::Person, victim, Action::Erase, None, json!({"reason": "LegalRequest"})),
            3 => {
                let mut op = hand.set(EntityKind::Case, case_id, "status", json!("Closed"));
                op.hlc = Hlc { ms: op.hlc.ms + 10 * 365 * 86_400_000, counter: u32::MAX };
                op
            }
            4 => hand.create(EntityKind::Note, case_id, json!({"case_id": id, "body": "palsu"})),
            _ => {
                let mut op = hand.set(EntityKind::Case, case_id, "status", json!("Closed"));
                op.id.device = honest_device;
                op
            }
        };
        let payload = Payload::sealed(&alor.store.device_keys().unwrap(), &[op]);
        let bytes = bundle(alor, &self.districts[to], &payload, |_, _| {});
        self.sent += 1;
        let path = self.dir.path().join(format!("b{}.lintas", self.sent));
        std::fs::write(&path, bytes).unwrap();
        // The import reads the target's clock (each reading moves it on); put it back, so that
        // the honest history's timestamps stay those of the calm one.
        let target = &mut self.districts[to];
        let before = lintas_core::ambient::Clock::now(&target.clock);
        let summary = target.import(&path).unwrap();
        target.clock.set(before);
        assert_eq!(summary.ops_applied, 0, "a forged op was applied");
        assert_eq!(summary.ops_refused + summary.erasure_requests, 1, "a forged op was neither refused nor a request");
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
            // A coordinator confirms what honest districts asked for, not what Alor did.
            // (One confirmation answers every request about the same person.)
            while let Some(request) = lintas_core::erasure::requests(&d.store)
                .unwrap()
                .into_iter()
                .find(|r| r.from.as_deref() != Some("53.05"))
            {
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 10, .. ProptestConfig::default() })]

    /// The same random history twice, once with Alor attacking along the way: the honest
    /// districts converge, and Alor's refused ops change nothing — each honest district ends
    /// exactly as in the history without attacks.
    #[test]
    fn honest_districts_converge_with_a_hostile_one_among_them(
        steps in prop::collection::vec((step(), prop::option::weighted(0.3, (0..3usize, any::<usize>(), any::<u8>()))), 10..30)
    ) {
        let mut calm = World::new();
        let mut attacked = World::with_hostile();
        for (s, attack) in steps {
            calm.run(s.clone());
            attacked.run(s);
            if let Some((to, case, kind)) = attack {
                attacked.attack(to, case, kind);
            }
        }
        calm.settle();
        attacked.settle();
        let honest: Vec<Vec<String>> = attacked.districts.iter().map(shared_state).collect();
        for i in 0..3 {
            prop_assert_eq!(&honest[i], &shared_state(&calm.districts[i]), "district {} differs from the calm history", i);
            prop_assert_eq!(&honest[0], &honest[i], "district {} differs", i);
            prop_assert!(lintas_core::audit::verify(&attacked.districts[i].store).is_ok());
        }
    }
}
