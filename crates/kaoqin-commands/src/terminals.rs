//! Terminals (考勤机): the list with each one's sync status, adding and editing them (comm keys
//! go to the OS keyring), testing a connection, pulling punches, setting a terminal's clock, and
//! the sync log and quarantine.
//!
//! A pull never loses or doubles a punch. It is recorded as `running` before the terminal is
//! asked anything; the records are read whole (the terminal is locked meanwhile and the store is
//! not); then they are written in batches of [`BATCH`] (each one fsync) under `INSERT OR IGNORE` on the punch's
//! natural key, each batch its own transaction; only then is the pull marked `ok`. A pull cut
//! short anywhere simply stays `running` (shown as interrupted) and the next pull writes what is
//! missing. Records whose time cannot be real go to the quarantine with the raw value. The
//! terminal is cleared only when asked for on that terminal and every condition of
//! [`clear_refusal`] holds.
//!
//! Network work holds no lock on the store: long operations take `&Mutex<Store>` and a clock
//! (`now`) for the instants they record, because they span time. Not here: scheduling (the
//! collector), the protocol (kaoqin-terminals).

use std::borrow::BorrowMut;
use std::collections::BTreeSet;
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use kaoqin_core::terminal::{self as core_terminal, SettingsInput};
use kaoqin_store::{
    BatchWrite, PullDevice, PullFigures, PullRow, QuarantineWrite, RawPunchWrite, TerminalRow,
    TerminalWrite,
};
use kaoqin_terminals::client::{self, ClientError, PullEvent, Target, Transport};
use kaoqin_terminals::zk::{self, NameCodec};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::actor::Action;
use crate::dto::{
    DeviceInfoDto, Localized, PullLogDto, PullProgress, PullReport, QuarantineDto, SyncStatusDto,
    TerminalDto, TerminalInput, TerminalUserDto, UploadReport,
};
use crate::error::{Entity, FileProblem};
use crate::{Ctx, Error, Result, Store, messages, secrets};

/// Punches written per transaction during a pull: each commit is an fsync (5,000 a batch made
/// a 100,000-record pull take 0.9 s instead of 0.6 s in `make bench`).
pub const BATCH: usize = 20_000;

const LOCAL_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// A clock for operations that span time (a pull's start and end).
pub type Clock<'a> = &'a (dyn Fn() -> DateTime<Utc> + Sync);

/// Runs `f` on the shared store, holding its lock only meanwhile. The desktop shares a
/// `Mutex<Store>`; the CLI lends its `&mut Store`.
fn with<S: BorrowMut<Store>, T>(
    store: &Mutex<S>,
    f: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<T> {
    let mut guard =
        store.lock().map_err(|_| Error::Internal("the store lock was poisoned".to_owned()))?;
    f((*guard).borrow_mut())
}

/// Runs the network part of a use case to its end, on a thread of its own with its own
/// runtime: the caller may be a plain thread (the CLI) or a worker of another async runtime (the
/// desktop's command handlers), where blocking on a second runtime is not allowed.
/// The future is made on that thread by `make`, so it need not be `Send`.
fn block_on<M, F>(make: M) -> Result<F::Output>
where
    M: FnOnce() -> F + Send,
    F: std::future::Future,
    F::Output: Send,
{
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(|e| Error::Internal(format!("network runtime: {e}")))?;
                Ok(runtime.block_on(make()))
            })
            .join()
            .map_err(|_| Error::Internal("the network thread stopped unexpectedly".to_owned()))?
    })
}

/// Connects to the terminal, runs `work` on the connection and closes it whatever `work`
/// returned (on [`block_on`]'s thread). The outer error is Kaoqin's own; the inner one the
/// terminal's.
fn session<T: Send>(
    target: &Target,
    work: impl AsyncFnOnce(&mut client::Client) -> std::result::Result<T, ClientError> + Send,
) -> Result<std::result::Result<T, ClientError>> {
    block_on(|| async {
        let mut c = client::Client::connect(target).await?;
        let result = work(&mut c).await;
        c.close().await;
        result
    })
}

fn codec(key: &str) -> NameCodec {
    match key {
        "utf8" => NameCodec::Utf8,
        "windows1252" => NameCodec::Windows1252,
        "windows1251" => NameCodec::Windows1251,
        "windows1256" => NameCodec::Windows1256,
        _ => NameCodec::Gbk,
    }
}

fn transport_key(t: Transport) -> &'static str {
    match t {
        Transport::Udp => "udp",
        Transport::Tcp | Transport::Auto => "tcp",
    }
}

fn zone_offset(tz: &str) -> i64 {
    i64::from(kaoqin_core::company::utc_offset_seconds(tz).unwrap_or(8 * 3600))
}

fn stored_error(text: Option<&str>) -> Option<Localized> {
    text.map(|t| serde_json::from_str(t).unwrap_or_else(|_| Localized::new(t, t)))
}

fn load(store: &Store, id: i64) -> Result<TerminalRow> {
    store.read().get_terminal(id)?.ok_or_else(|| Error::not_found(Entity::Terminal, id.to_string()))
}

/// How the client reaches `t`: its address, transport (`auto`: TCP, then UDP), comm key from
/// the keyring.
fn target(t: &TerminalRow) -> Result<Target> {
    if t.settings.transport == "push" {
        return Err(Error::PushOnly { name: t.settings.name.clone() });
    }
    let mut target = Target::new(t.settings.host.clone(), t.settings.port);
    target.transport = match t.settings.transport.as_str() {
        "tcp" => Transport::Tcp,
        "udp" => Transport::Udp,
        _ => Transport::Auto,
    };
    target.name_codec = codec(&t.settings.name_codec);
    if t.has_comm_key {
        target.comm_key = secrets::get_comm_key(&t.key_ref)?.unwrap_or(0);
    }
    Ok(target)
}

