//! A hostile district. Belu (53.04) is trusted by Nunukan (65.03) and TTU (53.03) — its cards
//! were compared by phone — but its software is under an attacker's control: it signs whatever
//! it likes with its own genuine keys (`support::hostile`). Each attack is refused, parked or
//! turned into a request as `authority`'s table says; each raises an alert naming the rule;
//! the target's records and trust directory do not change but for what the rules allow; and the
//! target's next bundles to honest districts are unaffected.

use crate::support;

use lintas_core::alerts::Rule;
use lintas_core::ambient::{Clock, DistrictIds};
use lintas_core::oplog::{Action, Hlc};
use lintas_core::schema::EntityKind;
use lintas_core::{Error, ErrorCode};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::PathBuf;
use support::hostile::{self, Hand, Payload};
use support::District;
use uuid::Uuid;

/// Nunukan's case of Maria, referred to TTU and shared with Belu for joint identification; TTU
/// and Belu have received it.
struct World {
    n: District,
    t: District,
    b: District,
    dir: tempfile::TempDir,
    case: String,
    victim: Uuid,
    referral: Uuid,
    n_operator: Uuid,
    sent: usize,
}

impl World {
    fn new() -> World {
        World::with(true)
    }

    /// `ttu_has_it`: whether TTU has received Nunukan's case yet.
    fn with(ttu_has_it: bool) -> World {
        let mut n = District::new("65.03", "Kabupaten Nunukan", 11);
        let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 12);
        let mut b = District::new("53.04", "Kabupaten Belu", 13);
        District::trust_each_other(&mut n, &mut t);
        District::trust_each_other(&mut n, &mut b);
        District::trust_each_other(&mut t, &mut b);
        let mut doc = support::maria();
        doc["consent"] = json!({"interview": true, "share_districts": ["53.03", "53.04"]});
        let case = n.create(&doc);
        n.refer(&case, "53.03");
        lintas_core::referrals::share(&mut n.store, &case, "53.04", "Identifikasi bersama", None, &n.clock, &n.entropy)
            .unwrap();
        let shown = lintas_core::cases::show(&n.store, &case).unwrap();
        let victim = shown["victim"]["id"].as_str().unwrap().parse().unwrap();
        let referral = lintas_core::referrals::list(&n.store).unwrap()[0].id;
        let n_operator = n.store.identity().operator_id;
        let mut w = World { n, t, b, dir: tempfile::tempdir().unwrap(), case, victim, referral, n_operator, sent: 0 };
        let to_b = w.path();
        w.n.export("53.04", &to_b);
        w.b.import(&to_b).unwrap();
        if ttu_has_it {
            let to_t = w.path();
            w.n.export("53.03", &to_t);
            w.t.import(&to_t).unwrap();
        }
        w
    }

    fn path(&mut self) -> PathBuf {
        self.sent += 1;
        self.dir.path().join(format!("{}.lintas", self.sent))
    }

    fn offer(&mut self, to: Target, bytes: &[u8]) -> Result<lintas_core::sync::ImportSummary, Error> {
        let path = self.path();
        std::fs::write(&path, bytes).unwrap();
        self.district(to).import(&path)
    }

    fn district(&mut self, to: Target) -> &mut District {
        match to {
            Target::Nunukan => &mut self.n,
            Target::Ttu => &mut self.t,
        }
    }

    /// Belu's hand, writing ops past every local check.
    fn belu_hand(&self) -> Hand {
        Hand::of(&self.b, 1_000_000)
    }

    /// A bundle from Belu to a target with ops Belu wrote and sealed with its own key.
    fn belu_sends(&self, to: Target, ops: &[lintas_core::oplog::Op]) -> Vec<u8> {
        let payload = Payload::sealed(&self.b.store.device_keys().unwrap(), ops);
        let target = match to {
            Target::Nunukan => &self.n,
            Target::Ttu => &self.t,
        };
        hostile::bundle(&self.b, target, &payload, |_, _| {})
    }

    /// An attack on a target: what must hold before and after. Returns the import's result.
    fn attack(&mut self, to: Target, bytes: &[u8], rule: Rule) -> Result<lintas_core::sync::ImportSummary, Error> {
        let before = Snapshot::of(self.district(to));
        let result = self.offer(to, bytes);
        let after = Snapshot::of(self.district(to));
        before.unchanged_but_alerts(&after, rule);
        // Offered again, nothing grows: the same alert is not repeated.
        let again = self.offer(to, bytes);
        assert_eq!(Snapshot::of(self.district(to)).counts, after.counts, "a repeat of {rule:?} grew the store");
        assert_eq!(result.is_ok(), again.is_ok());
        if let Ok(again) = &again {
            assert_eq!(again.ops_refused + again.erasure_requests, 0, "{rule:?} counted again when offered again");
        }
        self.next_bundles_unaffected(to);
        result
    }

    /// The target's next bundle to the other honest district goes to that district's real
    /// devices only, and is accepted there.
    fn next_bundles_unaffected(&mut self, from: Target) {
        let path = self.path();
        let (sender, receiver) = match from {
            Target::Nunukan => (&mut self.n, &mut self.t),
            Target::Ttu => (&mut self.t, &mut self.n),
        };
        sender.export(&receiver.code.clone(), &path);
        let header = lintas_core::sync::inspect(&receiver.store, &path).unwrap().header;
        assert_eq!(header.recipient.devices, vec![receiver.store.identity().device_id]);
        let summary = receiver.import(&path).unwrap();
        assert_eq!(summary.ops_refused, 0, "an honest district's bundle lost ops");
    }
}

#[derive(Clone, Copy, Debug)]
enum Target {
    Nunukan,
    Ttu,
}

/// What an attack may not change: the records (the view), the trust directory, and every
/// bookkeeping table but the alerts.
struct Snapshot {
    view: Vec<String>,
    trust: Vec<lintas_core::identity::TrustedDevice>,
    counts: BTreeMap<String, i64>,
    alerts: Vec<lintas_core::alerts::Alert>,
}

