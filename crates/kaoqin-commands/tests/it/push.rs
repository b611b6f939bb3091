//! Terminals pushing over ADMS, through the real HTTP receiver on loopback into the real store:
//! an unknown device waits for approval with everything it sent kept; once approved, what it
//! sent is stored; later posts go straight in, and a repeated post adds nothing.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use kaoqin_commands::{Actor, Store, push, terminals};
use kaoqin_terminal_sim::adms::{PushMode, push as device_push};
use kaoqin_terminal_sim::{Device, fixed_clock, lock};
use kaoqin_terminals::adms;

use crate::{ctx, seeded};

#[test]
fn a_pushing_terminal_is_approved_then_its_punches_arrive_once() {
    let (store, ..) = seeded();
    let c = ctx();
    let shared = Arc::new(Mutex::new(store));
    let now = c.now;
    let sink = push::StoreSink::new(shared.clone(), Actor::builtin_admin(), Arc::new(move || now));
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let receiver =
        runtime.block_on(adms::serve("127.0.0.1:0".parse().unwrap(), Arc::new(sink))).unwrap();
    let url = format!("http://{}", receiver.local_addr());

    let at = |d, h, m| NaiveDate::from_ymd_opt(2026, 11, d).unwrap().and_hms_opt(h, m, 0).unwrap();
    let mut device = Device::new("ADMS0001", fixed_clock(at(23, 9, 30)));
    assert!(device.push_punch("1001", at(20, 8, 55), 15, 0));
    assert!(device.push_punch("1001", at(20, 18, 2), 15, 1));
    let device = device.shared();
    let send = |mode: PushMode| runtime.block_on(device_push(&url, device.clone(), mode)).unwrap();

    // Unknown: kept, not stored, listed for approval.
    send(PushMode::default());
    let count = |s: &Arc<Mutex<Store>>| s.lock().unwrap().read().count_raw_punches().unwrap();
    assert_eq!(count(&shared), 0);
    let waiting = push::list_push_devices(&shared.lock().unwrap(), &c).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(
        (waiting[0].serial.as_str(), waiting[0].terminal_id, waiting[0].waiting),
        ("ADMS0001", None, 1)
    );

    // Approved: what it sent is stored.
    let t = push::approve_push_device(&mut shared.lock().unwrap(), &c, "ADMS0001", "大门").unwrap();
    assert_eq!((t.transport.as_str(), t.serial.as_deref()), ("push", Some("ADMS0001")));
    assert_eq!(count(&shared), 2);
    let devices = push::list_push_devices(&shared.lock().unwrap(), &c).unwrap();
    assert_eq!((devices[0].terminal.as_deref(), devices[0].waiting), (Some("大门"), 0));

    // Later posts go straight in; the same punches sent again add nothing.
    assert!(lock(&device).push_punch("1001", at(23, 8, 58), 15, 0));
    let stats = send(PushMode { ignore_stamp: true, ..PushMode::default() });
    assert_eq!(stats.accepted_total(), 3, "every line accepted: {stats:?}");
    assert_eq!(count(&shared), 3);
    let again = send(PushMode::default());
    assert_eq!(again.skipped, 3, "the stamp tells the device what is stored: {again:?}");
    assert_eq!(count(&shared), 3);

    // A pushing terminal is never pulled.
    let err = terminals::pull_terminal(&shared, &c, t.id, &|| now, &mut |_| {}).unwrap_err();
    assert!(err.to_dto().message.zh.contains("ADMS"), "{}", err.to_dto().message.zh);
    let list = terminals::list_terminals(&shared.lock().unwrap(), &c, &Default::default()).unwrap();
    assert_eq!((list[0].sync.state.as_str(), list[0].sync.stored), ("ok", 3));
    assert_eq!(list[0].sync.synced_until.as_deref(), Some("2026-11-23 09:30:00"));
    runtime.block_on(receiver.shutdown()).expect("the receiver stops");
}

/// A port nothing listens on right now.
fn free_port() -> u32 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    u32::from(probe.local_addr().unwrap().port())
}

#[test]
fn the_receiver_starts_moves_and_stops_as_its_settings_say() {
    use kaoqin_commands::dto::PushReceiverInput;

    let (store, ..) = seeded();
    let c = ctx();
    let shared = Arc::new(Mutex::new(store));
    let now = c.now;
    let clock: push::SharedClock = Arc::new(move || now);
    let receiver = push::Receiver::new().unwrap();
    let get = || push::get_push_receiver(&shared.lock().unwrap(), &c, Some(&receiver)).unwrap();
    let save = |enabled, host: &str, port| {
        let input = PushReceiverInput { enabled, host: host.into(), port };
        push::save_push_receiver(&shared, &c, &receiver, clock.clone(), input)
    };

    // Off on 8081 until the clerk turns it on.
    let first = get();
    assert_eq!((first.enabled, first.host.as_str(), first.port), (false, "", 8081));
    assert_eq!((first.listening, first.problem), (None, None));

    // On: a device that calls is listed.
    let port = free_port();
    let on = save(true, "127.0.0.1", port).unwrap();
    assert_eq!(on.listening.as_deref(), Some(format!("127.0.0.1:{port}").as_str()));
    let url = format!("http://127.0.0.1:{port}");
    let device = Device::new("ADMS0002", fixed_clock(now.naive_utc())).shared();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(device_push(&url, device.clone(), PushMode::default())).unwrap();
    let devices = push::list_push_devices(&shared.lock().unwrap(), &c).unwrap();
    assert_eq!(devices.iter().map(|d| d.serial.as_str()).collect::<Vec<_>>(), ["ADMS0002"]);

    // Moved to a port another program holds: saved, not listening, and the clerk is told why.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let taken_port = u32::from(taken.local_addr().unwrap().port());
    let blocked = save(true, "127.0.0.1", taken_port).unwrap();
    assert_eq!((blocked.port, blocked.listening.as_deref()), (taken_port, None));
    let why = blocked.problem.expect("a reason");
    assert!(why.zh.contains(&format!("端口 {taken_port} 已被别的程序占用")), "{}", why.zh);
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port as u16)).is_err(),
        "the old address is closed"
    );

    // Bad input changes nothing and names both fields.
    let err = save(true, "pc-01", 0).unwrap_err().to_dto();
    let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["host", "port"]);
    assert_eq!(get().port, taken_port);

    // Off: nothing listens, the problem is gone.
    let port = free_port();
    save(true, "127.0.0.1", port).unwrap();
    let off = save(false, "127.0.0.1", port).unwrap();
    assert_eq!((off.enabled, off.listening, off.problem), (false, None, None));
    assert!(std::net::TcpStream::connect(("127.0.0.1", port as u16)).is_err());
}
