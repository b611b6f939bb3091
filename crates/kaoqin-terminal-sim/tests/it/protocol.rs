//! Drives the simulator over real loopback sockets with a small test client built only from the
//! codec in `kaoqin_terminals::zk`, and checks that what comes back is what the device holds:
//! identity, options, sizes, time, both bulk-read styles over TCP and UDP, both datasets, writes,
//! the comm key, and the wire behaviour of every injectable fault.
//!
//! Not here: the cross-check with an independent client (`pyzk`).

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream, UdpSocket};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use kaoqin_terminal_sim::{
    Behaviour, BlockingSimHandle, BulkStep, ChunkStyle, Device, Fault, FaultPlan, Flaky, Profile,
    SharedDevice, SimUser, fixed_clock, generate, lock, spawn_blocking_server,
};
use kaoqin_terminals::zk::bulk::{
    BulkError, ChunkReader, ChunkStep, chunk_plan, read_chunk_request,
};
use kaoqin_terminals::zk::options::option_request;
use kaoqin_terminals::zk::{
    AttLayout, BulkBuffer, DEFAULT_BULK_CAP, NameCodec, Packet, TCP_MAX_CHUNK, TcpDeframer,
    UDP_MAX_CHUNK, UserLayout, UserRecord, cmd, commkey, decode_time, decode_udp, encode_name,
    encode_time, encode_users, parse_attendance, parse_data_stat, parse_free_sizes,
    parse_option_reply, parse_prepare_data, parse_users, parse_version, prepare_buffer_request,
    wall_to_naive,
};

// ---------------------------------------------------------------------------------------------
// The test client.

const TIMEOUT: Duration = Duration::from_secs(5);

enum Link {
    Tcp { stream: TcpStream, deframer: TcpDeframer },
    Udp { socket: UdpSocket },
}

/// What a receive gave.
#[derive(Debug)]
enum Recv {
    Packet(Packet),
    Timeout,
    Closed,
}

impl Recv {
    fn packet(self) -> Packet {
        match self {
            Recv::Packet(p) => p,
            other => panic!("expected a packet, got {other:?}"),
        }
    }
}

struct Client {
    link: Link,
    session: u16,
    next_reply: u16,
}

impl Client {
    fn tcp(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("tcp connect to the simulator");
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        stream.set_nodelay(true).unwrap();
        Client {
            link: Link::Tcp { stream, deframer: TcpDeframer::new(1 << 20) },
            session: 0,
            next_reply: 0,
        }
    }

    fn udp(addr: SocketAddr) -> Client {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        socket.connect(addr).unwrap();
        socket.set_read_timeout(Some(TIMEOUT)).unwrap();
        Client { link: Link::Udp { socket }, session: 0, next_reply: 0 }
    }

    fn is_tcp(&self) -> bool {
        matches!(self.link, Link::Tcp { .. })
    }

    fn set_timeout(&self, t: Duration) {
        match &self.link {
            Link::Tcp { stream, .. } => stream.set_read_timeout(Some(t)).unwrap(),
            Link::Udp { socket } => socket.set_read_timeout(Some(t)).unwrap(),
        }
    }

    /// Sends a request with the next reply id; returns that id.
    fn send(&mut self, command: u16, data: &[u8]) -> u16 {
        let reply = self.next_reply;
        self.next_reply = self.next_reply.wrapping_add(1);
        self.send_raw(&Packet::new(command, self.session, reply, data.to_vec()));
        reply
    }

    fn send_raw(&mut self, p: &Packet) {
        match &mut self.link {
            // A failed send shows up as `Recv::Closed` on the next receive.
            Link::Tcp { stream, .. } => {
                let _ = stream.write_all(&p.encode_tcp());
            }
            Link::Udp { socket } => {
                let _ = socket.send(&p.encode_udp());
            }
        }
    }

