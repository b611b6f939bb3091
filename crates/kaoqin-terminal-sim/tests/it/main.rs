//! The one integration test binary of kaoqin-terminal-sim (DESIGN.md §4.7): the binary's flags
//! (`cli`), the protocol over real loopback sockets (`protocol`), and the cross-check with pyzk
//! 0.9 as an independent client (`pyzk`).

mod cli;
mod protocol;
mod pyzk;