impl Snapshot {
    fn of(d: &District) -> Snapshot {
        Snapshot {
            view: lintas_core::audit::dumps(&d.store).unwrap().0,
            trust: lintas_core::identity::trusted(&d.store).unwrap(),
            counts: lintas_core::audit::row_counts(&d.store).unwrap(),
            alerts: lintas_core::alerts::list(&d.store).unwrap(),
        }
    }

    fn unchanged_but_alerts(&self, after: &Snapshot, rule: Rule) {
        assert_eq!(self.view, after.view, "{rule:?}: the records changed");
        assert_eq!(self.trust, after.trust, "{rule:?}: the trust directory changed");
        let mut a = self.counts.clone();
        let mut b = after.counts.clone();
        for t in ["alerts", "bundles_imported", "peer_receipts"] {
            a.remove(t);
            b.remove(t);
        }
        assert_eq!(a, b, "{rule:?}: a table other than the alerts changed");
        let new: Vec<_> = after.alerts.iter().filter(|x| !self.alerts.contains(x)).collect();
        assert!(new.iter().any(|x| x.rule == rule.code()), "{rule:?}: no alert; new alerts: {new:?}");
    }
}

fn refused(result: Result<lintas_core::sync::ImportSummary, Error>) -> u64 {
    result.unwrap().ops_refused
}

#[test]
fn a_bundle_in_another_districts_name_is_refused_whole_with_an_alert() {
    let mut w = World::new();
    let bytes = hostile::bundle(&w.b, &w.t, &Payload::default(), |h, m| {
        h.sender.district = "65.03".into();
        h.sender.district_name = "Kabupaten Nunukan".into();
        // The card and receipt it carries would replace Nunukan's.
        m.sender_card.district = "65.03".into();
    });
    let err = w.attack(Target::Ttu, &bytes, Rule::Impersonation).unwrap_err();
    assert_eq!(err.code, ErrorCode::Impersonation);
    assert_eq!(err.detail.as_deref(), Some("53.04"), "the alert names the district whose device signed");
    let alert = &lintas_core::alerts::list(&w.t.store).unwrap()[0];
    assert_eq!(
        (alert.district.as_deref(), alert.device.as_str()),
        (Some("53.04"), &*w.b.store.identity().device_id.to_string())
    );
}

#[test]
fn a_card_cannot_add_replace_or_revoke_another_districts_devices() {
    let mut w = World::new();
    let n_keys = w.n.store.device_keys().unwrap();
    let b_card = hostile::card_of(&w.b);
    let stranger = Uuid::from_u128(0xa77ac);

    // A card in Nunukan's name, adding a device of the attacker's to Nunukan.
    let mut as_nunukan = b_card.clone();
    as_nunukan.district = "65.03".into();
    as_nunukan.devices[0].device_id = stranger;
    let bytes = hostile::bundle(&w.b, &w.t, &Payload::default(), |_, m| m.sender_card = as_nunukan);
    assert!(w.attack(Target::Ttu, &bytes, Rule::ForeignCard).is_ok());

    // Belu's own card listing Nunukan's device as revoked.
    let mut revoking = b_card.clone();
    let mut nunukan_device = revoking.devices[0].clone();
    nunukan_device.device_id = n_keys.device_id;
    nunukan_device.signing_key = data_encoding::BASE64.encode(&n_keys.signing_key());
    nunukan_device.age_recipient = n_keys.age_recipient();
    nunukan_device.revoked = true;
    revoking.devices.push(nunukan_device.clone());
    let bytes = hostile::bundle(&w.b, &w.t, &Payload::default(), |_, m| m.sender_card = revoking);
    assert!(w.attack(Target::Ttu, &bytes, Rule::ForeignCard).is_ok());

    // Belu's own card giving Nunukan's device id Belu's keys.
    let mut replacing = b_card.clone();
    let mut swapped = replacing.devices[0].clone();
    swapped.device_id = n_keys.device_id;
    replacing.devices.push(swapped);
    let bytes = hostile::bundle(&w.b, &w.t, &Payload::default(), |_, m| m.sender_card = replacing);
    assert!(w.attack(Target::Ttu, &bytes, Rule::ForeignCard).is_ok());

    let nunukan_at_ttu: Vec<_> =
        lintas_core::identity::trusted(&w.t.store).unwrap().into_iter().filter(|d| d.district == "65.03").collect();
    assert_eq!(nunukan_at_ttu.len(), 1);
    assert!(nunukan_at_ttu[0].revoked_at.is_none());
}

#[test]
fn an_op_under_another_devices_id_is_refused_and_the_real_decision_still_counts() {
    let mut w = World::new();
    let ttu_device = w.t.store.identity().device_id;
    // The receiver's decision, written by Belu under TTU's device id: sealed with Belu's key,
    // once as Belu's own seal and once as a seal that claims to be TTU's.
    let mut hand = Hand { device: ttu_device, ..w.belu_hand() };
    let decline = hand.set(EntityKind::Referral, w.referral, "status", json!("Declined"));
    let bytes = w.belu_sends(Target::Nunukan, std::slice::from_ref(&decline));
    assert_eq!(refused(w.attack(Target::Nunukan, &bytes, Rule::Unsigned)), 1);
    let mut posing = w.b.store.device_keys().unwrap();
    posing.device_id = ttu_device;
    let decline = hand.set(EntityKind::Referral, w.referral, "status", json!("Declined"));
    let payload = Payload::sealed(&posing, &[decline]);
    let bytes = hostile::bundle(&w.b, &w.n, &payload, |_, _| {});
    assert_eq!(refused(w.attack(Target::Nunukan, &bytes, Rule::Unsigned)), 1);

    // TTU's real acceptance arrives and counts: no equivocation was planted.
    lintas_core::referrals::decide(&mut w.t.store, w.referral, true, None, &w.t.clock).unwrap();
    let path = w.path();
    w.t.export("65.03", &path);
    assert_eq!(w.n.import(&path).unwrap().ops_refused, 0);
    let status = lintas_core::referrals::list(&w.n.store).unwrap()[0].status.clone();
    assert_eq!(status, "Accepted");
}