fn terminal_error(t: &TerminalRow, error: ClientError) -> Error {
    Error::Terminal { name: t.settings.name.clone(), error }
}

// ---------------------------------------------------------------------------------------------
// The list and the settings

fn sync_status(store: &Store, t: &TerminalRow, busy: &BTreeSet<i64>) -> Result<SyncStatusDto> {
    let db = store.read();
    let pulls = db.list_pulls(t.id, 50)?;
    let last = pulls.first();
    let last_ok = pulls.iter().find(|p| p.outcome == "ok");
    let failing_since = pulls
        .iter()
        .take_while(|p| p.outcome != "ok")
        .filter(|p| p.outcome == "failed")
        .last()
        .map(|p| p.started_at.clone());
    let state = match last {
        None => "never",
        Some(p) if p.outcome == "running" && !busy.contains(&t.id) => "interrupted",
        Some(p) => p.outcome.as_str(),
    };
    let key = t.punch_key();
    if t.settings.transport == "push" {
        // A pushing terminal is never pulled: it is as current as the last time it called.
        let seen = match &t.serial {
            Some(sn) => db.push_last_seen(sn)?,
            None => None,
        };
        let local = seen
            .as_deref()
            .and_then(|at| chrono::DateTime::parse_from_rfc3339(at).ok())
            .map(|at| {
                (at.naive_utc() + Duration::seconds(zone_offset(&t.settings.tz)))
                    .format(LOCAL_FORMAT)
                    .to_string()
            });
        return Ok(SyncStatusDto {
            state: if seen.is_some() { "ok" } else { "never" }.to_owned(),
            last_pull_at: seen.clone(),
            last_ok_at: seen,
            last_error: None,
            failing_since: None,
            device_records: None,
            stored: db.count_terminal_punches(&key)?,
            quarantined: 0,
            skew_seconds: None,
            skew_warning: false,
            synced_until: local,
        });
    }
    let skew = last_ok.and_then(|p| p.device.skew_seconds);
    Ok(SyncStatusDto {
        state: state.to_owned(),
        last_pull_at: last.map(|p| p.started_at.clone()),
        last_ok_at: last_ok.map(|p| p.started_at.clone()),
        last_error: last.and_then(|p| stored_error(p.error.as_deref())),
        failing_since,
        device_records: last_ok.and_then(|p| p.device.device_records),
        stored: db.count_terminal_punches(&key)?,
        quarantined: db.list_quarantine(Some(&key))?.len() as i64,
        skew_seconds: skew,
        skew_warning: skew.is_some_and(core_terminal::drift_warning),
        synced_until: last_ok
            .and_then(|p| p.device.device_time)
            .map(|t| t.format(LOCAL_FORMAT).to_string()),
    })
}

fn to_dto(store: &Store, t: TerminalRow, busy: &BTreeSet<i64>) -> Result<TerminalDto> {
    let sync = sync_status(store, &t, busy)?;
    let groups = store.read().list_groups()?;
    let group_names = t
        .settings
        .group_ids
        .iter()
        .filter_map(|id| groups.iter().find(|g| g.id == *id).map(|g| g.name.clone()))
        .collect();
    let s = t.settings;
    Ok(TerminalDto {
        id: t.id,
        name: s.name,
        host: s.host,
        port: u32::from(s.port),
        transport: s.transport,
        tz: s.tz,
        location: s.location,
        state_key: s.state_key,
        name_codec: s.name_codec,
        clear_after_pull: s.clear_after_pull,
        every_minutes: s.every_minutes.map(u32::from),
        at_times: s.at_times.split(',').filter(|x| !x.is_empty()).map(str::to_owned).collect(),
        enabled: s.enabled,
        group_ids: s.group_ids,
        group_names,
        serial: t.serial,
        has_comm_key: t.has_comm_key,
        sync,
    })
}

/// Every terminal with its sync status. `busy` names the terminals being pulled right now (the
/// collector knows them): a pull left `running` on any other terminal shows as interrupted.
pub fn list_terminals(store: &Store, ctx: &Ctx, busy: &BTreeSet<i64>) -> Result<Vec<TerminalDto>> {
    ctx.actor.require(Action::ViewSettings)?;
    let rows = store.read().list_terminals()?;
    rows.into_iter().map(|t| to_dto(store, t, busy)).collect()
}

pub fn get_terminal(store: &Store, ctx: &Ctx, id: i64) -> Result<TerminalDto> {
    ctx.actor.require(Action::ViewSettings)?;
    to_dto(store, load(store, id)?, &BTreeSet::new())
}

/// Finds a terminal by its name, for the CLI.
pub fn find_by_name(store: &Store, ctx: &Ctx, name: &str) -> Result<i64> {
    ctx.actor.require(Action::ViewSettings)?;
    let row = store.read().terminal_by_name(name)?;
    row.map(|t| t.id).ok_or_else(|| Error::not_found(Entity::Terminal, name))
}