    /// The next packet; every packet must carry a correct checksum.
    fn recv(&mut self) -> Recv {
        match &mut self.link {
            Link::Tcp { stream, deframer } => {
                let mut buf = [0u8; 16 * 1024];
                loop {
                    if let Some(d) = deframer.next().expect("simulator sends well-formed frames") {
                        assert!(d.checksum_ok, "bad checksum on {:?}", d.packet.command);
                        return Recv::Packet(d.packet);
                    }
                    match stream.read(&mut buf) {
                        Ok(0) => return Recv::Closed,
                        Ok(n) => deframer.push(&buf[..n]),
                        Err(e)
                            if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                        {
                            return Recv::Timeout;
                        }
                        Err(_) => return Recv::Closed,
                    }
                }
            }
            Link::Udp { socket } => {
                let mut buf = [0u8; 65_536];
                match socket.recv(&mut buf) {
                    Ok(n) => {
                        let d = decode_udp(&buf[..n]).expect("a whole datagram");
                        assert!(d.checksum_ok, "bad checksum on {:?}", d.packet.command);
                        Recv::Packet(d.packet)
                    }
                    Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                        Recv::Timeout
                    }
                    Err(_) => Recv::Closed,
                }
            }
        }
    }

    /// Bytes of an unfinished TCP frame left when the stream ended.
    fn leftover(&self) -> usize {
        match &self.link {
            Link::Tcp { deframer, .. } => deframer.buffered(),
            Link::Udp { .. } => 0,
        }
    }

    /// One request, one answer with the same reply id.
    fn request(&mut self, command: u16, data: &[u8]) -> Packet {
        let reply = self.send(command, data);
        let p = self.recv().packet();
        assert_eq!(p.reply, reply, "answer to {} echoes the reply id", cmd::name(command));
        p
    }

    /// CONNECT; remembers the session id. Returns the answer's code.
    fn connect(&mut self) -> u16 {
        self.session = 0;
        self.next_reply = 0;
        let p = self.request(cmd::CONNECT, &[]);
        self.session = p.session;
        assert_ne!(p.session, 0, "the terminal assigns a session id");
        p.command
    }

    fn option(&mut self, key: &str) -> Option<String> {
        let p = self.request(cmd::OPTIONS_RRQ, &option_request(key));
        match p.command {
            cmd::ACK_OK => {
                let (k, v) = parse_option_reply(&p.data).expect("key=value");
                assert_eq!(k, key);
                Some(v)
            }
            cmd::ACK_ERROR => None,
            other => panic!("unexpected answer {other} to option {key}"),
        }
    }

    fn chunk_size(&self) -> u32 {
        if self.is_tcp() { TCP_MAX_CHUNK } else { UDP_MAX_CHUNK }
    }

    /// 1503, the 1504 loop with a strict chunk reader, 1502. Returns the dataset and every
    /// frame received for the chunks.
    fn read_dataset(&mut self, command: u16, fct: i32) -> (Vec<u8>, Vec<Packet>) {
        let p = self.request(cmd::PREPARE_BUFFER, &prepare_buffer_request(command, fct, 0));
        let mut frames = Vec::new();
        let size = match p.command {
            cmd::DATA => return (p.data, frames),
            cmd::ACK_OK => parse_data_stat(&p.data).expect("data stat"),
            other => panic!("1503 answered with {other}"),
        };
        let mut buffer = BulkBuffer::new(size, DEFAULT_BULK_CAP).expect("size within the cap");
        for (start, len) in chunk_plan(size, self.chunk_size()) {
            let reply = self.send(cmd::READ_BUFFER, &read_chunk_request(start, len));
            let mut reader = ChunkReader::new(reply, len);
            loop {
                let p = self.recv().packet();
                frames.push(p.clone());
                match reader.accept(&p).expect("a well-formed chunk") {
                    ChunkStep::NeedMore => {}
                    ChunkStep::Done(bytes) => {
                        buffer.append(&bytes).unwrap();
                        break;
                    }
                }
            }
        }
        assert_eq!(self.request(cmd::FREE_DATA, &[]).command, cmd::ACK_OK);
        (buffer.finish().expect("exactly the declared bytes"), frames)
    }

    /// Sends 1503 for attendance and returns the declared size (the answer must be ACK_OK).
    fn prepare_attendance(&mut self) -> u32 {
        let p = self.request(
            cmd::PREPARE_BUFFER,
            &prepare_buffer_request(cmd::ATTLOG_RRQ, cmd::FCT_ATTLOG_PULL, 0),
        );
        assert_eq!(p.command, cmd::ACK_OK, "large dataset → ACK_OK + data stat");
        parse_data_stat(&p.data).unwrap()
    }

    /// Sends one 1504 and collects frames until ACK_OK/ACK_ERROR, silence or the end of the
    /// stream.
    fn raw_chunk(&mut self, start: u32, len: u32) -> (u16, Vec<Packet>, Recv) {
        let reply = self.send(cmd::READ_BUFFER, &read_chunk_request(start, len));
        let mut frames = Vec::new();
        loop {
            match self.recv() {
                Recv::Packet(p) => {
                    let end = matches!(p.command, cmd::ACK_OK | cmd::ACK_ERROR);
                    frames.push(p.clone());
                    if end {
                        return (reply, frames, Recv::Packet(p));
                    }
                }
                other => return (reply, frames, other),
            }
        }
    }
}

fn data_bytes(frames: &[Packet]) -> usize {
    frames.iter().filter(|p| p.command == cmd::DATA).map(|p| p.data.len()).sum()
}

// ---------------------------------------------------------------------------------------------
// Fixtures.

fn clock_time() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(8, 0, 0).unwrap()
}

/// A device with `records` punches by `users` people (the last one is 张三) plus one punch on an
/// impossible date.
fn device(records: usize, users: usize) -> SharedDevice {
    let mut d = Device::new("SIM-T1", fixed_clock(clock_time()));
    d.users = generate::users(users, 3);
    if let Some(last) = d.users.last_mut() {
        last.name = "张三".to_owned();
        last.card = 1_234_567;
    }
    let pins: Vec<String> = d.users.iter().map(|u| u.pin.clone()).collect();
    d.punches =
        generate::records_for(&pins, records, 5, NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
    if records > 0 {
        d.punches.extend(generate::impossible(1));
    }
    d.shared()
}

fn start(device: &SharedDevice, behaviour: Behaviour) -> BlockingSimHandle {
    spawn_blocking_server("127.0.0.1:0".parse().unwrap(), device.clone(), behaviour)
        .expect("simulator starts on a free loopback port")
}

/// Checks a decoded attendance buffer against the device, record by record.
fn assert_attendance(buf: &[u8], layout: AttLayout, device: &SharedDevice) {
    let got = parse_attendance(buf, layout).expect("attendance buffer parses");
    let want = lock(device).att_records();
    assert_eq!(got.len(), want.len(), "record count");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(
            (g.uid, &g.user_id, g.verify, g.state, g.time_raw),
            (w.uid, &w.user_id, w.verify, w.state, w.time_raw),
            "record {i}"
        );
    }
    // And against the plain punches, not just the device's own encoder input.
    let punches = lock(device).punches.clone();
    for (g, p) in got.iter().zip(&punches) {
        assert_eq!(
            (&g.user_id, g.time_raw, g.verify, g.state),
            (&p.pin, p.time_raw, p.verify, p.state)
        );
    }
}

