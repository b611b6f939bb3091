//! A ZK 4370 client over TCP or UDP (tokio): connect with the comm key, read the device's
//! identity, counts and clock, read attendance and users with the chunked 1503/1504 transfer,
//! set the clock, write users, and — only when the caller says so — clear the log.
//!
//! Everything about bytes is in [`crate::zk`]; this module adds sockets, the request/reply
//! conversation and time limits. Every request has its own timeout, a chunk that fails is asked
//! for again (three times, smaller each time), a transfer never grows past its declared size or
//! the cap, and nothing a terminal sends can make it panic or wait forever. Not here: scheduling,
//! the store, what a pull means for the clerk (kaoqin-commands), and any reading of biometric
//! templates (the client has no way to ask for them).
//!
//! Written by hand: the Rust crates that speak this protocol either copy the known checksum bug,
//! read the whole log without chunk retries, or are not maintained (zk-protocol.md §16).

use std::net::SocketAddr;
use std::time::Duration;

use chrono::NaiveDateTime;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpStream, UdpSocket};
use tokio::time::timeout;

use crate::zk::{
    self, AttLayout, AttRecord, BulkBuffer, BulkError, ChunkReader, ChunkStep, FrameError,
    FreeSizes, NameCodec, Packet, RecordError, TcpDeframer, UserLayout, UserRecord, WallTime, cmd,
};

/// How the client reaches the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// TCP first, UDP when TCP cannot connect.
    Auto,
    Tcp,
    Udp,
}

/// Time limits; the defaults suit a terminal on the LAN.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub connect: Duration,
    /// One request and its whole answer (for a chunk: every frame of it).
    pub request: Duration,
    /// A whole [`pull`], retries included: past it the pull ends with [`ClientError::Timeout`].
    pub pull: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(5),
            request: Duration::from_secs(10),
            // 1.6 million records at the pace of a slow terminal.
            pull: Duration::from_secs(15 * 60),
        }
    }
}

/// Where the terminal is and how to talk to it.
#[derive(Debug, Clone)]
pub struct Target {
    pub host: String,
    pub port: u16,
    pub transport: Transport,
    /// 0 when the terminal has no comm key.
    pub comm_key: u32,
    pub timeouts: Timeouts,
    /// Largest transfer accepted, in bytes (64 MiB ≈ 1.6 million records).
    pub max_bytes: u32,
    pub name_codec: NameCodec,
}

impl Target {
    pub fn new(host: impl Into<String>, port: u16) -> Target {
        Target {
            host: host.into(),
            port,
            transport: Transport::Auto,
            comm_key: 0,
            timeouts: Timeouts::default(),
            max_bytes: 64 * 1024 * 1024,
            name_codec: NameCodec::Gbk,
        }
    }
}