/// Adds or edits a terminal. A comm key given is stored in the OS keyring before the row is
/// committed, so a keyring failure leaves nothing half-saved.
pub fn save_terminal(store: &mut Store, ctx: &Ctx, input: TerminalInput) -> Result<TerminalDto> {
    ctx.actor.require(Action::EditSettings)?;
    let settings = core_terminal::validate(&SettingsInput {
        name: input.name.clone(),
        host: input.host.clone(),
        port: input.port,
        transport: input.transport.clone(),
        tz: input.tz.clone(),
        location: input.location.clone(),
        state_key: input.state_key.clone(),
        name_codec: input.name_codec.clone(),
        every_minutes: input.every_minutes,
        at_times: input.at_times.clone(),
        comm_key: input.comm_key.clone(),
    })
    .map_err(Error::Invalid)?;
    let groups = store.read().list_groups()?;
    let mut errors = Vec::new();
    for g in &input.group_ids {
        if !groups.iter().any(|row| row.id == *g) {
            errors.push(kaoqin_core::validation::FieldError::new(
                kaoqin_core::validation::Field::Group,
                kaoqin_core::Problem::NotFound,
                g.to_string(),
            ));
        }
    }
    if let Some(other) = store.read().terminal_by_name(&settings.name)?
        && Some(other.id) != input.id
    {
        errors.push(kaoqin_core::validation::FieldError::new(
            kaoqin_core::validation::Field::Name,
            kaoqin_core::Problem::Duplicate { holder: other.settings.name.clone() },
            settings.name.clone(),
        ));
    }
    let serial = input.serial.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(sn) = serial {
        if sn.len() > 32 || !sn.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            errors.push(kaoqin_core::validation::FieldError::new(
                kaoqin_core::validation::Field::Serial,
                kaoqin_core::Problem::BadCharacters {
                    allowed: kaoqin_core::validation::CharSet::EmployeeNo,
                },
                sn,
            ));
        } else if let Some(other) = store.read().terminal_by_serial(sn)?
            && Some(other) != input.id
        {
            errors.push(kaoqin_core::validation::FieldError::new(
                kaoqin_core::validation::Field::Serial,
                kaoqin_core::Problem::Duplicate { holder: format!("#{other}") },
                sn,
            ));
        }
    }
    if settings.transport == "push" && serial.is_none() && input.id.is_none() {
        errors.push(kaoqin_core::validation::FieldError::new(
            kaoqin_core::validation::Field::Serial,
            kaoqin_core::Problem::Required,
            "",
        ));
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    let write = TerminalWrite {
        name: settings.name.clone(),
        host: settings.host.clone(),
        port: settings.port,
        transport: settings.transport.clone(),
        tz: settings.tz.clone(),
        location: settings.location.clone(),
        state_key: settings.state_key.clone(),
        name_codec: settings.name_codec.clone(),
        clear_after_pull: input.clear_after_pull,
        every_minutes: settings.every_minutes,
        at_times: settings
            .at_times
            .iter()
            .map(|t| t.format("%H:%M").to_string())
            .collect::<Vec<_>>()
            .join(","),
        enabled: input.enabled,
        group_ids: input.group_ids.clone(),
    };
    let existing = input.id.map(|id| load(store, id)).transpose()?;
    let key_ref = match &existing {
        Some(t) => t.key_ref.clone(),
        None => new_key_ref(store, ctx, &settings.name),
    };
    // The keyring first: if it refuses, nothing is written.
    match settings.comm_key {
        Some(0) => secrets::delete_comm_key(&key_ref)?,
        Some(key) => secrets::set_comm_key(&key_ref, key)?,
        None => {}
    }
    let id = store.write(|db| -> Result<i64> {
        let id = match &existing {
            Some(t) => {
                db.update_terminal(t.id, &write)?;
                t.id
            }
            None => db.insert_terminal(&write, &key_ref, ctx.now, &ctx.actor.login)?,
        };
        if let Some(key) = settings.comm_key {
            db.set_terminal_has_comm_key(id, key != 0)?;
        }
        if let Some(sn) = serial {
            db.set_terminal_serial(id, sn)?;
        }
        ctx.audit(
            db,
            if existing.is_some() { "terminal.edit" } else { "terminal.add" },
            "terminal",
            Some(id),
            json!({
                "name": write.name, "host": write.host, "port": write.port,
                "transport": write.transport, "tz": write.tz, "state_key": write.state_key,
                "clear_after_pull": write.clear_after_pull, "enabled": write.enabled,
                "comm_key": match settings.comm_key { None => "unchanged", Some(0) => "removed", Some(_) => "set" },
            }),
        )?;
        Ok(id)
    })?;
    to_dto(store, load(store, id)?, &BTreeSet::new())
}

/// A keyring entry name no other terminal or database uses.
fn new_key_ref(store: &Store, ctx: &Ctx, name: &str) -> String {
    let mut h = Sha256::new();
    h.update(store.path().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default());
    h.update(name.as_bytes());
    h.update(ctx.now.to_rfc3339().as_bytes());
    h.update(ctx.now.timestamp_subsec_nanos().to_le_bytes());
    // Two databases of one process (or two processes) adding a terminal at the same instant.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    h.update(COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed).to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    let hex: String = h.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect();
    format!("terminal-{hex}")
}

