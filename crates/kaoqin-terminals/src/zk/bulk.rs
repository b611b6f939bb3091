//! Bulk reads, "read with buffer" (§9): the `1503` request that makes the terminal prepare a
//! dataset, its 13-byte "data stat" answer, the `1504` chunk requests, the frames that answer one
//! chunk ([`ChunkReader`]) and the reassembled dataset ([`BulkBuffer`]).
//!
//! A chunk is answered in one of three styles, all accepted: `PREPARE_DATA` + one `DATA` +
//! `ACK_OK`; `PREPARE_DATA` + several `DATA` frames of ≤ 1008 bytes whose session field is the
//! frame index + `ACK_OK`; or one direct `DATA`. The reader insists on the request's reply id and
//! on the exact byte count; a short or overshooting chunk is an error the client answers by
//! retrying the chunk, never by keeping what arrived. The dataset size is checked against a cap
//! before anything is allocated.
//!
//! Not here: sending, timeouts and retries (the client, which also sends `CMD_FREE_DATA` after
//! every bulk read), realtime events arriving mid-transfer (the connection routes
//! `CMD_REG_EVENT` away before frames reach a reader), what the bytes mean ([`super::records`],
//! [`super::users`]), and the legacy bare `CMD_ATTLOG_RRQ` path.

use super::frame::Packet;
use super::{ParseError, cmd, i32_at, len_u32, u16_at, u32_at};

/// Chunk size over TCP (0xFFC0), as every client seen uses.
pub const TCP_MAX_CHUNK: u32 = 65_472;
/// Chunk size over UDP.
pub const UDP_MAX_CHUNK: u32 = 16_384;
/// Largest `DATA` frame in the multi-frame style; the second `u32` of `PREPARE_DATA`.
pub const TCP_FRAME_DATA: u32 = 1008;
/// A sensible [`BulkBuffer::new`] cap: 64 MiB, about 1.6 million 40-byte records.
pub const DEFAULT_BULK_CAP: u32 = 64 * 1024 * 1024;

/// Why a chunk or a dataset was refused. Every case means "retry the chunk or the pull"; none
/// leaves partial data behind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BulkError {
    /// The terminal announced a dataset larger than the cap; nothing was allocated.
    #[error(
        "terminal announced {declared} bytes, more than the {cap}-byte limit: raise the limit if the terminal really holds that much"
    )]
    TooLarge { declared: u32, cap: u32 },
    /// More bytes arrived than were asked for (a duplicated frame, or a confused terminal).
    #[error("received {got} bytes where {expected} were expected: retry the read")]
    Overshoot { expected: u32, got: u64 },
    /// The transfer ended before all bytes arrived.
    #[error("received only {got} of {expected} bytes: retry the read")]
    Short { expected: u32, got: u32 },
    /// A frame answering another request (a late answer to an earlier try).
    #[error("frame answers request {got}, not request {expected}: drop it and retry the read")]
    WrongReply { expected: u16, got: u16 },
    /// A frame that makes no sense at this point of the transfer.
    #[error(
        "unexpected {} ({command}) during a bulk read: retry the read",
        cmd::name(*command)
    )]
    Unexpected { command: u16 },
    /// The terminal refused or failed the request.
    #[error(
        "terminal answered {} ({code}) to a bulk read: retry later; if it persists use the terminal's push (ADMS) channel",
        cmd::name(*code)
    )]
    DeviceError { code: u16 },
    /// `PREPARE_DATA` announced a size other than the chunk asked for.
    #[error("terminal announced {announced} bytes for a chunk of {expected}: retry the read")]
    SizeMismatch { announced: u32, expected: u32 },
    /// A control payload was too short to read.
    #[error(transparent)]
    Parse(#[from] ParseError),
}