#[test]
fn relayed_ops_verify_against_their_author_and_one_flipped_byte_is_refused() {
    let mut w = World::with(false);
    // What Nunukan sent Belu, as Belu holds it.
    let from_n = w.path();
    lintas_core::sync::export(&mut w.n.store, "53.04", true, &from_n, &w.n.clock, &w.n.entropy).unwrap();
    let mut payload = hostile::received(&w.b, &from_n);
    assert!(payload.ops.len() > 5 && !payload.seals.is_empty());

    // One byte of one relayed op changed (the witness's statement), its hash recomputed so
    // that it still chains: the author's seal does not cover it.
    let i = payload.ops.iter().position(|o| String::from_utf8_lossy(&o.body).contains("recruiter")).unwrap();
    let mut altered = payload.clone();
    let op = &mut altered.ops[i];
    let at = op.body.windows(9).position(|w| w == b"recruiter").unwrap();
    op.body[at] = b'R';
    op.hash = lintas_core::oplog::chain_hash(&op.prev, &op.body);
    let bytes = hostile::bundle(&w.b, &w.t, &altered, |_, _| {});
    let summary = w.offer(Target::Ttu, &bytes).unwrap();
    let alerts = lintas_core::alerts::list(&w.t.store).unwrap();
    assert_eq!(summary.ops_refused, 1, "{summary:?} {alerts:?}");
    assert!(alerts.iter().any(|a| a.rule == "unsigned"), "{alerts:?}");
    // The same byte changed without a new hash: the op does not hash to what it claims.
    let mut garbled = payload.clone();
    garbled.ops[i].body[at] = b'R';
    let bytes = hostile::bundle(&w.b, &w.t, &garbled, |_, _| {});
    let summary = w.offer(Target::Ttu, &bytes).unwrap();
    assert!(summary.ops_refused >= 1);
    assert!(lintas_core::alerts::list(&w.t.store).unwrap().iter().any(|a| a.rule == "forged_op"));
    // The rest of Nunukan's case arrived, checked against Nunukan's key.
    let shown = lintas_core::cases::show(&w.t.store, &w.case).unwrap();
    assert_eq!(shown["victim"]["first_name"], "Maria");
    assert!(!shown.to_string().contains("Recruiter"));

    // Belu's honest relay: the unaltered op arrives through Belu and is applied at TTU.
    payload.ops = vec![payload.ops[i].clone()];
    let bytes = hostile::bundle(&w.b, &w.t, &payload, |_, _| {});
    let summary = w.offer(Target::Ttu, &bytes).unwrap();
    assert_eq!((summary.ops_applied, summary.ops_refused), (1, 0));
    assert!(lintas_core::cases::show(&w.t.store, &w.case).unwrap().to_string().contains("recruiter"));
    lintas_core::audit::verify(&w.t.store).unwrap();
}

#[test]
fn a_district_relaying_through_its_own_export_passes_on_verifiable_ops() {
    let mut w = World::with(false);
    // Belu's ordinary export to TTU carries Nunukan's case (referred to TTU), with Nunukan's
    // seals: TTU applies it although it never heard from Nunukan.
    let path = w.path();
    w.b.export("53.03", &path);
    let summary = w.t.import(&path).unwrap();
    assert_eq!((summary.new_cases.len(), summary.ops_refused), (1, 0));
    lintas_core::audit::verify(&w.t.store).unwrap();
}

#[test]
fn a_stolen_laptop_revoked_by_its_own_district_is_refused_after_the_revocation_also_when_relayed() {
    let mut w = World::new();
    // Nunukan's second laptop, known to TTU through Nunukan's card.
    let mut n2 = District::new("65.03", "Kabupaten Nunukan", 21);
    District::trust_each_other(&mut w.n, &mut n2);
    District::trust_each_other(&mut n2, &mut w.t);
    District::trust_each_other(&mut n2, &mut w.b);
    let n2_device = n2.store.identity().device_id;
    // Before the theft, the second laptop writes a case; it reaches Belu.
    let mut doc = support::maria();
    doc["consent"] = json!({"share_districts": ["53.03", "53.04"]});
    // Another intake year: each laptop numbers its own cases, and Nunukan's first laptop has
    // 6503-2019-0001 already.
    doc["intake"]["date"] = json!("2020-03-01");
    let early = n2.create(&doc);
    n2.refer(&early, "53.03");
    lintas_core::referrals::share(&mut n2.store, &early, "53.04", "koordinasi", None, &n2.clock, &n2.entropy).unwrap();
    let early_to_b = w.path();
    n2.export("53.04", &early_to_b);
    let at_b = w.b.import(&early_to_b).unwrap();
    assert_eq!(at_b.new_cases.len(), 1, "{at_b:?}");

    // The laptop is stolen. From the first laptop, Nunukan revokes it; the revocation reaches
    // TTU with Nunukan's next bundle.
    w.n.clock.set(chrono::DateTime::from_timestamp(1_750_100_000, 0).unwrap());
    lintas_core::identity::trust_revoke(&mut w.n.store, n2_device, &w.n.clock).unwrap();
    w.t.clock.set(chrono::DateTime::from_timestamp(1_750_100_100, 0).unwrap());
    let path = w.path();
    w.n.export("53.03", &path);
    w.t.import(&path).unwrap();
    let row =
        lintas_core::identity::trusted(&w.t.store).unwrap().into_iter().find(|d| d.device_id == n2_device).unwrap();
    assert!(row.revoked_at.is_some());

    // The thief's bundle is refused whole.
    n2.clock.set(chrono::DateTime::from_timestamp(1_750_100_050, 0).unwrap());
    w.b.clock.set(chrono::DateTime::from_timestamp(1_750_100_060, 0).unwrap());
    let late = n2.create(&doc);
    n2.refer(&late, "53.03");
    lintas_core::referrals::share(&mut n2.store, &late, "53.04", "koordinasi", None, &n2.clock, &n2.entropy).unwrap();
    let direct = w.path();
    n2.export("53.03", &direct);
    assert_eq!(w.t.import(&direct).unwrap_err().code, ErrorCode::RevokedSender);

    // Relayed through Belu (which has not heard of the revocation), the ops written after it are
    // refused, and those written before it are applied.
    let late_to_b = w.path();
    n2.export("53.04", &late_to_b);
    let at_b = w.b.import(&late_to_b).unwrap();
    assert_eq!(at_b.new_cases.len(), 1, "{at_b:?}");
    let relay = w.path();
    w.b.export("53.03", &relay);
    let before = lintas_core::cases::list(&w.t.store, &Default::default()).unwrap().len();
    let summary = w.t.import(&relay).unwrap();
    assert!(summary.ops_refused > 0, "{summary:?}");
    assert!(lintas_core::alerts::list(&w.t.store).unwrap().iter().any(|a| a.rule == "revoked_device"));
    let after = lintas_core::cases::list(&w.t.store, &Default::default()).unwrap();
    assert_eq!(after.len(), before + 1, "only the case written before the theft arrived");
    assert!(lintas_core::cases::show(&w.t.store, &early).is_ok());
    assert!(lintas_core::cases::show(&w.t.store, &late).is_err());
    lintas_core::audit::verify(&w.t.store).unwrap();
}

