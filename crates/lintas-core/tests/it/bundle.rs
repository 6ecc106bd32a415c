//! Bad bundles: every altered byte, every cut, repeats, strangers and revoked keys are refused
//! with a clear error, and the receiving store does not change.

use crate::support;

use lintas_core::ErrorCode;
use std::path::{Path, PathBuf};
use support::{maria, District};

fn pair() -> (District, District) {
    let mut n = District::new("65.03", "Kabupaten Nunukan", 1);
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 2);
    District::trust_each_other(&mut n, &mut t);
    (n, t)
}

/// Nunukan refers a case (optionally with a scanned document) and writes a bundle for TTU.
fn bundle(n: &mut District, dir: &Path, attachment: Option<&[u8]>) -> PathBuf {
    let case = n.create(&maria());
    n.refer(&case, "53.03");
    if let Some(data) = attachment {
        lintas_core::cases::attach(&mut n.store, &case, "paspor.jpg", "image/jpeg", data, &n.clock, &n.entropy)
            .unwrap();
    }
    let path = dir.join("n.lintas");
    n.export("53.03", &path);
    path
}

fn code_of(t: &mut District, path: &Path) -> ErrorCode {
    match t.import(path) {
        Ok(_) => panic!("an altered bundle was accepted"),
        Err(e) => e.code,
    }
}

#[test]
fn every_single_byte_change_is_rejected_and_changes_nothing() {
    let (mut n, mut t) = pair();
    let dir = tempfile::tempdir().unwrap();
    let original = std::fs::read(bundle(&mut n, dir.path(), None)).unwrap();
    let before = t.digest();
    let probe = dir.path().join("probe.lintas");
    let mut seen = std::collections::BTreeSet::new();
    for offset in 0..original.len() {
        let mut bytes = original.clone();
        bytes[offset] ^= 0xA5;
        std::fs::write(&probe, &bytes).unwrap();
        let code = code_of(&mut t, &probe);
        assert_eq!(code.exit_code(), 4, "offset {offset}: {code:?}");
        seen.insert(code.as_str());
    }
    assert_eq!(t.digest(), before, "a refused bundle changed the store");
    // The original still imports afterwards: the refusals left nothing behind.
    std::fs::write(&probe, &original).unwrap();
    assert_eq!(t.import(&probe).unwrap().new_cases.len(), 1);
    assert!(seen.contains("bundle_tampered") && seen.contains("not_a_bundle"), "{seen:?}");
}

#[test]
fn every_cut_is_an_incomplete_copy_and_changes_nothing() {
    let (mut n, mut t) = pair();
    let dir = tempfile::tempdir().unwrap();
    // 300 KB of "scan" spans several 64 KiB age chunks. Its bytes come from xorshift, because
    // bundles compress their frames and a real scan (a JPEG) does not compress.
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let scan: Vec<u8> = (0..300_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 32) as u8
        })
        .collect();
    let path = bundle(&mut n, dir.path(), Some(&scan));
    let original = std::fs::read(&path).unwrap();
    assert!(original.len() > scan.len(), "the scan compressed: the cuts would not span the age chunks");
    let before = t.digest();

    let envelope = lintas_core::sync::inspect(&t.store, &path).unwrap();
    // Where age's stream starts: after its text header ("--- mac\n") and the 16-byte nonce.
    let start = envelope.payload_start as usize;
    let header_end = original[start..].windows(4).position(|w| w == b"\n---").unwrap() + start;
    let stream = original[header_end + 1..].iter().position(|b| *b == b'\n').unwrap() + header_end + 2 + 16;
    let mut cuts: Vec<usize> = vec![0, 1, 7, 8, 13, 14, start - 1, start, start + 1, stream];
    let chunk = 64 * 1024 + 16;
    let mut b = stream + chunk;
    while b < original.len() {
        cuts.extend([b - 1, b, b + 1]);
        b += chunk;
    }
    cuts.extend((0..original.len()).step_by(4093));
    cuts.extend(original.len() - 72..original.len());
    cuts.sort();
    cuts.dedup();
    assert!(cuts.len() > 100);

    let probe = dir.path().join("cut.lintas");
    for cut in cuts {
        std::fs::write(&probe, &original[..cut]).unwrap();
        assert_eq!(code_of(&mut t, &probe), ErrorCode::BundleIncomplete, "cut at {cut} of {}", original.len());
    }
    assert_eq!(t.digest(), before);

    // The whole file imports, attachment included, byte for byte.
    let summary = t.import(&path).unwrap();
    assert_eq!(summary.new_cases.len(), 1);
    let doc = lintas_core::cases::show(&t.store, &summary.new_cases[0]).unwrap();
    let att = doc["attachments"][0]["id"].as_str().unwrap().parse().unwrap();
    assert_eq!(lintas_core::cases::attachment(&t.store, att).unwrap().1, scan);
}

