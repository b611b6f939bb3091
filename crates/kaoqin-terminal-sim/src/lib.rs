//! A fake ZKTeco attendance terminal that speaks the real 4370 protocol on TCP and UDP, for
//! Kaoqin's tests, benchmarks and demos. It encodes and decodes every byte with the codec in
//! `kaoqin_terminals::zk`, so it never drifts from what the client reads; independent clients
//! (pyzk 0.9, see `tests/pyzk.rs`) check that the two together match real terminals.
//!
//! What is here:
//! - [`device`]: the terminal's state ([`Device`]: identity, users, punches, clock, counters),
//!   shared with tests behind `Arc<Mutex<..>>`;
//! - [`profile`]: firmware [`Profile`]s, the [`Behaviour`] they map to, and injectable
//!   [`Fault`]s;
//! - [`session`]: one client session, request in, steps out (no sockets);
//! - [`server`]: [`serve`] on TCP + UDP with a [`SimHandle`], and [`spawn_blocking_server`];
//! - [`generate`]: seeded punch logs, realistic months, users and impossible dates;
//! - [`adms`]: push mode, the device as an ADMS/PUSH HTTP client ([`adms::push`]).
//!
//! Not here: the ADMS heartbeat loop and realtime posts, realtime events, fingerprint
//! templates, and anything a shipped binary needs: this crate is a test device, and only the
//! CLI's `simulate` command may depend on it. It listens where it is told; tests and the binary
//! use 127.0.0.1.

pub mod adms;
pub mod device;
pub mod generate;
pub mod profile;
pub mod server;
pub mod session;

use std::net::SocketAddr;

pub use device::{Clock, Device, SharedDevice, SimPunch, SimUser, fixed_clock, lock, system_clock};
pub use generate::SimPerson;
pub use profile::{
    Behaviour, BulkStep, ChunkStyle, DEFAULT_COMM_KEY, Fault, FaultMode, FaultPlan, Flaky, Profile,
};
pub use server::{BlockingSimHandle, SimHandle, serve, spawn_blocking_server};

/// What can go wrong starting the simulator.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The address could not be bound.
    #[error(
        "cannot listen on {addr} ({transport}): {source}; pick another port or stop what uses it"
    )]
    Bind {
        addr: SocketAddr,
        transport: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// A profile name that does not exist.
    #[error(
        "unknown profile {name:?}: use one of tft, tft49, split, udp-only, comm-key, slow, flaky"
    )]
    UnknownProfile { name: String },
    /// Both transports are switched off in the behaviour.
    #[error("both tcp and udp are switched off: enable at least one in the behaviour")]
    NoTransport,
    /// The runtime of [`spawn_blocking_server`] could not start.
    #[error("cannot start the simulator's runtime: {0}; check the process's thread limit")]
    Runtime(#[source] std::io::Error),
}

/// Result of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
