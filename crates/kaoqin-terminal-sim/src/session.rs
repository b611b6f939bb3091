//! One client session of the fake terminal, without sockets: a request packet goes in, the
//! [`Step`]s to perform come out (packets to send, pauses, close, stall). The TCP and UDP servers
//! in [`crate::server`] both drive this, so both transports answer alike.
//!
//! What the terminal answers, per command (replies echo the request's reply id and carry the
//! session id, except the frame index of split-style `CMD_DATA` frames, §4):
//! - `CONNECT` → `ACK_OK`, or `ACK_UNAUTH` when the device has a comm key; `AUTH` → `ACK_OK` when
//!   its data is `commkey(key, session, 50)`, else `ACK_UNAUTH`; every other command before that
//!   (or before `CONNECT`) → `ACK_UNAUTH`. `EXIT` → `ACK_OK`, then the session ends.
//! - Identity: `GET_VERSION`, `OPTIONS_RRQ` (see [`option_value`]; an unknown key →
//!   `ACK_ERROR`), `OPTIONS_WRQ` (stored, `ACK_OK`), `GET_FREE_SIZES`, `GET_TIME`/`SET_TIME`.
//! - Bulk reads: `1503` for attendance (`cmd 13`) and users (`cmd 9`): a dataset of at most
//!   [`Behaviour::direct_max`] bytes comes back in one `CMD_DATA`, a larger one as `ACK_OK` +
//!   data stat and is kept until `FREE_DATA` or the next `1503`; `1504 (start, size)` →
//!   `PREPARE_DATA(size, 1008)`, the data (one `CMD_DATA`, ≤ 1008-byte frames in split style, or
//!   ≤ 1024-byte datagrams over UDP) and `ACK_OK`. A read past the end of the buffer sends the bytes
//!   that exist (`PREPARE_DATA` says how many); a start past the end, or no buffer, → `ACK_ERROR`.
//!   Fingerprint templates (`cmd 7`) and the operation log (`cmd 34`) are empty datasets. The
//!   legacy bare `ATTLOG_RRQ`/`USERTEMP_RRQ` send the whole dataset like one chunk.
//! - Writes: `CLEAR_ATTLOG`, `CLEAR_DATA` (1 = attendance, 5 = users, 2 and 4 = nothing to clear,
//!   empty = everything), `USER_WRQ` (one 72- or 28-byte user record), `ENABLE`/`DISABLE_DEVICE`,
//!   `REFRESH_DATA`, `REFRESH_OPTION`, `REG_EVENT` → `ACK_OK`. Anything else → `ACK_UNKNOWN`.
//!
//! Faults ([`crate::Fault`]) and the flaky profile's resets are applied here. Not here: sockets,
//! timeouts and the order of sends (see [`crate::server`]); realtime events (the simulator never
//! sends any).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use kaoqin_terminals::zk::bulk::TCP_FRAME_DATA;
use kaoqin_terminals::zk::options::parse_option_request;
use kaoqin_terminals::zk::{
    AttLayout, Packet, UserLayout, cmd, commkey, data_stat, decode_time, encode_attendance,
    encode_time, encode_users, option_reply, parse_option_reply, parse_prepare_buffer_request,
    parse_read_chunk_request, parse_users, prepare_data, wall_to_naive,
};

use crate::device::{Device, SharedDevice, lock};
use crate::profile::{Behaviour, ChunkStyle, Fault, FaultMode};

/// Largest `CMD_DATA` datagram payload over UDP (§9.3).
pub const UDP_FRAME_DATA: usize = 1024;
/// The `ticks` byte of the comm-key hash every client sends.
const AUTH_TICKS: u8 = 50;
/// Extra bytes sent by [`Fault::Overshoot`].
const OVERSHOOT_BYTES: usize = 16;

/// Which socket a session lives on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Tcp,
    Udp,
}

