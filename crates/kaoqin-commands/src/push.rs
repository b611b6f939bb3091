//! Terminals that push their punches over ADMS (HTTP): the receiver's link to the database
//! ([`StoreSink`]), the list of devices that called, and approving a device the clerk does not
//! know yet.
//!
//! A device is allowed when an enabled terminal carries its serial number. Its ATTLOG posts are
//! stored like a pull: one batch per post under the natural key, so a post the device sends again
//! adds nothing; the raw body is kept too. A device nobody approved is listed for the clerk, and
//! what it sent waits in the inbox (never lost) until it is approved — then every waiting post is
//! stored. [`Receiver`] runs the receiver where the settings say (the desktop app starts it when
//! enabled). Not here: HTTP (kaoqin-terminals' receiver), pulls (`terminals`).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use kaoqin_store::{BatchWrite, RawPunchWrite, TerminalRow};
use kaoqin_terminals::adms::{self, PushLineError, PushOptions, PushPunch, PushSink};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::actor::{Action, Actor};
use crate::dto::{
    Localized, PushDeviceDto, PushReceiverDto, PushReceiverInput, TerminalDto, TerminalInput,
};
use crate::{Ctx, Error, Result, Store, terminals};

pub use kaoqin_terminals::adms::{PushHandle, ServeError};

/// Starts the ADMS receiver on `addr` with the database behind `sink` (on the caller's tokio
/// runtime).
pub async fn serve(
    addr: SocketAddr,
    sink: StoreSink,
) -> std::result::Result<PushHandle, ServeError> {
    adms::serve(addr, Arc::new(sink)).await
}

/// The clock the receiver stamps receipts with.
pub type SharedClock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// The ADMS receiver's view of the database.
pub struct StoreSink {
    store: Arc<Mutex<Store>>,
    actor: Actor,
    clock: SharedClock,
}

impl StoreSink {
    /// Pushes are recorded as done by `actor` (the account running the receiver).
    pub fn new(store: Arc<Mutex<Store>>, actor: Actor, clock: SharedClock) -> StoreSink {
        StoreSink { store, actor, clock }
    }

    fn with<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard =
            self.store.lock().map_err(|_| Error::Internal("the store lock was poisoned".into()))?;
        f(&mut guard)
    }

    fn ctx(&self) -> Ctx {
        Ctx::new(self.actor.clone(), (self.clock)())
    }
}

fn offset_seconds(tz: &str) -> i64 {
    i64::from(kaoqin_core::company::utc_offset_seconds(tz).unwrap_or(8 * 3600))
}

fn allowed_terminal(store: &Store, serial: &str) -> Result<Option<TerminalRow>> {
    let Some(id) = store.read().terminal_by_serial(serial)? else { return Ok(None) };
    Ok(store.read().get_terminal(id)?.filter(|t| t.settings.enabled))
}

/// One ATTLOG post to store.
struct Post<'a> {
    remote: &'a str,
    stamp: Option<&'a str>,
    raw: &'a [u8],
    punches: &'a [PushPunch],
    bad_lines: usize,
    /// The inbox row already holding the body (a post that waited for approval).
    inbox: Option<i64>,
}

