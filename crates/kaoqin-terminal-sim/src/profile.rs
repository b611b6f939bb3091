//! How the fake terminal behaves on the wire: firmware [`Profile`]s by name, the [`Behaviour`]
//! each one maps to (record and user layouts, chunk style, transports, delays, limits), and the
//! [`Fault`]s a test can inject into a bulk transfer.
//!
//! A profile is only a starting point: tests build one with [`Profile::behaviour`] and then set
//! fields directly. Not here: the device's data (see [`crate::device`]) and the code that acts on
//! these settings (see [`crate::session`] and [`crate::server`]).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use kaoqin_terminals::zk::{AttLayout, UserLayout};

use crate::Error;

/// The comm key the `comm-key` profile sets when none is given.
pub const DEFAULT_COMM_KEY: u32 = 12_345;

/// Firmware profiles, by the names the command line accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Profile {
    /// `tft`: a TFT terminal (ZEM560 class): TCP and UDP, 40-byte attendance records, 72-byte
    /// users, each chunk answered with one `CMD_DATA` frame (the style pyzk can read).
    #[default]
    Tft,
    /// `tft49`: as `tft`, with the 49-byte attendance records of 2022 MB560-VL/MB40-VL firmware.
    Tft49,
    /// `split`: as `tft`, but each TCP chunk is sent as several `CMD_DATA` frames of at most
    /// 1008 bytes whose session field is the frame index (no pause between frames; set
    /// [`Behaviour::frame_gap`] to pace them, e.g. 50 ms for pyzk).
    Split,
    /// `udp-only`: an older terminal with no TCP listener. Attendance stays in the 40-byte layout
    /// (the one every client handles over UDP as well), users use the 28-byte black-and-white
    /// layout (numeric PINs, 8-byte names), as UDP clients such as node-zklib assume.
    UdpOnly,
    /// `comm-key`: as `tft`, with a comm key set ([`DEFAULT_COMM_KEY`] unless one is given), so
    /// CONNECT is answered with `CMD_ACK_UNAUTH` and `CMD_AUTH` must carry the right hash.
    CommKey,
    /// `slow`: as `tft`, with 200 ms of "flash read" before each chunk is answered.
    Slow,
    /// `flaky`: as `tft`, and each connection has a 30 % chance (seeded) of being reset in the
    /// middle of its first chunk.
    Flaky,
}

impl Profile {
    /// Every profile, in the order the help text lists them.
    pub const ALL: [Profile; 7] = [
        Profile::Tft,
        Profile::Tft49,
        Profile::Split,
        Profile::UdpOnly,
        Profile::CommKey,
        Profile::Slow,
        Profile::Flaky,
    ];

    /// The command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Tft => "tft",
            Profile::Tft49 => "tft49",
            Profile::Split => "split",
            Profile::UdpOnly => "udp-only",
            Profile::CommKey => "comm-key",
            Profile::Slow => "slow",
            Profile::Flaky => "flaky",
        }
    }

    /// The behaviour this profile stands for.
    pub fn behaviour(self) -> Behaviour {
        let base = Behaviour::default();
        match self {
            Profile::Tft => base,
            Profile::Tft49 => Behaviour { att_layout: AttLayout::B49, ..base },
            Profile::Split => Behaviour { chunk_style: ChunkStyle::Split, ..base },
            Profile::UdpOnly => Behaviour { tcp: false, user_layout: UserLayout::B28, ..base },
            Profile::CommKey => Behaviour { comm_key: Some(DEFAULT_COMM_KEY), ..base },
            Profile::Slow => Behaviour { chunk_delay: Duration::from_millis(200), ..base },
            Profile::Flaky => {
                Behaviour { flaky: Some(Flaky { reset_percent: 30, seed: 7 }), ..base }
            }
        }
    }
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Profile {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| Error::UnknownProfile { name: s.to_owned() })
    }
}

/// How a chunk (the answer to one `1504`) is cut into `CMD_DATA` frames over TCP. Over UDP every
/// chunk goes out as datagrams of at most 1024 data bytes whatever the style (§9.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChunkStyle {
    /// One `CMD_DATA` frame with the whole chunk (F19 capture; what pyzk reads reliably).
    #[default]
    Single,
    /// `ceil(size / 1008)` frames of at most 1008 bytes, session field = frame index (pyzk
    /// fixtures).
    Split,
}

/// Everything about the simulator's wire behaviour. Build one from a [`Profile`] and adjust.
#[derive(Debug, Clone, PartialEq)]
pub struct Behaviour {
    /// Attendance record layout.
    pub att_layout: AttLayout,
    /// User record layout.
    pub user_layout: UserLayout,
    /// Chunk style over TCP.
    pub chunk_style: ChunkStyle,
    /// Pause before each frame of a chunk answer after `PREPARE_DATA` (every `CMD_DATA` and the
    /// closing `ACK_OK`); zero sends them back to back. pyzk reads the split style only when
    /// every frame, the `ACK_OK` included, arrives in a `recv()` of its own: 50–60 ms does it.
    pub frame_gap: Duration,
    /// Listen on TCP.
    pub tcp: bool,
    /// Listen on UDP.
    pub udp: bool,
    /// Pause before answering each `1504` chunk and each legacy bulk read.
    pub chunk_delay: Duration,
    /// The largest dataset (with its `u32` size prefix) answered directly to `1503` with one
    /// `CMD_DATA`; larger ones get `ACK_OK` + data stat and are read in chunks. The default,
    /// 1016, keeps the direct packet within 1024 bytes, as real terminals do (a UDP client reads
    /// 1024-byte datagrams). 0 forces the chunk path for every dataset.
    pub direct_max: usize,
    /// A comm key to set on the device when the server starts (`None` leaves the device's own).
    pub comm_key: Option<u32>,
    /// Random resets per connection (the `flaky` profile).
    pub flaky: Option<Flaky>,
    /// A fault to arm on the device when the server starts (`None` leaves the device's own);
    /// afterwards the armed fault lives in [`crate::Device::fault`].
    pub fault: Option<FaultPlan>,
    /// A connection (TCP) or UDP session that sends nothing for this long is dropped.
    pub idle_timeout: Duration,
    /// Largest request packet accepted (header + data); a bigger TCP frame closes the connection.
    pub max_packet: usize,
    /// Most UDP sessions kept at once; the oldest idle one is dropped to make room.
    pub max_udp_sessions: usize,
    /// Most TCP connections served at once; a connection beyond that is closed on accept.
    pub max_tcp_connections: usize,
    /// Seed for session ids and the flaky dice.
    pub seed: u64,
}