/// Something the server must do for a session, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Send this packet.
    Send(Packet),
    /// Send only the first `bytes` bytes of this packet's TCP frame (a frame cut by a reset).
    SendCut(Packet, usize),
    /// Wait before the next step.
    Pause(Duration),
    /// End the session: close the TCP connection, forget the UDP peer.
    Close,
    /// Never answer this session again.
    Stall,
}

/// State the sessions of one server share: the device, the behaviour and the seeded dice.
pub struct Shared {
    pub device: SharedDevice,
    pub behaviour: Behaviour,
    /// Session ids.
    ids: Mutex<fastrand::Rng>,
    /// The flaky profile's dice.
    dice: Mutex<fastrand::Rng>,
}

impl Shared {
    pub fn new(device: SharedDevice, behaviour: Behaviour) -> Arc<Shared> {
        let flaky_seed = behaviour.flaky.map_or(0, |f| f.seed);
        Arc::new(Shared {
            ids: Mutex::new(fastrand::Rng::with_seed(behaviour.seed)),
            dice: Mutex::new(fastrand::Rng::with_seed(flaky_seed)),
            device,
            behaviour,
        })
    }

    fn next_session_id(&self) -> u16 {
        let mut rng = self.ids.lock().unwrap_or_else(|p| p.into_inner());
        rng.u16(1..=u16::MAX)
    }

    /// Rolls the flaky dice for a new session: `Some(per cent of the first chunk)` after which the
    /// connection is reset.
    fn roll_reset(&self) -> Option<u8> {
        let flaky = self.behaviour.flaky?;
        let mut rng = self.dice.lock().unwrap_or_else(|p| p.into_inner());
        let hit = rng.u8(0..100) < flaky.reset_percent;
        let at = rng.u8(10..90);
        hit.then_some(at)
    }
}

/// One client session.
pub struct Session {
    shared: Arc<Shared>,
    transport: Transport,
    session_id: u16,
    connected: bool,
    authed: bool,
    /// The dataset prepared by the last `1503`.
    buffer: Option<Vec<u8>>,
    /// Flaky profile: reset during the first chunk after this per cent of it.
    reset_at_percent: Option<u8>,
    stalled: bool,
}

impl Session {
    pub fn new(shared: Arc<Shared>, transport: Transport) -> Session {
        let session_id = shared.next_session_id();
        Session {
            shared,
            transport,
            session_id,
            connected: false,
            authed: false,
            buffer: None,
            reset_at_percent: None,
            stalled: false,
        }
    }

    /// Whether the session was stalled by a fault (the server then ignores it).
    pub fn stalled(&self) -> bool {
        self.stalled
    }

    fn packet(&self, command: u16, req: &Packet, data: Vec<u8>) -> Packet {
        Packet::new(command, self.session_id, req.reply, data)
    }

    fn ack(&self, command: u16, req: &Packet) -> Vec<Step> {
        vec![Step::Send(self.packet(command, req, Vec::new()))]
    }

    fn ack_data(&self, command: u16, req: &Packet, data: Vec<u8>) -> Vec<Step> {
        vec![Step::Send(self.packet(command, req, data))]
    }

