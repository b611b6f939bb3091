//! The simulator's sockets: [`serve`] binds TCP and UDP on one port of a loopback (or any)
//! address and answers every client with a [`Session`]; [`SimHandle`] stops it.
//! [`spawn_blocking_server`] does the same on a runtime of its own, for synchronous tests.
//!
//! Bounds: TCP frames larger than [`Behaviour::max_packet`] and bytes that are not ZK frames close
//! the connection; a connection or UDP session idle for [`Behaviour::idle_timeout`] is dropped; at
//! most [`Behaviour::max_tcp_connections`] connections are served and
//! [`Behaviour::max_udp_sessions`] UDP peers remembered. UDP answers are sent in order
//! from the one receive loop, so a pause (slow profile, frame gap) delays every UDP client, as on
//! a single-threaded terminal. Not here: what is answered (see [`crate::session`]).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use kaoqin_terminals::zk::{Packet, TcpDeframer, decode_udp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::task::{JoinHandle, JoinSet};

use crate::device::{SharedDevice, lock};
use crate::profile::Behaviour;
use crate::session::{Session, Shared, Step, Transport};
use crate::{Error, Result};

/// How many times a port-0 bind is retried when UDP cannot get the port TCP got.
const BIND_TRIES: usize = 8;

/// A running simulator. Dropping it stops it too.
#[derive(Debug)]
pub struct SimHandle {
    local_addr: SocketAddr,
    tasks: Vec<JoinHandle<()>>,
}

impl SimHandle {
    /// The address clients connect to (TCP and UDP share the port).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Stops listening and drops every connection.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        for task in self.tasks.drain(..) {
            task.abort();
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts the simulator on `addr` (port 0 picks a free port; UDP then uses the port TCP got) with
/// the device and behaviour given. `behaviour.comm_key` and `behaviour.fault`, when set, are
/// written to the device first. Must be called inside a tokio runtime.
pub async fn serve(
    addr: SocketAddr,
    device: SharedDevice,
    behaviour: Behaviour,
) -> Result<SimHandle> {
    if !behaviour.tcp && !behaviour.udp {
        return Err(Error::NoTransport);
    }
    {
        let mut d = lock(&device);
        if let Some(key) = behaviour.comm_key {
            d.comm_key = Some(key);
        }
        if let Some(fault) = behaviour.fault {
            d.fault = Some(fault);
        }
    }
    let (tcp, udp) = bind(addr, behaviour.tcp, behaviour.udp).await?;
    let local_addr = match (&tcp, &udp) {
        (Some(t), _) => t.local_addr(),
        (None, Some(u)) => u.local_addr(),
        (None, None) => return Err(Error::NoTransport),
    }
    .map_err(|source| Error::Bind { addr, transport: "tcp", source })?;
    let shared = Shared::new(device, behaviour);
    let mut tasks = Vec::new();
    if let Some(listener) = tcp {
        tasks.push(tokio::spawn(accept_loop(listener, shared.clone())));
    }
    if let Some(socket) = udp {
        tasks.push(tokio::spawn(udp_loop(socket, shared)));
    }
    Ok(SimHandle { local_addr, tasks })
}

async fn bind(
    addr: SocketAddr,
    tcp: bool,
    udp: bool,
) -> Result<(Option<TcpListener>, Option<UdpSocket>)> {
    let udp_error = |source| Error::Bind { addr, transport: "udp", source };
    if !tcp {
        let socket = UdpSocket::bind(addr).await.map_err(udp_error)?;
        return Ok((None, Some(socket)));
    }
    let mut tries = 0;
    loop {
        tries += 1;
        let listener = TcpListener::bind(addr).await.map_err(|source| Error::Bind {
            addr,
            transport: "tcp",
            source,
        })?;
        if !udp {
            return Ok((Some(listener), None));
        }
        let port = listener
            .local_addr()
            .map_err(|source| Error::Bind { addr, transport: "tcp", source })?
            .port();
        match UdpSocket::bind(SocketAddr::new(addr.ip(), port)).await {
            Ok(socket) => return Ok((Some(listener), Some(socket))),
            // Another program holds that UDP port: with port 0, try another one.
            Err(_) if addr.port() == 0 && tries < BIND_TRIES => continue,
            Err(source) => return Err(udp_error(source)),
        }
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    // Dropping the set (when this task is aborted) aborts every connection.
    let mut connections = JoinSet::new();
    loop {
        match listener.accept().await {
            Ok((stream, _peer)) => {
                // Forget connections that ended, then count the live ones.
                while connections.try_join_next().is_some() {}
                if connections.len() < shared.behaviour.max_tcp_connections {
                    connections.spawn(connection(stream, shared.clone()));
                }
                // Else the stream is dropped here: the client sees the connection closed.
            }
            // Out of file descriptors or similar: wait a moment rather than spin.
            Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
        }
    }
}

/// Serves one TCP connection until the client closes it, it idles out, sends junk, or a step
/// closes it.
async fn connection(mut stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let idle = shared.behaviour.idle_timeout;
    let mut session = Session::new(shared.clone(), Transport::Tcp);
    let mut deframer = TcpDeframer::new(shared.behaviour.max_packet);
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match tokio::time::timeout(idle, stream.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) | Err(_) => return,
            Ok(Ok(n)) => n,
        };
        deframer.push(buf.get(..n).unwrap_or(&[]));
        loop {
            let packet = match deframer.next() {
                Ok(Some(decoded)) => decoded.packet,
                Ok(None) => break,
                // Not a ZK frame stream: the connection cannot find its place again.
                Err(_) => return,
            };
            let steps = session.handle(&packet);
            if !run_tcp_steps(&mut stream, steps).await {
                return;
            }
        }
    }
}

