//! Kaoqin's pure domain: the roster types (company, departments, employees), their validation
//! rules, the China working calendar, and later the attendance rules engine.
//!
//! Everything here is a pure function of its arguments: no I/O, no SQL, no async and no clock
//! (callers pass `as_of`). What the store and the UI need to know about a value's rules lives
//! here, so the CLI, the desktop app and the importer all reject the same input the same way.
//! Not here: persistence (kaoqin-store), permissions and messages (kaoqin-commands).

pub mod anomaly;
pub mod calendar;
pub mod company;
pub mod date;
pub mod department;
pub mod employee;
pub mod engine;
pub mod group;
pub mod import;
pub mod leave;
pub mod schedule;
pub mod terminal;
pub mod timetable;
pub mod validation;

pub use validation::{Field, FieldError, Place, Problem};