/// The 11-byte `1503` payload: `u8 1, u16 command, i32 fct, i32 ext` (§9.1). Attendance is
/// `(cmd::ATTLOG_RRQ, cmd::FCT_ATTLOG_PULL, 0)`, users `(cmd::USERTEMP_RRQ, cmd::FCT_USER, 0)`.
pub fn prepare_buffer_request(command: u16, fct: i32, ext: i32) -> [u8; 11] {
    let [c0, c1] = command.to_le_bytes();
    let [f0, f1, f2, f3] = fct.to_le_bytes();
    let [e0, e1, e2, e3] = ext.to_le_bytes();
    [1, c0, c1, f0, f1, f2, f3, e0, e1, e2, e3]
}

/// Reads a `1503` payload (what the simulator receives): exactly 11 bytes starting with 1.
pub fn parse_prepare_buffer_request(data: &[u8]) -> Option<(u16, i32, i32)> {
    if data.len() != 11 || data.first() != Some(&1) {
        return None;
    }
    Some((u16_at(data, 1)?, i32_at(data, 3)?, i32_at(data, 7)?))
}

/// The 8-byte `1504` payload: `u32 start, u32 size` (signed on the wire; never negative here).
pub fn read_chunk_request(start: u32, size: u32) -> [u8; 8] {
    let [s0, s1, s2, s3] = start.to_le_bytes();
    let [z0, z1, z2, z3] = size.to_le_bytes();
    [s0, s1, s2, s3, z0, z1, z2, z3]
}

/// Reads a `1504` payload (what the simulator receives): exactly 8 bytes.
pub fn parse_read_chunk_request(data: &[u8]) -> Option<(u32, u32)> {
    if data.len() != 8 {
        return None;
    }
    Some((u32_at(data, 0)?, u32_at(data, 4)?))
}

/// The 13-byte "data stat" a terminal sends with `ACK_OK` in answer to `1503`:
/// `00 | u32 size | u32 size | u32 0`. Terminals put a value of unknown meaning in the last
/// `u32`; the simulator sends 0.
pub fn data_stat(size: u32) -> [u8; 13] {
    let [a, b, c, d] = size.to_le_bytes();
    [0, a, b, c, d, a, b, c, d, 0, 0, 0, 0]
}

/// The dataset size from a data stat: the `u32` at offset 1, as every client reads it. Needs at
/// least 5 bytes; the repeated size and the last word are not checked (their meaning is not
/// confirmed). An `ACK_OK` with no data (a terminal whose buffer was reset) is
/// [`ParseError::Short`]; the client decides what that means.
pub fn parse_data_stat(data: &[u8]) -> Result<u32, ParseError> {
    u32_at(data, 1).ok_or(ParseError::Short { what: "the data stat", needed: 5, got: data.len() })
}

/// The 8-byte `PREPARE_DATA` payload: `u32 size, u32 frame` (frame = the largest `DATA` frame
/// that follows, [`TCP_FRAME_DATA`]).
pub fn prepare_data(size: u32, frame: u32) -> [u8; 8] {
    read_chunk_request(size, frame)
}

/// The size announced by a `PREPARE_DATA` payload (its first `u32`; the second is not needed).
pub fn parse_prepare_data(data: &[u8]) -> Result<u32, ParseError> {
    u32_at(data, 0).ok_or(ParseError::Short { what: "PREPARE_DATA", needed: 4, got: data.len() })
}

/// `(start, size)` of each `1504` request covering `total` bytes in chunks of at most `chunk`;
/// the sizes add up to `total` exactly and the last one may be smaller. A `chunk` of 0 plans
/// nothing (a caller bug, not a terminal's).
pub fn chunk_plan(total: u32, chunk: u32) -> ChunkPlan {
    ChunkPlan { next: 0, total, chunk }
}

/// Iterator returned by [`chunk_plan`].
#[derive(Debug, Clone)]
pub struct ChunkPlan {
    next: u32,
    total: u32,
    chunk: u32,
}

impl Iterator for ChunkPlan {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        let left = self.total.checked_sub(self.next).filter(|&l| l > 0)?;
        if self.chunk == 0 {
            return None;
        }
        let size = left.min(self.chunk);
        let start = self.next;
        self.next = self.next.saturating_add(size);
        Some((start, size))
    }
}

