//! The desktop shell's tests: its security configuration (capability, CSP, command list) and
//! the end-to-end test that drives the real app through WebDriver under a virtual display.

mod config;
mod e2e;
mod e2e_exceptions;
mod e2e_results;
mod e2e_shifts;
mod e2e_terminals;