    /// The answer to one request.
    pub fn handle(&mut self, req: &Packet) -> Vec<Step> {
        if self.stalled {
            return Vec::new();
        }
        match req.command {
            cmd::CONNECT => return self.connect(req),
            cmd::AUTH => return self.auth(req),
            _ => {}
        }
        if !self.connected || !self.authed {
            // A terminal answers a session it has not opened (or not authenticated) this way.
            return vec![Step::Send(Packet::new(
                cmd::ACK_UNAUTH,
                if self.connected { self.session_id } else { 0 },
                req.reply,
                Vec::new(),
            ))];
        }
        let shared = self.shared.clone();
        let mut device = lock(&shared.device);
        match req.command {
            cmd::EXIT => {
                self.connected = false;
                self.authed = false;
                self.buffer = None;
                let mut steps = self.ack(cmd::ACK_OK, req);
                steps.push(Step::Close);
                steps
            }
            cmd::ENABLE_DEVICE => {
                device.disabled = false;
                self.ack(cmd::ACK_OK, req)
            }
            cmd::DISABLE_DEVICE => {
                device.disabled = true;
                self.ack(cmd::ACK_OK, req)
            }
            cmd::REFRESH_DATA | cmd::REFRESH_OPTION | cmd::REG_EVENT => self.ack(cmd::ACK_OK, req),
            cmd::GET_VERSION => {
                let mut v = device.firmware.clone().into_bytes();
                v.push(0);
                self.ack_data(cmd::ACK_OK, req, v)
            }
            cmd::OPTIONS_RRQ => {
                let key = parse_option_request(&req.data);
                let value = device
                    .written_options
                    .get(&key)
                    .cloned()
                    .or_else(|| option_value(&device, &self.shared.behaviour, &key));
                match value {
                    Some(v) => self.ack_data(cmd::ACK_OK, req, option_reply(&key, &v)),
                    None => self.ack(cmd::ACK_ERROR, req),
                }
            }
            cmd::OPTIONS_WRQ => match parse_option_reply(&req.data) {
                Some((key, value)) if !key.is_empty() => {
                    device.written_options.insert(key, value);
                    self.ack(cmd::ACK_OK, req)
                }
                _ => self.ack(cmd::ACK_ERROR, req),
            },
            cmd::GET_FREE_SIZES => self.ack_data(cmd::ACK_OK, req, device.free_sizes().encode()),
            cmd::GET_TIME => match encode_time(device.now()) {
                Some(raw) => self.ack_data(cmd::ACK_OK, req, raw.to_le_bytes().to_vec()),
                None => self.ack(cmd::ACK_ERROR, req),
            },
            cmd::SET_TIME => {
                device.set_time_calls = device.set_time_calls.saturating_add(1);
                let time = req
                    .data
                    .first_chunk::<4>()
                    .map(|b| decode_time(u32::from_le_bytes(*b)))
                    .and_then(|w| wall_to_naive(&w).ok());
                match time {
                    Some(t) => {
                        device.set_now(t);
                        self.ack(cmd::ACK_OK, req)
                    }
                    None => self.ack(cmd::ACK_ERROR, req),
                }
            }
            cmd::CLEAR_ATTLOG => {
                device.punches.clear();
                device.clears = device.clears.saturating_add(1);
                self.ack(cmd::ACK_OK, req)
            }
            cmd::CLEAR_DATA => {
                let ok = match req.data.as_slice() {
                    [] => {
                        device.punches.clear();
                        device.users.clear();
                        true
                    }
                    [1] => {
                        device.punches.clear();
                        true
                    }
                    [5] => {
                        device.users.clear();
                        true
                    }
                    // Fingerprints and the operation log: the simulator keeps none.
                    [2] | [4] => true,
                    _ => false,
                };
                if ok {
                    device.clears = device.clears.saturating_add(1);
                    self.ack(cmd::ACK_OK, req)
                } else {
                    self.ack(cmd::ACK_ERROR, req)
                }
            }
            cmd::USER_WRQ => {
                let layout = match req.data.len() {
                    72 => Some(UserLayout::B72),
                    28 => Some(UserLayout::B28),
                    _ => None,
                };
                let record = layout.and_then(|layout| {
                    let mut buf = u32::try_from(req.data.len()).ok()?.to_le_bytes().to_vec();
                    buf.extend_from_slice(&req.data);
                    parse_users(&buf, layout).ok()?.into_iter().next()
                });
                match record {
                    Some(r) if !r.user_id.is_empty() => {
                        device.upsert_user(&r);
                        self.ack(cmd::ACK_OK, req)
                    }
                    _ => self.ack(cmd::ACK_ERROR, req),
                }
            }
            cmd::PREPARE_BUFFER => self.prepare_buffer(&mut device, req),
            cmd::READ_BUFFER => {
                drop(device);
                self.read_buffer(req)
            }
            cmd::FREE_DATA => {
                self.buffer = None;
                self.ack(cmd::ACK_OK, req)
            }
            cmd::ATTLOG_RRQ | cmd::USERTEMP_RRQ => {
                let data = dataset(&device, &self.shared.behaviour, req.command);
                drop(device);
                let fault = self.take_fault(false);
                let mut steps = vec![Step::Pause(self.shared.behaviour.chunk_delay)];
                steps.extend(self.chunk_steps(req, &data, fault));
                steps
            }
            _ => self.ack(cmd::ACK_UNKNOWN, req),
        }
    }

