//! The ZKTeco ADMS/PUSH ("iclock") receiver (zk-protocol.md §18): terminals whose 4370 pull is
//! broken or that sit behind NAT push their punches to Kaoqin over plain HTTP instead.
//!
//! - pure functions, always built: the `/iclock/…` query ([`parse_query`]),
//!   ATTLOG bodies ([`parse_attlog_body`], with the caps of [`check_caps`]: 1 MiB, 10 000
//!   lines, 1 KiB a line), the options reply ([`options_reply`]), command results
//!   ([`parse_command_results`]) and the `Date` header value ([`http_date`]);
//! - with the `adms-server` feature: the axum [`router`], [`serve`] with its [`PushHandle`], and
//!   the [`PushSink`] trait through which the receiver hands punches to the store (the server
//!   module's docs list every route, status code and decision).
//!
//! The receiver trusts nothing a device sends: devices authenticate by serial number only, so
//! unknown ones are quarantined, and every byte is parsed as hostile input (reliability.md
//! §3.7). Not here: storage, dedup and the clerk's approval of new terminals (kaoqin-commands),
//! biometric data (never kept), commands to devices (never sent) and push v3 (§18.8).

#[cfg(feature = "adms-server")]
mod server;
mod wire;

#[cfg(feature = "adms-server")]
pub use server::{
    BODY_READ_TIMEOUT, PATH_CDATA, PATH_DEVICECMD, PATH_GETREQUEST, PushHandle, PushSink,
    SHUTDOWN_GRACE, ServeError, router, serve,
};
pub use wire::{
    CommandResult, MAX_BODY_BYTES, MAX_LINE_BYTES, MAX_LINES, ParsedAttlog, PushLineError,
    PushOptions, PushPunch, PushQuery, SERIAL_MAX_CHARS, STAMP_MAX_CHARS, TooLarge, check_caps,
    http_date, is_serial, options_reply, parse_attlog_body, parse_command_results, parse_query,
};
