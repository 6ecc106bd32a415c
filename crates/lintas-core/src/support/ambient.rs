//! Time and randomness, passed in so that tests can fix them.
//!
//! Everything in the core that needs the current time or random bytes takes a [`Clock`] or an
//! [`Entropy`]; production code uses [`SystemClock`] and [`SystemEntropy`], tests use
//! [`FixedClock`] and [`SeededEntropy`] to get reproducible ids, keys and timestamps.

use chrono::{DateTime, Utc};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

/// A source of the current time.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// A source of random bytes. Keys are made from it, so production must use [`SystemEntropy`].
pub trait Entropy: Send + Sync {
    fn fill(&self, buf: &mut [u8]);

    fn uuid(&self) -> uuid::Uuid {
        let mut b = [0u8; 16];
        self.fill(&mut b);
        uuid::Builder::from_random_bytes(b).into_uuid()
    }

    fn bytes32(&self) -> [u8; 32] {
        let mut b = [0u8; 32];
        self.fill(&mut b);
        b
    }
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The operating system's random number generator, through `ring`.
#[derive(Debug)]
pub struct SystemEntropy(ring::rand::SystemRandom);

impl Default for SystemEntropy {
    fn default() -> Self {
        SystemEntropy::new()
    }
}

impl SystemEntropy {
    pub fn new() -> Self {
        SystemEntropy(ring::rand::SystemRandom::new())
    }
}

impl Entropy for SystemEntropy {
    fn fill(&self, buf: &mut [u8]) {
        // The OS generator failing means the machine cannot make keys at all; there is no safe
        // way to continue, and the message carries no data.
        ring::rand::SecureRandom::fill(&self.0, buf).expect("the system random number generator failed");
    }

    fn uuid(&self) -> uuid::Uuid {
        time_ordered_uuid(Utc::now().timestamp_millis().max(0) as u64, self)
    }
}

/// A UUID of version 7: the time in milliseconds, then 74 random bits. Ids made one after the
/// other sort together, so the indexes of a store grow at their ends. With random ids every
/// insert into a large store landed on some page anywhere in each index, which SQLCipher had
/// to read, decrypt and write back encrypted: measured by lintas-bench as most of the cost of
/// writing at 100,000 cases. The time in an id says no more than the op's own timestamp.
pub fn time_ordered_uuid(unix_ms: u64, entropy: &dyn Entropy) -> uuid::Uuid {
    let mut random = [0u8; 10];
    entropy.fill(&mut random);
    uuid::Builder::from_unix_timestamp_millis(unix_ms, &random).into_uuid()
}

/// Mints the ids of the records a district creates: the ids its entropy gives, marked as
/// version 8 and carrying the district's code in their last two bytes (`53.03` as 5303). The
/// time in the first six bytes stays, so ids still sort by creation, and 60 bits stay random.
/// An id says which district minted it, so that no other district can create a record under
/// it — not even one that learned the id from a shared case and races the real record to a
/// third district (`authority`). Ids minted before this carry no district (versions 4 and 7).
pub struct DistrictIds<'e> {
    entropy: &'e dyn Entropy,
    code: u16,
}

impl<'e> DistrictIds<'e> {
    pub fn new(entropy: &'e dyn Entropy, district: &str) -> Self {
        DistrictIds { entropy, code: district.replace('.', "").parse().unwrap_or(0) }
    }
}

impl Entropy for DistrictIds<'_> {
    fn fill(&self, buf: &mut [u8]) {
        self.entropy.fill(buf)
    }

    fn uuid(&self) -> uuid::Uuid {
        let mut b = *self.entropy.uuid().as_bytes();
        b[14..16].copy_from_slice(&self.code.to_be_bytes());
        uuid::Builder::from_custom_bytes(b).into_uuid()
    }
}

/// The district that minted a record's id, for ids minted by [`DistrictIds`].
pub fn minting_district(id: &uuid::Uuid) -> Option<String> {
    if id.get_version_num() != 8 {
        return None;
    }
    let code = u16::from_be_bytes([id.as_bytes()[14], id.as_bytes()[15]]);
    Some(format!("{:02}.{:02}", code / 100, code % 100))
}

/// A clock that stands still until moved; each reading can optionally advance it.
#[derive(Debug)]
pub struct FixedClock {
    millis: AtomicI64,
    step_millis: i64,
}

