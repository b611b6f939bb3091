//! The one integration test binary of kaoqin-terminal-sim (DESIGN.md §4.7): push mode against
//! the ADMS receiver (`adms`), the binary's flags (`cli`), the protocol over real loopback
//! sockets (`protocol`), and the cross-check with pyzk 0.9 as an independent client (`pyzk`).

mod adms;
mod cli;
mod protocol;
mod pyzk;
