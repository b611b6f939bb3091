//! The bodies of the cargo-fuzz targets of the ZK codec, one function per target: [`frame`],
//! [`bulk`], [`records`] and [`time`]. Each takes arbitrary bytes, drives the codec with them and
//! asserts the codec's rules; a failed `assert!` is a finding. The same functions run in the
//! fuzzer (`fuzz/fuzz_targets/`, one line each) and in `cargo test`, which replays every saved
//! input of `fuzz/regressions/<target>/` (`tests/it/fuzz_regressions.rs`).
//!
//! Hidden from the docs: not an API for the product. Not here: the codec itself ([`crate::zk`]),
//! libFuzzer, corpora and file reading (the fuzz project and the test).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::arithmetic_side_effects
)]

use crate::zk::{
    self, AttLayout, BulkBuffer, ChunkReader, ChunkStep, NameCodec, Packet, UserLayout, cmd,
};

/// Reads fuzz bytes front to back; runs dry with zeros.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        self.0 = rest;
        first
    }

    fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let (head, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        head
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Target `frame`: the bytes as a UDP datagram, and as a TCP stream fed to the deframer in
/// pieces. Checks that a datagram with a good checksum re-encodes to the same bytes, that only a
/// datagram shorter than the header is refused, that the deframer never returns a packet over
/// its limit, and that a deframer error is sticky. Not here: what the packets mean.
pub fn frame(data: &[u8]) {
    match zk::decode_udp(data) {
        Ok(d) => {
            if d.checksum_ok {
                assert_eq!(
                    d.packet.encode_udp(),
                    data,
                    "a datagram with a good checksum re-encodes to the same bytes"
                );
            }
        }
        Err(_) => assert!(
            data.len() < zk::HEADER_LEN,
            "only a datagram shorter than the header is refused"
        ),
    }

    // The first byte sets the packet limit and the size of the pieces pushed.
    let Some((&knob, stream)) = data.split_first() else {
        return;
    };
    let max = usize::from(knob).saturating_mul(8);
    let step = usize::from(knob % 17).saturating_add(1);
    let mut deframer = zk::TcpDeframer::new(max);
    // Start with a correct marker half the time so the length checks run.
    if knob % 2 == 0 {
        deframer.push(&zk::TCP_MAGIC);
    }
    for piece in stream.chunks(step) {
        deframer.push(piece);
        loop {
            match deframer.next() {
                Ok(Some(frame)) => assert!(
                    frame.packet.data.len().saturating_add(zk::HEADER_LEN) <= max,
                    "the deframer returned a packet over its limit of {max} bytes"
                ),
                Ok(None) => break,
                Err(_) => {
                    assert!(deframer.next().is_err(), "a deframer error is sticky");
                    return;
                }
            }
        }
    }
}

/// Frame commands the [`bulk`] target picks from: the ones a chunk reader expects, twice `DATA`,
/// refusals and an unknown code.
const BULK_COMMANDS: [u16; 8] = [
    cmd::PREPARE_DATA,
    cmd::DATA,
    cmd::DATA,
    cmd::ACK_OK,
    cmd::ACK_ERROR,
    cmd::ACK_DATA,
    cmd::REG_EVENT,
    4989,
];

/// Target `bulk`: a whole "read with buffer" transfer. The bytes give a declared size and a cap
/// for the [`BulkBuffer`], a chunk size, then frames (command, reply id, data) fed to a
/// [`ChunkReader`]; each finished chunk is appended and a new reader starts on the next reply id,
/// a failed chunk is retried with a fresh reader as the client does. Checks the size rules: a
/// buffer is refused only above its cap, a finished chunk is exactly its size and fits the
/// buffer, the buffer never passes its declared size, a finished buffer is exactly the declared
/// size. Not here: sockets, timeouts and retry limits (the client).
pub fn bulk(data: &[u8]) {
    let mut input = Bytes(data);
    let declared = u32::from(input.u16());
    let cap = u32::from(input.u16());
    let chunk = u32::from(input.u8()).max(1).saturating_mul(16);
    let Ok(mut buffer) = BulkBuffer::new(declared, cap) else {
        assert!(declared > cap, "a buffer of {declared} bytes was refused under its cap of {cap}");
        return;
    };
    let mut plan = zk::chunk_plan(declared, chunk).enumerate();
    let Some((mut index, (_, mut size))) = plan.next() else {
        assert_eq!(buffer.finish().map(|b| b.len()), Ok(0), "an empty plan means an empty dataset");
        return;
    };
    // Reply ids are the chunk's index cut to 16 bits, as the wire's reply field.
    let mut reader = ChunkReader::new(index as u16, size);
    while !input.is_empty() {
        let selector = input.u8();
        let command = BULK_COMMANDS.get(usize::from(selector % 8)).copied().unwrap_or(cmd::DATA);
        // Mostly the right reply id, sometimes a stale or random one.
        let reply = match input.u8() % 8 {
            0 => input.u16(),
            1 => (index as u16).wrapping_sub(1),
            _ => index as u16,
        };
        let payload = if command == cmd::PREPARE_DATA && selector & 0x80 == 0 {
            zk::prepare_data(size, 1008).to_vec()
        } else {
            let len = usize::from(input.u8()).saturating_mul(4);
            input.take(len).to_vec()
        };
        let packet = Packet::new(command, input.u16(), reply, payload);
        match reader.accept(&packet) {
            Ok(ChunkStep::NeedMore) => {}
            Ok(ChunkStep::Done(bytes)) => {
                assert_eq!(
                    bytes.len() as u64,
                    u64::from(size),
                    "a finished chunk is exactly its size"
                );
                assert_eq!(buffer.append(&bytes), Ok(()), "planned chunks fit the declared size");
                assert!(buffer.received() <= declared, "the buffer passed its declared size");
                match plan.next() {
                    Some((i, (_, s))) => {
                        index = i;
                        size = s;
                        reader = ChunkReader::new(index as u16, size);
                    }
                    None => break,
                }
            }
            Err(_) => reader = ChunkReader::new(index as u16, size),
        }
    }
    if let Ok(all) = buffer.finish() {
        assert_eq!(
            all.len() as u64,
            u64::from(declared),
            "a finished buffer is exactly the declared size"
        );
    }
}

/// Name codecs the [`records`] target decodes every user name with.
const NAME_CODECS: [NameCodec; 5] = [
    NameCodec::Gbk,
    NameCodec::Utf8,
    NameCodec::Windows1252,
    NameCodec::Windows1251,
    NameCodec::Windows1256,
];

/// Whether `buf` is a size prefix and exactly `count` records of `size` bytes.
fn whole_records(buf: &[u8], count: usize, size: usize) -> bool {
    count.checked_mul(size).and_then(|n| n.checked_add(4)) == Some(buf.len())
}

/// Target `records`: the bytes as an attendance buffer and as a users buffer, both as given and
/// behind a correct `u32` size prefix (so the parsers get past the prefix check); the first byte
/// is also the terminal's record count. Checks that a detected layout always parses, that a
/// parse accounts for every byte, and that time and name decoding of every record is total.
/// Not here: whether the detected layout is the right one (unit and property tests with known
/// records).
pub fn records(data: &[u8]) {
    let mut prefixed = zk::len_u32(data.len()).to_le_bytes().to_vec();
    prefixed.extend_from_slice(data);
    let count = data.first().map(|&b| u32::from(b));
    for buf in [data, &prefixed[..]] {
        if let Ok(layout) = zk::detect_att_layout(buf, count) {
            assert!(
                zk::parse_attendance(buf, layout).is_ok(),
                "detected attendance layout {layout:?} does not parse"
            );
        }
        for layout in AttLayout::ALL {
            if let Ok(records) = zk::parse_attendance(buf, layout) {
                assert!(
                    whole_records(buf, records.len(), layout.size()),
                    "{} {layout:?} records do not account for {} bytes",
                    records.len(),
                    buf.len()
                );
                for r in &records {
                    let _ = zk::wall_to_naive(&zk::decode_time(r.time_raw));
                }
            }
        }
        if let Ok(layout) = zk::detect_user_layout(buf) {
            assert!(
                zk::parse_users(buf, layout).is_ok(),
                "detected user layout {layout:?} does not parse"
            );
        }
        for layout in UserLayout::ALL {
            if let Ok(users) = zk::parse_users(buf, layout) {
                assert!(
                    whole_records(buf, users.len(), layout.size()),
                    "{} {layout:?} users do not account for {} bytes",
                    users.len(),
                    buf.len()
                );
                for u in &users {
                    for codec in NAME_CODECS {
                        let _ = u.name(codec);
                    }
                }
            }
        }
    }
}

/// Target `time`: every 4 bytes as an encoded terminal time and every 6 bytes as a realtime
/// `YY MM DD hh mm ss` time. Checks that decoding is total, that `wall_to_naive` either gives a
/// date-time or an `ImpossibleTime` carrying the same fields, and that fields in the encodable
/// century (real dates or not) re-encode to the same value. Not here: time zones (none on the
/// wire).
pub fn time(data: &[u8]) {
    for four in data.as_chunks::<4>().0 {
        let raw = u32::from_le_bytes(*four);
        let wall = zk::decode_time(raw);
        match zk::wall_to_naive(&wall) {
            Ok(t) if wall.year <= 2099 => {
                assert_eq!(zk::encode_time(t), Some(raw), "{wall} re-encodes to {raw}")
            }
            Ok(_) => {}
            Err(e) => assert_eq!(e.wall, wall, "an impossible time carries its fields"),
        }
        if wall.year <= 2099 {
            assert_eq!(zk::encode_wall(&wall), Some(raw), "{wall} re-encodes to {raw} as fields");
        }
    }
    for six in data.as_chunks::<6>().0 {
        let wall = zk::decode_realtime6(*six);
        if let Err(e) = zk::wall_to_naive(&wall) {
            assert_eq!(e.wall, wall, "an impossible realtime carries its fields");
        }
        assert_eq!(zk::encode_realtime6(&wall), Some(*six), "{wall} re-encodes to {six:?}");
    }
}