/// Why talking to a terminal failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot reach {addr}: {detail}")]
    Unreachable { addr: String, detail: String },
    #[error("no answer to {what} within {seconds} s")]
    Timeout { what: &'static str, seconds: u64 },
    #[error("the terminal closed the connection")]
    Closed,
    #[error("the comm key was refused")]
    Unauthenticated,
    #[error("the terminal refused {what} (code {code})")]
    Refused { what: &'static str, code: u16 },
    #[error("unexpected answer to {what}: {detail}")]
    Protocol { what: &'static str, detail: String },
    #[error(transparent)]
    Frame(#[from] FrameError),
    #[error(transparent)]
    Bulk(#[from] BulkError),
    #[error(transparent)]
    Records(#[from] RecordError),
    #[error("network error: {0}")]
    Io(String),
}

impl From<std::io::Error> for ClientError {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::ConnectionReset
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::BrokenPipe => ClientError::Closed,
            _ => ClientError::Io(e.to_string()),
        }
    }
}

pub type Result<T> = std::result::Result<T, ClientError>;

/// What the terminal says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceInfo {
    pub transport: Transport,
    pub serial: Option<String>,
    pub firmware: String,
    pub platform: Option<String>,
    pub device_name: Option<String>,
    pub mac: Option<String>,
    pub sizes: FreeSizes,
    /// The terminal's wall clock when asked.
    pub clock: WallTime,
}

/// The attendance log as read.
#[derive(Debug, Clone)]
pub struct Attendance {
    /// The reassembled buffer, size prefix included: what is kept for re-reading later.
    pub raw: Vec<u8>,
    pub layout: AttLayout,
    pub records: Vec<AttRecord>,
}

/// Largest TCP packet accepted: a 65 472-byte chunk plus headers, with room to spare.
const MAX_PACKET: usize = 70_000;
/// Chunk sizes of the 1504 loop (zk-protocol.md §9.3).
const TCP_CHUNK: u32 = 65_472;
const UDP_CHUNK: u32 = 16_384;
const CHUNK_TRIES: u32 = 3;
/// The `ticks` byte of the comm-key hash; every known client sends 50.
const AUTH_TICKS: u8 = 50;

enum Link {
    Tcp { stream: TcpStream, deframer: TcpDeframer },
    Udp { socket: UdpSocket },
}

/// An open session with one terminal.
pub struct Client {
    link: Link,
    transport: Transport,
    session: u16,
    reply: u16,
    timeouts: Timeouts,
    max_bytes: u32,
    name_codec: NameCodec,
}

impl Client {
    /// Opens a session: TCP first (when allowed), UDP when TCP cannot connect; CONNECT, and AUTH
    /// when the terminal asks for it.
    pub async fn connect(target: &Target) -> Result<Client> {
        let addr = resolve(&target.host, target.port).await?;
        let tcp_error = match target.transport {
            Transport::Udp => None,
            Transport::Tcp | Transport::Auto => match open_tcp(addr, target).await {
                Ok(client) => return client.handshake(target.comm_key).await,
                Err(e) if target.transport == Transport::Tcp => return Err(e),
                Err(e) => Some(e),
            },
        };
        let socket = UdpSocket::bind(if addr.is_ipv4() { "0.0.0.0:0" } else { "[::]:0" })
            .await
            .map_err(|e| unreachable(addr, &e))?;
        socket.connect(addr).await.map_err(|e| unreachable(addr, &e))?;
        let client = Client::new(Link::Udp { socket }, Transport::Udp, target);
        match (client.handshake(target.comm_key).await, tcp_error) {
            // A terminal that answers neither way is reported as TCP saw it: UDP only adds
            // "no answer" or "refused by the host".
            (
                Err(ClientError::Timeout { .. } | ClientError::Io(_) | ClientError::Closed),
                Some(tcp),
            ) => Err(tcp),
            (udp, _) => udp,
        }
    }

    fn new(link: Link, transport: Transport, target: &Target) -> Client {
        Client {
            link,
            transport,
            session: 0,
            // The first request goes out with reply id 0 (zk-protocol.md §4).
            reply: u16::MAX,
            timeouts: target.timeouts,
            max_bytes: target.max_bytes,
            name_codec: target.name_codec,
        }
    }

    async fn handshake(mut self, comm_key: u32) -> Result<Client> {
        let answer = self.request(cmd::CONNECT, Vec::new(), "CONNECT").await?;
        self.session = answer.session;
        match answer.command {
            cmd::ACK_OK => Ok(self),
            cmd::ACK_UNAUTH => {
                let key = zk::commkey(comm_key, self.session, AUTH_TICKS).to_vec();
                let answer = self.request(cmd::AUTH, key, "AUTH").await?;
                match answer.command {
                    cmd::ACK_OK => Ok(self),
                    cmd::ACK_UNAUTH => Err(ClientError::Unauthenticated),
                    code => Err(ClientError::Refused { what: "AUTH", code }),
                }
            }
            code => Err(ClientError::Refused { what: "CONNECT", code }),
        }
    }

    pub fn transport(&self) -> Transport {
        self.transport
    }

    /// Identity, counts and clock.
    pub async fn info(&mut self) -> Result<DeviceInfo> {
        let version = self.request(cmd::GET_VERSION, Vec::new(), "GET_VERSION").await?;
        let firmware = ok(&version, "GET_VERSION").map(|p| zk::parse_version(&p.data))?;
        let serial = self.option("~SerialNumber").await?;
        let platform = self.option("~Platform").await?;
        let device_name = self.option("~DeviceName").await?;
        let mac = self.option("MAC").await?;
        let sizes = self.free_sizes().await?;
        let clock = self.time().await?;
        Ok(DeviceInfo {
            transport: self.transport,
            serial,
            firmware,
            platform,
            device_name,
            mac,
            sizes,
            clock,
        })
    }

    /// One option's value; `None` when the terminal does not know the key.
    pub async fn option(&mut self, key: &str) -> Result<Option<String>> {
        let answer = self.request(cmd::OPTIONS_RRQ, zk::option_request(key), "OPTIONS_RRQ").await?;
        if answer.command != cmd::ACK_OK {
            return Ok(None);
        }
        Ok(zk::parse_option_reply(&answer.data)
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v)
            .filter(|v| !v.is_empty()))
    }

    pub async fn free_sizes(&mut self) -> Result<FreeSizes> {
        let answer = self.request(cmd::GET_FREE_SIZES, Vec::new(), "GET_FREE_SIZES").await?;
        let answer = ok(&answer, "GET_FREE_SIZES")?;
        zk::parse_free_sizes(&answer.data)
            .map_err(|e| ClientError::Protocol { what: "GET_FREE_SIZES", detail: e.to_string() })
    }

    /// The terminal's wall clock.
    pub async fn time(&mut self) -> Result<WallTime> {
        let answer = self.request(cmd::GET_TIME, Vec::new(), "GET_TIME").await?;
        let answer = ok(&answer, "GET_TIME")?;
        let raw = answer.data.get(..4).and_then(|b| b.try_into().ok()).map(u32::from_le_bytes);
        raw.map(zk::decode_time).ok_or_else(|| ClientError::Protocol {
            what: "GET_TIME",
            detail: format!("{} bytes instead of 4", answer.data.len()),
        })
    }

    /// Sets the terminal's wall clock.
    pub async fn set_time(&mut self, to: NaiveDateTime) -> Result<()> {
        let raw = zk::encode_time(to).ok_or_else(|| ClientError::Protocol {
            what: "SET_TIME",
            detail: format!("{to} cannot be set on a terminal"),
        })?;
        self.command(cmd::SET_TIME, raw.to_le_bytes().to_vec(), "SET_TIME").await?;
        self.command(cmd::REFRESH_DATA, Vec::new(), "REFRESH_DATA").await
    }

    /// Locks the keypad and sensors while the log is read.
    pub async fn disable(&mut self) -> Result<()> {
        self.command(cmd::DISABLE_DEVICE, vec![0; 4], "DISABLE_DEVICE").await
    }

    pub async fn enable(&mut self) -> Result<()> {
        self.command(cmd::ENABLE_DEVICE, Vec::new(), "ENABLE_DEVICE").await
    }

    /// Reads the whole attendance log. `progress(received, total)` is called after each chunk.
    pub async fn read_attendance(
        &mut self,
        device_count: Option<u32>,
        progress: &mut (dyn FnMut(u32, u32) + Send),
    ) -> Result<Attendance> {
        let raw = self.read_buffer(cmd::ATTLOG_RRQ, 0, "attendance", progress).await?;
        let layout = zk::detect_att_layout(&raw, device_count)?;
        let records = zk::parse_attendance(&raw, layout)?;
        Ok(Attendance { raw, layout, records })
    }

    /// Reads every user (PIN, name, card; never fingerprints or faces), with the record layout
    /// the terminal uses (writes must use the same).
    pub async fn read_users(&mut self) -> Result<(UserLayout, Vec<UserRecord>)> {
        let raw = self.read_buffer(cmd::USERTEMP_RRQ, 5, "users", &mut |_, _| {}).await?;
        let layout = zk::detect_user_layout(&raw)?;
        Ok((layout, zk::parse_users(&raw, layout)?))
    }

    /// How names are decoded and encoded on this terminal.
    pub fn name_codec(&self) -> NameCodec {
        self.name_codec
    }

    /// Adds or replaces one user on the terminal.
    pub async fn write_user(&mut self, user: &UserRecord, layout: UserLayout) -> Result<()> {
        let encoded = zk::encode_users(std::slice::from_ref(user), layout);
        // The upload carries the record without the size prefix.
        let record = encoded.get(4..).unwrap_or_default().to_vec();
        self.command(cmd::USER_WRQ, record, "USER_WRQ").await
    }

    pub async fn refresh(&mut self) -> Result<()> {
        self.command(cmd::REFRESH_DATA, Vec::new(), "REFRESH_DATA").await
    }

    /// Clears the terminal's attendance log. The caller decides when that is safe; this
    /// client never does it on its own.
    pub async fn clear_attendance(&mut self) -> Result<()> {
        self.command(cmd::CLEAR_ATTLOG, Vec::new(), "CLEAR_ATTLOG").await?;
        self.refresh().await
    }

    /// Ends the session (best effort).
    pub async fn close(mut self) {
        let _ = self.request(cmd::EXIT, Vec::new(), "EXIT").await;
    }

    /// 1503, then either the whole dataset at once or the 1504 chunk loop, then 1502.
    async fn read_buffer(
        &mut self,
        command: u16,
        fct: i32,
        what: &'static str,
        progress: &mut (dyn FnMut(u32, u32) + Send),
    ) -> Result<Vec<u8>> {
        let request = zk::prepare_buffer_request(command, fct, 0).to_vec();
        let answer = self.request(cmd::PREPARE_BUFFER, request, what).await?;
        let data = match answer.command {
            cmd::DATA => {
                let len = u32::try_from(answer.data.len()).unwrap_or(u32::MAX);
                progress(len, len);
                answer.data
            }
            cmd::ACK_OK => {
                let declared = zk::parse_data_stat(&answer.data)
                    .map_err(|e| ClientError::Protocol { what, detail: e.to_string() })?;
                let read = self.read_chunks(declared, progress).await;
                // The buffer is released whatever happened.
                let freed = self.command(cmd::FREE_DATA, Vec::new(), "FREE_DATA").await;
                let data = read?;
                freed?;
                data
            }
            code => return Err(ClientError::Refused { what, code }),
        };
        Ok(data)
    }

    async fn read_chunks(
        &mut self,
        declared: u32,
        progress: &mut (dyn FnMut(u32, u32) + Send),
    ) -> Result<Vec<u8>> {
        let mut buffer = BulkBuffer::new(declared, self.max_bytes)?;
        let chunk = match self.transport {
            Transport::Udp => UDP_CHUNK,
            _ => TCP_CHUNK,
        };
        progress(0, declared);
        for (start, size) in zk::chunk_plan(declared, chunk) {
            let mut offset = start;
            let end = start.saturating_add(size);
            // A chunk that fails is asked for again in halves.
            let mut piece = size;
            let mut tries = 0;
            while offset < end {
                let ask = piece.min(end.saturating_sub(offset));
                match self.read_chunk(offset, ask).await {
                    Ok(bytes) => {
                        buffer.append(&bytes)?;
                        offset = offset.saturating_add(ask);
                        tries = 0;
                    }
                    Err(e) if retryable(&e) && tries + 1 < CHUNK_TRIES => {
                        tries += 1;
                        piece = (piece / 2).max(1024);
                    }
                    Err(e) => return Err(e),
                }
            }
            progress(buffer.received(), declared);
        }
        Ok(buffer.finish()?)
    }

    async fn read_chunk(&mut self, start: u32, size: u32) -> Result<Vec<u8>> {
        let reply =
            self.send(cmd::READ_BUFFER, zk::read_chunk_request(start, size).to_vec()).await?;
        let mut reader = ChunkReader::new(reply, size);
        let limit = self.timeouts.request;
        let seconds = limit.as_secs();
        let collect = async {
            loop {
                let packet = self.receive().await?;
                if packet.reply != reply {
                    // A late answer to an earlier, abandoned request.
                    continue;
                }
                if let ChunkStep::Done(bytes) = reader.accept(&packet)? {
                    return Ok(bytes);
                }
            }
        };
        timeout(limit, collect)
            .await
            .map_err(|_| ClientError::Timeout { what: "a chunk", seconds })?
    }

    /// A request that must be answered with ACK_OK.
    async fn command(&mut self, command: u16, data: Vec<u8>, what: &'static str) -> Result<()> {
        let answer = self.request(command, data, what).await?;
        ok(&answer, what).map(|_| ())
    }

    /// Sends one request and waits for the packet that answers it (same reply id).
    async fn request(&mut self, command: u16, data: Vec<u8>, what: &'static str) -> Result<Packet> {
        let reply = self.send(command, data).await?;
        let limit = self.timeouts.request;
        let wait = async {
            loop {
                let packet = self.receive().await?;
                if packet.reply == reply {
                    return Ok(packet);
                }
            }
        };
        timeout(limit, wait)
            .await
            .map_err(|_| ClientError::Timeout { what, seconds: limit.as_secs() })?
    }

    async fn send(&mut self, command: u16, data: Vec<u8>) -> Result<u16> {
        self.reply = self.reply.wrapping_add(1);
        let packet = Packet { command, session: self.session, reply: self.reply, data };
        match &mut self.link {
            Link::Tcp { stream, .. } => stream.write_all(&packet.encode_tcp()).await?,
            Link::Udp { socket } => {
                socket.send(&packet.encode_udp()).await?;
            }
        }
        Ok(self.reply)
    }

    /// The next packet from the terminal. A wrong checksum is let through (some firmware gets
    /// it wrong; zk-protocol.md §3); a frame that cannot be a packet ends the session.
    async fn receive(&mut self) -> Result<Packet> {
        match &mut self.link {
            Link::Tcp { stream, deframer } => loop {
                if let Some(decoded) = deframer.next()? {
                    return Ok(decoded.packet);
                }
                let mut buf = [0u8; 16 * 1024];
                let n = stream.read(&mut buf).await?;
                if n == 0 {
                    return Err(ClientError::Closed);
                }
                deframer.push(buf.get(..n).unwrap_or_default());
            },
            Link::Udp { socket } => loop {
                let mut buf = vec![0u8; MAX_PACKET];
                let n = socket.recv(&mut buf).await?;
                // A datagram that is not a packet is ignored; the request times out instead.
                if let Ok(decoded) = zk::decode_udp(buf.get(..n).unwrap_or_default()) {
                    return Ok(decoded.packet);
                }
            },
        }
    }
}

fn ok<'p>(packet: &'p Packet, what: &'static str) -> Result<&'p Packet> {
    match packet.command {
        cmd::ACK_OK | cmd::ACK_DATA => Ok(packet),
        cmd::ACK_UNAUTH => Err(ClientError::Unauthenticated),
        code => Err(ClientError::Refused { what, code }),
    }
}

/// Failures worth asking for a chunk again.
fn retryable(e: &ClientError) -> bool {
    matches!(
        e,
        ClientError::Timeout { .. }
            | ClientError::Bulk(BulkError::Short { .. } | BulkError::Overshoot { .. })
    )
}

fn unreachable(addr: SocketAddr, e: &dyn std::fmt::Display) -> ClientError {
    ClientError::Unreachable { addr: addr.to_string(), detail: e.to_string() }
}

async fn resolve(host: &str, port: u16) -> Result<SocketAddr> {
    let mut addrs = tokio::net::lookup_host((host, port)).await.map_err(|e| {
        ClientError::Unreachable { addr: format!("{host}:{port}"), detail: e.to_string() }
    })?;
    addrs.next().ok_or_else(|| ClientError::Unreachable {
        addr: format!("{host}:{port}"),
        detail: "the name has no address".to_owned(),
    })
}

async fn open_tcp(addr: SocketAddr, target: &Target) -> Result<Client> {
    let limit = target.timeouts.connect;
    let stream = timeout(limit, TcpStream::connect(addr))
        .await
        .map_err(|_| ClientError::Unreachable {
            addr: addr.to_string(),
            detail: format!("no answer within {} s", limit.as_secs()),
        })?
        .map_err(|e| unreachable(addr, &e))?;
    stream.set_nodelay(true)?;
    let link = Link::Tcp { stream, deframer: TcpDeframer::new(MAX_PACKET) };
    Ok(Client::new(link, Transport::Tcp, target))
}

/// What one pull brought back.
#[derive(Debug, Clone)]
pub struct Pulled {
    pub info: DeviceInfo,
    pub attendance: Attendance,
    /// The terminal's record count with the terminal locked, before and after the read: equal
    /// to each other and to the records read when the read is whole and nobody punched in
    /// between (some terminals keep taking punches while "locked").
    pub records_before: i32,
    pub records_after: i32,
}

/// Steps of a pull, for a progress display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PullEvent {
    Connected(Transport),
    /// Bytes of the attendance log received so far, of the total.
    Reading {
        received: u32,
        total: u32,
    },
}

