//! The `kaoqin-terminal-sim` binary: flags become the device it serves, the one status line tells
//! where it listens, and a wrong profile name is refused with the list of names.
//!
//! Not here: protocol details (`protocol`).

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, UdpSocket};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use kaoqin_terminals::zk::options::option_request;
use kaoqin_terminals::zk::{Packet, cmd, decode_udp, parse_free_sizes, parse_option_reply};

const BIN: &str = env!("CARGO_BIN_EXE_kaoqin-terminal-sim");

/// Kills the simulator when the test ends, passed or not.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn udp_request(socket: &UdpSocket, command: u16, session: u16, reply: u16, data: &[u8]) -> Packet {
    socket.send(&Packet::new(command, session, reply, data.to_vec()).encode_udp()).unwrap();
    let mut buf = [0u8; 2048];
    let n = socket.recv(&mut buf).expect("the simulator answers over UDP");
    decode_udp(&buf[..n]).unwrap().packet
}

#[test]
fn binary_serves_generated_data_and_prints_one_line() {
    let mut child = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--records", "300", "--users", "10"])
        .args(["--seed", "3", "--serial", "CLI0001", "--profile", "tft49"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the simulator binary");
    let stdout = child.stdout.take().unwrap();
    let running = Running(child);
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(20)).expect("a status line within 20 s");
    assert!(line.contains("profile tft49, 300 records, 10 users"), "{line}");
    let addr: SocketAddr = line
        .strip_prefix("listening on ")
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    assert_ne!(addr.port(), 0);

    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    socket.connect(addr).unwrap();
    socket.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let p = udp_request(&socket, cmd::CONNECT, 0, 0, &[]);
    assert_eq!(p.command, cmd::ACK_OK);
    let session = p.session;
    let p = udp_request(&socket, cmd::OPTIONS_RRQ, session, 1, &option_request("~SerialNumber"));
    assert_eq!(parse_option_reply(&p.data), Some(("~SerialNumber".into(), "CLI0001".into())));
    let p = udp_request(&socket, cmd::GET_FREE_SIZES, session, 2, &[]);
    let sizes = parse_free_sizes(&p.data).unwrap();
    assert_eq!((sizes.records, sizes.users), (300, 10));
    drop(running);
}

#[test]
fn binary_refuses_an_unknown_profile() {
    let out = Command::new(BIN)
        .args(["--listen", "127.0.0.1:0", "--profile", "zk9"])
        .output()
        .expect("run the simulator binary");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown profile") && err.contains("udp-only"), "{err}");
}
