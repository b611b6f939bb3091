//! The one integration test binary of kaoqin-terminals (DESIGN.md §4.7): the ADMS receiver over
//! loopback HTTP (`adms`), property tests of the punch-file parsers (`files`), golden bytes of
//! the ZK protocol (`zk_vectors`), property tests of the ZK codec (`zk_props`) and the saved
//! fuzz inputs replayed (`fuzz_regressions`); unit tests stay beside the code.

mod adms;
mod files;
mod fuzz_regressions;
mod zk_props;
mod zk_vectors;
