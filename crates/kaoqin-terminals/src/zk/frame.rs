//! Packets of the 4370 protocol (§2–§4): the 8-byte header `u16 command | u16 checksum |
//! u16 session | u16 reply` plus data, the RFC 1071-style checksum, bare UDP datagrams, and the
//! TCP wrapper `50 50 82 7D | u32 length` with a [`TcpDeframer`] that reassembles frames from a
//! byte stream by the length field, never by `recv()` boundaries.
//!
//! A received packet with a wrong checksum is reported in [`Decoded::checksum_ok`], not rejected:
//! the reference recommends logging the mismatch and carrying on (§3). Sent packets always carry
//! the correct checksum (`0xFFFF − sum`, not the off-by-one some ports copied).
//!
//! Not here: what a command's data means, session and reply-id bookkeeping (the connection owns
//! the counters; [`Packet`] just carries them), timeouts, and UDP datagram loss.

use super::len_u32;

/// Length of the packet header.
pub const HEADER_LEN: usize = 8;
/// First four bytes of every TCP frame.
pub const TCP_MAGIC: [u8; 4] = [0x50, 0x50, 0x82, 0x7D];
/// A sensible [`TcpDeframer::new`] limit: 1 MiB, sixteen times the largest chunk a client asks
/// for (65 472 data bytes + 8). A terminal that answers a small bulk read directly in one
/// `CMD_DATA` frame sends the whole (small) dataset at once, so this is not set to the chunk size.
pub const DEFAULT_MAX_PACKET: usize = 1 << 20;

/// One packet: header fields and data. The checksum is not stored; it is computed on encode and
/// checked on decode.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Packet {
    /// Command or reply code ([`super::cmd`]).
    pub command: u16,
    /// Session id given by the terminal in its CONNECT answer; some frames put other things here
    /// (frame index, event code, state; §4).
    pub session: u16,
    /// Reply id: the client counts it up per request, the terminal echoes it.
    pub reply: u16,
    pub data: Vec<u8>,
}

/// A packet read off the wire, with whether its checksum was right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub packet: Packet,
    /// `false` when the checksum field did not match the contents; log it, keep the packet.
    pub checksum_ok: bool,
    /// The checksum field as received (for the log line when it is wrong).
    pub received_checksum: u16,
}

/// Why bytes could not be read as a packet. After a TCP framing error the stream has lost its
/// place and cannot be resynchronised: close the connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameError {
    /// Fewer bytes than a packet header.
    #[error(
        "packet of {got} bytes is shorter than the {needed}-byte header: ignore it and wait for the next one"
    )]
    Short { needed: usize, got: usize },
    /// A TCP frame that does not start with `50 50 82 7D`.
    #[error(
        "tcp frame starts with {found:02X?} instead of 50 50 82 7D: the peer is not a ZK terminal or the stream lost its place; reconnect"
    )]
    BadMagic { found: [u8; 4] },
    /// A TCP frame whose length is smaller than the packet header.
    #[error(
        "tcp frame declares {length} bytes, less than the 8-byte packet header: the stream lost its place; reconnect"
    )]
    BadLength { length: u32 },
    /// A TCP frame longer than the deframer accepts; nothing was allocated for it.
    #[error(
        "tcp frame declares {length} bytes, more than the {max} accepted: the stream lost its place or the peer is hostile; reconnect"
    )]
    TooLong { length: u32, max: usize },
}

/// Running ones'-complement sum of little-endian 16-bit words with end-around carry; always
/// ≤ 0xFFFF between steps.
fn add_word(sum: u32, word: u32) -> u32 {
    let s = sum.wrapping_add(word);
    if s > 0xFFFF { s.wrapping_sub(0xFFFF) } else { s }
}