fn assert_users(buf: &[u8], layout: UserLayout, device: &SharedDevice) {
    let got = parse_users(buf, layout).expect("users buffer parses");
    let want: Vec<SimUser> = lock(device).users.clone();
    assert_eq!(got.len(), want.len(), "user count");
    for (i, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(usize::from(g.uid), i + 1, "uid is the slot");
        assert_eq!(g.user_id, w.pin);
        assert_eq!(g.name(NameCodec::Gbk), w.name, "name of {}", w.pin);
        assert_eq!(g.card, w.card);
        assert_eq!(g.privilege, w.privilege);
    }
}

// ---------------------------------------------------------------------------------------------
// Conversation.

#[test]
fn identity_options_sizes_and_time_over_tcp() {
    let dev = device(300, 20);
    let sim = start(&dev, Behaviour::default());
    let mut c = Client::tcp(sim.local_addr());
    assert_eq!(c.connect(), cmd::ACK_OK);
    assert_eq!(lock(&dev).connections, 1);

    let v = c.request(cmd::GET_VERSION, &[]);
    assert_eq!((v.command, v.session), (cmd::ACK_OK, c.session));
    assert_eq!(parse_version(&v.data), "Ver 6.60 Apr 28 2015");

    assert_eq!(c.option("~SerialNumber").as_deref(), Some("SIM-T1"));
    assert_eq!(c.option("~Platform").as_deref(), Some("ZEM560_TFT"));
    assert_eq!(c.option("~ExtendFmt").as_deref(), Some("1"));
    assert_eq!(c.option("~UserExtFmt").as_deref(), Some("1"));
    for key in [
        "~DeviceName",
        "~ZKFPVersion",
        "ZKFaceVersion",
        "~PIN2Width",
        "MAC",
        "~OEMVendor",
        "~OS",
        "TZAdj",
        "IPAddress",
        "WorkCode",
        "ExtendOPLog",
    ] {
        assert!(c.option(key).is_some(), "option {key} answered");
    }
    assert_eq!(c.option("~NoSuchKey"), None, "unknown key → ACK_ERROR");
    assert_eq!(c.request(cmd::OPTIONS_WRQ, b"SDKBuild=1\0").command, cmd::ACK_OK);
    assert_eq!(c.option("SDKBuild").as_deref(), Some("1"), "written option reads back");

    let s = c.request(cmd::GET_FREE_SIZES, &[]);
    let sizes = parse_free_sizes(&s.data).unwrap();
    assert_eq!(
        (
            sizes.users,
            sizes.records,
            sizes.user_capacity,
            sizes.record_capacity,
            sizes.fingerprint_capacity
        ),
        (20, 301, 10_000, 100_000, 3_000)
    );
    assert_eq!(sizes, lock(&dev).free_sizes());

    let t = c.request(cmd::GET_TIME, &[]);
    let raw = u32::from_le_bytes(t.data[..4].try_into().unwrap());
    assert_eq!(wall_to_naive(&decode_time(raw)).unwrap(), clock_time());

    let later = clock_time() + chrono::Duration::minutes(90);
    let set = c.request(cmd::SET_TIME, &encode_time(later).unwrap().to_le_bytes());
    assert_eq!(set.command, cmd::ACK_OK);
    assert_eq!(c.request(cmd::REFRESH_DATA, &[]).command, cmd::ACK_OK);
    let t = c.request(cmd::GET_TIME, &[]);
    let raw = u32::from_le_bytes(t.data[..4].try_into().unwrap());
    assert_eq!(wall_to_naive(&decode_time(raw)).unwrap(), later);
    let d = lock(&dev);
    assert_eq!((d.set_time_calls, d.clock_offset_seconds), (1, 5400));
    drop(d);

    assert_eq!(c.request(cmd::DISABLE_DEVICE, &[0, 0, 0, 0]).command, cmd::ACK_OK);
    assert!(lock(&dev).disabled);
    assert_eq!(c.request(cmd::ENABLE_DEVICE, &[]).command, cmd::ACK_OK);
    assert!(!lock(&dev).disabled);
    assert_eq!(c.request(cmd::REG_EVENT, &1u32.to_le_bytes()).command, cmd::ACK_OK);
    assert_eq!(c.request(4242, &[]).command, cmd::ACK_UNKNOWN);
    assert_eq!(c.request(cmd::EXIT, &[]).command, cmd::ACK_OK);
    assert!(matches!(c.recv(), Recv::Closed), "EXIT ends the connection");
}

#[test]
fn requests_before_connect_are_refused() {
    let dev = device(10, 2);
    let sim = start(&dev, Behaviour::default());
    let mut c = Client::tcp(sim.local_addr());
    assert_eq!(c.request(cmd::GET_VERSION, &[]).command, cmd::ACK_UNAUTH);
    let mut u = Client::udp(sim.local_addr());
    assert_eq!(u.request(cmd::GET_FREE_SIZES, &[]).command, cmd::ACK_UNAUTH);
}

