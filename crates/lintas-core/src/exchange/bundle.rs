//! The bundle file format: what travels between districts on a USB stick.
//!
//! ```text
//! magic "LNTS-BDL" | version u16 | header_len u32 | header (canonical JSON) | header signature
//! age-encrypted payload (X25519 recipients: the receiving district's devices)
//! total length u64 | trailer signature
//! ```
//! All integers are big-endian. The header signature is Ed25519 over a domain tag and the
//! header bytes; the trailer signature is over a domain tag and the SHA-256 of every byte
//! before it (hashing first keeps signing streamable for bundles of any size). Both are checked
//! before anything is decrypted. Inside the payload, frames `type u8 | len u32 | data`:
//! a manifest naming sender, recipients and the header's hash, signed again (so a payload
//! cannot be re-addressed or its signature stripped); ops; attachment blobs; and an end frame
//! signing a digest of every frame before it, which also proves nothing was cut off.
//!
//! Format 2, which this module writes, compresses the frames: the decrypted payload is one zstd
//! frame that decompresses to the frame stream. Op bodies are JSON and shrink to about a third;
//! scans barely change. Frames, their length limits, the end frame's digest and every signature
//! are defined over the uncompressed frames exactly as in format 1, so compression changes
//! nothing about what is signed. Format 1, whose payload holds the frames uncompressed, is
//! still read, because districts keep bundles they were sent and may import them later.
//!
//! This module only reads and writes the format; `sync` decides what goes in and applies it.

use crate::log::identity::{verify_signature, DeviceKeys, Handover, IdentityCard};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use uuid::Uuid;

pub const MAGIC: &[u8; 8] = b"LNTS-BDL";
/// The format this module writes: frames compressed with zstd inside the age payload, with the
/// seals of the ops' author devices (`seal`) before the ops.
pub const FORMAT_VERSION: u16 = 3;
/// The first format, whose payload holds the frames uncompressed. It is still read.
const FORMAT_UNCOMPRESSED: u16 = 1;
/// The second format: compressed, but without seals. It is still read; `sync` then accepts
/// only the ops of the device that signed the bundle.
pub const FORMAT_UNSEALED: u16 = 2;
/// Every format this module reads.
const READ_VERSIONS: &[u16] = &[FORMAT_UNCOMPRESSED, FORMAT_UNSEALED, FORMAT_VERSION];
pub const HEADER_FORMAT: &str = "lintas-bundle";
const PREFIX_LEN: u64 = 8 + 2 + 4;
const SIG_LEN: u64 = 64;
const TRAILER_LEN: u64 = 8 + SIG_LEN;
const MAX_HEADER: u32 = 1 << 20;
const MAX_MANIFEST: u32 = 16 << 20;
const MAX_OP: u32 = 1 << 20;
const MAX_BLOB: u32 = (crate::records::cases::MAX_ATTACHMENT_BYTES as u32) + 32;
/// zstd's level 1. On 64 MiB of synthetic op frames it compresses at about 690 MiB/s to 28.2 %
/// of their size, where level 3 (zstd's default) manages 360 MiB/s for 27.8 %; on 200 MiB of
/// random bytes, which is what scans look like to a compressor, both pass at about 1.5 GiB/s
/// and leave the size unchanged. Twice the speed is worth more than 1.5 % of size.
const ZSTD_LEVEL: i32 = 1;
/// The largest zstd window a reader accepts, as a power of two: 16 MiB. A frame header names
/// the window its decoder must hold, so without this cap a bundle could make the reader
/// allocate up to 2 GiB. The writer's level 1 uses a window of 512 KiB.
const ZSTD_WINDOW_LOG_MAX: u32 = 24;

const TAG_HEADER: &[u8] = b"lintas/bundle/header/v1\0";
const TAG_TRAILER: &[u8] = b"lintas/bundle/trailer/v1\0";
const TAG_MANIFEST: &[u8] = b"lintas/bundle/manifest/v1\0";
const TAG_END: &[u8] = b"lintas/bundle/end/v1\0";

const FRAME_MANIFEST: u8 = b'M';
const FRAME_OP: u8 = b'O';
const FRAME_BLOB: u8 = b'B';
const FRAME_END: u8 = b'E';
const FRAME_SEAL: u8 = b'S';

#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("not a Lintas bundle")]
    NotABundle,
    #[error("bundle format version {0} is not supported by this Lintas")]
    UnsupportedVersion(u16),
    #[error("the bundle is incomplete (cut short)")]
    Incomplete,
    #[error("the bundle was altered or damaged")]
    Tampered,
    #[error("the bundle's sender is not trusted")]
    UntrustedSender { district: String },
    #[error("the bundle's sender key was revoked")]
    RevokedSender { district: String },
    #[error("the bundle is addressed to another district")]
    WrongRecipient { district: String },
    /// Signed by a trusted device of `actual`, but its header names `claimed` as the sender.
    #[error("the bundle claims to come from another district than the one that signed it")]
    Impersonation { claimed: String, actual: String, device: Uuid, bundle: Uuid },
    #[error("file error: {0}")]
    Io(#[from] io::Error),
}