    fn connect(&mut self, req: &Packet) -> Vec<Step> {
        let needs_key = {
            let mut device = lock(&self.shared.device);
            device.connections = device.connections.saturating_add(1);
            device.comm_key.is_some()
        };
        if !self.connected {
            self.reset_at_percent = self.shared.roll_reset();
        }
        self.connected = true;
        self.authed = !needs_key;
        self.buffer = None;
        self.ack(if needs_key { cmd::ACK_UNAUTH } else { cmd::ACK_OK }, req)
    }

    fn auth(&mut self, req: &Packet) -> Vec<Step> {
        if !self.connected {
            return vec![Step::Send(Packet::new(cmd::ACK_UNAUTH, 0, req.reply, Vec::new()))];
        }
        let key = lock(&self.shared.device).comm_key;
        let ok = match key {
            None => true,
            Some(key) => req.data.as_slice() == commkey(key, self.session_id, AUTH_TICKS),
        };
        self.authed = ok;
        self.ack(if ok { cmd::ACK_OK } else { cmd::ACK_UNAUTH }, req)
    }

    /// Takes the armed fault if it acts on the `1503` answer (`prepare`) or on a chunk.
    fn take_fault(&self, prepare: bool) -> Option<Fault> {
        let mut device = lock(&self.shared.device);
        let plan = device.fault?;
        if plan.fault.hits_prepare() != prepare {
            return None;
        }
        if plan.mode == FaultMode::Once {
            device.fault = None;
        }
        Some(plan.fault)
    }

    fn prepare_buffer(&mut self, device: &mut Device, req: &Packet) -> Vec<Step> {
        let Some((command, _fct, _ext)) = parse_prepare_buffer_request(&req.data) else {
            return self.ack(cmd::ACK_ERROR, req);
        };
        if !matches!(command, cmd::ATTLOG_RRQ | cmd::USERTEMP_RRQ | cmd::DB_RRQ | cmd::OPLOG_RRQ) {
            return self.ack(cmd::ACK_ERROR, req);
        }
        let data = dataset(device, &self.shared.behaviour, command);
        let plan = device.fault;
        let fault = match plan {
            Some(p) if p.fault.hits_prepare() => {
                if p.mode == FaultMode::Once {
                    device.fault = None;
                }
                Some(p.fault)
            }
            _ => None,
        };
        match fault {
            Some(Fault::AckError { .. }) => return self.ack(cmd::ACK_ERROR, req),
            Some(Fault::HugeDeclared) => {
                self.buffer = Some(data);
                return self.ack_data(cmd::ACK_OK, req, data_stat(u32::MAX).to_vec());
            }
            _ => {}
        }
        if data.len() <= self.shared.behaviour.direct_max {
            self.buffer = None;
            return self.ack_data(cmd::DATA, req, data);
        }
        let size = u32::try_from(data.len()).unwrap_or(u32::MAX);
        self.buffer = Some(data);
        self.ack_data(cmd::ACK_OK, req, data_stat(size).to_vec())
    }

    fn read_buffer(&mut self, req: &Packet) -> Vec<Step> {
        let range = parse_read_chunk_request(&req.data).and_then(|(start, size)| {
            let buffer = self.buffer.as_ref()?;
            let start = usize::try_from(start).ok()?;
            if start > buffer.len() {
                return None;
            }
            let end = start.saturating_add(usize::try_from(size).ok()?).min(buffer.len());
            Some((start, end))
        });
        let Some((start, end)) = range else {
            return self.ack(cmd::ACK_ERROR, req);
        };
        let chunk = self.buffer.as_ref().and_then(|b| b.get(start..end)).unwrap_or(&[]).to_vec();
        let fault = self.take_fault(false);
        let mut steps = vec![Step::Pause(self.shared.behaviour.chunk_delay)];
        steps.extend(self.chunk_steps(req, &chunk, fault));
        steps
    }