#[test]
fn importing_twice_changes_nothing_the_second_time() {
    let (mut n, mut t) = pair();
    let dir = tempfile::tempdir().unwrap();
    let path = bundle(&mut n, dir.path(), Some(b"scan"));
    let first = t.import(&path).unwrap();
    assert!(first.ops_applied > 0);
    let after_first = t.digest();
    let second = t.import(&path).unwrap();
    assert_eq!(second.ops_applied, 0);
    assert_eq!(second.ops_already_present, first.ops_applied);
    assert_eq!(t.digest(), after_first);
}

#[test]
fn wrong_recipient_untrusted_and_revoked_senders_change_nothing() {
    let (mut n, mut t) = pair();
    let dir = tempfile::tempdir().unwrap();
    let path = bundle(&mut n, dir.path(), None);

    // Belu never trusted Nunukan.
    let mut belu = District::new("53.04", "Kabupaten Belu", 3);
    let before = belu.digest();
    assert_eq!(code_of(&mut belu, &path), ErrorCode::UntrustedSender);
    assert_eq!(belu.digest(), before);
    // Belu trusts Nunukan, but the bundle is for TTU.
    District::trust_each_other(&mut n, &mut belu);
    let before = belu.digest();
    assert_eq!(code_of(&mut belu, &path), ErrorCode::WrongRecipient);
    assert_eq!(belu.digest(), before);

    // TTU revokes Nunukan's device.
    let device = lintas_core::identity::trusted(&t.store).unwrap()[0].device_id;
    lintas_core::identity::trust_revoke(&mut t.store, device, &t.clock).unwrap();
    let before = t.digest();
    assert_eq!(code_of(&mut t, &path), ErrorCode::RevokedSender);
    assert_eq!(t.digest(), before);

    // A file that is not a bundle at all.
    let junk = dir.path().join("foto.jpg");
    std::fs::write(&junk, b"\xFF\xD8\xFF\xE0 not a bundle").unwrap();
    assert_eq!(code_of(&mut t, &junk), ErrorCode::NotABundle);
    assert_eq!(t.digest(), before);
}