#[test]
fn a_district_cannot_decide_erase_share_or_run_another_districts_records() {
    let mut w = World::new();
    let n_case: Uuid = w.case.parse().unwrap();
    let mut hand = w.belu_hand();
    let belu_ids = DistrictIds::new(&w.b.entropy, "53.04");
    use lintas_core::ambient::Entropy;

    let org = lintas_core::organisations::create(
        &mut w.n.store,
        &json!({"name": "UPTD PPA Nunukan", "type": "UptdPpa"}),
        &w.n.clock,
        &w.n.entropy,
    )
    .unwrap();
    // A case Belu was never sent: Belu may not decide whether its victim is Maria.
    let mut other = support::maria();
    other["victim"]["first_name"] = json!("Mariana");
    let other = w.n.create(&other);
    let other_victim: Uuid =
        lintas_core::cases::show(&w.n.store, &other).unwrap()["victim"]["id"].as_str().unwrap().parse().unwrap();
    let cases: Vec<(Target, lintas_core::oplog::Op, Rule)> = vec![
        (
            Target::Nunukan,
            hand.create(
                EntityKind::PersonLink,
                belu_ids.uuid(),
                json!({"person_a": w.victim.to_string(), "person_b": other_victim.to_string(), "status": "Linked"}),
            ),
            Rule::NotOwner,
        ),
        // Rename another district's organisation, or write a plan or an assessment into a case
        // it only shares.
        (Target::Nunukan, hand.set(EntityKind::Organisation, org, "name", json!("Palsu")), Rule::NotCreator),
        (
            Target::Nunukan,
            hand.create(EntityKind::Plan, belu_ids.uuid(), json!({"case_id": w.case, "kind": "Support"})),
            Rule::NotCarer,
        ),
        (
            Target::Nunukan,
            hand.create(
                EntityKind::Assessment,
                belu_ids.uuid(),
                json!({"case_id": w.case, "kind": "BestInterest", "date": "2025-06-01"}),
            ),
            Rule::NotCarer,
        ),
        // Decide the referral that is TTU's to decide.
        (Target::Nunukan, hand.set(EntityKind::Referral, w.referral, "status", json!("Declined")), Rule::NotReceiver),
        (Target::Ttu, hand.set(EntityKind::Referral, w.referral, "status", json!("Accepted")), Rule::NotReceiver),
        // Edit the victim of a case it does not own.
        (Target::Nunukan, hand.set(EntityKind::Person, w.victim, "first_name", json!("Mariana")), Rule::NotOwner),
        // Re-share the case, and widen the victim's consent.
        (
            Target::Nunukan,
            hand.create(
                EntityKind::Share,
                belu_ids.uuid(),
                json!({"case_id": w.case, "district": "53.05", "reason": "lihat"}),
            ),
            Rule::NotOwner,
        ),
        (
            Target::Ttu,
            hand.set(EntityKind::Consent, n_case, "share_districts", json!(["53.03", "53.04", "53.05"])),
            Rule::NotOwner,
        ),
        // Deactivate Nunukan's founding coordinator, and add an operator to Nunukan.
        (
            Target::Nunukan,
            hand.set(EntityKind::Operator, w.n_operator, "active", json!(false)),
            Rule::OtherDistrictsOperator,
        ),
        (
            Target::Ttu,
            hand.create(
                EntityKind::Operator,
                belu_ids.uuid(),
                json!({"name": "Penyusup", "district": "65.03", "role": "Coordinator", "active": true}),
            ),
            Rule::OtherDistrictsOperator,
        ),
        // A note on a case it only shares: not a district that accepted a referral.
        (
            Target::Ttu,
            hand.create(
                EntityKind::Note,
                belu_ids.uuid(),
                json!({"case_id": w.case, "body": "palsu", "written_at": "2025-06-15T15:06:40+00:00"}),
            ),
            Rule::NotCarer,
        ),
        // Erase a person it never held.
        (
            Target::Ttu,
            hand.op(EntityKind::Person, Uuid::from_u128(42), Action::Erase, None, json!({"reason": "LegalRequest"})),
            Rule::NotOwner,
        ),
        // A record under an id that Nunukan minted.
        (
            Target::Ttu,
            hand.create(
                EntityKind::Note,
                lintas_core::ambient::DistrictIds::new(&w.n.entropy, "65.03").uuid(),
                json!({"case_id": w.case, "body": "x"}),
            ),
            Rule::ForeignId,
        ),
    ];
    for (to, op, rule) in cases {
        let bytes = w.belu_sends(to, std::slice::from_ref(&op));
        assert_eq!(refused(w.attack(to, &bytes, rule)), 1, "{rule:?}");
    }
    // Nunukan's coordinator is still active and can write.
    let update = json!({"notes": [{"body": "masih bisa menulis"}]});
    lintas_core::cases::update(&mut w.n.store, &w.case, &update, &w.n.clock, &w.n.entropy).unwrap();
}