/// Adds `bytes` to `sum` word by word; an odd last byte is added on its own (§3). Only the last
/// part of a packet may have an odd length.
fn add_bytes(mut sum: u32, bytes: &[u8]) -> u32 {
    let (words, rest) = bytes.as_chunks::<2>();
    for w in words {
        sum = add_word(sum, u32::from(u16::from_le_bytes(*w)));
    }
    if let [last] = rest {
        sum = add_word(sum, u32::from(*last));
    }
    sum
}

/// Turns the folded sum into the checksum field.
fn finish(sum: u32) -> u16 {
    // `sum` is at most 0xFFFF, so this is `!sum` on 16 bits.
    0xFFFF_u16.wrapping_sub(u16::try_from(sum).unwrap_or(u16::MAX))
}

/// The checksum over `bytes`: the 8-byte header **with its checksum field set to zero**, followed
/// by the data (never the TCP wrapper). 16-bit ones'-complement of the sum of little-endian words
/// with end-around carry; an odd last byte counts as a word of its own (§3).
pub fn checksum(bytes: &[u8]) -> u16 {
    finish(add_bytes(0, bytes))
}

/// The header bytes of a packet with the checksum field zero.
fn header(command: u16, session: u16, reply: u16) -> [u8; HEADER_LEN] {
    let [c0, c1] = command.to_le_bytes();
    let [s0, s1] = session.to_le_bytes();
    let [r0, r1] = reply.to_le_bytes();
    [c0, c1, 0, 0, s0, s1, r0, r1]
}

impl Packet {
    /// A packet from its parts.
    pub fn new(command: u16, session: u16, reply: u16, data: Vec<u8>) -> Self {
        Self { command, session, reply, data }
    }

    /// The checksum this packet carries on the wire.
    pub fn checksum(&self) -> u16 {
        let head = header(self.command, self.session, self.reply);
        finish(add_bytes(add_bytes(0, &head), &self.data))
    }

    /// The packet as a UDP datagram: header with the correct checksum, then data.
    pub fn encode_udp(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN.saturating_add(self.data.len()));
        let mut head = header(self.command, self.session, self.reply);
        let [k0, k1] = self.checksum().to_le_bytes();
        head[2] = k0;
        head[3] = k1;
        out.extend_from_slice(&head);
        out.extend_from_slice(&self.data);
        out
    }

    /// The packet as a TCP frame: `50 50 82 7D`, `u32` packet length, then [`Self::encode_udp`].
    pub fn encode_tcp(&self) -> Vec<u8> {
        let packet = self.encode_udp();
        let mut out = Vec::with_capacity(packet.len().saturating_add(HEADER_LEN));
        out.extend_from_slice(&TCP_MAGIC);
        out.extend_from_slice(&len_u32(packet.len()).to_le_bytes());
        out.extend_from_slice(&packet);
        out
    }
}

/// Reads a packet (no TCP wrapper) from `head` and `data`.
fn decode_parts(head: &[u8; HEADER_LEN], data: &[u8]) -> Decoded {
    let command = u16::from_le_bytes([head[0], head[1]]);
    let received_checksum = u16::from_le_bytes([head[2], head[3]]);
    let session = u16::from_le_bytes([head[4], head[5]]);
    let reply = u16::from_le_bytes([head[6], head[7]]);
    let packet = Packet { command, session, reply, data: data.to_vec() };
    let checksum_ok = packet.checksum() == received_checksum;
    Decoded { packet, checksum_ok, received_checksum }
}

/// Reads one UDP datagram as a packet. Only a datagram shorter than the header is an error; a
/// wrong checksum is reported in [`Decoded::checksum_ok`].
pub fn decode_udp(datagram: &[u8]) -> Result<Decoded, FrameError> {
    match datagram.split_first_chunk::<HEADER_LEN>() {
        Some((head, data)) => Ok(decode_parts(head, data)),
        None => Err(FrameError::Short { needed: HEADER_LEN, got: datagram.len() }),
    }
}

