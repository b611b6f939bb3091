//! The ZKTeco "4370" terminal protocol as a sans-IO codec: bytes in, typed values out, and typed
//! values back to bytes. It is what the connection, the client and the collector (later) and the
//! fake terminal in `kaoqin-terminal-sim` speak. It is implemented from the project's protocol
//! reference, `zk-protocol.md` (sections 0–15; the § numbers in these docs refer to it).
//!
//! Written by hand: no crate speaks this protocol well (the Rust ones are ports of a Python
//! library, one of them shipped a wrong checksum), and the layouts are small.
//!
//! What is here, one file each:
//! - [`cmd`]: command and reply codes, and their names for logs;
//! - [`frame`]: the 8-byte packet header, the checksum, UDP datagrams and TCP stream reassembly;
//! - [`commkey`]: the `CMD_AUTH` hash of the comm key;
//! - [`time`]: the terminal's 31-day-month wall clock and the 6-byte realtime form;
//! - [`sizes`]: the `CMD_GET_FREE_SIZES` reply (counts and capacities);
//! - [`options`]: option and version strings;
//! - [`bulk`]: the 1503/1504 "read with buffer" payloads, one chunk's frames and the whole buffer;
//! - [`records`]: attendance records (8, 16, 40 and 49 bytes) and layout detection;
//! - [`users`]: user records (28 and 72 bytes) and name codecs.
//!
//! Every byte from a terminal is hostile: no function here panics, whatever the input (the lints
//! below forbid unwrap, indexing, panics and unchecked arithmetic in this module tree; property
//! tests and cargo-fuzz targets in `fuzz/` feed it junk). Nothing here reads a clock, opens a
//! socket or sleeps. Not here: sockets, timeouts and retries (the connection), the order of a
//! pull conversation (the client), storage and dedup of punches, realtime event payloads, and
//! fingerprint templates (Kaoqin never reads them).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

pub mod bulk;
pub mod cmd;
pub mod commkey;
pub mod frame;
pub mod options;
pub mod records;
pub mod sizes;
pub mod time;
pub mod users;

pub use bulk::{
    BulkBuffer, BulkError, ChunkPlan, ChunkReader, ChunkStep, DEFAULT_BULK_CAP, TCP_MAX_CHUNK,
    UDP_MAX_CHUNK, chunk_plan, data_stat, parse_data_stat, parse_prepare_buffer_request,
    parse_prepare_data, parse_read_chunk_request, prepare_buffer_request, prepare_data,
    read_chunk_request,
};
pub use commkey::commkey;
pub use frame::{
    DEFAULT_MAX_PACKET, Decoded, FrameError, HEADER_LEN, Packet, TCP_MAGIC, TcpDeframer, checksum,
    decode_udp,
};
pub use options::{
    option_reply, option_request, parse_option_reply, parse_option_request, parse_version,
};
pub use records::{
    AttLayout, AttRecord, RecordError, detect_att_layout, encode_attendance, parse_attendance,
};
pub use sizes::{FreeSizes, parse_free_sizes};
pub use time::{
    ImpossibleTime, WallTime, decode_realtime6, decode_time, encode_realtime6, encode_time,
    encode_wall, wall_to_naive,
};
pub use users::{
    NameCodec, UserLayout, UserRecord, detect_user_layout, encode_name, encode_users, parse_users,
};

/// A fixed-layout payload was shorter than its layout.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    /// `what` needs at least `needed` bytes and the terminal sent `got`.
    #[error(
        "{what} is {got} bytes, at least {needed} expected: the terminal may speak a different firmware dialect; report its model and firmware"
    )]
    Short { what: &'static str, needed: usize, got: usize },
}

/// Reads a little-endian `u32` at `at`, or `None` when the bytes are not there.
pub(crate) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let end = at.checked_add(4)?;
    let arr: [u8; 4] = bytes.get(at..end)?.try_into().ok()?;
    Some(u32::from_le_bytes(arr))
}

/// Reads a little-endian `i32` at `at`, or `None` when the bytes are not there.
pub(crate) fn i32_at(bytes: &[u8], at: usize) -> Option<i32> {
    u32_at(bytes, at).map(|v| i32::from_le_bytes(v.to_le_bytes()))
}

/// Reads a little-endian `u16` at `at`, or `None` when the bytes are not there.
pub(crate) fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let end = at.checked_add(2)?;
    let arr: [u8; 2] = bytes.get(at..end)?.try_into().ok()?;
    Some(u16::from_le_bytes(arr))
}

/// The part of `bytes` before the first NUL (all of it when there is none): how the terminal's
/// fixed-width C strings end.
pub(crate) fn until_nul(bytes: &[u8]) -> &[u8] {
    match bytes.iter().position(|&b| b == 0) {
        Some(end) => bytes.get(..end).unwrap_or(bytes),
        None => bytes,
    }
}

/// `len` as a `u32`, saturating: lengths on this wire are `u32`, buffers here never get near 4 GiB.
pub(crate) fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}
