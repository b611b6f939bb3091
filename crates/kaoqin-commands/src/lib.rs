//! Kaoqin's use cases, shared by the desktop app and the `kaoqin` CLI, and the wire types (DTOs)
//! of the UI contract.
//!
//! Every use case takes the store, a [`Ctx`] (the acting user and the current instant, passed in
//! by the caller) and a DTO; it checks the actor's permission and department scope first,
//! validates input (all problems at once), writes in one transaction together with an audit
//! event, and returns a DTO or an [`Error`] that renders itself in Chinese and English.
//! Not here: SQL (kaoqin-store), rules (kaoqin-core), presentation (CLI, desktop, UI).

pub mod actor;
pub mod attendance;
pub mod audit;
pub mod bindings;
pub mod calendar;
pub mod collector;
pub mod company;
pub mod corrections;
pub mod departments;
pub mod dto;
pub mod employees;
pub mod error;
pub mod flags;
pub mod groups;
pub mod import;
pub mod leave;
pub mod ledger;
mod messages;
pub mod period;
pub mod push;
pub mod schedule;
pub mod secrets;
pub mod setup;
pub mod terminals;
pub mod text;
pub mod timetables;

pub use actor::{Action, Actor, Role};
pub use error::{Error, Result};
pub use kaoqin_core as core;
pub use kaoqin_store::{Store, location};

use chrono::{DateTime, Utc};

/// Who is acting, and when. The caller reads the clock once at its boundary.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub actor: Actor,
    pub now: DateTime<Utc>,
}

impl Ctx {
    pub fn new(actor: Actor, now: DateTime<Utc>) -> Self {
        Ctx { actor, now }
    }

    /// Appends an audit event by this actor at this instant, inside the caller's transaction.
    pub(crate) fn audit(
        &self,
        db: &kaoqin_store::Db<'_>,
        action: &str,
        entity: &str,
        entity_id: Option<i64>,
        detail: serde_json::Value,
    ) -> Result<()> {
        db.append_audit(&kaoqin_store::AuditEvent {
            at: self.now,
            actor: &self.actor.login,
            action,
            entity,
            entity_id,
            detail,
        })?;
        Ok(())
    }
}

/// The product version, as shown in 首页 and `kaoqin --version`.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