/// Inclusive ranges of op sequence numbers, per device.
pub type OpRanges = BTreeMap<Uuid, Vec<(u64, u64)>>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sender {
    pub district: String,
    pub district_name: String,
    pub device_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipients {
    pub district: String,
    pub devices: Vec<Uuid>,
}

/// The public, signed header. Readable without any key: it names who sent the bundle to whom
/// and which ops it carries, never any case content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub bundle_id: Uuid,
    pub created_at: String,
    pub sender: Sender,
    pub recipient: Recipients,
    pub ops: OpRanges,
    pub op_count: u64,
    pub blob_count: u64,
    /// Fingerprint of the sender's identity card as it was when the bundle was made.
    pub trust_version: String,
    /// For a device restored from a backup: the signed handovers from the device it replaces
    /// (oldest first), so that a district that knows only the old device accepts this one. The
    /// field is left out when empty, so headers without it keep their exact bytes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handovers: Vec<Handover>,
}

/// The encrypted manifest: the sender's word on whom the payload is for, its current identity
/// card (new devices, revocations), and a receipt of every op it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub bundle_id: Uuid,
    pub header_sha256: String,
    pub sender: Sender,
    pub recipient: Recipients,
    pub sender_card: IdentityCard,
    pub receipt: OpRanges,
}

/// An op as it travels: its chain predecessor, its hash and its canonical body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpRecord {
    pub prev: [u8; 32],
    pub hash: [u8; 32],
    pub body: Vec<u8>,
}

fn sha256(data: &[u8]) -> [u8; 32] {
    ring::digest::digest(&ring::digest::SHA256, data).as_ref().try_into().expect("32 bytes")
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn tagged(tag: &[u8], parts: &[&[u8]]) -> Vec<u8> {
    let mut m = tag.to_vec();
    for p in parts {
        m.extend_from_slice(p);
    }
    m
}

/// The hash a manifest must name: SHA-256 of the header's canonical bytes, hex.
pub fn header_sha256(header: &Header) -> String {
    hex(&sha256(&header_bytes(header)))
}

fn header_bytes(header: &Header) -> Vec<u8> {
    crate::support::canonical::to_string(&serde_json::to_value(header).expect("header serialises")).into_bytes()
}

/// Counts and hashes everything written through it (bundles and backups).
pub(crate) struct Tally<W> {
    pub(crate) inner: W,
    pub(crate) ctx: ring::digest::Context,
    pub(crate) len: u64,
}

impl<W> Tally<W> {
    pub(crate) fn new(inner: W) -> Tally<W> {
        Tally { inner, ctx: ring::digest::Context::new(&ring::digest::SHA256), len: 0 }
    }
}

impl<W: Write> Write for Tally<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.ctx.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes frames and keeps the digest of every frame that the end frame signs.
struct FrameWriter<W: Write> {
    out: W,
    digest: ring::digest::Context,
}

impl<W: Write> FrameWriter<W> {
    fn new(out: W) -> Self {
        FrameWriter { out, digest: ring::digest::Context::new(&ring::digest::SHA256) }
    }

    fn frame(&mut self, kind: u8, parts: &[&[u8]]) -> io::Result<()> {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        let head = [[kind].as_slice(), &(len as u32).to_be_bytes()].concat();
        self.digest.update(&head);
        self.out.write_all(&head)?;
        for p in parts {
            self.digest.update(p);
            self.out.write_all(p)?;
        }
        Ok(())
    }

    /// Writes the end frame, which signs the digest, and returns the writer it wrote to.
    fn end(self, keys: &DeviceKeys, bundle_id: Uuid) -> io::Result<W> {
        let FrameWriter { mut out, digest } = self;
        let digest = digest.finish();
        let sig = keys.sign(&tagged(TAG_END, &[bundle_id.as_bytes(), digest.as_ref()]));
        let head = [[FRAME_END].as_slice(), &(32u32 + 64).to_be_bytes()].concat();
        out.write_all(&head)?;
        out.write_all(digest.as_ref())?;
        out.write_all(&sig)?;
        Ok(out)
    }
}

/// The zstd stream that format 2 writes its frames into.
fn compressor<W: Write>(out: W) -> io::Result<zstd::stream::write::Encoder<'static, W>> {
    zstd::stream::write::Encoder::new(out, ZSTD_LEVEL)
}

/// Writes a bundle in one pass: header, then frames as they are given, then the trailer.
pub struct BundleWriter<'k, W: Write> {
    frames: FrameWriter<zstd::stream::write::Encoder<'static, age::stream::StreamWriter<Tally<W>>>>,
    keys: &'k DeviceKeys,
    bundle_id: Uuid,
}

impl<'k, W: Write> BundleWriter<'k, W> {
    pub fn start(
        out: W,
        header: &Header,
        manifest: &Manifest,
        keys: &'k DeviceKeys,
        recipients: &[age::x25519::Recipient],
    ) -> io::Result<Self> {
        let mut tally = Tally::new(out);
        let hb = header_bytes(header);
        tally.write_all(MAGIC)?;
        tally.write_all(&FORMAT_VERSION.to_be_bytes())?;
        tally.write_all(&(hb.len() as u32).to_be_bytes())?;
        tally.write_all(&hb)?;
        tally.write_all(&keys.sign(&tagged(TAG_HEADER, &[&hb])))?;
        let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "no recipients"))?;
        let stream = encryptor.wrap_output(tally)?;
        let mut w = BundleWriter { frames: FrameWriter::new(compressor(stream)?), keys, bundle_id: header.bundle_id };
        let mb = serde_json::to_vec(manifest).map_err(io::Error::other)?;
        let sig = keys.sign(&tagged(TAG_MANIFEST, &[&mb]));
        w.frames.frame(FRAME_MANIFEST, &[&mb, &sig])?;
        Ok(w)
    }

    /// Writes a seal; the seals come before the ops they cover.
    pub fn seal(&mut self, seal: &crate::log::seal::Seal) -> io::Result<()> {
        self.frames.frame(FRAME_SEAL, &[&seal.to_bytes()])
    }

    pub fn op(&mut self, rec: &OpRecord) -> io::Result<()> {
        self.frames.frame(FRAME_OP, &[&rec.prev, &rec.hash, &rec.body])
    }

    pub fn blob(&mut self, sha: &[u8; 32], data: &[u8]) -> io::Result<()> {
        self.frames.frame(FRAME_BLOB, &[sha, data])
    }

    /// Writes the end frame and the trailer; returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        let BundleWriter { frames, keys, bundle_id } = self;
        // The zstd frame is closed first, so that its last block and epilogue go through age
        // before age writes its final chunk.
        let stream = frames.end(keys, bundle_id)?.finish()?;
        let mut tally = stream.finish()?;
        let total = tally.len + TRAILER_LEN;
        tally.write_all(&total.to_be_bytes())?;
        let before_sig = tally.ctx.clone().finish();
        let sig = keys.sign(&tagged(TAG_TRAILER, &[before_sig.as_ref()]));
        tally.inner.write_all(&sig)?;
        Ok(tally.inner)
    }
}