/// Deletes a terminal that was never pulled, and its comm key.
pub fn delete_terminal(store: &mut Store, ctx: &Ctx, id: i64) -> Result<()> {
    ctx.actor.require(Action::EditSettings)?;
    let t = load(store, id)?;
    store.write(|db| -> Result<()> {
        if !db.delete_terminal(id)? {
            return Err(Error::TerminalInUse { name: t.settings.name.clone() });
        }
        ctx.audit(db, "terminal.delete", "terminal", Some(id), json!({ "name": t.settings.name }))
    })?;
    if t.has_comm_key {
        secrets::delete_comm_key(&t.key_ref)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Talking to the terminal

/// Connects and reads what the terminal says about itself. Records its serial number and the
/// transport that worked.
pub fn test_terminal<S: BorrowMut<Store>>(
    store: &Mutex<S>,
    ctx: &Ctx,
    id: i64,
) -> Result<DeviceInfoDto> {
    ctx.actor.require(Action::ViewSettings)?;
    let t = with(store, |s| load(s, id))?;
    let target = target(&t)?;
    let info = session(&target, async |c| c.info().await)?;
    let info = info.map_err(|e| terminal_error(&t, e))?;
    with(store, |s| remember_identity(s, ctx, &t, info.serial.as_deref(), info.transport))?;
    let device = zk::wall_to_naive(&info.clock).ok();
    let pc = local_now(ctx.now, &t.settings.tz);
    let skew = device.map_or(0, |d| (d - pc).num_seconds());
    Ok(DeviceInfoDto {
        transport: transport_key(info.transport).to_owned(),
        serial: info.serial,
        firmware: info.firmware,
        platform: info.platform,
        device_name: info.device_name,
        mac: info.mac,
        users: i64::from(info.sizes.users),
        user_capacity: i64::from(info.sizes.user_capacity),
        records: i64::from(info.sizes.records),
        record_capacity: i64::from(info.sizes.record_capacity),
        device_time: device
            .map(|d| d.format(LOCAL_FORMAT).to_string())
            .unwrap_or_else(|| format!("{:?}", info.clock)),
        pc_time: pc.format(LOCAL_FORMAT).to_string(),
        skew_seconds: skew,
        skew_warning: core_terminal::drift_warning(skew),
    })
}

fn local_now(now: DateTime<Utc>, tz: &str) -> NaiveDateTime {
    now.naive_utc() + Duration::seconds(zone_offset(tz))
}

/// Saves the serial number and transport the device answered with. A serial another terminal
/// already carries is refused: two rows for one device would split its punches.
fn remember_identity(
    store: &mut Store,
    ctx: &Ctx,
    t: &TerminalRow,
    serial: Option<&str>,
    transport: Transport,
) -> Result<()> {
    if let Some(sn) = serial
        && let Some(other) = store.read().terminal_by_serial(sn)?
        && other != t.id
    {
        return Err(Error::field(
            kaoqin_core::validation::Field::Host,
            kaoqin_core::Problem::Duplicate { holder: format!("SN {sn}") },
            t.settings.host.clone(),
        ));
    }
    let changed = serial.is_some() && t.serial.as_deref() != serial;
    store.write(|db| -> Result<()> {
        db.set_terminal_identity(t.id, serial, transport_key(transport))?;
        if changed {
            ctx.audit(
                db,
                "terminal.identify",
                "terminal",
                Some(t.id),
                json!({ "serial": serial }),
            )?;
        }
        Ok(())
    })
}

/// Sets the terminal's clock to the PC's (in the terminal's zone).
pub fn set_terminal_time<S: BorrowMut<Store>>(
    store: &Mutex<S>,
    ctx: &Ctx,
    id: i64,
) -> Result<DeviceInfoDto> {
    ctx.actor.require(Action::EditSettings)?;
    let t = with(store, |s| load(s, id))?;
    let target = target(&t)?;
    let to = local_now(ctx.now, &t.settings.tz);
    session(&target, async |c| c.set_time(to).await)?.map_err(|e| terminal_error(&t, e))?;
    with(store, |s| {
        s.write(|db| {
            ctx.audit(
                db,
                "terminal.set_time",
                "terminal",
                Some(id),
                json!({ "to": to.format(LOCAL_FORMAT).to_string() }),
            )
        })
    })?;
    test_terminal(store, ctx, id)
}

/// Pulls every record from the terminal into the punch log (see the module doc). `now` is read
/// when the pull starts and when it ends.
pub fn pull_terminal<S: BorrowMut<Store>>(
    store: &Mutex<S>,
    ctx: &Ctx,
    id: i64,
    now: Clock<'_>,
    progress: &mut (dyn FnMut(PullProgress) + Send),
) -> Result<PullReport> {
    ctx.actor.require(Action::EditRoster)?;
    let (t, pull) = with(store, |s| {
        let t = load(s, id)?;
        let pull =
            s.write(|db| -> Result<i64> { Ok(db.start_pull(t.id, now(), &ctx.actor.login)?) })?;
        Ok((t, pull))
    })?;
    let result = pull_started(store, ctx, &t, pull, now, progress);
    if let Err(e) = &result {
        let message = serde_json::to_string(&e.message()).unwrap_or_default();
        // Best effort: when even this fails the pull stays `running`, shown as interrupted.
        let _ = with(store, |s| {
            s.write(|db| -> Result<()> {
                db.fail_pull(pull, &message, now())?;
                ctx.audit(
                    db,
                    "terminal.pull_failed",
                    "pull_run",
                    Some(pull),
                    json!({ "terminal": t.settings.name }),
                )
            })
        });
    }
    result
}

fn pull_started<S: BorrowMut<Store>>(
    store: &Mutex<S>,
    ctx: &Ctx,
    t: &TerminalRow,
    pull: i64,
    now: Clock<'_>,
    progress: &mut (dyn FnMut(PullProgress) + Send),
) -> Result<PullReport> {
    progress(PullProgress { stage: "connecting".to_owned(), done: 0, total: 0 });
    let target = target(t)?;
    let started = now();
    let mut on_event = |event| {
        if let PullEvent::Reading { received, total } = event {
            progress(PullProgress { stage: "reading".to_owned(), done: received, total });
        }
    };
    let pulled =
        block_on(|| client::pull(&target, &mut on_event))?.map_err(|e| terminal_error(t, e))?;

    let serial = pulled.info.serial.clone();
    let device_time = zk::wall_to_naive(&pulled.info.clock).ok();
    let skew = device_time.map(|d| (d - local_now(started, &t.settings.tz)).num_seconds());
    with(store, |s| remember_identity(s, ctx, t, serial.as_deref(), pulled.info.transport))?;
    let key = serial.clone().unwrap_or_else(|| t.punch_key());
    let (punches, quarantined) = split_records(&key, &t.settings.tz, &pulled.attendance.records);
    let layout_size = pulled.attendance.layout.size() as i64;
    let raw = &pulled.attendance.raw;
    let sha: String = Sha256::digest(raw).iter().map(|b| format!("{b:02x}")).collect();
    let records = pulled.attendance.records.len();
    let batch = with(store, |s| {
        s.write(|db| -> Result<i64> {
            db.set_pull_device(
                pull,
                &PullDevice {
                    transport: transport_key(pulled.info.transport).to_owned(),
                    serial: serial.clone(),
                    firmware: Some(pulled.info.firmware.clone()),
                    skew_seconds: skew,
                    device_time,
                    device_records: Some(i64::from(pulled.records_before)),
                    device_users: Some(i64::from(pulled.info.sizes.users)),
                },
            )?;
            let batch = db.insert_punch_batch(
                &BatchWrite {
                    kind: "pull",
                    file_name: &t.settings.name,
                    sha256: &sha,
                    lines: records as u32,
                },
                ctx.now,
                &ctx.actor.login,
            )?;
            db.set_pull_batch(pull, batch)?;
            db.keep_pull_blob(&sha, t.id, pull, layout_size, raw)?;
            Ok(batch)
        })
    })?;

    let total = punches.len() as u32;
    let mut added = 0u32;
    progress(PullProgress { stage: "saving".to_owned(), done: 0, total });
    let mut written = 0u32;
    // A log unchanged since a finished pull holds nothing new: every record of it is stored.
    let unchanged = with(store, |s| Ok(s.read().pulled_before(t.id, &sha)?))?;
    if !unchanged {
        for chunk in punches.chunks(BATCH) {
            added += with(store, |s| Ok(s.write(|db| db.append_raw_punches(batch, chunk))?))?;
            written += chunk.len() as u32;
            progress(PullProgress { stage: "saving".to_owned(), done: written, total });
        }
    }
    progress(PullProgress { stage: "saving".to_owned(), done: total, total });
    let figures = PullFigures {
        record_size: Some(layout_size),
        bytes: raw.len() as i64,
        records_read: records as i64,
        added: i64::from(added),
        quarantined: quarantined.len() as i64,
    };
    let unknown_pins = with(store, |s| unknown_pins(s, &punches))?;
    with(store, |s| {
        s.write(|db| -> Result<()> {
            db.finish_punch_batch(batch, added)?;
            db.append_quarantine(batch, &quarantined)?;
            db.finish_pull(pull, &figures, now())?;
            ctx.audit(
                db,
                "terminal.pull",
                "pull_run",
                Some(pull),
                json!({
                    "terminal": t.settings.name, "serial": serial, "records": records,
                    "added": added, "quarantined": quarantined.len(), "sha256": sha,
                }),
            )
        })
    })?;
    let skew_seconds = skew.unwrap_or(0);
    let (cleared, clear_refused) = if t.settings.clear_after_pull {
        match clear_refusal(records, &pulled) {
            Some(why) => (false, Some(why)),
            None => {
                let covered =
                    Covered { key: &key, punches: punches.len(), quarantined: quarantined.len() };
                match clear_after_backup(
                    store,
                    ctx,
                    t,
                    &target,
                    pull,
                    pulled.records_before,
                    &covered,
                    now,
                )? {
                    None => (true, None),
                    Some(why) => (false, Some(why)),
                }
            }
        }
    } else {
        (false, None)
    };
    Ok(PullReport {
        terminal_id: t.id,
        terminal: t.settings.name.clone(),
        pull_id: pull,
        serial,
        transport: transport_key(pulled.info.transport).to_owned(),
        records: records as u32,
        added,
        already_stored: total.saturating_sub(added),
        quarantined: quarantined.len() as u32,
        bytes: raw.len() as u32,
        record_size: layout_size as u32,
        skew_seconds,
        skew_warning: core_terminal::drift_warning(skew_seconds),
        device_records: i64::from(pulled.records_before),
        device_records_after: i64::from(pulled.records_after),
        unknown_pins,
        cleared,
        clear_refused,
    })
}

/// What a pull stored, which a backup must hold before the terminal may be cleared.
struct Covered<'a> {
    key: &'a str,
    punches: usize,
    quarantined: usize,
}

/// Clears the terminal's log after this pull, when it is safe: every record read is in the
/// database and in a verified backup taken now (`backups/` next to the database), and the
/// terminal — locked again — still holds exactly the records that were read (nobody punched
/// since). Returns why it did not clear, or `None` when it did. Never clears anything from an
/// in-memory database (there is no backup of it).
#[allow(clippy::too_many_arguments)]
fn clear_after_backup<S: BorrowMut<Store>>(
    store: &Mutex<S>,
    ctx: &Ctx,
    t: &TerminalRow,
    target: &Target,
    pull: i64,
    count: i32,
    covered: &Covered<'_>,
    now: Clock<'_>,
) -> Result<Option<Localized>> {
    let backup = with(store, |s| {
        let Some(path) = s.path().map(std::path::Path::to_path_buf) else {
            return Ok(Err(Localized::new(
                "数据库不在磁盘上，无法备份，所以没有清除考勤机",
                "the database is not on disk and cannot be backed up, so the terminal was not cleared",
            )));
        };
        let stored = s.read().count_terminal_punches(covered.key)?;
        let kept = s.read().list_quarantine(Some(covered.key))?.len();
        if (stored as usize) < covered.punches || kept < covered.quarantined {
            return Ok(Err(Localized::new(
                "数据库里的记录比读到的少，所以没有清除考勤机",
                "the database holds fewer records than were read, so the terminal was not cleared",
            )));
        }
        let dir = path.parent().map(|d| d.join("backups")).unwrap_or_else(|| "backups".into());
        let name = format!("kaoqin-{}-pull{pull}.db", now().format("%Y%m%d-%H%M%S"));
        match s.backup_to(&dir.join(name)) {
            Ok(info) if info.raw_punches >= stored => Ok(Ok(info)),
            Ok(_) => Ok(Err(Localized::new(
                "备份里的记录数不对，所以没有清除考勤机",
                "the backup does not hold every record, so the terminal was not cleared",
            ))),
            Err(e) => Ok(Err(Localized::new(
                format!("备份失败（{e}），所以没有清除考勤机"),
                format!("the backup failed ({e}), so the terminal was not cleared"),
            ))),
        }
    })?;
    let backup = match backup {
        Ok(info) => info,
        Err(why) => return Ok(Some(why)),
    };
    let outcome = session(target, async |c| {
        c.disable().await?;
        let now_held = c.free_sizes().await.map(|s| s.records);
        let cleared = match now_held {
            Ok(n) if n == count => c.clear_attendance().await.map(|()| true),
            Ok(_) => Ok(false),
            Err(e) => Err(e),
        };
        let _ = c.enable().await;
        cleared
    })?;
    match outcome {
        Ok(true) => {
            with(store, |s| {
                s.write(|db| -> Result<()> {
                    db.mark_pull_cleared(pull, now())?;
                    ctx.audit(
                        db,
                        "terminal.clear",
                        "pull_run",
                        Some(pull),
                        json!({
                            "terminal": t.settings.name, "records": count,
                            "backup": backup.path.display().to_string(),
                        }),
                    )
                })
            })?;
            Ok(None)
        }
        Ok(false) => Ok(Some(Localized::new(
            "下载后考勤机上又有了新记录，所以这次没有清除；下次下载后再清除",
            "new punches reached the terminal after the read, so it was not cleared this time",
        ))),
        Err(e) => Ok(Some(Localized::new(
            format!("清除考勤机时出错（{}），记录都已保存并备份", messages::client_error(&e).zh),
            format!(
                "clearing the terminal failed ({}); every record is stored and backed up",
                messages::client_error(&e).en
            ),
        ))),
    }
}

/// Why the terminal must not be cleared after this pull, if it must not: the read was not whole
/// or somebody punched meanwhile.
fn clear_refusal(records: usize, pulled: &client::Pulled) -> Option<Localized> {
    let (before, after) = (pulled.records_before, pulled.records_after);
    let read = records as i64;
    if i64::from(before) != read || before != after {
        return Some(Localized::new(
            format!(
                "考勤机上有 {before} 条（读完后 {after} 条），实际读到 {read} 条，数目不一致，所以没有清除考勤机"
            ),
            format!(
                "the terminal held {before} records ({after} after the read) and {read} were read; the counts differ, so it was not cleared"
            ),
        ));
    }
    None
}

/// Turns records into punches, and records whose time is not a real moment into quarantine
/// rows. A record names its person by the PIN (user id), or by the internal number when the
/// terminal's layout has no PIN.
fn split_records(
    key: &str,
    tz: &str,
    records: &[zk::AttRecord],
) -> (Vec<RawPunchWrite>, Vec<QuarantineWrite>) {
    let offset = zone_offset(tz);
    let mut punches = Vec::with_capacity(records.len());
    let mut quarantined = Vec::new();
    for r in records {
        let who = if r.user_id.is_empty() { r.uid.to_string() } else { r.user_id.clone() };
        let wall = zk::decode_time(r.time_raw);
        match zk::wall_to_naive(&wall) {
            Ok(local) if (2000..=2099).contains(&chrono::Datelike::year(&local)) => {
                punches.push(RawPunchWrite {
                    terminal: key.to_owned(),
                    who_kind: "pin",
                    who,
                    term_local: local,
                    term_tz: tz.to_owned(),
                    instant: (local - Duration::seconds(offset)).and_utc(),
                    verify_mode: Some(r.verify),
                    state: Some(r.state),
                    work_code: r.work_code.to_string(),
                })
            }
            outcome => quarantined.push(QuarantineWrite {
                terminal: key.to_owned(),
                who,
                raw_time: r.time_raw,
                fields: format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                    wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second
                ),
                reason: match outcome {
                    Err(e) => e.to_string(),
                    Ok(_) => "year outside 2000–2099".to_owned(),
                },
                verify_mode: Some(r.verify),
                state: Some(r.state),
            }),
        }
    }
    (punches, quarantined)
}