fn pull_both(
    profile_behaviour: Behaviour,
    tcp: bool,
    records: usize,
) -> (SharedDevice, Vec<Packet>, Vec<Packet>) {
    let dev = device(records, 120);
    let att_layout = profile_behaviour.att_layout;
    let user_layout = profile_behaviour.user_layout;
    let sim = start(&dev, profile_behaviour);
    let mut c = if tcp { Client::tcp(sim.local_addr()) } else { Client::udp(sim.local_addr()) };
    assert_eq!(c.connect(), cmd::ACK_OK);
    assert_eq!(c.request(cmd::DISABLE_DEVICE, &[]).command, cmd::ACK_OK);
    let (att, att_frames) = c.read_dataset(cmd::ATTLOG_RRQ, cmd::FCT_ATTLOG_PULL);
    assert_attendance(&att, att_layout, &dev);
    let (users, user_frames) = c.read_dataset(cmd::USERTEMP_RRQ, cmd::FCT_USER);
    assert_users(&users, user_layout, &dev);
    assert_eq!(c.request(cmd::ENABLE_DEVICE, &[]).command, cmd::ACK_OK);
    assert_eq!(c.request(cmd::EXIT, &[]).command, cmd::ACK_OK);
    (dev, att_frames, user_frames)
}

#[test]
fn tcp_single_frame_chunks_read_attendance_and_users() {
    // 3 001 × 40 + 4 bytes: two 65 472-byte chunks.
    let (_, att, users) = pull_both(Behaviour::default(), true, 3_000);
    let data: Vec<usize> =
        att.iter().filter(|p| p.command == cmd::DATA).map(|p| p.data.len()).collect();
    assert_eq!(data, [65_472, 3_001 * 40 + 4 - 65_472], "one CMD_DATA per chunk");
    assert_eq!(users.iter().filter(|p| p.command == cmd::DATA).count(), 1);
    assert_eq!(parse_prepare_data(&att[0].data).unwrap(), 65_472);
    assert_eq!(&att[0].data[4..8], &1008u32.to_le_bytes(), "PREPARE_DATA(size, 1008)");
}

#[test]
fn tcp_split_chunks_carry_the_frame_index() {
    let (_, att, _) = pull_both(Profile::Split.behaviour(), true, 3_000);
    let first_chunk: Vec<&Packet> = att.iter().take_while(|p| p.command != cmd::ACK_OK).collect();
    let data: Vec<&&Packet> = first_chunk.iter().filter(|p| p.command == cmd::DATA).collect();
    assert_eq!(data.len(), 65_472usize.div_ceil(1008));
    for (i, p) in data.iter().enumerate() {
        assert_eq!(usize::from(p.session), i, "session field = frame index");
        assert!(p.data.len() <= 1008);
    }
}

#[test]
fn udp_reads_both_datasets_in_both_styles() {
    for style in [ChunkStyle::Single, ChunkStyle::Split] {
        let behaviour = Behaviour { chunk_style: style, ..Behaviour::default() };
        let (_, att, users) = pull_both(behaviour, false, 1_000);
        for p in att.iter().chain(&users) {
            assert!(p.data.len() <= 1024, "UDP datagrams carry ≤ 1024 data bytes");
        }
        // 1 001 × 40 + 4 = 40 044 bytes: chunks of 16 384, 16 384, 7 276.
        assert_eq!(data_bytes(&att), 40_044);
        assert_eq!(att.iter().filter(|p| p.command == cmd::PREPARE_DATA).count(), 3);
    }
}

#[test]
fn a_100k_record_log_over_tcp() {
    let t = Instant::now();
    let (dev, att, _) = pull_both(Behaviour::default(), true, 100_000);
    assert_eq!(lock(&dev).punches.len(), 100_001);
    assert_eq!(data_bytes(&att), 100_001 * 40 + 4);
    eprintln!(
        "100 001 records + 120 users pulled and checked in {:.2} s",
        t.elapsed().as_secs_f64()
    );
}

#[test]
fn tft49_profile_sends_49_byte_records() {
    let (dev, att, _) = pull_both(Profile::Tft49.behaviour(), true, 500);
    assert_eq!(data_bytes(&att), 501 * 49 + 4);
    assert_eq!(lock(&dev).punches.len(), 501);
}

#[test]
fn udp_only_profile_has_no_tcp_and_28_byte_users() {
    let behaviour = Profile::UdpOnly.behaviour();
    let dev = device(200, 30);
    let sim = start(&dev, behaviour.clone());
    assert!(TcpStream::connect(sim.local_addr()).is_err(), "no TCP listener");
    let mut c = Client::udp(sim.local_addr());
    assert_eq!(c.connect(), cmd::ACK_OK);
    assert_eq!(c.option("~UserExtFmt").as_deref(), Some("0"));
    let (users, _) = c.read_dataset(cmd::USERTEMP_RRQ, cmd::FCT_USER);
    assert_eq!(users.len(), 4 + 30 * 28);
    let parsed = parse_users(&users, UserLayout::B28).unwrap();
    let want = lock(&dev).users.clone();
    for (g, w) in parsed.iter().zip(&want) {
        assert_eq!(g.user_id, w.pin);
        // 8-byte names: two GBK characters fit, a third may not.
        let name = g.name(NameCodec::Gbk);
        assert!(w.name.starts_with(&name) && !name.is_empty(), "{name} vs {}", w.name);
    }
    let (att, _) = c.read_dataset(cmd::ATTLOG_RRQ, 0);
    assert_attendance(&att, AttLayout::B40, &dev);
}