impl FixedClock {
    /// A clock at `start` that advances `step_millis` after every reading.
    pub fn new(start: DateTime<Utc>, step_millis: i64) -> Self {
        FixedClock { millis: AtomicI64::new(start.timestamp_millis()), step_millis }
    }

    pub fn set(&self, at: DateTime<Utc>) {
        self.millis.store(at.timestamp_millis(), Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        let ms = self.millis.fetch_add(self.step_millis, Ordering::SeqCst);
        DateTime::from_timestamp_millis(ms).unwrap_or_default()
    }
}

/// Deterministic bytes from a seed (SHA-256 in counter mode). For tests and fixtures only.
#[derive(Debug)]
pub struct SeededEntropy {
    seed: u64,
    counter: AtomicU64,
}

impl SeededEntropy {
    pub fn new(seed: u64) -> Self {
        SeededEntropy { seed, counter: AtomicU64::new(0) }
    }
}

impl Entropy for SeededEntropy {
    fn fill(&self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(32) {
            let n = self.counter.fetch_add(1, Ordering::SeqCst);
            let mut input = [0u8; 16];
            input[..8].copy_from_slice(&self.seed.to_le_bytes());
            input[8..].copy_from_slice(&n.to_le_bytes());
            let d = ring::digest::digest(&ring::digest::SHA256, &input);
            chunk.copy_from_slice(&d.as_ref()[..chunk.len()]);
        }
    }
}

/// A point where the crash tests kill the process: when the environment variable
/// `LINTAS_CRASH_AT` names it, the process says so on stderr and waits to be killed (a real
/// SIGKILL from the test, not an orderly exit). Only debug builds have it.
pub(crate) fn crash_point(name: &str) {
    #[cfg(debug_assertions)]
    if std::env::var("LINTAS_CRASH_AT").is_ok_and(|at| at == name) {
        eprintln!("crash point {name}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = name;
}

/// A point where the fault tests make an input or output fail as a pulled USB stick does: when
/// `LINTAS_FAULT_AT` names it, the call returns the operating system's "input/output error"
/// (Linux) or "device does not exist" (Windows). Only debug builds have it.
pub(crate) fn fault_point(name: &str) -> std::io::Result<()> {
    #[cfg(debug_assertions)]
    if std::env::var("LINTAS_FAULT_AT").is_ok_and(|at| at == name) {
        return Err(std::io::Error::from_raw_os_error(if cfg!(windows) { 55 } else { 5 }));
    }
    let _ = name;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn district_ids_say_who_minted_them_and_keep_their_time() {
        let e = SeededEntropy::new(3);
        let ids = DistrictIds::new(&e, "53.03");
        let id = ids.uuid();
        assert_eq!(id.get_version_num(), 8);
        assert_eq!(minting_district(&id).as_deref(), Some("53.03"));
        assert_ne!(id, ids.uuid());
        assert_eq!(minting_district(&e.uuid()), None);
        let system = SystemEntropy::new();
        let (a, b) = (DistrictIds::new(&system, "65.03").uuid(), DistrictIds::new(&system, "65.03").uuid());
        assert_eq!(minting_district(&a).as_deref(), Some("65.03"));
        assert!(a.as_bytes()[..6] <= b.as_bytes()[..6], "time-ordered like version 7");
    }

    #[test]
    fn system_ids_are_version_7_and_sort_by_time() {
        let e = SystemEntropy::new();
        let first = e.uuid();
        std::thread::sleep(std::time::Duration::from_millis(3));
        let second = e.uuid();
        assert_eq!((first.get_version_num(), second.get_version_num()), (7, 7));
        assert!(first < second, "{first} {second}");
        assert_ne!(time_ordered_uuid(5, &e), time_ordered_uuid(5, &e), "random bits differ");
        assert!(time_ordered_uuid(5, &e) < time_ordered_uuid(6, &e));
    }

    #[test]
    fn seeded_entropy_is_reproducible_and_seed_dependent() {
        let a = SeededEntropy::new(1);
        let b = SeededEntropy::new(1);
        let c = SeededEntropy::new(2);
        assert_eq!(a.uuid(), b.uuid());
        assert_ne!(a.bytes32(), c.bytes32());
    }

    #[test]
    fn fixed_clock_steps() {
        let start = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
        let c = FixedClock::new(start, 5);
        assert_eq!(c.now(), start);
        assert_eq!(c.now().timestamp_millis(), start.timestamp_millis() + 5);
    }
}