/// Performs the steps; `false` when the connection must end.
async fn run_tcp_steps(stream: &mut TcpStream, steps: Vec<Step>) -> bool {
    let mut out = Vec::new();
    for step in steps {
        match step {
            Step::Send(p) => out.extend_from_slice(&p.encode_tcp()),
            Step::SendCut(p, bytes) => {
                let frame = p.encode_tcp();
                out.extend_from_slice(frame.get(..bytes.min(frame.len())).unwrap_or(&[]));
            }
            Step::Pause(d) => {
                if !flush(stream, &mut out).await {
                    return false;
                }
                if !d.is_zero() {
                    tokio::time::sleep(d).await;
                }
            }
            Step::Close => {
                let _ = flush(stream, &mut out).await;
                let _ = stream.shutdown().await;
                return false;
            }
            Step::Stall => {
                out.clear();
                return true;
            }
        }
    }
    flush(stream, &mut out).await
}

async fn flush(stream: &mut TcpStream, out: &mut Vec<u8>) -> bool {
    if out.is_empty() {
        return true;
    }
    let ok = stream.write_all(out).await.is_ok();
    out.clear();
    ok
}

struct UdpPeer {
    session: Session,
    last_seen: Instant,
}

async fn udp_loop(socket: UdpSocket, shared: Arc<Shared>) {
    let idle = shared.behaviour.idle_timeout;
    let max_peers = shared.behaviour.max_udp_sessions.max(1);
    let mut peers: HashMap<SocketAddr, UdpPeer> = HashMap::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let Ok((n, from)) = socket.recv_from(&mut buf).await else {
            // ICMP "port unreachable" from an earlier send shows up here on some systems.
            continue;
        };
        let Ok(decoded) = decode_udp(buf.get(..n).unwrap_or(&[])) else {
            continue;
        };
        let now = Instant::now();
        peers.retain(|_, p| now.duration_since(p.last_seen) < idle);
        if !peers.contains_key(&from) && peers.len() >= max_peers {
            let oldest = peers.iter().min_by_key(|(_, p)| p.last_seen).map(|(a, _)| *a);
            if let Some(oldest) = oldest {
                peers.remove(&oldest);
            }
        }
        let peer = peers.entry(from).or_insert_with(|| UdpPeer {
            session: Session::new(shared.clone(), Transport::Udp),
            last_seen: now,
        });
        peer.last_seen = now;
        let steps = peer.session.handle(&decoded.packet);
        if !run_udp_steps(&socket, from, steps).await {
            peers.remove(&from);
        }
    }
}

/// Performs the steps for a UDP peer; `false` when its session must be forgotten.
async fn run_udp_steps(socket: &UdpSocket, to: SocketAddr, steps: Vec<Step>) -> bool {
    for step in steps {
        match step {
            Step::Send(p) => send_udp(socket, to, &p).await,
            Step::SendCut(mut p, bytes) => {
                p.data.truncate(bytes.saturating_sub(16));
                send_udp(socket, to, &p).await;
            }
            Step::Pause(d) => {
                if !d.is_zero() {
                    tokio::time::sleep(d).await;
                }
            }
            Step::Close => return false,
            Step::Stall => return true,
        }
    }
    true
}

async fn send_udp(socket: &UdpSocket, to: SocketAddr, p: &Packet) {
    // A lost datagram is what UDP does; the client retries the chunk.
    let _ = socket.send_to(&p.encode_udp(), to).await;
}

/// A simulator running on a tokio runtime of its own (two worker threads), for tests and tools
/// that are not async. Dropping it stops the simulator and the runtime.
#[derive(Debug)]
pub struct BlockingSimHandle {
    handle: Option<SimHandle>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl BlockingSimHandle {
    /// The address clients connect to.
    pub fn local_addr(&self) -> SocketAddr {
        self.handle.as_ref().map_or_else(|| SocketAddr::from(([0, 0, 0, 0], 0)), |h| h.local_addr())
    }

    /// Stops the simulator and its runtime.
    pub fn shutdown(self) {}
}

impl Drop for BlockingSimHandle {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            drop(self.handle.take());
            runtime.shutdown_background();
        }
    }
}

/// Like [`serve`], on a new multi-threaded runtime owned by the returned handle.
pub fn spawn_blocking_server(
    addr: SocketAddr,
    device: SharedDevice,
    behaviour: Behaviour,
) -> Result<BlockingSimHandle> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("kaoqin-terminal-sim")
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let handle = runtime.block_on(serve(addr, device, behaviour))?;
    Ok(BlockingSimHandle { handle: Some(handle), runtime: Some(runtime) })
}