/// The result of checking a bundle's envelope: signatures valid, length complete.
#[derive(Debug, Clone)]
pub struct Envelope {
    /// The format version: it says whether the payload's frames are compressed.
    pub version: u16,
    pub header: Header,
    pub header_sha256: String,
    pub signing_key: [u8; 32],
    pub payload_start: u64,
    pub payload_len: u64,
}

/// What a reader knows about a sender device.
pub enum SenderKey {
    Trusted([u8; 32]),
    Revoked,
    Unknown,
    /// The header vouches for the sender with handovers that do not check out.
    Forged,
    /// A trusted device of the named district, which is not the district the header names.
    Impersonating([u8; 32], String),
}

/// How the start of a file Lintas writes reads: an 8-byte magic, a big-endian version, and
/// `prefix_len` bytes in all. Shared by bundles and backups, which are laid out alike. The
/// version is at bytes 8 and 9 of `prefix`.
pub(crate) enum Start {
    Read {
        size: u64,
        prefix: Vec<u8>,
    },
    /// Not this kind of file.
    Foreign,
    /// Shorter than its prefix: a copy cut short (an empty file, or only part of the magic).
    Cut,
    /// A version the reader does not know.
    Version(u16),
}

pub(crate) fn read_start<R: Read + Seek>(
    file: &mut R,
    magic: &[u8; 8],
    prefix_len: u64,
    versions: &[u16],
) -> io::Result<Start> {
    let size = file.seek(SeekFrom::End(0))?;
    file.seek(SeekFrom::Start(0))?;
    let mut prefix = vec![0u8; prefix_len.min(size) as usize];
    file.read_exact(&mut prefix)?;
    let magic_len = prefix.len().min(magic.len());
    if prefix[..magic_len] != magic[..magic_len] {
        return Ok(Start::Foreign);
    }
    if size < prefix_len {
        return Ok(Start::Cut);
    }
    let found = u16::from_be_bytes([prefix[8], prefix[9]]);
    if !versions.contains(&found) {
        return Ok(Start::Version(found));
    }
    Ok(Start::Read { size, prefix })
}

/// Checks everything that can be checked without decrypting: magic, version, completeness,
/// the sender's trust, the header signature and the trailer signature over every byte. The
/// sender's key is asked for with the whole header, because a restored device is vouched for
/// by the handovers in it.
pub fn read_envelope<R: Read + Seek>(
    mut file: R,
    sender_key: impl Fn(&Header) -> SenderKey,
) -> Result<Envelope, BundleError> {
    let (size, prefix) = match read_start(&mut file, MAGIC, PREFIX_LEN, READ_VERSIONS)? {
        Start::Read { size, prefix } => (size, prefix),
        Start::Foreign => return Err(BundleError::NotABundle),
        Start::Cut => return Err(BundleError::Incomplete),
        Start::Version(v) => return Err(BundleError::UnsupportedVersion(v)),
    };
    let version = u16::from_be_bytes([prefix[8], prefix[9]]);
    let header_len = u32::from_be_bytes(prefix[10..14].try_into().expect("4 bytes"));
    if header_len > MAX_HEADER {
        return Err(BundleError::Tampered);
    }
    let payload_start = PREFIX_LEN + header_len as u64 + SIG_LEN;
    if size < payload_start + TRAILER_LEN {
        return Err(BundleError::Incomplete);
    }
    let mut hb = vec![0u8; header_len as usize];
    file.read_exact(&mut hb)?;
    let mut header_sig = [0u8; 64];
    file.read_exact(&mut header_sig)?;
    file.seek(SeekFrom::Start(size - TRAILER_LEN))?;
    let mut trailer = [0u8; TRAILER_LEN as usize];
    file.read_exact(&mut trailer)?;
    if u64::from_be_bytes(trailer[..8].try_into().expect("8 bytes")) != size {
        return Err(BundleError::Incomplete);
    }
    let header: Header = serde_json::from_slice(&hb).map_err(|_| BundleError::Tampered)?;
    if header.format != HEADER_FORMAT || header_bytes(&header) != hb {
        return Err(BundleError::Tampered);
    }
    let (key, impersonating) = match sender_key(&header) {
        SenderKey::Trusted(k) => (k, None),
        SenderKey::Impersonating(k, district) => (k, Some(district)),
        SenderKey::Revoked => return Err(BundleError::RevokedSender { district: header.sender.district.clone() }),
        SenderKey::Unknown => return Err(BundleError::UntrustedSender { district: header.sender.district.clone() }),
        SenderKey::Forged => return Err(BundleError::Tampered),
    };
    if !verify_signature(&key, &tagged(TAG_HEADER, &[&hb]), &header_sig) {
        return Err(BundleError::Tampered);
    }
    file.seek(SeekFrom::Start(0))?;
    let mut ctx = ring::digest::Context::new(&ring::digest::SHA256);
    let mut remaining = size - SIG_LEN;
    let mut buf = vec![0u8; 64 * 1024];
    while remaining > 0 {
        let n = (remaining as usize).min(buf.len());
        file.read_exact(&mut buf[..n])?;
        ctx.update(&buf[..n]);
        remaining -= n as u64;
    }
    let digest = ctx.finish();
    if !verify_signature(&key, &tagged(TAG_TRAILER, &[digest.as_ref()]), &trailer[8..]) {
        return Err(BundleError::Tampered);
    }
    // Genuinely signed, by a device of another district than the header claims.
    if let Some(actual) = impersonating {
        let (claimed, device, bundle) = (header.sender.district.clone(), header.sender.device_id, header.bundle_id);
        return Err(BundleError::Impersonation { claimed, actual, device, bundle });
    }
    Ok(Envelope {
        version,
        header_sha256: hex(&sha256(&hb)),
        header,
        signing_key: key,
        payload_start,
        payload_len: size - TRAILER_LEN - payload_start,
    })
}