fn unknown_pins(store: &Store, punches: &[RawPunchWrite]) -> Result<Vec<String>> {
    let filter = kaoqin_store::EmployeeFilter { limit: u32::MAX, ..Default::default() };
    let (employees, _) = store.read().list_employees(&filter)?;
    let known: BTreeSet<&str> = employees.iter().filter_map(|e| e.pin.as_deref()).collect();
    let unknown: BTreeSet<&str> =
        punches.iter().map(|p| p.who.as_str()).filter(|w| !known.contains(w)).collect();
    Ok(unknown.into_iter().map(str::to_owned).collect())
}

// ---------------------------------------------------------------------------------------------
// Sync log and quarantine

/// `live`: this row is the pull going on right now.
fn log_row(p: PullRow, live: bool) -> PullLogDto {
    let outcome =
        if p.outcome == "running" && !live { "interrupted".to_owned() } else { p.outcome.clone() };
    PullLogDto {
        id: p.id,
        started_at: p.started_at,
        finished_at: p.finished_at,
        outcome,
        error: stored_error(p.error.as_deref()),
        started_by: p.started_by,
        transport: (!p.device.transport.is_empty()).then_some(p.device.transport),
        skew_seconds: p.device.skew_seconds,
        device_records: p.device.device_records,
        records: p.figures.records_read,
        added: p.figures.added,
        quarantined: p.figures.quarantined,
        bytes: p.figures.bytes,
        cleared_at: p.cleared_at,
    }
}