#[test]
fn a_district_caring_for_a_child_cannot_approve_in_another_districts_name() {
    let mut w = World::new();
    // Nunukan refers Maria to Belu as well, and Belu accepts: Belu may now write her
    // assessments, approved by its own coordinator only.
    w.n.refer(&w.case, "53.04");
    let to_b = w.path();
    w.n.export("53.04", &to_b);
    w.b.import(&to_b).unwrap();
    let to_belu =
        lintas_core::referrals::list(&w.b.store).unwrap().into_iter().find(|r| r.to_district == "53.04").unwrap();
    lintas_core::referrals::decide(&mut w.b.store, to_belu.id, true, None, &w.b.clock).unwrap();
    let to_n = w.path();
    w.b.export("65.03", &to_n);
    w.n.import(&to_n).unwrap();

    let mut hand = w.belu_hand();
    let belu_ids = DistrictIds::new(&w.b.entropy, "53.04");
    use lintas_core::ambient::Entropy;
    let (forged_id, own) = (belu_ids.uuid(), belu_ids.uuid());
    let case = w.case.clone();
    let assessment = |approved_by: Uuid| json!({"case_id": case, "kind": "BestInterest", "date": "2025-06-01", "approved_by": approved_by.to_string()});
    // Approved in the name of Nunukan's coordinator, on creation and afterwards.
    let forged = hand.create(EntityKind::Assessment, forged_id, assessment(w.n_operator));
    let bytes = w.belu_sends(Target::Nunukan, std::slice::from_ref(&forged));
    assert_eq!(refused(w.attack(Target::Nunukan, &bytes, Rule::ForgedApproval)), 1);

    // Approved by Belu's own coordinator, who wrote it: this stands.
    let honest = hand.create(EntityKind::Assessment, own, assessment(w.b.store.identity().operator_id));
    let bytes = w.belu_sends(Target::Nunukan, std::slice::from_ref(&honest));
    let summary = w.offer(Target::Nunukan, &bytes).unwrap();
    assert_eq!(summary.ops_refused, 0);
    let shown = lintas_core::cases::show(&w.n.store, &w.case).unwrap();
    let approved_by = |shown: &Value| {
        shown["assessments"].as_array().unwrap().iter().find(|a| a["id"] == own.to_string()).unwrap()["approved_by"]
            .clone()
    };
    assert_eq!(approved_by(&shown), json!(w.b.store.identity().operator_id.to_string()));

    // Its approver changed afterwards to Nunukan's coordinator: refused, the approval stays Belu's.
    let moved = hand.set(EntityKind::Assessment, own, "approved_by", json!(w.n_operator.to_string()));
    let bytes = w.belu_sends(Target::Nunukan, std::slice::from_ref(&moved));
    assert_eq!(refused(w.attack(Target::Nunukan, &bytes, Rule::ForgedApproval)), 1);
    let shown = lintas_core::cases::show(&w.n.store, &w.case).unwrap();
    assert_eq!(approved_by(&shown), json!(w.b.store.identity().operator_id.to_string()));
}

#[test]
fn a_district_cannot_change_another_districts_registers() {
    use lintas_core::registers::{self, Register};
    let mut w = World::new();
    let activity = registers::create(
        &mut w.n.store,
        Register::Activity,
        &json!({"kind": "Socialisation", "date": "2025-06-01", "regency": "65.03", "female_adults": 20,
                "share_districts": ["53.04"]}),
        &w.n.clock,
        &w.n.entropy,
    )
    .unwrap();
    let training = registers::create(
        &mut w.n.store,
        Register::Training,
        &json!({"title": "Identifikasi", "start_date": "2025-06-02",
                "participants": [{"agency": "Police", "female": 2, "male": 3}]}),
        &w.n.clock,
        &w.n.entropy,
    )
    .unwrap();
    let group: Uuid = registers::get(&w.n.store, Register::Training, training).unwrap().doc["participants"][0]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let mut hand = w.belu_hand();
    let belu_ids = DistrictIds::new(&w.b.entropy, "53.04");
    use lintas_core::ambient::Entropy;
    let own_id = belu_ids.uuid();
    let attacks = [
        // Inflate the participants of Nunukan's activity, or of its training.
        (hand.set(EntityKind::Activity, activity, "female_adults", json!(2000)), Rule::NotCreator),
        (hand.set(EntityKind::TrainingGroup, group, "male", json!(300)), Rule::NotCreator),
        // Add an agency to Nunukan's training.
        (
            hand.create(
                EntityKind::TrainingGroup,
                belu_ids.uuid(),
                json!({"training_id": training.to_string(), "agency": "Ngo", "female": 90}),
            ),
            Rule::NotCreator,
        ),
        // Counts no local write would accept.
        (
            hand.create(
                EntityKind::Activity,
                belu_ids.uuid(),
                json!({"kind": "Campaign", "date": "2025-06-03", "regency": "53.04", "male_adults": -5}),
            ),
            Rule::InvalidValue,
        ),
    ];
    for (op, rule) in attacks {
        let bytes = w.belu_sends(Target::Nunukan, std::slice::from_ref(&op));
        assert_eq!(refused(w.attack(Target::Nunukan, &bytes, rule)), 1, "{rule:?}");
    }
    assert_eq!(registers::get(&w.n.store, Register::Activity, activity).unwrap().doc["female_adults"], 20);
    // Belu's own activity, with sound counts, is kept: the rules refuse only what they should.
    let own = hand.create(
        EntityKind::Activity,
        own_id,
        json!({"kind": "Campaign", "date": "2025-06-03", "regency": "53.04", "male_adults": 5}),
    );
    let bytes = w.belu_sends(Target::Nunukan, std::slice::from_ref(&own));
    assert_eq!(w.offer(Target::Nunukan, &bytes).unwrap().ops_refused, 0);
    assert_eq!(registers::list(&w.n.store, Register::Activity, None, None).unwrap().len(), 2);
}

