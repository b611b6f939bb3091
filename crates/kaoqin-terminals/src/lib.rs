//! Kaoqin's link to attendance terminals: everything that reads punches from a device or from
//! what a device wrote.
//!
//! Here today:
//! - [`files`]: pure parsers for punch files a clerk brings on a USB stick (`attlog.dat`) or
//!   exports from another program (CSV/TSV);
//! - [`zk`]: the sans-IO codec of the ZKTeco 4370 terminal protocol (packets, checksum, TCP
//!   reassembly, comm key, time encoding, bulk transfer, attendance and user records). It never
//!   panics on terminal bytes and opens no socket;
//! - [`client`]: the tokio client on top of [`zk`] (TCP, then UDP; timeouts, chunk retries, the
//!   whole pull conversation with the terminal locked);
//! - [`adms`]: the ZKTeco ADMS/PUSH (iclock) receiver: pure parsers of what terminals push,
//!   and with the `adms-server` feature the HTTP server that hands their punches to a sink;
//! - `fuzzing` (hidden from the docs): the bodies of the cargo-fuzz targets of [`zk`], shared by
//!   `fuzz/` and the regression test that replays `fuzz/regressions/`.
//!
//! It is the only crate that opens sockets to terminals. Not here: scheduling pulls (the
//! collector, in kaoqin-commands), matching punches to employees, dedup and storage
//! (kaoqin-commands and kaoqin-store), and turning punch-file bytes into text (the caller decodes
//! GBK or UTF-8 first; [`zk`] decodes names itself with the terminal's codec).

pub mod adms;
pub mod client;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod zk;

pub use files::{
    FilePunch, LineError, LineProblem, ParsedPunches, PunchFileKind, PunchWho, detect_kind,
    parse_attlog, parse_punch_csv, parse_user_dat,
};