    /// `PREPARE_DATA`, the data frames and `ACK_OK` for one chunk, spoiled by `fault` if any, or
    /// cut by the flaky profile's reset.
    fn chunk_steps(&mut self, req: &Packet, chunk: &[u8], fault: Option<Fault>) -> Vec<Step> {
        let fault = match (fault, self.reset_at_percent.take()) {
            (Some(f), _) => Some(f),
            (None, Some(pct)) => Some(Fault::ResetMidTransfer {
                after_bytes: chunk.len().saturating_mul(usize::from(pct)) / 100,
            }),
            (None, None) => None,
        };
        let behaviour = &self.shared.behaviour;
        let sid = self.session_id;
        let reply = match fault {
            Some(Fault::WrongReplyId) => req.reply.wrapping_add(1),
            _ => req.reply,
        };
        let control_sid = match fault {
            Some(Fault::SessionChange) => sid.wrapping_add(1),
            _ => sid,
        };
        match fault {
            Some(Fault::Stall) => {
                self.stalled = true;
                return vec![Step::Stall];
            }
            Some(Fault::AckError { .. }) => {
                return vec![Step::Send(Packet::new(cmd::ACK_ERROR, sid, reply, Vec::new()))];
            }
            _ => {}
        }
        let mut sent: Vec<u8>;
        let data: &[u8] = match fault {
            Some(Fault::ShortData) => chunk.get(..chunk.len() / 2).unwrap_or(&[]),
            Some(Fault::Overshoot) => {
                sent = chunk.to_vec();
                sent.extend_from_slice(&[0xEE; OVERSHOOT_BYTES]);
                &sent
            }
            Some(Fault::ZeroLengthChunk) => &[],
            _ => chunk,
        };
        let announced = match fault {
            Some(Fault::ZeroLengthChunk) => 0,
            _ => u32::try_from(chunk.len()).unwrap_or(u32::MAX),
        };

        // Cut the data into frames.
        let (frame_max, indexed) = match (self.transport, behaviour.chunk_style) {
            (Transport::Tcp, ChunkStyle::Single) => (usize::MAX, false),
            (Transport::Tcp, ChunkStyle::Split) => (TCP_FRAME_DATA as usize, true),
            (Transport::Udp, style) => (UDP_FRAME_DATA, style == ChunkStyle::Split),
        };
        let mut frames: Vec<Packet> = if data.is_empty() {
            vec![Packet::new(cmd::DATA, if indexed { 0 } else { control_sid }, reply, Vec::new())]
        } else {
            data.chunks(frame_max)
                .enumerate()
                .map(|(i, part)| {
                    let frame_sid =
                        if indexed { u16::try_from(i).unwrap_or(u16::MAX) } else { control_sid };
                    Packet::new(cmd::DATA, frame_sid, reply, part.to_vec())
                })
                .collect()
        };
        if fault == Some(Fault::DuplicateChunk)
            && let Some(first) = frames.first().cloned()
        {
            frames.insert(0, first);
        }

        let mut steps = vec![Step::Send(Packet::new(
            cmd::PREPARE_DATA,
            control_sid,
            reply,
            prepare_data(announced, TCP_FRAME_DATA).to_vec(),
        ))];
        let gap = (!behaviour.frame_gap.is_zero()).then_some(Step::Pause(behaviour.frame_gap));
        let reset_after = match fault {
            Some(Fault::ResetMidTransfer { after_bytes }) => Some(after_bytes),
            _ => None,
        };
        let mut left = reset_after;
        for frame in frames {
            steps.extend(gap.clone());
            match left {
                Some(n) if n < frame.data.len() => {
                    match self.transport {
                        // The TCP wrapper and header, then `n` data bytes.
                        Transport::Tcp => {
                            steps.push(Step::SendCut(frame, 16usize.saturating_add(n)))
                        }
                        Transport::Udp => {
                            let mut part = frame;
                            part.data.truncate(n);
                            if !part.data.is_empty() {
                                steps.push(Step::Send(part));
                            }
                        }
                    }
                    steps.push(Step::Close);
                    return steps;
                }
                Some(n) => {
                    left = Some(n.saturating_sub(frame.data.len()));
                    steps.push(Step::Send(frame));
                }
                None => steps.push(Step::Send(frame)),
            }
        }
        if reset_after.is_some() {
            // Asked to reset after at least the whole chunk: the chunk is complete, its ACK_OK is
            // not.
            steps.push(Step::Close);
            return steps;
        }
        steps.extend(gap);
        steps.push(Step::Send(Packet::new(cmd::ACK_OK, control_sid, reply, Vec::new())));
        steps
    }
}