#[test]
fn an_erasure_from_a_district_that_does_not_own_the_case_is_a_request_the_owner_confirms() {
    let mut w = World::new();
    let mut hand = w.belu_hand();
    let erase = hand.op(EntityKind::Person, w.victim, Action::Erase, None, json!({"reason": "LegalRequest"}));
    // At TTU, which does not own it either: refused.
    let bytes = w.belu_sends(Target::Ttu, std::slice::from_ref(&erase));
    assert_eq!(refused(w.attack(Target::Ttu, &bytes, Rule::NotOwner)), 1);
    // At Nunukan, the owner: a request, and nothing erased.
    let bytes = w.belu_sends(Target::Nunukan, std::slice::from_ref(&erase));
    let summary = w.attack(Target::Nunukan, &bytes, Rule::ErasureRequest).unwrap();
    assert_eq!(summary.erasure_requests, 1);
    assert!(lintas_core::cases::show(&w.n.store, &w.case).is_ok());
    let requests = lintas_core::erasure::requests(&w.n.store).unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!((requests[0].from.as_deref(), requests[0].victim), (Some("53.04"), true));
    // The coordinator confirms: Nunukan erases, and its erasure reaches TTU.
    lintas_core::erasure::confirm(&mut w.n.store, requests[0].alert, "LegalRequest", &w.n.clock).unwrap();
    assert!(lintas_core::cases::show(&w.n.store, &w.case).is_err());
    assert!(lintas_core::erasure::requests(&w.n.store).unwrap().is_empty());
    let path = w.path();
    w.n.export("53.03", &path);
    assert_eq!(w.t.import(&path).unwrap().persons_erased, 1);
    assert!(lintas_core::cases::show(&w.t.store, &w.case).is_err());
}

/// Belu's own new case: its victim's creation and the case's, with `fields` over valid ones
/// (`victim.` fields go to the person), under ids Belu minted.
fn belu_case(w: &World, hand: &mut Hand, number: &str, fields: Value) -> [lintas_core::oplog::Op; 2] {
    use lintas_core::ambient::Entropy;
    let ids = DistrictIds::new(&w.b.entropy, "53.04");
    let (person, case) = (ids.uuid(), ids.uuid());
    let mut case_fields = json!({
        "case_number": number, "district": "53.04", "victim_id": person.to_string(),
        "status": "Active", "intake_date": "2019-09-20"
    });
    let mut person_fields = json!({"first_name": "Siti", "gender": "Feminine"});
    for (k, v) in fields.as_object().unwrap() {
        match k.strip_prefix("victim.") {
            Some(p) => person_fields[p] = v.clone(),
            None => case_fields[k] = v.clone(),
        }
    }
    [hand.create(EntityKind::Person, person, person_fields), hand.create(EntityKind::Case, case, case_fields)]
}

#[test]
fn values_no_local_write_would_accept_are_refused() {
    let mut w = World::new();
    let mut hand = w.belu_hand();
    // A valid case of Belu's own is accepted: the checks are not refusing everything.
    let good = belu_case(&w, &mut hand, "5304-2019-0100", json!({}));
    assert_eq!(w.offer(Target::Ttu, &w.belu_sends(Target::Ttu, &good)).unwrap().ops_applied, 2);
    let good_victim = good[0].entity_id.to_string();

    let long = "a".repeat(10_000);
    for (what, fields) in [
        ("an unknown code", json!({"victim.gender": "Alien"})),
        ("an over-long name", json!({"victim.first_name": long})),
        ("a birth date in the future", json!({"victim.birthdate": "2090-01-01"})),
        ("a case number in TTU's series", json!({"case_number": "5303-2019-9223372036854775807"})),
        ("a case number near the integer limit", json!({"case_number": "5304-2019-9223372036854775807"})),
        ("an id where a reference belongs", json!({"victim_id": "not an id"})),
        ("an unknown exploitation type", json!({"type_of_exploitation": ["Smuggling"]})),
    ] {
        let [person, mut case] = belu_case(&w, &mut hand, "5304-2019-0101", fields.clone());
        // Only the op with the bad value travels: the person, or a case of the valid victim.
        let op = if fields.as_object().unwrap().keys().any(|k| k.starts_with("victim.")) {
            person
        } else {
            if case.value["victim_id"] != "not an id" {
                case.value["victim_id"] = json!(good_victim);
            }
            case
        };
        let bytes = w.belu_sends(Target::Ttu, std::slice::from_ref(&op));
        assert_eq!(refused(w.attack(Target::Ttu, &bytes, Rule::InvalidValue)), 1, "{what}");
    }
    // A case number another case here already has: refused, not a failed import.
    let [_, mut twin] = belu_case(&w, &mut hand, "5304-2019-0100", json!({}));
    twin.value["victim_id"] = json!(good_victim);
    let bytes = w.belu_sends(Target::Ttu, std::slice::from_ref(&twin));
    assert_eq!(refused(w.attack(Target::Ttu, &bytes, Rule::DuplicateCreate)), 1);
    // TTU's own case numbers go on as before.
    let own = w.t.create(&support::maria());
    let number = lintas_core::cases::show(&w.t.store, &own).unwrap()["case_number"].clone();
    assert_eq!(number, "5303-2019-0001");
}