/// A terminal's newest pulls first. `busy`: the terminal is being pulled right now.
pub fn list_pulls(
    store: &Store,
    ctx: &Ctx,
    id: i64,
    limit: u32,
    busy: bool,
) -> Result<Vec<PullLogDto>> {
    ctx.actor.require(Action::ViewSettings)?;
    load(store, id)?;
    let rows = store.read().list_pulls(id, limit.clamp(1, 1000))?;
    Ok(rows.into_iter().enumerate().map(|(i, p)| log_row(p, busy && i == 0)).collect())
}

/// Quarantined records, of one terminal or all.
pub fn list_quarantine(store: &Store, ctx: &Ctx, id: Option<i64>) -> Result<Vec<QuarantineDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let key = id.map(|id| load(store, id).map(|t| t.punch_key())).transpose()?;
    Ok(store
        .read()
        .list_quarantine(key.as_deref())?
        .into_iter()
        .map(|q| QuarantineDto {
            id: q.id,
            terminal: q.write.terminal,
            pin: q.write.who,
            fields: q.write.fields,
            raw_time: q.write.raw_time,
            reason: Localized::new(
                format!("时间不存在（{}），考勤机时钟可能出过错；记录已保留，未计入考勤", q.write.reason),
                format!(
                    "the time does not exist ({}); the terminal's clock may have failed. Kept, not counted",
                    q.write.reason
                ),
            ),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(user: &str, time: chrono::NaiveDateTime) -> zk::AttRecord {
        zk::AttRecord {
            uid: 1,
            user_id: user.to_owned(),
            verify: 1,
            state: 0,
            time_raw: zk::encode_time(time).unwrap(),
            work_code: 0,
        }
    }

    #[test]
    fn impossible_times_are_quarantined_with_their_raw_value() {
        let good =
            chrono::NaiveDate::from_ymd_opt(2026, 2, 27).unwrap().and_hms_opt(8, 1, 0).unwrap();
        let mut bad = record("7", good);
        // 31-day months: day 31 of February is a value the terminal can send.
        bad.time_raw += 4 * 86_400;
        let (punches, quarantined) =
            split_records("SN1", "Asia/Shanghai", &[record("7", good), bad.clone()]);
        assert_eq!(punches.len(), 1);
        assert_eq!(punches[0].instant.to_rfc3339(), "2026-02-27T00:01:00+00:00");
        assert_eq!(quarantined.len(), 1);
        assert_eq!(quarantined[0].fields, "2026-02-31 08:01:00");
        assert_eq!(quarantined[0].raw_time, bad.time_raw);
    }
}

// ---------------------------------------------------------------------------------------------
// Demo data for the terminal simulator

/// One person's planned month, for a simulated terminal's punch generator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedShifts {
    pub pin: String,
    pub name: String,
    /// Each working date with its first check-in and last check-out, minutes from that date's
    /// midnight (past 1440 for a shift that ends the next day).
    pub days: Vec<(chrono::NaiveDate, u32, u32)>,
}

/// Everyone with a terminal PIN and the shifts planned for them in `month` (`YYYY-MM`): what a
/// simulated terminal needs to punch like the real staff would.
pub fn planned_shifts(store: &Store, ctx: &Ctx, month: &str) -> Result<Vec<PlannedShifts>> {
    ctx.actor.require(Action::ViewRoster)?;
    let (first, last) = crate::schedule::month_range(month)?;
    let cx = crate::schedule::Context::load(store, first, last)?;
    let mut people = Vec::new();
    for e in &cx.roster.employees {
        let Some(pin) = e.pin.clone() else { continue };
        let days = crate::schedule::dates(first, last)
            .filter(|d| crate::schedule::Context::on_books(e, *d))
            .filter_map(|d| {
                let plan = cx.engine_plan(e, d);
                let spans = plan.timetable?.1.work_spans();
                let start = spans.iter().map(|s| s.0).min()?;
                let end = spans.iter().map(|s| s.1).max()?;
                Some((d, start, end))
            })
            .collect::<Vec<_>>();
        if !days.is_empty() {
            people.push(PlannedShifts { pin, name: e.name.clone(), days });
        }
    }
    Ok(people)
}

// ---------------------------------------------------------------------------------------------
// Users on the terminal

/// People in the actor's department scope who are on the books (not 离职).
fn roster_in_scope(store: &Store, ctx: &Ctx) -> Result<Vec<kaoqin_store::EmployeeRow>> {
    let roster = crate::groups::Roster::load(&store.read())?;
    let scope = ctx.actor.department_scope(&roster.nodes);
    Ok(roster
        .employees
        .into_iter()
        .filter(|e| scope.as_ref().is_none_or(|s| s.contains(&e.department_id)))
        .filter(|e| e.left_on.is_none())
        .collect())
}

/// The users enrolled on a terminal (PIN, name, card; never fingerprints or faces), each matched
/// to the employee with that PIN, or to a likely one by name. Logged: it shows personal data.
pub fn terminal_users<S: BorrowMut<Store>>(
    store: &Mutex<S>,
    ctx: &Ctx,
    id: i64,
) -> Result<Vec<TerminalUserDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let t = with(store, |s| load(s, id))?;
    let target = target(&t)?;
    let (_, users) =
        session(&target, async |c| c.read_users().await)?.map_err(|e| terminal_error(&t, e))?;
    let people = with(store, |s| roster_in_scope(s, ctx))?;
    let list = on_roster(&people, &users, codec(&t.settings.name_codec));
    with(store, |s| {
        s.write(|db| {
            ctx.audit(
                db,
                "terminal.users_view",
                "terminal",
                Some(id),
                json!({ "users": list.len() }),
            )
        })
    })?;
    Ok(list)
}