/// The whole conversation of zk-protocol.md §8: connect, identify, lock the terminal, read the
/// attendance log (before anything else: some firmware resets its buffer after a read), read
/// the count again, unlock (also when the read failed) and say goodbye.
pub async fn pull(target: &Target, events: &mut (dyn FnMut(PullEvent) + Send)) -> Result<Pulled> {
    let mut client = Client::connect(target).await?;
    events(PullEvent::Connected(client.transport()));
    let info = client.info().await?;
    client.disable().await?;
    let read = read_locked(&mut client, &info, events).await;
    let enabled = client.enable().await;
    client.close().await;
    let (records_before, attendance, records_after) = read?;
    enabled?;
    Ok(Pulled { info, attendance, records_before, records_after })
}

async fn read_locked(
    client: &mut Client,
    info: &DeviceInfo,
    events: &mut (dyn FnMut(PullEvent) + Send),
) -> Result<(i32, Attendance, i32)> {
    let before = client.free_sizes().await?.records;
    let count = u32::try_from(before)
        .ok()
        .filter(|n| *n > 0)
        .or_else(|| u32::try_from(info.sizes.records).ok().filter(|n| *n > 0));
    let attendance = client
        .read_attendance(count, &mut |received, total| {
            events(PullEvent::Reading { received, total })
        })
        .await?;
    let after = client.free_sizes().await?.records;
    Ok((before, attendance, after))
}