#[test]
fn ops_stamped_years_ahead_or_with_a_saturated_counter_cannot_pin_a_field() {
    let mut w = World::new();
    let mut hand = w.belu_hand();
    let case_ops = belu_case(&w, &mut hand, "5304-2019-0100", json!({}));
    let case_id = case_ops[1].entity_id;
    w.offer(Target::Ttu, &w.belu_sends(Target::Ttu, &case_ops)).unwrap();
    let now = w.t.clock.now().timestamp_millis();
    let mut ahead = hand.set(EntityKind::Case, case_id, "status", json!("Closed"));
    ahead.hlc = Hlc { ms: now + 5 * 365 * 86_400_000, counter: 0 };
    let mut saturated = hand.set(EntityKind::Case, case_id, "status", json!("Closed"));
    saturated.hlc = Hlc { ms: now + 3_600_000, counter: u32::MAX };
    for op in [ahead, saturated] {
        let bytes = w.belu_sends(Target::Ttu, std::slice::from_ref(&op));
        assert_eq!(refused(w.attack(Target::Ttu, &bytes, Rule::FutureClock)), 1);
    }
    assert_eq!(lintas_core::cases::show(&w.t.store, &case_id.to_string()).unwrap()["status"], "Active");
    // TTU's own writes keep its clock.
    let own = w.t.create(&support::maria());
    lintas_core::cases::update(&mut w.t.store, &own, &json!({"status": "FollowUp"}), &w.t.clock, &w.t.entropy).unwrap();
    assert_eq!(lintas_core::cases::show(&w.t.store, &own).unwrap()["status"], "FollowUp");
}

#[test]
fn waiting_ops_and_orphan_blobs_from_one_district_are_bounded() {
    let mut w = World::new();
    let mut hand = w.belu_hand();
    let limit = lintas_core::oplog::MAX_WAITING_PER_SENDER as usize;
    // Edits of records that will never come.
    let ops: Vec<_> = (0..limit + 100)
        .map(|i| hand.set(EntityKind::Case, Uuid::from_u128(0xdead_0000 + i as u128), "status", json!("Closed")))
        .collect();
    let bytes = w.belu_sends(Target::Ttu, &ops);
    let summary = w.offer(Target::Ttu, &bytes).unwrap();
    assert_eq!(summary.ops_waiting as usize, limit);
    assert_eq!(summary.ops_refused, 100);
    assert!(lintas_core::alerts::list(&w.t.store).unwrap().iter().any(|a| a.rule == "waiting_limit"));
    // Offered again: nothing more waits.
    let again = w.offer(Target::Ttu, &bytes).unwrap();
    assert_eq!(again.ops_waiting as usize, limit);
    // TTU's own work and Nunukan's bundles go on.
    w.next_bundles_unaffected(Target::Ttu);
    // After the expiry, waiting ops are dropped at the next import.
    w.t.clock.set(
        chrono::DateTime::from_timestamp(1_750_000_000 + (lintas_core::oplog::WAITING_EXPIRY_DAYS + 1) * 86_400, 0)
            .unwrap(),
    );
    w.n.clock.set(w.t.clock.now());
    let path = w.path();
    w.n.export("53.03", &path);
    assert_eq!(w.t.import(&path).unwrap().ops_waiting, 0);

    // Attachment contents no attachment names are not kept.
    let blobs = Payload { blobs: vec![vec![7u8; 100_000], vec![8u8; 100_000]], ..Payload::default() };
    let bytes = hostile::bundle(&w.b, &w.t, &blobs, |_, _| {});
    assert!(w.attack(Target::Ttu, &bytes, Rule::OrphanBlob).is_ok());
}

#[test]
fn a_refused_bundle_or_op_never_stops_an_honest_bundle_that_follows() {
    // After every attack above, `attack` checks the target's next bundle to the other honest
    // district; here, the other direction: Nunukan's next bundle to TTU after a burst of
    // refused ops from Belu applies in full.
    let mut w = World::new();
    let mut hand = w.belu_hand();
    let ops = vec![
        hand.set(EntityKind::Referral, w.referral, "status", json!("Declined")),
        hand.set(EntityKind::Person, w.victim, "first_name", json!("X")),
    ];
    let bytes = w.belu_sends(Target::Ttu, &ops);
    assert_eq!(w.offer(Target::Ttu, &bytes).unwrap().ops_refused, 2);
    lintas_core::cases::update(&mut w.n.store, &w.case, &json!({"status": "FollowUp"}), &w.n.clock, &w.n.entropy)
        .unwrap();
    let path = w.path();
    w.n.export("53.03", &path);
    let summary = w.t.import(&path).unwrap();
    assert_eq!((summary.ops_applied > 0, summary.ops_refused), (true, 0));
    assert_eq!(lintas_core::cases::show(&w.t.store, &w.case).unwrap()["status"], "FollowUp");
}

/// The same bundle bytes relabelled as format 2 and signed again by the sender: an older
/// format, which has no seals.
fn as_format_2(mut bytes: Vec<u8>, keys: &lintas_core::identity::DeviceKeys) -> Vec<u8> {
    bytes[8..10].copy_from_slice(&2u16.to_be_bytes());
    let n = bytes.len();
    let digest = ring::digest::digest(&ring::digest::SHA256, &bytes[..n - 64]);
    let message = [b"lintas/bundle/trailer/v1\0".as_slice(), digest.as_ref()].concat();
    let signature = keys.sign(&message);
    bytes[n - 64..].copy_from_slice(&signature);
    bytes
}