/// One item of a decrypted payload.
#[derive(Debug)]
pub enum Frame {
    /// An author device's signature over the hashes of some of its ops.
    Seal(crate::log::seal::Seal),
    Op(OpRecord),
    Blob {
        sha256: [u8; 32],
        data: Vec<u8>,
    },
    /// The signed end frame was reached and checked; nothing may follow.
    End,
}

/// The decrypted payload as the frame reader reads it: the frames themselves (format 1), or a
/// zstd stream that decompresses to them (format 2).
pub struct PayloadStream<R: Read>(Layer<R>);

enum Layer<R: Read> {
    Plain(R),
    Zstd(zstd::stream::read::Decoder<'static, BufReader<R>>),
}

impl<R: Read> PayloadStream<R> {
    fn new(decrypted: R, version: u16) -> Result<Self, BundleError> {
        match version {
            FORMAT_UNCOMPRESSED => Ok(PayloadStream(Layer::Plain(decrypted))),
            FORMAT_UNSEALED | FORMAT_VERSION => {
                // The writer makes exactly one zstd frame. Stopping after it, rather than going
                // on to decode whatever follows, lets `read` refuse any bytes after it.
                let mut decoder = zstd::stream::read::Decoder::new(decrypted)?.single_frame();
                decoder.window_log_max(ZSTD_WINDOW_LOG_MAX)?;
                Ok(PayloadStream(Layer::Zstd(decoder)))
            }
            other => Err(BundleError::UnsupportedVersion(other)),
        }
    }
}

impl<R: Read> Read for PayloadStream<R> {
    /// Decompresses as it reads, so that memory stays bounded by the zstd window and buffers
    /// whatever the payload's size. A compressed stream that is corrupt, cut short, declares a
    /// window over the cap, or is followed by more bytes is an error here; the frame reader
    /// turns every read error into `Tampered`.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.0 {
            Layer::Plain(r) => r.read(buf),
            Layer::Zstd(decoder) => {
                let n = decoder.read(buf)?;
                if n == 0 && !buf.is_empty() && !decoder.get_mut().fill_buf()?.is_empty() {
                    return Err(io::Error::new(io::ErrorKind::InvalidData, "bytes after the compressed frames"));
                }
                Ok(n)
            }
        }
    }
}

/// Reads the frames of a payload whose envelope was checked.
pub struct PayloadReader<R: Read> {
    stream: R,
    frames: ring::digest::Context,
    signing_key: [u8; 32],
    bundle_id: Uuid,
    ended: bool,
}

/// The frame reader of a payload opened from `R`.
pub type OpenPayload<R> = PayloadReader<PayloadStream<age::stream::StreamReader<R>>>;

/// Decrypts a payload (decompressing it for format 2) and checks its manifest against the
/// envelope. `file` must be positioned at the payload and limited to its length.
pub fn open_payload<R: Read>(
    file: R,
    envelope: &Envelope,
    identity: &age::x25519::Identity,
) -> Result<(Manifest, OpenPayload<R>), BundleError> {
    let decryptor = age::Decryptor::new(file).map_err(|_| BundleError::Tampered)?;
    let stream = decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => {
            BundleError::WrongRecipient { district: envelope.header.recipient.district.clone() }
        }
        _ => BundleError::Tampered,
    })?;
    let stream = PayloadStream::new(stream, envelope.version)?;
    let mut reader = PayloadReader::new(stream, envelope.signing_key, envelope.header.bundle_id);
    let (kind, data) = reader.raw_frame(MAX_MANIFEST)?;
    if kind != FRAME_MANIFEST || data.len() < 64 {
        return Err(BundleError::Tampered);
    }
    let (mb, sig) = data.split_at(data.len() - 64);
    if !verify_signature(&envelope.signing_key, &tagged(TAG_MANIFEST, &[mb]), sig) {
        return Err(BundleError::Tampered);
    }
    let manifest: Manifest = serde_json::from_slice(mb).map_err(|_| BundleError::Tampered)?;
    let h = &envelope.header;
    if manifest.bundle_id != h.bundle_id
        || manifest.header_sha256 != envelope.header_sha256
        || manifest.sender != h.sender
        || manifest.recipient != h.recipient
    {
        return Err(BundleError::Tampered);
    }
    Ok((manifest, reader))
}

