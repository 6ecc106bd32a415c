//! The standard pipeline that a bundle is compared with: the same payload (the ops and
//! attachments the bundle carries), serialised with serde_json, compressed with zstd,
//! encrypted with age to one X25519 recipient and signed with minisign. These crates are used
//! here only, to see whether Lintas's own bundle format costs anything against the obvious
//! alternative.

use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// zstd's default level: the speed/size balance that tools such as `zstd` and `tar --zstd` use.
pub const ZSTD_LEVEL: i32 = 3;

/// An op as the pipeline serialises it: its chain link and hash in hex, its canonical body.
#[derive(Serialize)]
struct OpLine<'a> {
    prev: String,
    hash: String,
    body: &'a str,
}

/// An attachment's header line; the raw bytes follow it (base64 in JSON would add a third).
#[derive(Serialize)]
struct BlobLine<'a> {
    sha256: &'a str,
    len: usize,
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// The payload: op records (prev, hash, body) and attachments (sha256, bytes).
pub struct Payload {
    pub ops: Vec<([u8; 32], [u8; 32], Vec<u8>)>,
    pub blobs: Vec<(String, Vec<u8>)>,
}

/// Seconds spent in each stage, and the sizes.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineRun {
    pub serialise_s: f64,
    pub compress_s: f64,
    pub encrypt_s: f64,
    pub write_s: f64,
    pub sign_s: f64,
    pub serialised_bytes: u64,
    pub compressed_bytes: u64,
    /// The encrypted file plus its minisign signature file.
    pub bytes: u64,
}

impl PipelineRun {
    pub fn total_s(&self) -> f64 {
        self.serialise_s + self.compress_s + self.encrypt_s + self.write_s + self.sign_s
    }
}

/// Runs the pipeline, stage by stage, and writes `out` and `out.minisig`.
pub fn run(payload: &Payload, out: &Path) -> std::io::Result<PipelineRun> {
    let t = Instant::now();
    let mut serialised = Vec::new();
    for (prev, hash, body) in &payload.ops {
        let line = OpLine { prev: hex(prev), hash: hex(hash), body: std::str::from_utf8(body).unwrap_or("") };
        serde_json::to_writer(&mut serialised, &line)?;
        serialised.push(b'\n');
    }
    for (sha, data) in &payload.blobs {
        serde_json::to_writer(&mut serialised, &BlobLine { sha256: sha, len: data.len() })?;
        serialised.push(b'\n');
        serialised.extend_from_slice(data);
    }
    let serialise_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let compressed = zstd::bulk::compress(&serialised, ZSTD_LEVEL)?;
    let compress_s = t.elapsed().as_secs_f64();

    let identity = age::x25519::Identity::generate();
    let recipient = identity.to_public();
    let t = Instant::now();
    let mut encrypted = Vec::with_capacity(compressed.len() + compressed.len() / 1000 + 1024);
    {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(std::io::Error::other)?;
        let mut w = encryptor.wrap_output(&mut encrypted)?;
        w.write_all(&compressed)?;
        w.finish()?;
    }
    let encrypt_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    {
        let mut f = std::fs::File::create(out)?;
        f.write_all(&encrypted)?;
        f.sync_all()?;
    }
    let write_s = t.elapsed().as_secs_f64();

    let keys = minisign::KeyPair::generate_unencrypted_keypair().map_err(std::io::Error::other)?;
    let t = Instant::now();
    let file = std::io::BufReader::new(std::fs::File::open(out)?);
    let signature = minisign::sign(Some(&keys.pk), &keys.sk, file, Some("lintas-bench"), None)
        .map_err(std::io::Error::other)?
        .into_string();
    let sig_path = out.with_extension("minisig");
    {
        let mut f = std::fs::File::create(&sig_path)?;
        f.write_all(signature.as_bytes())?;
        f.sync_all()?;
    }
    let sign_s = t.elapsed().as_secs_f64();

    Ok(PipelineRun {
        serialise_s,
        compress_s,
        encrypt_s,
        write_s,
        sign_s,
        serialised_bytes: serialised.len() as u64,
        compressed_bytes: compressed.len() as u64,
        bytes: encrypted.len() as u64 + signature.len() as u64,
    })
}