/// Reassembles TCP frames from a byte stream: [`Self::push`] whatever `recv()` returned,
/// then call [`Self::next`] until it gives `Ok(None)`. A frame split over many reads and several
/// frames in one read both come out one packet at a time.
///
/// Memory: the deframer holds only bytes it was given; a declared length above the limit is an
/// error as soon as the 8-byte wrapper is in, before anything is reserved for the frame.
#[derive(Debug, Clone)]
pub struct TcpDeframer {
    buf: Vec<u8>,
    /// Bytes of `buf` already handed out as frames.
    start: usize,
    max_packet: usize,
}

impl TcpDeframer {
    /// A deframer accepting packets (header + data, without the 8-byte wrapper) of at most
    /// `max_packet` bytes; [`DEFAULT_MAX_PACKET`] is a sensible value.
    pub fn new(max_packet: usize) -> Self {
        Self { buf: Vec::new(), start: 0, max_packet }
    }

    /// Adds bytes read from the socket.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start >= self.buf.len() / 2 {
            // Drop what was handed out before growing, so the buffer stays about one frame long.
            self.buf.drain(..self.start.min(self.buf.len()));
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes received but not yet returned as a frame.
    pub fn buffered(&self) -> usize {
        self.buf.len().saturating_sub(self.start)
    }

    /// The next complete frame, `Ok(None)` when more bytes are needed, or an error when the
    /// stream is not a ZK frame stream. An error does not consume anything: calling again gives
    /// the same error, so close the connection.
    // Not `Iterator::next`: this one is fallible and resumable after `Ok(None)`.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Decoded>, FrameError> {
        let avail = self.buf.get(self.start..).unwrap_or(&[]);
        // Check the marker as soon as its bytes are in, so junk is refused early.
        let seen = avail.len().min(TCP_MAGIC.len());
        if avail.get(..seen) != TCP_MAGIC.get(..seen) {
            let mut found = [0u8; 4];
            for (slot, byte) in found.iter_mut().zip(avail) {
                *slot = *byte;
            }
            return Err(FrameError::BadMagic { found });
        }
        let Some((wrapper, rest)) = avail.split_first_chunk::<8>() else {
            return Ok(None);
        };
        let length = u32::from_le_bytes([wrapper[4], wrapper[5], wrapper[6], wrapper[7]]);
        let len = usize::try_from(length).unwrap_or(usize::MAX);
        if len < HEADER_LEN {
            return Err(FrameError::BadLength { length });
        }
        if len > self.max_packet {
            return Err(FrameError::TooLong { length, max: self.max_packet });
        }
        let Some(packet) = rest.get(..len) else {
            return Ok(None);
        };
        let Some((head, data)) = packet.split_first_chunk::<HEADER_LEN>() else {
            return Err(FrameError::BadLength { length });
        };
        let decoded = decode_parts(head, data);
        self.start = self.start.saturating_add(HEADER_LEN).saturating_add(len);
        Ok(Some(decoded))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]
mod tests {
    use super::*;

    fn sample(i: u16, len: usize) -> Packet {
        Packet::new(1501, i, 22, (0..len).map(|b| (b as u8).wrapping_mul(31)).collect())
    }

    #[test]
    fn checksum_of_an_all_ones_sum_is_zero() {
        // 0xFFFF folds to itself and complements to 0.
        assert_eq!(checksum(&[0xFF, 0xFF]), 0);
        // Carry folds back in: 0xFFFF + 0x0002 = 0x10001 → 0x0002 → !0x0002.
        assert_eq!(checksum(&[0xFF, 0xFF, 0x02, 0x00]), 0xFFFD);
        // Odd last byte counts as a word of its own value.
        assert_eq!(checksum(&[0x01]), 0xFFFE);
    }

    #[test]
    fn udp_round_trip_and_bad_checksum_is_reported() {
        let p = sample(7, 13);
        let mut wire = p.encode_udp();
        let d = decode_udp(&wire).unwrap();
        assert!(d.checksum_ok);
        assert_eq!(d.packet, p);
        wire[2] ^= 1;
        let d = decode_udp(&wire).unwrap();
        assert!(!d.checksum_ok, "a flipped checksum bit must be noticed");
        assert_eq!(d.packet, p, "and the packet still comes back");
        assert_eq!(decode_udp(&wire[..7]), Err(FrameError::Short { needed: 8, got: 7 }));
    }