#[test]
fn an_older_bundle_format_cannot_carry_another_devices_ops() {
    let mut w = World::with(false);
    // Nunukan's genuine ops, with their seals, relayed by Belu in a format-2 bundle: format 2
    // has no seals, so only the signing device's own ops count, and Nunukan's are refused.
    let from_n = w.path();
    lintas_core::sync::export(&mut w.n.store, "53.04", true, &from_n, &w.n.clock, &w.n.entropy).unwrap();
    let relayed = hostile::received(&w.b, &from_n);
    let keys = w.b.store.device_keys().unwrap();
    let bytes = as_format_2(hostile::bundle(&w.b, &w.t, &relayed, |_, _| {}), &keys);
    assert_eq!(refused(w.attack(Target::Ttu, &bytes, Rule::Unsigned)) as usize, relayed.ops.len());
    // Belu's own valid op in a format-2 bundle is still read.
    let mut hand = w.belu_hand();
    let own = belu_case(&w, &mut hand, "5304-2019-0100", json!({}));
    let bytes = as_format_2(w.belu_sends(Target::Ttu, &own), &keys);
    let summary = w.offer(Target::Ttu, &bytes).unwrap();
    assert_eq!((summary.ops_applied, summary.ops_refused), (2, 0));
}

#[test]
fn content_cannot_be_parked_under_attachments_whose_case_never_comes() {
    use lintas_core::ambient::Entropy;
    let mut w = World::new();
    let mut hand = w.belu_hand();
    let ids = DistrictIds::new(&w.b.entropy, "53.04");
    // Attachments of a case that will never arrive, each naming 1 MB of content it carries.
    let blobs: Vec<Vec<u8>> = (0..3u8).map(|i| vec![i; 1 << 20]).collect();
    let ops: Vec<_> = blobs
        .iter()
        .map(|data| {
            let sha: String =
                ring::digest::digest(&ring::digest::SHA256, data).as_ref().iter().map(|b| format!("{b:02x}")).collect();
            hand.create(
                EntityKind::Attachment,
                ids.uuid(),
                json!({"case_id": ids.uuid().to_string(), "name": "scan.jpg", "mime": "image/jpeg",
                       "size": data.len(), "sha256": sha}),
            )
        })
        .collect();
    let mut payload = Payload::sealed(&w.b.store.device_keys().unwrap(), &ops);
    payload.blobs = blobs;
    let bytes = hostile::bundle(&w.b, &w.t, &payload, |_, _| {});
    let before = Snapshot::of(&w.t);
    let summary = w.offer(Target::Ttu, &bytes).unwrap();
    // Neither the attachments nor their content are kept, nothing waits, and nothing was wrong
    // enough to alert: the sender offers them again with their case.
    assert_eq!((summary.ops_applied, summary.ops_waiting, summary.ops_refused), (0, 0, 0));
    let after = Snapshot::of(&w.t);
    assert_eq!(before.counts["blobs"], after.counts["blobs"]);
    assert_eq!(before.counts["pending_ops"], after.counts["pending_ops"]);
    assert_eq!(before.alerts, after.alerts);
}

#[test]
fn an_op_that_cannot_be_read_is_refused_alone_with_an_alert() {
    let mut w = World::new();
    // Bytes that are no op, chained and sealed by Belu's own key, beside a valid op of Belu's.
    let mut hand = w.belu_hand();
    let good = belu_case(&w, &mut hand, "5304-2019-0100", json!({}));
    let mut payload = Payload::sealed(&w.b.store.device_keys().unwrap(), &good);
    let garbage = b"{\"v\":1,\"not\":\"an op\"}".to_vec();
    let prev = payload.ops.last().unwrap().hash;
    let hash = lintas_core::oplog::chain_hash(&prev, &garbage);
    payload.ops.push(lintas_core::bundle::OpRecord { prev, hash, body: garbage });
    let keys = w.b.store.device_keys().unwrap();
    payload.seals.push(lintas_core::seal::Seal::make(&keys, good[1].id.seq + 1, vec![hash]));
    let bytes = hostile::bundle(&w.b, &w.t, &payload, |_, _| {});
    let summary = w.offer(Target::Ttu, &bytes).unwrap();
    assert_eq!((summary.ops_applied, summary.ops_refused), (2, 1));
    assert!(lintas_core::alerts::list(&w.t.store).unwrap().iter().any(|a| a.rule == "malformed"));
    lintas_core::audit::verify(&w.t.store).unwrap();
}

/// The laptop's clock is judged against the newest op it holds (`timekeeping`). A district that
/// stamps its ops as far ahead as an import lets through (just under a day) cannot make a
/// laptop with a right clock warn that its clock is behind, and ops stamped years ahead, which
/// could, are refused.
#[test]
fn a_district_stamping_its_ops_ahead_cannot_make_a_right_clock_look_wrong() {
    let mut w = World::new();
    let mut hand = w.belu_hand();
    let case_ops = belu_case(&w, &mut hand, "5304-2019-0101", json!({}));
    let case_id = case_ops[1].entity_id;
    w.offer(Target::Ttu, &w.belu_sends(Target::Ttu, &case_ops)).unwrap();
    let now = w.t.clock.now().timestamp_millis();
    let mut years_ahead = hand.set(EntityKind::Case, case_id, "status", json!("Closed"));
    years_ahead.hlc = Hlc { ms: now + 3 * 365 * 86_400_000, counter: 0 };
    let bytes = w.belu_sends(Target::Ttu, std::slice::from_ref(&years_ahead));
    assert_eq!(refused(w.attack(Target::Ttu, &bytes, Rule::FutureClock)), 1);
    let mut day_ahead = hand.set(EntityKind::Case, case_id, "status", json!("Closed"));
    day_ahead.hlc = Hlc { ms: now + 23 * 3_600_000, counter: 0 };
    w.offer(Target::Ttu, &w.belu_sends(Target::Ttu, std::slice::from_ref(&day_ahead))).unwrap();
    assert_eq!(lintas_core::cases::show(&w.t.store, &case_id.to_string()).unwrap()["status"], "Closed");
    assert_eq!(lintas_core::timekeeping::check(&w.t.store, &w.t.clock).unwrap(), None);
}