/// The people in `user.dat` from a terminal's USB export, matched to the roster as
/// [`terminal_users`] does; names read in `name_codec` (a terminal's setting; GBK unless told).
pub fn users_from_file(
    store: &mut Store,
    ctx: &Ctx,
    file_name: &str,
    bytes: &[u8],
    name_codec: Option<&str>,
) -> Result<Vec<TerminalUserDto>> {
    ctx.actor.require(Action::ViewRoster)?;
    let (_, users) = kaoqin_terminals::parse_user_dat(bytes)
        .map_err(|_| Error::UnreadableFile(FileProblem::NotUserDat { bytes: bytes.len() }))?;
    let people = roster_in_scope(store, ctx)?;
    let list = on_roster(&people, &users, codec(name_codec.unwrap_or("gbk")));
    let sha: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    store.write(|db| {
        ctx.audit(
            db,
            "terminal.users_file",
            "file",
            None,
            json!({ "file": file_name, "sha256": sha, "users": list.len() }),
        )
    })?;
    Ok(list)
}

/// Terminal users with who they are on the roster: by PIN, else a suggestion by name among
/// people without a PIN.
fn on_roster(
    people: &[kaoqin_store::EmployeeRow],
    users: &[zk::UserRecord],
    codec: NameCodec,
) -> Vec<TerminalUserDto> {
    users
        .iter()
        .map(|u| {
            let name = u.name(codec);
            let by_pin = people.iter().find(|e| e.pin.as_deref() == Some(u.user_id.as_str()));
            let by_name = by_pin
                .is_none()
                .then(|| people.iter().find(|e| e.pin.is_none() && e.name == name))
                .flatten();
            TerminalUserDto {
                pin: u.user_id.clone(),
                name,
                card: (u.card != 0).then(|| u.card.to_string()),
                privilege: u32::from(u.privilege),
                employee_id: by_pin.map(|e| e.id),
                employee_no: by_pin.map(|e| e.employee_no.clone()),
                employee_name: by_pin.map(|e| e.name.clone()),
                suggestion_id: by_name.map(|e| e.id),
                suggestion_no: by_name.map(|e| e.employee_no.clone()),
            }
        })
        .collect()
}

