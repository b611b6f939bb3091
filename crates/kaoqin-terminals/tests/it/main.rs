//! The one integration test binary of kaoqin-terminals (DESIGN.md §4.7). Property tests of the
//! punch-file parsers live in `files`; unit tests stay beside the code.

mod files;