impl<R: Read> PayloadReader<R> {
    fn new(stream: R, signing_key: [u8; 32], bundle_id: Uuid) -> Self {
        PayloadReader {
            stream,
            frames: ring::digest::Context::new(&ring::digest::SHA256),
            signing_key,
            bundle_id,
            ended: false,
        }
    }

    fn read_exact(&mut self, buf: &mut [u8]) -> Result<(), BundleError> {
        self.stream.read_exact(buf).map_err(|_| BundleError::Tampered)
    }

    fn raw_frame(&mut self, max: u32) -> Result<(u8, Vec<u8>), BundleError> {
        let mut head = [0u8; 5];
        self.read_exact(&mut head)?;
        let len = u32::from_be_bytes(head[1..].try_into().expect("4 bytes"));
        if len > max {
            return Err(BundleError::Tampered);
        }
        // Grow with the data actually read, so a lying length cannot make us allocate it.
        let mut data = Vec::new();
        (&mut self.stream).take(len as u64).read_to_end(&mut data).map_err(|_| BundleError::Tampered)?;
        if data.len() != len as usize {
            return Err(BundleError::Tampered);
        }
        if head[0] != FRAME_END {
            self.frames.update(&head);
            self.frames.update(&data);
        }
        Ok((head[0], data))
    }

    pub fn next_frame(&mut self) -> Result<Frame, BundleError> {
        if self.ended {
            return Ok(Frame::End);
        }
        let (kind, data) = self.raw_frame(MAX_BLOB.max(MAX_OP))?;
        match kind {
            FRAME_SEAL => crate::log::seal::Seal::from_bytes(&data).map(Frame::Seal).ok_or(BundleError::Tampered),
            FRAME_OP if data.len() >= 64 && data.len() <= MAX_OP as usize => Ok(Frame::Op(OpRecord {
                prev: data[..32].try_into().expect("32 bytes"),
                hash: data[32..64].try_into().expect("32 bytes"),
                body: data[64..].to_vec(),
            })),
            FRAME_BLOB if data.len() >= 32 => {
                let sha256: [u8; 32] = data[..32].try_into().expect("32 bytes");
                let data = data[32..].to_vec();
                if self::sha256(&data) != sha256 {
                    return Err(BundleError::Tampered);
                }
                Ok(Frame::Blob { sha256, data })
            }
            FRAME_END if data.len() == 96 => {
                let digest = self.frames.clone().finish();
                let ok = data[..32] == *digest.as_ref()
                    && verify_signature(
                        &self.signing_key,
                        &tagged(TAG_END, &[self.bundle_id.as_bytes(), digest.as_ref()]),
                        &data[32..],
                    );
                let mut extra = [0u8; 1];
                let trailing = self.stream.read(&mut extra).map_err(|_| BundleError::Tampered)?;
                if !ok || trailing != 0 {
                    return Err(BundleError::Tampered);
                }
                self.ended = true;
                Ok(Frame::End)
            }
            _ => Err(BundleError::Tampered),
        }
    }
}

/// Entry points for the fuzzer (`fuzz/`) and for the regression test over its corpus. They
/// feed outside bytes to the readers exactly as an import does, and must never panic.
#[doc(hidden)]
pub mod fuzzing {
    use super::*;

    /// The sender key the envelope fuzzer trusts: Ed25519 from the seed `[7; 32]`.
    pub fn trusted_key() -> [u8; 32] {
        let pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(&[7u8; 32]).expect("valid seed");
        ring::signature::KeyPair::public_key(&pair).as_ref().try_into().expect("32 bytes")
    }

    /// Reads a whole file as a bundle envelope. `Ok` only for a correctly signed one.
    pub fn envelope(data: &[u8]) -> Result<Header, BundleError> {
        let key = trusted_key();
        read_envelope(io::Cursor::new(data), |_| SenderKey::Trusted(key)).map(|e| e.header)
    }

    /// Parses decrypted payload frames (what follows the manifest) until the end or an error.
    /// Returns how many frames were read. The end frame must be signed with `trusted_key` for
    /// the nil bundle id.
    pub fn frames(data: &[u8]) -> Result<usize, BundleError> {
        read_frames(PayloadStream::new(data, FORMAT_UNCOMPRESSED)?)
    }

    /// As `frames`, for a compressed payload (formats 2 and 3): `data` is a zstd stream of the
    /// frames.
    pub fn compressed_frames(data: &[u8]) -> Result<usize, BundleError> {
        read_frames(PayloadStream::new(data, FORMAT_VERSION)?)
    }

    fn read_frames(stream: PayloadStream<&[u8]>) -> Result<usize, BundleError> {
        let mut reader = PayloadReader::new(stream, trusted_key(), Uuid::nil());
        let mut n = 0;
        loop {
            match reader.next_frame()? {
                Frame::End => return Ok(n),
                _ => n += 1,
            }
        }
    }