#[test]
fn small_datasets_come_back_directly() {
    let dev = device(20, 5);
    let sim = start(&dev, Behaviour::default());
    for mut c in [Client::tcp(sim.local_addr()), Client::udp(sim.local_addr())] {
        c.connect();
        let p = c.request(cmd::PREPARE_BUFFER, &prepare_buffer_request(cmd::ATTLOG_RRQ, 0, 0));
        assert_eq!(p.command, cmd::DATA, "a dataset under 1 KiB is one CMD_DATA");
        assert_attendance(&p.data, AttLayout::B40, &dev);
        let p = c.request(cmd::PREPARE_BUFFER, &prepare_buffer_request(cmd::USERTEMP_RRQ, 5, 0));
        assert_eq!(p.command, cmd::DATA);
        assert_users(&p.data, UserLayout::B72, &dev);
    }
}

#[test]
fn legacy_bare_attlog_read() {
    let dev = device(100, 5);
    let sim = start(&dev, Behaviour::default());
    for mut c in [Client::tcp(sim.local_addr()), Client::udp(sim.local_addr())] {
        c.connect();
        let reply = c.send(cmd::ATTLOG_RRQ, &[]);
        let prep = c.recv().packet();
        assert_eq!((prep.command, prep.reply), (cmd::PREPARE_DATA, reply));
        let size = parse_prepare_data(&prep.data).unwrap();
        let mut data = Vec::new();
        loop {
            let p = c.recv().packet();
            assert_eq!(p.reply, reply);
            match p.command {
                cmd::DATA => data.extend_from_slice(&p.data),
                cmd::ACK_OK => break,
                other => panic!("unexpected {other}"),
            }
        }
        assert_eq!(data.len(), size as usize);
        assert_attendance(&data, AttLayout::B40, &dev);
    }
}

#[test]
fn reads_outside_the_buffer_are_refused() {
    let dev = device(100, 5);
    let sim = start(&dev, Behaviour::default());
    let mut c = Client::tcp(sim.local_addr());
    c.connect();
    let p = c.request(cmd::READ_BUFFER, &read_chunk_request(0, 100));
    assert_eq!(p.command, cmd::ACK_ERROR, "no buffer prepared");
    let size = c.prepare_attendance();
    let p = c.request(cmd::READ_BUFFER, &read_chunk_request(size + 1, 10));
    assert_eq!(p.command, cmd::ACK_ERROR, "start past the end");
    let (_, frames, end) = c.raw_chunk(size - 10, 100);
    assert!(matches!(end, Recv::Packet(ref p) if p.command == cmd::ACK_OK));
    assert_eq!(parse_prepare_data(&frames[0].data).unwrap(), 10, "only the bytes that exist");
    assert_eq!(c.request(cmd::FREE_DATA, &[]).command, cmd::ACK_OK);
    let p = c.request(cmd::READ_BUFFER, &read_chunk_request(0, 100));
    assert_eq!(p.command, cmd::ACK_ERROR, "FREE_DATA dropped the buffer");
}

// ---------------------------------------------------------------------------------------------
// Writes.

#[test]
fn gbk_name_round_trip_through_user_wrq() {
    let dev = device(0, 0);
    let sim = start(&dev, Behaviour::default());
    let mut c = Client::tcp(sim.local_addr());
    c.connect();
    let record = UserRecord {
        uid: 7,
        privilege: 0,
        password: b"123".to_vec(),
        name_raw: encode_name("张三", NameCodec::Gbk, 24),
        card: 4242,
        group: 1,
        user_id: "777".to_owned(),
    };
    let buf = encode_users(std::slice::from_ref(&record), UserLayout::B72);
    assert_eq!(c.request(cmd::USER_WRQ, &buf[4..]).command, cmd::ACK_OK);
    // A 28-byte record too (numeric PIN, 8-byte name).
    let small = UserRecord {
        user_id: "778".into(),
        name_raw: encode_name("李四", NameCodec::Gbk, 8),
        ..record.clone()
    };
    let buf28 = encode_users(std::slice::from_ref(&small), UserLayout::B28);
    assert_eq!(c.request(cmd::USER_WRQ, &buf28[4..]).command, cmd::ACK_OK);
    // Replacing by PIN.
    let renamed = UserRecord { name_raw: encode_name("张三丰", NameCodec::Gbk, 24), ..record };
    let buf = encode_users(std::slice::from_ref(&renamed), UserLayout::B72);
    assert_eq!(c.request(cmd::USER_WRQ, &buf[4..]).command, cmd::ACK_OK);
    assert_eq!(c.request(cmd::USER_WRQ, &[1, 2, 3]).command, cmd::ACK_ERROR);
    assert_eq!(c.request(cmd::REFRESH_DATA, &[]).command, cmd::ACK_OK);
    {
        let d = lock(&dev);
        assert_eq!(d.users_written, 3);
        let names: Vec<(&str, &str, u32)> =
            d.users.iter().map(|u| (u.pin.as_str(), u.name.as_str(), u.card)).collect();
        assert_eq!(names, [("777", "张三丰", 4242), ("778", "李四", 4242)]);
    }
    let p = c.request(cmd::PREPARE_BUFFER, &prepare_buffer_request(cmd::USERTEMP_RRQ, 5, 0));
    let users = parse_users(&p.data, UserLayout::B72).unwrap();
    // 张 = D5 C5, 三 = C8 FD, 丰 = B7 E1 in GBK.
    assert_eq!(&users[0].name_raw[..7], &[0xD5, 0xC5, 0xC8, 0xFD, 0xB7, 0xE1, 0]);
    assert_eq!(users[0].name(NameCodec::Gbk), "张三丰");
    assert_eq!(users[1].name(NameCodec::Gbk), "李四");
}