/// The dataset a bulk read of `command` returns, with its `u32` size prefix.
fn dataset(device: &Device, behaviour: &Behaviour, command: u16) -> Vec<u8> {
    match command {
        cmd::ATTLOG_RRQ => encode_attendance(&device.att_records(), behaviour.att_layout),
        cmd::USERTEMP_RRQ => {
            encode_users(&device.user_records(behaviour.user_layout), behaviour.user_layout)
        }
        // Fingerprint templates and the operation log: none kept.
        _ => 0u32.to_le_bytes().to_vec(),
    }
}

/// The value of option `key` as this terminal answers `CMD_OPTIONS_RRQ`, or `None` for a key it
/// does not have. The keys are those of the official SDK's connect burst and of §8:
/// `~SerialNumber`, `~Platform`, `~DeviceName`, `~ZKFPVersion` (10), `ZKFaceVersion` (0),
/// `~ExtendFmt` (1 with 40/49-byte records), `~UserExtFmt` (1 with 72-byte users), `~PIN2Width`
/// (9), `MAC`, `~OEMVendor`, `~OS` (1), `TZAdj` (8), `IPAddress`, `NetMask`, `GATEIPAddress`,
/// `WorkCode` (0), `ExtendOPLog` (1), `FaceFunOn` (0), `CompatOldFirmware` (0), `~SSR` (1),
/// `~IsOnlyRFMachine` (0).
pub fn option_value(device: &Device, behaviour: &Behaviour, key: &str) -> Option<String> {
    let flag = |on: bool| if on { "1" } else { "0" }.to_owned();
    Some(match key {
        "~SerialNumber" => device.serial.clone(),
        "~Platform" => device.platform.clone(),
        "~DeviceName" => device.device_name.clone(),
        "~ZKFPVersion" => "10".to_owned(),
        "ZKFaceVersion" => "0".to_owned(),
        "~ExtendFmt" => flag(matches!(behaviour.att_layout, AttLayout::B40 | AttLayout::B49)),
        "~UserExtFmt" => flag(behaviour.user_layout == UserLayout::B72),
        "~PIN2Width" => "9".to_owned(),
        "MAC" => device.mac.clone(),
        "~OEMVendor" => device.oem_vendor.clone(),
        "~OS" => "1".to_owned(),
        "TZAdj" => "8".to_owned(),
        "IPAddress" => device.ip_address.clone(),
        "NetMask" => "255.255.255.0".to_owned(),
        "GATEIPAddress" => "0.0.0.0".to_owned(),
        "WorkCode" => "0".to_owned(),
        "ExtendOPLog" => "1".to_owned(),
        "FaceFunOn" => "0".to_owned(),
        "CompatOldFirmware" => "0".to_owned(),
        "~SSR" => "1".to_owned(),
        "~IsOnlyRFMachine" => "0".to_owned(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::{SimUser, fixed_clock};
    use crate::profile::FaultPlan;
    use chrono::NaiveDate;

    fn shared(behaviour: Behaviour) -> Arc<Shared> {
        let t = NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap_or_default();
        let mut device = Device::new("T1", fixed_clock(t));
        for i in 0..100 {
            let pin = format!("{}", 100 + i);
            device.users.push(SimUser {
                pin: pin.clone(),
                name: "A".into(),
                card: 0,
                privilege: 0,
            });
            device.push_punch(&pin, t, 1, 0);
        }
        Shared::new(device.shared(), behaviour)
    }

    fn req(command: u16, reply: u16, data: &[u8]) -> Packet {
        Packet::new(command, 0, reply, data.to_vec())
    }

    fn sends(steps: &[Step]) -> Vec<&Packet> {
        steps
            .iter()
            .filter_map(|s| match s {
                Step::Send(p) => Some(p),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn commands_before_connect_are_refused() {
        let mut s = Session::new(shared(Behaviour::default()), Transport::Tcp);
        let steps = s.handle(&req(cmd::GET_VERSION, 3, &[]));
        assert_eq!(sends(&steps)[0].command, cmd::ACK_UNAUTH);
        let steps = s.handle(&req(cmd::CONNECT, 0, &[]));
        assert_eq!(sends(&steps)[0].command, cmd::ACK_OK);
        assert_ne!(sends(&steps)[0].session, 0);
        let steps = s.handle(&req(cmd::GET_VERSION, 1, &[]));
        assert_eq!(sends(&steps)[0].data, b"Ver 6.60 Apr 28 2015\0");
        assert_eq!(sends(&steps)[0].reply, 1);
        let steps = s.handle(&req(4242, 2, &[]));
        assert_eq!(sends(&steps)[0].command, cmd::ACK_UNKNOWN);
    }

    #[test]
    fn split_udp_chunk_is_cut_in_1024_byte_datagrams() {
        let b = Behaviour { chunk_style: ChunkStyle::Split, ..Behaviour::default() };
        let mut s = Session::new(shared(b), Transport::Udp);
        s.handle(&req(cmd::CONNECT, 0, &[]));
        let steps = s.handle(&req(cmd::PREPARE_BUFFER, 1, &[1, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        assert_eq!(sends(&steps)[0].command, cmd::ACK_OK);
        let steps = s.handle(&req(cmd::READ_BUFFER, 2, &[0, 0, 0, 0, 0xA4, 0x0F, 0, 0]));
        let p = sends(&steps);
        assert_eq!(p[0].command, cmd::PREPARE_DATA);
        let data: Vec<usize> =
            p.iter().filter(|x| x.command == cmd::DATA).map(|x| x.data.len()).collect();
        assert_eq!(data, [1024, 1024, 1024, 932]);
        let sessions: Vec<u16> =
            p.iter().filter(|x| x.command == cmd::DATA).map(|x| x.session).collect();
        assert_eq!(sessions, [0, 1, 2, 3]);
        assert_eq!(p.last().map(|x| x.command), Some(cmd::ACK_OK));
        assert!(p.iter().all(|x| x.reply == 2));
    }

    #[test]
    fn reset_cuts_the_tcp_frame() {
        let sh = shared(Behaviour { direct_max: 0, ..Behaviour::default() });
        lock(&sh.device).fault =
            Some(FaultPlan::once(Fault::ResetMidTransfer { after_bytes: 100 }));
        let mut s = Session::new(sh.clone(), Transport::Tcp);
        s.handle(&req(cmd::CONNECT, 0, &[]));
        s.handle(&req(cmd::PREPARE_BUFFER, 1, &[1, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        let steps = s.handle(&req(cmd::READ_BUFFER, 2, &[0, 0, 0, 0, 0xA4, 0x0F, 0, 0]));
        assert!(matches!(steps.as_slice(), [.., Step::SendCut(_, 116), Step::Close]), "{steps:?}");
        assert!(lock(&sh.device).fault.is_none(), "a Once fault is disarmed after use");
    }
}