impl Default for Behaviour {
    /// The `tft` profile.
    fn default() -> Self {
        Behaviour {
            att_layout: AttLayout::B40,
            user_layout: UserLayout::B72,
            chunk_style: ChunkStyle::Single,
            frame_gap: Duration::ZERO,
            tcp: true,
            udp: true,
            chunk_delay: Duration::ZERO,
            direct_max: 1016,
            comm_key: None,
            flaky: None,
            fault: None,
            idle_timeout: Duration::from_secs(60),
            max_packet: 64 * 1024,
            max_udp_sessions: 256,
            max_tcp_connections: 64,
            seed: 0x4B51_5349,
        }
    }
}

/// Random mid-transfer resets: each connection rolls once, when it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flaky {
    /// Chance in percent (0–100) that a connection is reset during its first chunk.
    pub reset_percent: u8,
    /// Seed of the dice; the same seed gives the same sequence of connections reset.
    pub seed: u64,
}

/// Which request of a bulk read a fault hits, where that matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BulkStep {
    /// The `1503` prepare-buffer request.
    Prepare,
    /// A `1504` read-chunk request.
    Read,
}

/// A wire fault for a client's fault tests (reliability T6). Chunk faults hit the answer to a
/// `1504` read (and the legacy bare `ATTLOG_RRQ`/`USERTEMP_RRQ` reads); [`Fault::HugeDeclared`]
/// and `AckError { at: Prepare }` hit the answer to `1503`. A dataset answered directly to `1503`
/// (see [`Behaviour::direct_max`]) has no chunk to spoil: set `direct_max` to 0 to test chunk
/// faults on small data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// TCP: close the connection after `after_bytes` data bytes of the chunk were sent
    /// (`PREPARE_DATA` goes out whole first). UDP has no connection: the datagrams covering those
    /// bytes go out and then the session is forgotten.
    ResetMidTransfer { after_bytes: usize },
    /// Stop answering: the request is read and nothing comes back, ever, on this connection.
    Stall,
    /// `PREPARE_DATA` announces the chunk, only its first half is sent (at least one byte short),
    /// then `ACK_OK`.
    ShortData,
    /// `PREPARE_DATA` announces the chunk, the chunk plus 16 extra bytes are sent, then `ACK_OK`.
    Overshoot,
    /// Every frame of the answer carries the request's reply id + 1.
    WrongReplyId,
    /// The first `CMD_DATA` frame of the chunk is sent twice.
    DuplicateChunk,
    /// The `1503` data stat declares 4 GiB − 1 bytes (the data behind it is the real dataset).
    HugeDeclared,
    /// The chunk is answered with `PREPARE_DATA(0)`, one empty `CMD_DATA` and `ACK_OK`: no
    /// progress at all.
    ZeroLengthChunk,
    /// The request is answered with `CMD_ACK_ERROR` (a busy device).
    AckError { at: BulkStep },
    /// The `PREPARE_DATA` and `ACK_OK` frames of the answer (and a single-style `CMD_DATA`) carry
    /// the session id + 1.
    SessionChange,
}

impl Fault {
    /// Whether this fault acts on the `1503` answer rather than on a chunk.
    pub fn hits_prepare(self) -> bool {
        matches!(self, Fault::HugeDeclared | Fault::AckError { at: BulkStep::Prepare })
    }
}

/// How often an armed fault fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FaultMode {
    /// On the next transfer it applies to, then it is disarmed.
    #[default]
    Once,
    /// On every transfer it applies to, until a test disarms it.
    Every,
}

/// A fault and how often it fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FaultPlan {
    pub fault: Fault,
    pub mode: FaultMode,
}

impl FaultPlan {
    /// `fault` on the next transfer only.
    pub fn once(fault: Fault) -> Self {
        FaultPlan { fault, mode: FaultMode::Once }
    }

    /// `fault` on every transfer.
    pub fn every(fault: Fault) -> Self {
        FaultPlan { fault, mode: FaultMode::Every }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for p in Profile::ALL {
            assert_eq!(p.name().parse::<Profile>().ok(), Some(p), "{p}");
        }
        assert!("zk9".parse::<Profile>().is_err());
        assert_eq!(Profile::default(), Profile::Tft);
    }

    #[test]
    fn profiles_differ_where_documented() {
        assert_eq!(Profile::Tft49.behaviour().att_layout, AttLayout::B49);
        assert_eq!(Profile::Split.behaviour().chunk_style, ChunkStyle::Split);
        assert!(!Profile::UdpOnly.behaviour().tcp);
        assert!(Profile::UdpOnly.behaviour().udp);
        assert_eq!(Profile::CommKey.behaviour().comm_key, Some(DEFAULT_COMM_KEY));
        assert!(Profile::Slow.behaviour().chunk_delay >= Duration::from_millis(200));
        assert!(Profile::Flaky.behaviour().flaky.is_some());
        assert_eq!(Profile::Tft.behaviour(), Behaviour::default());
    }
}