/// What [`ChunkReader::accept`] made of a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChunkStep {
    /// Keep feeding frames.
    NeedMore,
    /// The chunk is complete: exactly the bytes asked for.
    Done(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReaderState {
    /// Nothing accepted yet.
    Start,
    /// `PREPARE_DATA` seen; collecting `DATA` until `ACK_OK`.
    Prepared,
    /// Done or failed; every further frame is unexpected.
    Over,
}

/// Collects the frames answering one `1504` (read chunk) request; see the module doc for the
/// styles accepted. Rules: every frame must carry the request's reply id ([`BulkError::WrongReply`]);
/// `ACK_ERROR` and the other refusal codes are [`BulkError::DeviceError`]; `DATA` frames may not
/// add up to more than the chunk ([`BulkError::Overshoot`], which is also how a duplicated frame
/// shows); `ACK_OK` before all bytes is [`BulkError::Short`]; a second `PREPARE_DATA`, or any
/// frame after the chunk is complete or has failed, is [`BulkError::Unexpected`].
///
/// The session field of `DATA` frames is not checked: in the multi-frame style it is the frame
/// index, in the others the session id. After an error, drop the reader and retry the chunk.
#[derive(Debug, Clone)]
pub struct ChunkReader {
    reply_id: u16,
    expected: u32,
    data: Vec<u8>,
    state: ReaderState,
}

impl ChunkReader {
    /// A reader for the answer to the `1504` request sent with reply id `reply_id`, asking for
    /// `expected` bytes.
    pub fn new(reply_id: u16, expected: u32) -> Self {
        // The client asks for at most one chunk; cap the up-front reservation all the same.
        let reserve = usize::try_from(expected.min(TCP_MAX_CHUNK)).unwrap_or(0);
        Self { reply_id, expected, data: Vec::with_capacity(reserve), state: ReaderState::Start }
    }

    /// Bytes collected so far.
    pub fn received(&self) -> u32 {
        len_u32(self.data.len())
    }

    /// Feeds the next frame with this request's reply id (or any frame: others are refused).
    pub fn accept(&mut self, p: &Packet) -> Result<ChunkStep, BulkError> {
        let result = self.step(p);
        if !matches!(result, Ok(ChunkStep::NeedMore)) {
            self.state = ReaderState::Over;
        }
        result
    }

    fn step(&mut self, p: &Packet) -> Result<ChunkStep, BulkError> {
        if self.state == ReaderState::Over {
            return Err(BulkError::Unexpected { command: p.command });
        }
        if p.reply != self.reply_id {
            return Err(BulkError::WrongReply { expected: self.reply_id, got: p.reply });
        }
        if cmd::is_error_reply(p.command) {
            return Err(BulkError::DeviceError { code: p.command });
        }
        match (self.state, p.command) {
            (ReaderState::Start, cmd::PREPARE_DATA) => {
                let announced = parse_prepare_data(&p.data)?;
                if announced != self.expected {
                    return Err(BulkError::SizeMismatch { announced, expected: self.expected });
                }
                self.state = ReaderState::Prepared;
                Ok(ChunkStep::NeedMore)
            }
            (ReaderState::Start, cmd::DATA) => {
                self.add(&p.data)?;
                self.complete()
            }
            (ReaderState::Prepared, cmd::DATA) => {
                self.add(&p.data)?;
                Ok(ChunkStep::NeedMore)
            }
            (ReaderState::Start | ReaderState::Prepared, cmd::ACK_OK) => self.complete(),
            _ => Err(BulkError::Unexpected { command: p.command }),
        }
    }

    fn add(&mut self, bytes: &[u8]) -> Result<(), BulkError> {
        let got = (self.data.len() as u64).saturating_add(bytes.len() as u64);
        if got > u64::from(self.expected) {
            return Err(BulkError::Overshoot { expected: self.expected, got });
        }
        self.data.extend_from_slice(bytes);
        Ok(())
    }

    fn complete(&mut self) -> Result<ChunkStep, BulkError> {
        let got = self.received();
        if got != self.expected {
            return Err(BulkError::Short { expected: self.expected, got });
        }
        Ok(ChunkStep::Done(std::mem::take(&mut self.data)))
    }
}

/// A whole dataset being reassembled from chunks, in order. The declared size (from the data
/// stat) is checked against the cap before the buffer is allocated, no chunk may carry it past
/// the declared size, and [`Self::finish`] demands exactly the declared size.
#[derive(Debug, Clone)]
pub struct BulkBuffer {
    declared: u32,
    data: Vec<u8>,
}

impl BulkBuffer {
    /// A buffer for `declared` bytes, refused when `declared > cap` ([`DEFAULT_BULK_CAP`] is a
    /// sensible cap).
    pub fn new(declared: u32, cap: u32) -> Result<Self, BulkError> {
        if declared > cap {
            return Err(BulkError::TooLarge { declared, cap });
        }
        let reserve = usize::try_from(declared).unwrap_or(0);
        Ok(Self { declared, data: Vec::with_capacity(reserve) })
    }

    /// Appends the next chunk; refused (and nothing appended) when it would pass the declared size.
    pub fn append(&mut self, chunk: &[u8]) -> Result<(), BulkError> {
        let got = (self.data.len() as u64).saturating_add(chunk.len() as u64);
        if got > u64::from(self.declared) {
            return Err(BulkError::Overshoot { expected: self.declared, got });
        }
        self.data.extend_from_slice(chunk);
        Ok(())
    }

    /// Bytes appended so far.
    pub fn received(&self) -> u32 {
        len_u32(self.data.len())
    }

    /// The declared size.
    pub fn declared(&self) -> u32 {
        self.declared
    }

    /// The dataset, when exactly the declared number of bytes arrived.
    pub fn finish(self) -> Result<Vec<u8>, BulkError> {
        let got = self.received();
        if got != self.declared {
            return Err(BulkError::Short { expected: self.declared, got });
        }
        Ok(self.data)
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]
mod tests {
    use super::*;

    const REPLY: u16 = 22;

    fn pkt(command: u16, session: u16, reply: u16, data: &[u8]) -> Packet {
        Packet::new(command, session, reply, data.to_vec())
    }

    fn bytes(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i % 251) as u8).collect()
    }

    /// Feeds all packets; returns the result of the last one and checks the ones before asked
    /// for more.
    fn feed(reader: &mut ChunkReader, packets: &[Packet]) -> Result<ChunkStep, BulkError> {
        let (last, before) = packets.split_last().unwrap();
        for p in before {
            assert_eq!(reader.accept(p), Ok(ChunkStep::NeedMore), "frame {p:?}");
        }
        reader.accept(last)
    }

    #[test]
    fn style_prepare_one_data_ack() {
        let data = bytes(3000);
        let mut r = ChunkReader::new(REPLY, 3000);
        let frames = [
            pkt(cmd::PREPARE_DATA, 0x1234, REPLY, &prepare_data(3000, 0x1000)),
            pkt(cmd::DATA, 0x1234, REPLY, &data),
            pkt(cmd::ACK_OK, 0x1234, REPLY, &[]),
        ];
        assert_eq!(feed(&mut r, &frames), Ok(ChunkStep::Done(data)));
    }

    #[test]
    fn style_prepare_many_frames_with_frame_index_in_session() {
        // 5044 bytes = 5 × 1008 + 4, as in the multi-frame user fixture.
        let data = bytes(5044);
        let mut frames = vec![pkt(cmd::PREPARE_DATA, 0xFB2F, REPLY, &prepare_data(5044, 1008))];
        for (i, part) in data.chunks(1008).enumerate() {
            frames.push(pkt(cmd::DATA, i as u16, REPLY, part));
        }
        assert_eq!(frames.len(), 7);
        frames.push(pkt(cmd::ACK_OK, 0xFB2F, REPLY, &[]));
        let mut r = ChunkReader::new(REPLY, 5044);
        assert_eq!(feed(&mut r, &frames), Ok(ChunkStep::Done(data)));
    }

    #[test]
    fn style_direct_data() {
        let data = bytes(100);
        let mut r = ChunkReader::new(REPLY, 100);
        assert_eq!(r.accept(&pkt(cmd::DATA, 1, REPLY, &data)), Ok(ChunkStep::Done(data)));
        // Anything after completion is refused.
        assert_eq!(
            r.accept(&pkt(cmd::ACK_OK, 1, REPLY, &[])),
            Err(BulkError::Unexpected { command: cmd::ACK_OK })
        );
    }

    #[test]
    fn wrong_reply_id() {
        let mut r = ChunkReader::new(REPLY, 10);
        assert_eq!(
            r.accept(&pkt(cmd::DATA, 0, REPLY - 1, &bytes(10))),
            Err(BulkError::WrongReply { expected: REPLY, got: REPLY - 1 })
        );
        let mut r = ChunkReader::new(REPLY, 10);
        r.accept(&pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(10, 1008))).unwrap();
        assert_eq!(
            r.accept(&pkt(cmd::ACK_OK, 0, 0, &[])),
            Err(BulkError::WrongReply { expected: REPLY, got: 0 })
        );
    }

    #[test]
    fn overshoot_direct_and_prepared() {
        let mut r = ChunkReader::new(REPLY, 10);
        assert_eq!(
            r.accept(&pkt(cmd::DATA, 0, REPLY, &bytes(11))),
            Err(BulkError::Overshoot { expected: 10, got: 11 })
        );
        let mut r = ChunkReader::new(REPLY, 10);
        let frames = [
            pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(10, 1008)),
            pkt(cmd::DATA, 0, REPLY, &bytes(6)),
            pkt(cmd::DATA, 1, REPLY, &bytes(6)),
        ];
        assert_eq!(feed(&mut r, &frames), Err(BulkError::Overshoot { expected: 10, got: 12 }));
    }

    #[test]
    fn duplicated_frame_is_overshoot() {
        let data = bytes(2016);
        let first = pkt(cmd::DATA, 0, REPLY, &data[..1008]);
        let frames = [
            pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(2016, 1008)),
            first.clone(),
            pkt(cmd::DATA, 1, REPLY, &data[1008..]),
            first,
        ];
        let mut r = ChunkReader::new(REPLY, 2016);
        assert_eq!(feed(&mut r, &frames), Err(BulkError::Overshoot { expected: 2016, got: 3024 }));
    }

    #[test]
    fn ack_error_is_a_device_error() {
        let mut r = ChunkReader::new(REPLY, 10);
        assert_eq!(
            r.accept(&pkt(cmd::ACK_ERROR, 0, REPLY, &[])),
            Err(BulkError::DeviceError { code: cmd::ACK_ERROR })
        );
        let mut r = ChunkReader::new(REPLY, 10);
        r.accept(&pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(10, 1008))).unwrap();
        r.accept(&pkt(cmd::DATA, 0, REPLY, &bytes(4))).unwrap();
        assert_eq!(
            r.accept(&pkt(cmd::ACK_ERROR, 0, REPLY, &[])),
            Err(BulkError::DeviceError { code: cmd::ACK_ERROR })
        );
    }

    #[test]
    fn short_chunks() {
        let mut r = ChunkReader::new(REPLY, 10);
        let frames = [
            pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(10, 1008)),
            pkt(cmd::DATA, 0, REPLY, &bytes(9)),
            pkt(cmd::ACK_OK, 0, REPLY, &[]),
        ];
        assert_eq!(feed(&mut r, &frames), Err(BulkError::Short { expected: 10, got: 9 }));
        let mut r = ChunkReader::new(REPLY, 10);
        assert_eq!(
            r.accept(&pkt(cmd::DATA, 0, REPLY, &bytes(9))),
            Err(BulkError::Short { expected: 10, got: 9 })
        );
        let mut r = ChunkReader::new(REPLY, 10);
        assert_eq!(
            r.accept(&pkt(cmd::ACK_OK, 0, REPLY, &[])),
            Err(BulkError::Short { expected: 10, got: 0 })
        );
    }

    #[test]
    fn prepare_problems() {
        let mut r = ChunkReader::new(REPLY, 10);
        assert_eq!(
            r.accept(&pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(11, 1008))),
            Err(BulkError::SizeMismatch { announced: 11, expected: 10 })
        );
        let mut r = ChunkReader::new(REPLY, 10);
        assert!(matches!(
            r.accept(&pkt(cmd::PREPARE_DATA, 0, REPLY, &[1, 2])),
            Err(BulkError::Parse(ParseError::Short { needed: 4, got: 2, .. }))
        ));
        let mut r = ChunkReader::new(REPLY, 10);
        r.accept(&pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(10, 1008))).unwrap();
        assert_eq!(
            r.accept(&pkt(cmd::PREPARE_DATA, 0, REPLY, &prepare_data(10, 1008))),
            Err(BulkError::Unexpected { command: cmd::PREPARE_DATA })
        );
        // After a failure the reader refuses everything.
        assert_eq!(
            r.accept(&pkt(cmd::DATA, 0, REPLY, &bytes(10))),
            Err(BulkError::Unexpected { command: cmd::DATA })
        );
    }

    #[test]
    fn empty_chunk_is_done_on_ack() {
        let mut r = ChunkReader::new(REPLY, 0);
        assert_eq!(r.accept(&pkt(cmd::ACK_OK, 0, REPLY, &[])), Ok(ChunkStep::Done(Vec::new())));
    }

    #[test]
    fn bulk_buffer_cap_and_exact_length() {
        assert_eq!(
            BulkBuffer::new(101, 100).unwrap_err(),
            BulkError::TooLarge { declared: 101, cap: 100 }
        );
        assert_eq!(
            BulkBuffer::new(u32::MAX, DEFAULT_BULK_CAP).unwrap_err(),
            BulkError::TooLarge { declared: u32::MAX, cap: DEFAULT_BULK_CAP }
        );
        let mut b = BulkBuffer::new(100, 100).unwrap();
        b.append(&bytes(60)).unwrap();
        assert_eq!(b.append(&bytes(41)), Err(BulkError::Overshoot { expected: 100, got: 101 }));
        assert_eq!(b.received(), 60, "a refused chunk is not appended");
        assert_eq!(b.clone().finish(), Err(BulkError::Short { expected: 100, got: 60 }));
        b.append(&bytes(40)).unwrap();
        assert_eq!(b.finish().unwrap().len(), 100);
        assert_eq!(BulkBuffer::new(0, 0).unwrap().finish(), Ok(Vec::new()));
    }

    #[test]
    fn chunk_plan_covers_total_exactly() {
        let plan: Vec<_> = chunk_plan(5044, 1008).collect();
        assert_eq!(plan.len(), 6);
        assert_eq!(plan[0], (0, 1008));
        assert_eq!(plan[5], (5040, 4));
        assert_eq!(chunk_plan(0, 65_472).count(), 0);
        assert_eq!(chunk_plan(10, 0).count(), 0);
        assert_eq!(chunk_plan(65_472, TCP_MAX_CHUNK).collect::<Vec<_>>(), vec![(0, 65_472)]);
        let near_max: Vec<_> = chunk_plan(u32::MAX, 1 << 30).collect();
        assert_eq!(near_max.last(), Some(&(3 << 30, (1 << 30) - 1)));
    }

    #[test]
    fn request_payloads() {
        assert_eq!(
            prepare_buffer_request(cmd::USERTEMP_RRQ, cmd::FCT_USER, 0),
            [0x01, 0x09, 0x00, 0x05, 0, 0, 0, 0, 0, 0, 0]
        );
        assert_eq!(
            parse_prepare_buffer_request(&prepare_buffer_request(13, 0, -1)),
            Some((13, 0, -1))
        );
        assert_eq!(parse_prepare_buffer_request(&[2; 11]), None);
        assert_eq!(read_chunk_request(0x10, 0xFFC0), [0x10, 0, 0, 0, 0xC0, 0xFF, 0, 0]);
        assert_eq!(parse_read_chunk_request(&read_chunk_request(7, 9)), Some((7, 9)));
        assert_eq!(parse_read_chunk_request(&[0; 7]), None);
        assert_eq!(parse_data_stat(&data_stat(77)), Ok(77));
        assert!(parse_data_stat(&[]).is_err());
    }
}