    #[test]
    fn stream_split_at_every_byte_boundary() {
        let packets: Vec<Packet> = (0..3).map(|i| sample(i, 5 + i as usize * 7)).collect();
        let stream: Vec<u8> = packets.iter().flat_map(Packet::encode_tcp).collect();
        for cut in 0..=stream.len() {
            let mut d = TcpDeframer::new(DEFAULT_MAX_PACKET);
            let mut got = Vec::new();
            for part in [&stream[..cut], &stream[cut..]] {
                d.push(part);
                while let Some(f) = d.next().unwrap() {
                    assert!(f.checksum_ok);
                    got.push(f.packet);
                }
            }
            assert_eq!(got, packets, "split at byte {cut}");
            assert_eq!(d.buffered(), 0);
        }
    }

    #[test]
    fn stream_fed_one_byte_at_a_time() {
        let packets: Vec<Packet> = (0..4).map(|i| sample(i, i as usize * 3)).collect();
        let stream: Vec<u8> = packets.iter().flat_map(Packet::encode_tcp).collect();
        let mut d = TcpDeframer::new(64);
        let mut got = Vec::new();
        for b in &stream {
            d.push(std::slice::from_ref(b));
            while let Some(f) = d.next().unwrap() {
                got.push(f.packet);
            }
        }
        assert_eq!(got, packets);
    }

    #[test]
    fn several_frames_in_one_push() {
        let packets: Vec<Packet> = (0..5).map(|i| sample(i, 1008)).collect();
        let stream: Vec<u8> = packets.iter().flat_map(Packet::encode_tcp).collect();
        let mut d = TcpDeframer::new(DEFAULT_MAX_PACKET);
        d.push(&stream);
        for p in &packets {
            assert_eq!(&d.next().unwrap().unwrap().packet, p);
        }
        assert_eq!(d.next().unwrap(), None);
        assert_eq!(d.buffered(), 0);
    }

    #[test]
    fn too_long_is_refused_from_the_wrapper_alone() {
        let mut d = TcpDeframer::new(1024);
        d.push(&[0x50, 0x50, 0x82, 0x7D, 0xFF, 0xFF, 0xFF, 0xFF]);
        assert_eq!(d.next(), Err(FrameError::TooLong { length: u32::MAX, max: 1024 }));
        assert_eq!(d.buffered(), 8, "nothing but the wrapper is held");
        assert!(d.buf.capacity() < 1024, "nothing was reserved for the declared length");
        // The error repeats: the stream cannot be resynchronised.
        assert!(d.next().is_err());
    }

    #[test]
    fn limit_is_inclusive() {
        let p = sample(0, 8);
        let mut d = TcpDeframer::new(16);
        d.push(&p.encode_tcp());
        assert_eq!(d.next().unwrap().unwrap().packet, p);
        let mut d = TcpDeframer::new(15);
        d.push(&p.encode_tcp());
        assert_eq!(d.next(), Err(FrameError::TooLong { length: 16, max: 15 }));
    }

    #[test]
    fn bad_magic_and_bad_length() {
        let mut d = TcpDeframer::new(1024);
        d.push(&[0x50, 0x51]);
        assert_eq!(d.next(), Err(FrameError::BadMagic { found: [0x50, 0x51, 0, 0] }));
        let mut d = TcpDeframer::new(1024);
        d.push(&[0x50, 0x50, 0x82, 0x7D, 7, 0, 0, 0]);
        assert_eq!(d.next(), Err(FrameError::BadLength { length: 7 }));
        let mut d = TcpDeframer::new(1024);
        d.push(&[0x50, 0x50, 0x82]);
        assert_eq!(d.next(), Ok(None), "a correct partial marker waits for more");
    }
}