/// Stores one ATTLOG post of terminal `t`: the raw body in the inbox, the punches as a batch.
/// Returns (lines accepted, punches new).
fn store_post(
    store: &mut Store,
    ctx: &Ctx,
    t: &TerminalRow,
    post: &Post<'_>,
) -> Result<(usize, u32)> {
    let Post { remote, stamp, raw, punches, bad_lines, inbox } = *post;
    let key = t.punch_key();
    let offset = offset_seconds(&t.settings.tz);
    let rows: Vec<RawPunchWrite> = punches
        .iter()
        .map(|p| RawPunchWrite {
            terminal: key.clone(),
            who_kind: "pin",
            who: p.pin.clone(),
            term_local: p.local,
            term_tz: t.settings.tz.clone(),
            instant: (p.local - Duration::seconds(offset)).and_utc(),
            verify_mode: p.verify,
            state: p.state,
            work_code: p.work_code.clone().unwrap_or_default(),
        })
        .collect();
    let sha: String = Sha256::digest(raw).iter().map(|b| format!("{b:02x}")).collect();
    let added = store.write(|db| -> Result<u32> {
        let inbox = match inbox {
            Some(id) => id,
            None => db.push_inbox_add(&key, remote, ctx.now, "ATTLOG", raw)?,
        };
        let batch = db.insert_punch_batch(
            &BatchWrite {
                kind: "push",
                file_name: &t.settings.name,
                sha256: &sha,
                lines: (punches.len() + bad_lines) as u32,
            },
            ctx.now,
            &ctx.actor.login,
        )?;
        let added = db.append_raw_punches(batch, &rows)?;
        db.finish_punch_batch(batch, added)?;
        db.push_inbox_stored(inbox, batch)?;
        if let Some(stamp) = stamp {
            db.set_push_stamp(t.id, stamp)?;
        }
        ctx.audit(
            db,
            "terminal.push",
            "punch_batch",
            Some(batch),
            json!({ "terminal": t.settings.name, "lines": punches.len() + bad_lines,
                    "added": added, "bad_lines": bad_lines, "sha256": sha }),
        )?;
        Ok(added)
    })?;
    Ok((punches.len(), added))
}

impl PushSink for StoreSink {
    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn allowed(&self, serial: &str, remote: SocketAddr, _path: &str) -> bool {
        let at = (self.clock)();
        self.with(|s| {
            s.write(|db| db.push_seen(serial, &remote.ip().to_string(), at))?;
            Ok(allowed_terminal(s, serial)?.is_some())
        })
        .unwrap_or(false)
    }

    fn options(&self, serial: &str) -> PushOptions {
        let found = self.with(|s| allowed_terminal(s, serial)).ok().flatten();
        match found {
            Some(t) => PushOptions {
                attlog_stamp: t.push_stamp.clone(),
                time_zone_hours: i8::try_from(offset_seconds(&t.settings.tz) / 3600).unwrap_or(8),
            },
            None => PushOptions::default(),
        }
    }

    fn attlog(
        &self,
        serial: &str,
        stamp: Option<String>,
        raw: &[u8],
        punches: &[PushPunch],
        errors: &[PushLineError],
    ) -> std::result::Result<usize, String> {
        let ctx = self.ctx();
        self.with(|s| {
            let t = allowed_terminal(s, serial)?
                .ok_or_else(|| Error::not_found(crate::error::Entity::Terminal, serial))?;
            let remote = s.read().push_device_remote(serial)?.unwrap_or_default();
            let post = Post {
                remote: &remote,
                stamp: stamp.as_deref(),
                raw,
                punches,
                bad_lines: errors.len(),
                inbox: None,
            };
            Ok(store_post(s, &ctx, &t, &post)?.0)
        })
        .map_err(|e| e.message().en)
    }

    fn quarantine(&self, serial: &str, remote: SocketAddr, table: &str, raw: &[u8]) {
        let at = (self.clock)();
        let ip = remote.ip().to_string();
        // Nothing to answer the device with: a failure here is as if the post never arrived,
        // and the device sends it again.
        let _ = self.with(|s| Ok(s.write(|db| db.push_inbox_add(serial, &ip, at, table, raw))?));
    }
}

/// Every device that called the receiver, newest first: approved ones with their terminal,
/// others waiting for the clerk with what they sent kept.
pub fn list_push_devices(store: &Store, ctx: &Ctx) -> Result<Vec<PushDeviceDto>> {
    ctx.actor.require(Action::ViewSettings)?;
    let terminals = store.read().list_terminals()?;
    Ok(store
        .read()
        .list_push_devices()?
        .into_iter()
        .map(|d| PushDeviceDto {
            terminal: d
                .terminal_id
                .and_then(|id| terminals.iter().find(|t| t.id == id))
                .map(|t| t.settings.name.clone()),
            serial: d.serial,
            remote: d.remote,
            first_seen: d.first_seen,
            last_seen: d.last_seen,
            requests: d.requests,
            terminal_id: d.terminal_id,
            waiting: d.waiting,
        })
        .collect())
}

