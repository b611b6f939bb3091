//! Kaoqin's link to attendance terminals: everything that reads punches from a device or from
//! what a device wrote.
//!
//! For now this is only [`files`], the pure parsers for punch files a clerk brings on a USB stick
//! (`attlog.dat`) or exports from another program (CSV/TSV). Later this crate gains the sans-IO ZK
//! protocol codec, the connection and client, the collector and the ADMS receiver; it stays the
//! only crate that opens sockets to terminals. Not here: matching punches to employees, dedup and
//! storage (kaoqin-commands and kaoqin-store), and turning raw bytes into text (the caller decodes
//! GBK or UTF-8 first).

pub mod files;

pub use files::{
    FilePunch, LineError, LineProblem, ParsedPunches, PunchFileKind, PunchWho, detect_kind,
    parse_attlog, parse_punch_csv,
};