/// Punches, users and clears, under one lock.
fn counts(dev: &SharedDevice) -> (usize, usize, u32) {
    let d = lock(dev);
    (d.punches.len(), d.users.len(), d.clears)
}

#[test]
fn clear_attlog_and_clear_data() {
    let dev = device(50, 5);
    let sim = start(&dev, Behaviour::default());
    let mut c = Client::tcp(sim.local_addr());
    c.connect();
    assert_eq!(c.request(cmd::CLEAR_ATTLOG, &[]).command, cmd::ACK_OK);
    assert_eq!(counts(&dev), (0, 5, 1));
    lock(&dev).punches = generate::records(10, 1, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    assert_eq!(c.request(cmd::CLEAR_DATA, &[1]).command, cmd::ACK_OK);
    assert_eq!(counts(&dev), (0, 5, 2));
    assert_eq!(c.request(cmd::CLEAR_DATA, &[5]).command, cmd::ACK_OK);
    assert_eq!(lock(&dev).users.len(), 0);
    lock(&dev).punches = generate::records(10, 1, NaiveDate::from_ymd_opt(2026, 3, 2).unwrap());
    lock(&dev).users = generate::users(3, 1);
    assert_eq!(c.request(cmd::CLEAR_DATA, &[]).command, cmd::ACK_OK, "empty = everything");
    assert_eq!(counts(&dev), (0, 0, 4));
    assert_eq!(c.request(cmd::CLEAR_DATA, &[9]).command, cmd::ACK_ERROR);
    let sizes = parse_free_sizes(&c.request(cmd::GET_FREE_SIZES, &[]).data).unwrap();
    assert_eq!((sizes.records, sizes.users), (0, 0));
}

// ---------------------------------------------------------------------------------------------
// Comm key.

#[test]
fn comm_key_wrong_and_right() {
    let dev = device(30, 3);
    let sim = start(&dev, Profile::CommKey.behaviour());
    let key = lock(&dev).comm_key.expect("the profile sets a key");
    for tcp in [true, false] {
        let mut c = if tcp { Client::tcp(sim.local_addr()) } else { Client::udp(sim.local_addr()) };
        assert_eq!(c.connect(), cmd::ACK_UNAUTH, "CONNECT asks for the key");
        assert_eq!(
            c.request(cmd::GET_VERSION, &[]).command,
            cmd::ACK_UNAUTH,
            "nothing before AUTH"
        );
        let wrong = commkey(key + 1, c.session, 50);
        assert_eq!(c.request(cmd::AUTH, &wrong).command, cmd::ACK_UNAUTH);
        let wrong_ticks = commkey(key, c.session, 49);
        assert_eq!(c.request(cmd::AUTH, &wrong_ticks).command, cmd::ACK_UNAUTH);
        let right = commkey(key, c.session, 50);
        let p = c.request(cmd::AUTH, &right);
        assert_eq!((p.command, p.session), (cmd::ACK_OK, c.session));
        assert_eq!(c.request(cmd::GET_VERSION, &[]).command, cmd::ACK_OK);
    }
    // The spec's vector (§7): key 12 at session 0x45CF.
    assert_eq!(commkey(12, 0x45CF, 50), [0x61, 0x4D, 0x32, 0x3C]);
}

// ---------------------------------------------------------------------------------------------
// Faults.

/// A device with a 4 004-byte attendance buffer, a fault armed, and a client with the buffer
/// prepared.
fn faulty(fault: FaultPlan, tcp: bool) -> (SharedDevice, BlockingSimHandle, Client, u32) {
    let dev = device(99, 5);
    let sim = start(&dev, Behaviour { fault: Some(fault), ..Behaviour::default() });
    let mut c = if tcp { Client::tcp(sim.local_addr()) } else { Client::udp(sim.local_addr()) };
    c.connect();
    c.set_timeout(Duration::from_secs(2));
    let size = if fault.fault.hits_prepare() { 0 } else { c.prepare_attendance() };
    (dev, sim, c, size)
}

#[test]
fn fault_reset_mid_transfer() {
    let (_d, _s, mut c, size) =
        faulty(FaultPlan::once(Fault::ResetMidTransfer { after_bytes: 100 }), true);
    assert_eq!(size, 4_004);
    let (_, frames, end) = c.raw_chunk(0, size);
    assert!(matches!(end, Recv::Closed), "connection closed, got {end:?}");
    assert_eq!(frames.len(), 1, "only PREPARE_DATA arrived whole");
    assert_eq!(c.leftover(), 16 + 100, "the DATA frame's header and 100 data bytes");

    let (_d, _s, mut c, size) =
        faulty(FaultPlan::once(Fault::ResetMidTransfer { after_bytes: 1500 }), false);
    let (_, frames, end) = c.raw_chunk(0, size);
    assert!(matches!(end, Recv::Timeout));
    assert_eq!(data_bytes(&frames), 1500);
    c.set_timeout(TIMEOUT);
    assert_eq!(c.request(cmd::GET_VERSION, &[]).command, cmd::ACK_UNAUTH, "UDP session forgotten");
}

#[test]
fn fault_stall() {
    let (_d, _s, mut c, size) = faulty(FaultPlan::once(Fault::Stall), true);
    c.set_timeout(Duration::from_millis(700));
    let (_, frames, end) = c.raw_chunk(0, size);
    assert!(frames.is_empty() && matches!(end, Recv::Timeout), "{frames:?} {end:?}");
    c.send(cmd::GET_VERSION, &[]);
    assert!(matches!(c.recv(), Recv::Timeout), "a stalled session never answers again");
}

#[test]
fn fault_short_data() {
    for tcp in [true, false] {
        let (_d, _s, mut c, size) = faulty(FaultPlan::once(Fault::ShortData), tcp);
        let (reply, frames, end) = c.raw_chunk(0, size);
        assert!(matches!(end, Recv::Packet(ref p) if p.command == cmd::ACK_OK), "then ACK_OK");
        assert_eq!(parse_prepare_data(&frames[0].data).unwrap(), size, "announced in full");
        assert_eq!(data_bytes(&frames), size as usize / 2, "fewer bytes than announced");
        let mut reader = ChunkReader::new(reply, size);
        let mut last = Ok(ChunkStep::NeedMore);
        for p in &frames {
            last = reader.accept(p);
        }
        assert!(matches!(last, Err(BulkError::Short { .. })), "{last:?}");
        // Once: the retry is clean.
        let (_, frames, _) = c.raw_chunk(0, size);
        assert_eq!(data_bytes(&frames), size as usize);
    }
}

#[test]
fn fault_overshoot() {
    let (_d, _s, mut c, size) = faulty(FaultPlan::once(Fault::Overshoot), true);
    let (_, frames, end) = c.raw_chunk(0, size);
    assert!(matches!(end, Recv::Packet(ref p) if p.command == cmd::ACK_OK));
    assert_eq!(parse_prepare_data(&frames[0].data).unwrap(), size);
    assert_eq!(data_bytes(&frames), size as usize + 16);
}

#[test]
fn fault_wrong_reply_id() {
    let (_d, _s, mut c, size) = faulty(FaultPlan::once(Fault::WrongReplyId), true);
    let (reply, frames, _) = c.raw_chunk(0, size);
    assert_eq!(frames.len(), 3);
    assert!(frames.iter().all(|p| p.reply == reply.wrapping_add(1)), "{frames:?}");
    let mut reader = ChunkReader::new(reply, size);
    assert!(matches!(reader.accept(&frames[0]), Err(BulkError::WrongReply { .. })));
}

#[test]
fn fault_duplicate_chunk() {
    for style in [ChunkStyle::Single, ChunkStyle::Split] {
        let dev = device(99, 5);
        let sim = start(
            &dev,
            Behaviour {
                chunk_style: style,
                fault: Some(FaultPlan::once(Fault::DuplicateChunk)),
                ..Behaviour::default()
            },
        );
        let mut c = Client::tcp(sim.local_addr());
        c.connect();
        let size = c.prepare_attendance();
        let (_, frames, end) = c.raw_chunk(0, size);
        assert!(matches!(end, Recv::Packet(ref p) if p.command == cmd::ACK_OK));
        let data: Vec<&Packet> = frames.iter().filter(|p| p.command == cmd::DATA).collect();
        assert_eq!(data[0], data[1], "the first DATA frame twice");
        assert_eq!(data_bytes(&frames), size as usize + data[0].data.len());
    }
}

#[test]
fn fault_huge_declared() {
    let (_d, _s, mut c, _) = faulty(FaultPlan::once(Fault::HugeDeclared), true);
    let p = c.request(cmd::PREPARE_BUFFER, &prepare_buffer_request(cmd::ATTLOG_RRQ, 0, 0));
    assert_eq!(p.command, cmd::ACK_OK);
    let declared = parse_data_stat(&p.data).unwrap();
    assert_eq!(declared, u32::MAX);
    assert!(matches!(BulkBuffer::new(declared, DEFAULT_BULK_CAP), Err(BulkError::TooLarge { .. })));
}

#[test]
fn fault_zero_length_chunk() {
    let (_d, _s, mut c, size) = faulty(FaultPlan::once(Fault::ZeroLengthChunk), true);
    let (_, frames, end) = c.raw_chunk(0, size);
    assert!(matches!(end, Recv::Packet(ref p) if p.command == cmd::ACK_OK));
    assert_eq!(parse_prepare_data(&frames[0].data).unwrap(), 0);
    assert_eq!(frames[1].command, cmd::DATA);
    assert!(frames[1].data.is_empty());
}

#[test]
fn fault_ack_error_on_prepare_and_on_read() {
    let (_d, _s, mut c, _) =
        faulty(FaultPlan::once(Fault::AckError { at: BulkStep::Prepare }), true);
    let p = c.request(cmd::PREPARE_BUFFER, &prepare_buffer_request(cmd::ATTLOG_RRQ, 0, 0));
    assert_eq!(p.command, cmd::ACK_ERROR);
    assert_eq!(c.prepare_attendance(), 4_004, "once: the retry works");

    let (_d, _s, mut c, size) =
        faulty(FaultPlan::once(Fault::AckError { at: BulkStep::Read }), false);
    let (_, frames, _) = c.raw_chunk(0, size);
    assert_eq!(frames.iter().map(|p| p.command).collect::<Vec<_>>(), [cmd::ACK_ERROR]);
}

#[test]
fn fault_session_change() {
    let (_d, _s, mut c, size) = faulty(FaultPlan::once(Fault::SessionChange), true);
    let (_, frames, _) = c.raw_chunk(0, size);
    assert_eq!(frames.len(), 3);
    assert!(frames.iter().all(|p| p.session != c.session), "{frames:?}");
}

#[test]
fn fault_every_keeps_firing_until_disarmed() {
    let (dev, _s, mut c, size) = faulty(FaultPlan::every(Fault::ShortData), true);
    for _ in 0..3 {
        let (_, frames, _) = c.raw_chunk(0, size);
        assert_eq!(data_bytes(&frames), size as usize / 2);
    }
    lock(&dev).fault = None;
    let (_, frames, _) = c.raw_chunk(0, size);
    assert_eq!(data_bytes(&frames), size as usize);
}

#[test]
fn flaky_profile_resets_some_connections_repeatably() {
    let pattern = |seed: u64| -> Vec<bool> {
        let dev = device(99, 5);
        let behaviour =
            Behaviour { flaky: Some(Flaky { reset_percent: 50, seed }), ..Behaviour::default() };
        let sim = start(&dev, behaviour);
        (0..12)
            .map(|_| {
                let mut c = Client::tcp(sim.local_addr());
                c.connect();
                let size = c.prepare_attendance();
                let (_, _, end) = c.raw_chunk(0, size);
                matches!(end, Recv::Closed)
            })
            .collect()
    };
    let a = pattern(11);
    assert!(a.iter().any(|&r| r) && a.iter().any(|&r| !r), "some but not all reset: {a:?}");
    assert_eq!(a, pattern(11), "same seed, same connections reset");
}

#[test]
fn slow_profile_delays_each_chunk() {
    let dev = device(99, 5);
    let sim = start(&dev, Profile::Slow.behaviour());
    let mut c = Client::tcp(sim.local_addr());
    c.connect();
    let size = c.prepare_attendance();
    let t = Instant::now();
    let (_, frames, _) = c.raw_chunk(0, size);
    assert!(t.elapsed() >= Duration::from_millis(200), "{:?}", t.elapsed());
    assert_eq!(data_bytes(&frames), size as usize);
}

// ---------------------------------------------------------------------------------------------
// Hostile clients.

#[test]
fn junk_and_oversized_frames_close_the_connection() {
    let dev = device(10, 2);
    let sim = start(&dev, Behaviour::default());
    let mut s = TcpStream::connect(sim.local_addr()).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\n\r\n").unwrap();
    let mut buf = [0u8; 64];
    assert!(matches!(s.read(&mut buf), Ok(0) | Err(_)), "junk closes the connection");

    let mut s = TcpStream::connect(sim.local_addr()).unwrap();
    s.set_read_timeout(Some(TIMEOUT)).unwrap();
    let mut frame = vec![0x50, 0x50, 0x82, 0x7D];
    frame.extend_from_slice(&(100_000_000u32).to_le_bytes());
    s.write_all(&frame).unwrap();
    assert!(matches!(s.read(&mut buf), Ok(0) | Err(_)), "a 100 MB frame closes the connection");

    // UDP junk is ignored, and the server still answers.
    let u = UdpSocket::bind("127.0.0.1:0").unwrap();
    u.send_to(&[1, 2, 3], sim.local_addr()).unwrap();
    let mut c = Client::udp(sim.local_addr());
    assert_eq!(c.connect(), cmd::ACK_OK);
    let mut c = Client::tcp(sim.local_addr());
    assert_eq!(c.connect(), cmd::ACK_OK);
}

#[test]
fn connections_beyond_the_limit_are_closed() {
    let dev = device(10, 2);
    let sim = start(&dev, Behaviour { max_tcp_connections: 2, ..Behaviour::default() });
    let mut a = Client::tcp(sim.local_addr());
    let mut b = Client::tcp(sim.local_addr());
    assert_eq!((a.connect(), b.connect()), (cmd::ACK_OK, cmd::ACK_OK));
    let mut c = Client::tcp(sim.local_addr());
    c.send(cmd::CONNECT, &[]);
    assert!(matches!(c.recv(), Recv::Closed), "third connection closed");
    drop(a);
    // The server notices the closed connection on its own time; try for up to 5 s.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let mut d = Client::tcp(sim.local_addr());
        d.send(cmd::CONNECT, &[]);
        match d.recv() {
            Recv::Packet(p) => {
                assert_eq!(p.command, cmd::ACK_OK, "room again after one left");
                break;
            }
            other => assert!(Instant::now() < deadline, "no room after a client left: {other:?}"),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn shutdown_stops_listening() {
    let dev = device(10, 2);
    let sim = start(&dev, Behaviour::default());
    let addr = sim.local_addr();
    let mut c = Client::tcp(addr);
    assert_eq!(c.connect(), cmd::ACK_OK);
    sim.shutdown();
    std::thread::sleep(Duration::from_millis(100));
    assert!(TcpStream::connect(addr).is_err(), "no listener after shutdown");
    c.send(cmd::GET_VERSION, &[]);
    assert!(matches!(c.recv(), Recv::Closed), "open connections are dropped");
}

#[test]
fn async_serve_works_inside_a_runtime() {
    let rt =
        tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let dev = device(10, 2);
    let handle = rt
        .block_on(kaoqin_terminal_sim::serve(
            "127.0.0.1:0".parse().unwrap(),
            dev.clone(),
            Behaviour::default(),
        ))
        .unwrap();
    let mut c = Client::udp(handle.local_addr());
    assert_eq!(c.connect(), cmd::ACK_OK);
    assert_eq!(lock(&dev).connections, 1);
    drop(handle);
}