/// Approves a device that pushed: a terminal named `name` is added for its serial (pushing,
/// at the address it called from, in the company's zone), and everything it sent meanwhile is
/// stored.
pub fn approve_push_device(
    store: &mut Store,
    ctx: &Ctx,
    serial: &str,
    name: &str,
) -> Result<TerminalDto> {
    ctx.actor.require(Action::EditSettings)?;
    let device = store
        .read()
        .list_push_devices()?
        .into_iter()
        .find(|d| d.serial == serial)
        .ok_or_else(|| Error::not_found(crate::error::Entity::Terminal, serial))?;
    let zone = crate::company::get_company(store, ctx)?.timezone;
    let input = TerminalInput {
        name: name.to_owned(),
        host: device.remote.clone(),
        port: u32::from(kaoqin_core::terminal::DEFAULT_PORT),
        transport: "push".into(),
        tz: zone,
        state_key: "hint".into(),
        name_codec: "gbk".into(),
        enabled: true,
        serial: Some(serial.to_owned()),
        ..Default::default()
    };
    let dto = terminals::save_terminal(store, ctx, input)?;
    let t = store
        .read()
        .get_terminal(dto.id)?
        .ok_or_else(|| Error::Internal("the approved terminal vanished".into()))?;
    for (id, body) in store.read().push_inbox_waiting(serial)? {
        // Posts were checked against the caps when they arrived; one that no longer parses is
        // left in the inbox rather than guessed at.
        let Ok(parsed) = adms::parse_attlog_body(&body) else { continue };
        let post = Post {
            remote: &device.remote,
            stamp: None,
            raw: &body,
            punches: &parsed.punches,
            bad_lines: parsed.errors.len(),
            inbox: Some(id),
        };
        store_post(store, ctx, &t, &post)?;
    }
    terminals::get_terminal(store, ctx, dto.id)
}

// ---------------------------------------------------------------------------------------------
// The receiver as a setting: where it listens, started and stopped to match

/// The ADMS receiver of the running app: started, moved and stopped to match the saved
/// settings. It runs on its own small tokio runtime, so it can be driven from any thread
/// (a Tauri command, the CLI).
pub struct Receiver {
    runtime: tokio::runtime::Runtime,
    running: Mutex<Running>,
}

#[derive(Default)]
struct Running {
    handle: Option<PushHandle>,
    /// Why it is not listening although enabled.
    problem: Option<Localized>,
}

/// The saved settings: (enabled, address); off on port 8081 until the clerk turns it on.
fn receiver_settings(store: &Store) -> Result<(bool, SocketAddr)> {
    let default = SocketAddr::from(([0, 0, 0, 0], kaoqin_core::terminal::DEFAULT_RECEIVER_PORT));
    Ok(match store.read().push_receiver()? {
        Some((enabled, listen)) => (enabled, listen.parse().unwrap_or(default)),
        None => (false, default),
    })
}

fn lock<T>(m: &Mutex<T>) -> Result<std::sync::MutexGuard<'_, T>> {
    m.lock().map_err(|_| Error::Internal("a lock was poisoned".into()))
}