    /// Seeds for the frames corpus in format 3, by name. `valid` is what `compressed_frames`
    /// reads to its end: a seal, an op, a blob and an end frame signed with the fuzzer's key, compressed
    /// as a bundle's frames are. The others are the ways a compressed stream can be wrong: cut
    /// short, garbled, followed by another byte, and the same frames in a stream that declares a
    /// 128 MiB window, over the reader's cap.
    pub fn compressed_seeds() -> Vec<(&'static str, Vec<u8>)> {
        let compress = |window_log: Option<u32>| -> io::Result<Vec<u8>> {
            let mut encoder = compressor(Vec::new())?;
            if let Some(log) = window_log {
                encoder.window_log(log)?;
            }
            let mut w = FrameWriter::new(encoder);
            let seal = crate::log::seal::Seal::make(&crate::log::identity::DeviceKeys::fuzz_keys(), 1, vec![[1; 32]]);
            w.frame(FRAME_SEAL, &[&seal.to_bytes()])?;
            w.frame(FRAME_OP, &[&[0; 32], &[1; 32], b"{}"])?;
            w.frame(FRAME_BLOB, &[&sha256(b"scan"), b"scan"])?;
            w.end(&crate::log::identity::DeviceKeys::fuzz_keys(), Uuid::nil())?.finish()
        };
        let valid = compress(None).expect("in memory");
        let mut garbled = valid.clone();
        let middle = garbled.len() / 2;
        garbled[middle] ^= 0xA5;
        let trailing = [valid.as_slice(), &[0]].concat();
        vec![
            ("cut", valid[..valid.len() - 3].to_vec()),
            ("garbled", garbled),
            ("trailing", trailing),
            ("window", compress(Some(27)).expect("in memory")),
            ("valid", valid),
        ]
    }

    /// Signs a bundle envelope with the fuzzer's key, to seed the corpus with valid input.
    pub fn seed_bundle() -> Vec<u8> {
        let keys = crate::log::identity::DeviceKeys::fuzz_keys();
        let recipient = crate::log::identity::DeviceKeys::fuzz_keys();
        let header = Header {
            format: HEADER_FORMAT.into(),
            bundle_id: Uuid::from_u128(1),
            created_at: "2026-11-22T00:00:00+00:00".into(),
            sender: Sender { district: "65.03".into(), district_name: "Nunukan".into(), device_id: keys.device_id },
            recipient: Recipients { district: "53.03".into(), devices: vec![recipient.device_id] },
            ops: OpRanges::new(),
            op_count: 1,
            blob_count: 1,
            trust_version: String::new(),
            handovers: Vec::new(),
        };
        let manifest = Manifest {
            bundle_id: header.bundle_id,
            header_sha256: header_sha256(&header),
            sender: header.sender.clone(),
            recipient: header.recipient.clone(),
            sender_card: IdentityCard {
                format: "lintas-identity-card".into(),
                version: 1,
                district: "65.03".into(),
                district_name: "Nunukan".into(),
                devices: Vec::new(),
            },
            receipt: OpRanges::new(),
        };
        let to: age::x25519::Recipient = recipient.age_recipient().parse().expect("valid recipient");
        let mut w = BundleWriter::start(Vec::new(), &header, &manifest, &keys, &[to]).expect("in memory");
        w.op(&OpRecord { prev: [0; 32], hash: [1; 32], body: b"{}".to_vec() }).expect("in memory");
        w.blob(&sha256(b"scan"), b"scan").expect("in memory");
        w.finish().expect("in memory")
    }
}