/// Writes employees (PIN, name, card) to the terminal: everyone in scope with a PIN, or only
/// `employee_ids`. A PIN the terminal has already keeps its slot; new ones get free slots.
/// Names are written in the terminal's encoding. Nothing is deleted from the terminal.
pub fn upload_employees<S: BorrowMut<Store>>(
    store: &Mutex<S>,
    ctx: &Ctx,
    id: i64,
    employee_ids: Option<&[i64]>,
) -> Result<UploadReport> {
    ctx.actor.require(Action::EditSettings)?;
    let t = with(store, |s| load(s, id))?;
    let target = target(&t)?;
    let people: Vec<_> = with(store, |s| roster_in_scope(s, ctx))?
        .into_iter()
        .filter(|e| employee_ids.is_none_or(|ids| ids.contains(&e.id)))
        .collect();
    let without_pin = people.iter().filter(|e| e.pin.is_none()).count() as u32;
    let codec = codec(&t.settings.name_codec);
    let (written, added) = session(&target, async |c| {
        let (layout, existing) = c.read_users().await?;
        let mut next = existing.iter().map(|u| u.uid).max().unwrap_or(0);
        let (mut written, mut added) = (0u32, 0u32);
        for e in &people {
            let Some(pin) = &e.pin else { continue };
            let old = existing.iter().find(|u| &u.user_id == pin);
            let uid = match old {
                Some(u) => u.uid,
                None => {
                    next = next.saturating_add(1);
                    added += 1;
                    next
                }
            };
            let user = zk::UserRecord {
                uid,
                privilege: old.map_or(0, |u| u.privilege),
                password: old.map(|u| u.password.clone()).unwrap_or_default(),
                name_raw: zk::encode_name(&e.name, codec, layout.name_width()),
                card: e.card_no.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0),
                group: old.map_or(1, |u| u.group),
                user_id: pin.clone(),
            };
            c.write_user(&user, layout).await?;
            written += 1;
        }
        c.refresh().await?;
        Ok((written, added))
    })?
    .map_err(|e| terminal_error(&t, e))?;
    with(store, |s| {
        s.write(|db| {
            ctx.audit(
                db,
                "terminal.upload_users",
                "terminal",
                Some(id),
                json!({ "written": written, "added": added }),
            )
        })
    })?;
    Ok(UploadReport { terminal: t.settings.name.clone(), written, added, without_pin })
}