impl Receiver {
    pub fn new() -> Result<Receiver> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("kaoqin-adms")
            .enable_all()
            .build()
            .map_err(|e| Error::Internal(format!("receiver runtime: {e}")))?;
        Ok(Receiver { runtime, running: Mutex::new(Running::default()) })
    }

    /// Runs `work` on the receiver's runtime and waits for it (from any thread, inside another
    /// runtime or not).
    fn wait<F>(&self, work: F) -> Result<F::Output>
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        let (tx, rx) = std::sync::mpsc::channel();
        self.runtime.spawn(async move {
            let _ = tx.send(work.await);
        });
        rx.recv().map_err(|_| Error::Internal("the receiver's runtime stopped".into()))
    }

    /// Starts, moves or stops the receiver to match the saved settings. Not listening (the port
    /// is taken) is not an error here: [`Receiver::status`] says why.
    pub fn apply(
        &self,
        store: &Arc<Mutex<Store>>,
        actor: &Actor,
        clock: SharedClock,
    ) -> Result<()> {
        let (enabled, addr) = receiver_settings(&*lock(store)?)?;
        let mut running = lock(&self.running)?;
        if running.handle.as_ref().is_some_and(|h| enabled && h.local_addr() == addr) {
            return Ok(());
        }
        if let Some(old) = running.handle.take() {
            // Requests in flight finish; a failure while stopping changes nothing now.
            let _ = self.wait(old.shutdown())?;
        }
        running.problem = None;
        if !enabled {
            return Ok(());
        }
        let sink = StoreSink::new(store.clone(), actor.clone(), clock);
        match self.wait(serve(addr, sink))? {
            Ok(handle) => running.handle = Some(handle),
            Err(e) => running.problem = Some(crate::messages::serve_error(&e)),
        }
        Ok(())
    }

    /// Where it listens right now, and why not when it should.
    pub fn status(&self) -> (Option<SocketAddr>, Option<Localized>) {
        match self.running.lock() {
            Ok(r) => (r.handle.as_ref().map(PushHandle::local_addr), r.problem.clone()),
            Err(_) => (None, None),
        }
    }
}

/// This PC's IPv4 addresses a terminal on the LAN could reach (not loopback, not link-local).
fn lan_addresses() -> Vec<String> {
    let mut found: Vec<String> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .filter(|i| !i.is_loopback() && !i.is_link_local() && i.ip().is_ipv4())
        .map(|i| i.ip().to_string())
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The receiver's settings, and what `receiver` (the one this process runs, if any) is doing.
pub fn get_push_receiver(
    store: &Store,
    ctx: &Ctx,
    receiver: Option<&Receiver>,
) -> Result<PushReceiverDto> {
    ctx.actor.require(Action::ViewSettings)?;
    let (enabled, addr) = receiver_settings(store)?;
    let (listening, problem) = receiver.map(Receiver::status).unwrap_or_default();
    Ok(PushReceiverDto {
        enabled,
        host: if addr.ip().is_unspecified() { String::new() } else { addr.ip().to_string() },
        port: u32::from(addr.port()),
        listening: listening.map(|a| a.to_string()),
        problem: if enabled { problem } else { None },
        lan_addresses: lan_addresses(),
    })
}

/// Saves where the receiver listens (or that it is off); [`save_push_receiver`] also makes it
/// so at once.
pub fn set_push_receiver(store: &mut Store, ctx: &Ctx, input: &PushReceiverInput) -> Result<()> {
    ctx.actor.require(Action::EditSettings)?;
    let addr =
        kaoqin_core::terminal::receiver_address(&input.host, input.port).map_err(Error::Invalid)?;
    store.write(|db| -> Result<()> {
        db.set_push_receiver(input.enabled, &addr.to_string(), ctx.now)?;
        ctx.audit(
            db,
            "terminal.receiver",
            "push_receiver",
            None,
            json!({ "enabled": input.enabled, "listen": addr.to_string() }),
        )
    })
}

/// Where a receiver started by hand (`kaoqin serve`) listens when not told: the saved address.
pub fn saved_receiver_address(store: &Store, ctx: &Ctx) -> Result<SocketAddr> {
    ctx.actor.require(Action::ViewSettings)?;
    Ok(receiver_settings(store)?.1)
}

/// Saves the receiver's settings and starts, moves or stops the running receiver to match.
pub fn save_push_receiver(
    store: &Arc<Mutex<Store>>,
    ctx: &Ctx,
    receiver: &Receiver,
    clock: SharedClock,
    input: PushReceiverInput,
) -> Result<PushReceiverDto> {
    set_push_receiver(&mut *lock(store)?, ctx, &input)?;
    receiver.apply(store, &ctx.actor, clock)?;
    get_push_receiver(&*lock(store)?, ctx, Some(receiver))
}