/// A bundle whose decrypted payload `edit` changed, encrypted to `to` and signed again by
/// `sender`: what a trusted sender with a faulty compressor would write. `version`, if given,
/// replaces the format version, which only the trailer signature covers.
#[cfg(test)]
pub(crate) fn resealed(
    bytes: &[u8],
    sender: &DeviceKeys,
    to: &DeviceKeys,
    version: Option<u16>,
    edit: impl FnOnce(&mut Vec<u8>),
) -> Vec<u8> {
    let key = sender.signing_key();
    let env = read_envelope(io::Cursor::new(bytes), |_| SenderKey::Trusted(key)).expect("a valid bundle");
    let payload = &bytes[env.payload_start as usize..(env.payload_start + env.payload_len) as usize];
    let mut plain = Vec::new();
    age::Decryptor::new(payload)
        .and_then(|d| d.decrypt(std::iter::once(to.age_identity() as &dyn age::Identity)))
        .expect("addressed to `to`")
        .read_to_end(&mut plain)
        .expect("decrypts");
    edit(&mut plain);
    let mut out = bytes[..env.payload_start as usize].to_vec();
    if let Some(v) = version {
        out[8..10].copy_from_slice(&v.to_be_bytes());
    }
    let recipient: age::x25519::Recipient = to.age_recipient().parse().expect("valid recipient");
    let encryptor = age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient));
    let mut stream = encryptor.expect("one recipient").wrap_output(&mut out).expect("in memory");
    stream.write_all(&plain).expect("in memory");
    stream.finish().expect("in memory");
    let total = out.len() as u64 + TRAILER_LEN;
    out.extend_from_slice(&total.to_be_bytes());
    let digest = sha256(&out);
    out.extend_from_slice(&sender.sign(&tagged(TAG_TRAILER, &[&digest])));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::identity::CardDevice;

    fn header(keys: &DeviceKeys, recipient: Uuid, id: u128) -> Header {
        Header {
            format: HEADER_FORMAT.into(),
            bundle_id: Uuid::from_u128(id),
            created_at: "2026-11-22T00:00:00+00:00".into(),
            sender: Sender { district: "65.03".into(), district_name: "Nunukan".into(), device_id: keys.device_id },
            recipient: Recipients { district: "53.03".into(), devices: vec![recipient] },
            ops: OpRanges::new(),
            op_count: 1,
            blob_count: 0,
            trust_version: String::new(),
            handovers: Vec::new(),
        }
    }

    fn write(keys: &DeviceKeys, to: &DeviceKeys, h: &Header) -> Vec<u8> {
        write_ops(keys, to, h, &[OpRecord { prev: [1; 32], hash: [2; 32], body: b"{}".to_vec() }])
    }

    fn write_ops(keys: &DeviceKeys, to: &DeviceKeys, h: &Header, ops: &[OpRecord]) -> Vec<u8> {
        let card = IdentityCard {
            format: "lintas-identity-card".into(),
            version: 1,
            district: "65.03".into(),
            district_name: "Nunukan".into(),
            devices: vec![CardDevice {
                device_id: keys.device_id,
                signing_key: data_encoding::BASE64.encode(&keys.signing_key()),
                age_recipient: keys.age_recipient(),
                revoked: false,
                revoked_at: None,
            }],
        };
        let manifest = Manifest {
            bundle_id: h.bundle_id,
            header_sha256: header_sha256(h),
            sender: h.sender.clone(),
            recipient: h.recipient.clone(),
            sender_card: card,
            receipt: OpRanges::new(),
        };
        let recipient: age::x25519::Recipient = to.age_recipient().parse().unwrap();
        let mut w = BundleWriter::start(Vec::new(), h, &manifest, keys, &[recipient]).unwrap();
        for op in ops {
            w.op(op).unwrap();
        }
        w.finish().unwrap()
    }

    fn read(bytes: &[u8], keys: &DeviceKeys, to: &DeviceKeys) -> Result<Vec<Frame>, BundleError> {
        let key = keys.signing_key();
        let env = read_envelope(io::Cursor::new(bytes), |_| SenderKey::Trusted(key))?;
        let payload = &bytes[env.payload_start as usize..(env.payload_start + env.payload_len) as usize];
        let (_, mut reader) = open_payload(payload, &env, to.age_identity())?;
        let mut frames = Vec::new();
        loop {
            match reader.next_frame()? {
                Frame::End => return Ok(frames),
                f => frames.push(f),
            }
        }
    }

    #[test]
    fn a_written_bundle_reads_back() {
        let n = DeviceKeys::for_tests(Uuid::from_u128(1), 10);
        let t = DeviceKeys::for_tests(Uuid::from_u128(2), 20);
        let bytes = write(&n, &t, &header(&n, t.device_id, 7));
        let frames = read(&bytes, &n, &t).unwrap();
        assert!(matches!(&frames[..], [Frame::Op(op)] if op.body == b"{}"));
        // Someone else's key cannot open it.
        let other = DeviceKeys::for_tests(Uuid::from_u128(3), 30);
        assert!(matches!(read(&bytes, &n, &other), Err(BundleError::WrongRecipient { .. })));
    }

    /// Even the sender's own valid signatures cannot move a payload under another header: the
    /// manifest inside names the header it was made for.
    #[test]
    fn a_payload_cannot_be_readdressed_under_another_signed_header() {
        let n = DeviceKeys::for_tests(Uuid::from_u128(1), 10);
        let t = DeviceKeys::for_tests(Uuid::from_u128(2), 20);
        let a = write(&n, &t, &header(&n, t.device_id, 7));
        let b = write(&n, &t, &header(&n, t.device_id, 8));
        let key = n.signing_key();
        let ea = read_envelope(io::Cursor::new(&a), |_| SenderKey::Trusted(key)).unwrap();
        let eb = read_envelope(io::Cursor::new(&b), |_| SenderKey::Trusted(key)).unwrap();
        let mut spliced = b[..eb.payload_start as usize].to_vec();
        spliced.extend_from_slice(&a[ea.payload_start as usize..(ea.payload_start + ea.payload_len) as usize]);
        let total = spliced.len() as u64 + TRAILER_LEN;
        spliced.extend_from_slice(&total.to_be_bytes());
        let digest = sha256(&spliced);
        spliced.extend_from_slice(&n.sign(&tagged(TAG_TRAILER, &[&digest])));
        assert!(matches!(read(&spliced, &n, &t), Err(BundleError::Tampered)));
    }

    /// Ops of one case differ in a few values and share the rest of their JSON, which format 2
    /// compresses; format 1 carried every byte of them.
    #[test]
    fn bundles_compress_repetitive_ops() {
        let n = DeviceKeys::for_tests(Uuid::from_u128(1), 10);
        let t = DeviceKeys::for_tests(Uuid::from_u128(2), 20);
        let mut prev = [0u8; 32];
        let ops: Vec<OpRecord> = (0..1000)
            .map(|seq| {
                let body = format!(
                    r#"{{"action":"set","device":"{}","entity":"case","entity_id":"{}","field":"notes.{seq}.body","seq":{seq},"value":"Dijemput di Pelabuhan Tunon Taka"}}"#,
                    n.device_id,
                    Uuid::from_u128(seq % 10),
                )
                .into_bytes();
                let hash = sha256(&[&prev[..], &body].concat());
                let op = OpRecord { prev, hash, body };
                prev = hash;
                op
            })
            .collect();
        let frames: usize = ops.iter().map(|op| 5 + 64 + op.body.len()).sum();
        let bytes = write_ops(&n, &t, &header(&n, t.device_id, 7), &ops);
        assert_eq!(u16::from_be_bytes([bytes[8], bytes[9]]), FORMAT_VERSION);
        assert!(bytes.len() * 3 < frames, "{} bytes for {frames} bytes of op frames", bytes.len());
        let read_back: Vec<OpRecord> = read(&bytes, &n, &t)
            .unwrap()
            .into_iter()
            .map(|f| match f {
                Frame::Op(op) => op,
                other => panic!("unexpected frame {other:?}"),
            })
            .collect();
        assert_eq!(read_back, ops);
    }

    /// The trailer signature keeps strangers from changing a payload, so these are what a
    /// trusted sender with a faulty compressor could write: each must be refused cleanly.
    #[test]
    fn a_broken_compressed_stream_is_refused_as_tampered() {
        let n = DeviceKeys::for_tests(Uuid::from_u128(1), 10);
        let t = DeviceKeys::for_tests(Uuid::from_u128(2), 20);
        let bytes = write(&n, &t, &header(&n, t.device_id, 7));
        // Resealing without a change gives a bundle that reads, so the refusals below are the
        // edits' doing.
        let same = resealed(&bytes, &n, &t, None, |_| {});
        assert!(matches!(&read(&same, &n, &t).unwrap()[..], [Frame::Op(op)] if op.body == b"{}"));
        let mut frames = Vec::new();
        resealed(&bytes, &n, &t, None, |p| frames = zstd::decode_all(&p[..]).unwrap());

        type Edit = Box<dyn FnOnce(&mut Vec<u8>)>;
        let edits: Vec<(&str, Option<u16>, Edit)> = vec![
            ("cut short", None, Box::new(|p: &mut Vec<u8>| p.truncate(p.len() - 5))),
            ("cut to its frame header", None, Box::new(|p: &mut Vec<u8>| p.truncate(6))),
            ("empty", None, Box::new(|p: &mut Vec<u8>| p.clear())),
            ("a garbled block header", None, Box::new(|p: &mut Vec<u8>| p[6] ^= 0xFF)),
            ("bytes after the zstd frame", None, Box::new(|p: &mut Vec<u8>| p.push(0))),
            (
                "a second zstd frame",
                None,
                Box::new(|p: &mut Vec<u8>| p.extend(zstd::encode_all(&b"E"[..], 1).unwrap())),
            ),
            ("uncompressed frames under format 2", None, Box::new(|p: &mut Vec<u8>| *p = frames)),
            ("compressed frames under format 1", Some(1), Box::new(|_: &mut Vec<u8>| {})),
        ];
        for (what, version, edit) in edits {
            let broken = resealed(&bytes, &n, &t, version, edit);
            assert!(matches!(read(&broken, &n, &t), Err(BundleError::Tampered)), "{what}");
        }
    }

    #[test]
    fn only_formats_1_to_3_are_read() {
        let n = DeviceKeys::for_tests(Uuid::from_u128(1), 10);
        let t = DeviceKeys::for_tests(Uuid::from_u128(2), 20);
        let bytes = write(&n, &t, &header(&n, t.device_id, 7));
        for version in [0, 4, u16::MAX] {
            let other = resealed(&bytes, &n, &t, Some(version), |_| {});
            assert!(matches!(read(&other, &n, &t), Err(BundleError::UnsupportedVersion(v)) if v == version));
        }
    }

    #[test]
    fn a_truncated_payload_with_a_forged_length_is_still_refused() {
        // Cut frames out of the payload but keep a valid trailer: the end frame is missing.
        let n = DeviceKeys::for_tests(Uuid::from_u128(1), 10);
        let t = DeviceKeys::for_tests(Uuid::from_u128(2), 20);
        let a = write(&n, &t, &header(&n, t.device_id, 7));
        let key = n.signing_key();
        let ea = read_envelope(io::Cursor::new(&a), |_| SenderKey::Trusted(key)).unwrap();
        let mut cut = a[..(ea.payload_start + ea.payload_len - 40) as usize].to_vec();
        let total = cut.len() as u64 + TRAILER_LEN;
        cut.extend_from_slice(&total.to_be_bytes());
        let digest = sha256(&cut);
        cut.extend_from_slice(&n.sign(&tagged(TAG_TRAILER, &[&digest])));
        assert!(matches!(read(&cut, &n, &t), Err(BundleError::Tampered)));
    }
}