#[test]
fn new_devices_and_revocations_travel_inside_bundles() {
    // Two laptops at Nunukan that trust each other (same district).
    let mut n = District::new("65.03", "Kabupaten Nunukan", 1);
    let mut n2 = District::new("65.03", "Kabupaten Nunukan", 5);
    District::trust_each_other(&mut n, &mut n2);
    let n2_device = n2.store.identity().device_id;
    let card = lintas_core::identity::own_card(&n.store).unwrap();
    assert_eq!(card.devices.len(), 2, "Nunukan's card lists both laptops");

    // TTU trusted Nunukan's card as it was printed before the second laptop existed.
    let mut t = District::new("53.03", "Kabupaten Timor Tengah Utara", 2);
    let first_only = lintas_core::identity::IdentityCard { devices: card.devices[..1].to_vec(), ..card.clone() };
    lintas_core::identity::trust_add(
        &mut t.store,
        first_only.to_json().as_bytes(),
        &first_only.fingerprint(),
        &t.clock,
    )
    .unwrap();
    let t_card = lintas_core::identity::own_card(&t.store).unwrap();
    for laptop in [&mut n, &mut n2] {
        lintas_core::identity::trust_add(
            &mut laptop.store,
            t_card.to_json().as_bytes(),
            &t_card.fingerprint(),
            &laptop.clock,
        )
        .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();

    // Nunukan's next bundle announces the second laptop.
    let p1 = dir.path().join("1.lintas");
    n.export("53.03", &p1);
    t.import(&p1).unwrap();
    let known = lintas_core::identity::trusted(&t.store).unwrap();
    let second = known.iter().find(|d| d.device_id == n2_device).expect("announced in the bundle");
    assert_eq!(second.added_via, "bundle");
    assert!(second.revoked_at.is_none());
    // So TTU accepts bundles from it.
    let case = n2.create(&maria());
    n2.refer(&case, "53.03");
    let p2 = dir.path().join("2.lintas");
    n2.export("53.03", &p2);
    assert_eq!(t.import(&p2).unwrap().new_cases.len(), 1);

    // The laptop is lost: Nunukan revokes it, and its next bundle tells TTU.
    lintas_core::identity::trust_revoke(&mut n.store, n2_device, &n.clock).unwrap();
    let p3 = dir.path().join("3.lintas");
    n.export("53.03", &p3);
    t.import(&p3).unwrap();
    let second =
        lintas_core::identity::trusted(&t.store).unwrap().into_iter().find(|d| d.device_id == n2_device).unwrap();
    assert!(second.revoked_at.is_some());
    let p4 = dir.path().join("4.lintas");
    n2.export("53.03", &p4);
    let before = t.digest();
    assert_eq!(code_of(&mut t, &p4), ErrorCode::RevokedSender);
    assert_eq!(t.digest(), before);
}

#[test]
fn a_withdrawn_consent_stops_sharing_and_the_withdrawal_itself_is_shared() {
    let (mut n, mut t) = pair();
    let dir = tempfile::tempdir().unwrap();
    let mut doc = maria();
    doc["consent"] = serde_json::json!({"interview": true, "share_districts": ["53.03"]});
    let case = n.create(&doc);
    lintas_core::referrals::create(
        &mut n.store,
        &case,
        &lintas_core::referrals::NewReferral { to_district: "53.03", details: "Pemulangan", ..Default::default() },
        &n.clock,
        &n.entropy,
    )
    .unwrap();
    let first = dir.path().join("1.lintas");
    n.export("53.03", &first);
    assert_eq!(t.import(&first).unwrap().new_cases.len(), 1);

    // The victim withdraws consent; afterwards a note is added at Nunukan.
    let update = |n: &mut District, doc: serde_json::Value| {
        lintas_core::cases::update(&mut n.store, &case, &doc, &n.clock, &n.entropy).unwrap();
    };
    update(&mut n, serde_json::json!({"consent": {"withdrawn_on": "2025-06-01"}}));
    update(&mut n, serde_json::json!({"notes": [{"body": "catatan sesudah penarikan persetujuan"}]}));
    let second = dir.path().join("2.lintas");
    n.export("53.03", &second);
    t.import(&second).unwrap();

    let at_ttu = lintas_core::cases::show(&t.store, &case).unwrap();
    assert_eq!(at_ttu["consent"]["withdrawn_on"], "2025-06-01", "the withdrawal reached TTU");
    assert!(
        at_ttu["notes"].as_array().unwrap().iter().all(|n| n["body"] != "catatan sesudah penarikan persetujuan"),
        "nothing else is shared after the withdrawal"
    );
    // A new referral without an override is refused.
    let refused = lintas_core::referrals::create(
        &mut n.store,
        &case,
        &lintas_core::referrals::NewReferral { to_district: "53.03", details: "lagi", ..Default::default() },
        &n.clock,
        &n.entropy,
    );
    assert!(matches!(refused, Err(lintas_core::referrals::ReferralError::ConsentMissing)));
}