#[cfg(test)]
mod fuzz_entry_tests {
    use super::fuzzing;

    #[test]
    fn the_seed_bundle_passes_the_envelope_check_and_garbage_does_not() {
        let seed = fuzzing::seed_bundle();
        assert!(fuzzing::envelope(&seed).is_ok());
        assert!(fuzzing::envelope(&seed[..seed.len() - 1]).is_err());
        assert!(fuzzing::frames(b"O\x00\x00\x00\x01x").is_err());
        assert!(fuzzing::frames(&[b'O', 0xFF, 0xFF, 0xFF, 0xFF]).is_err());
    }

    #[test]
    fn only_the_valid_compressed_seed_reads_to_its_end() {
        let seeds = fuzzing::compressed_seeds();
        for (name, data) in &seeds {
            let result = fuzzing::compressed_frames(data);
            if *name == "valid" {
                assert_eq!(result.unwrap(), 3);
            } else {
                assert!(matches!(result, Err(super::BundleError::Tampered)), "{name}: {result:?}");
            }
            // Compressed input is not read as uncompressed frames.
            assert!(fuzzing::frames(data).is_err(), "{name}");
        }
        // The large window holds the same frames: it is refused for its window alone.
        let seed = |name: &str| &seeds.iter().find(|(n, _)| *n == name).unwrap().1;
        let mut decoder = zstd::stream::read::Decoder::new(&seed("window")[..]).unwrap();
        decoder.window_log_max(27).unwrap();
        let mut frames = Vec::new();
        std::io::Read::read_to_end(&mut decoder, &mut frames).unwrap();
        assert_eq!(frames, zstd::decode_all(&seed("valid")[..]).unwrap());
    }
}
