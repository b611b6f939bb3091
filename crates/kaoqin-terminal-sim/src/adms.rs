//! Push mode: the fake terminal as an ADMS/PUSH ("iclock") HTTP client (zk-protocol.md §18), the
//! way a terminal set to "Cloud/ADMS server" sends its punches to Kaoqin's receiver. [`push`]
//! does one round of what such a device does: the handshake
//! (`GET /iclock/cdata?SN=…&options=all&pushver=2.4.1`), its punch log as ATTLOG posts in
//! batches with a `Stamp`, then one heartbeat (`GET /iclock/getrequest`), and reports what the
//! server said ([`PushStats`]).
//!
//! HTTP is written by hand, as small firmware does: HTTP/1.1, one request per connection
//! (`Connection: close`), `Content-Length` bodies, the answer read to the end. Lines are what
//! firmware 2.4.x sends: `PIN \t YYYY-MM-DD HH:MM:SS \t Status \t Verify \t WorkCode \t 0 \t 0`,
//! LF-ended, with the stored wall time as it is (an impossible date such as 2026-02-31 goes out
//! as written, as a terminal with a broken clock would send it). Stamps are punch counts: a post
//! carries the number of punches up to its last line, and a handshake stamp `n` means the
//! server holds the first `n`, so only the rest are sent.
//!
//! Not here: the periodic heartbeat loop, realtime single-punch posts, OPERLOG/user uploads,
//! photos, running commands the server sends (they are only counted), setting the device clock
//! from the `Date` header (only reported), push v3, HTTPS.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use kaoqin_terminals::zk::decode_time;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::device::{SharedDevice, SimPunch, lock};

/// Most lines the receiver reads from one post (its cap).
pub const MAX_BATCH_LINES: usize = 10_000;
/// Most bytes of an answer read.
const MAX_REPLY_BYTES: usize = 64 * 1024;

/// How to push.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushMode {
    /// Lines per ATTLOG post, 1 to [`MAX_BATCH_LINES`] (clamped).
    pub batch_lines: usize,
    /// Time limit of each request, connect to last byte.
    pub timeout: Duration,
    /// `pushver` of the handshake.
    pub push_version: String,
    /// Send every punch even when the server's `ATTLOGStamp` says it holds some already.
    pub ignore_stamp: bool,
}

impl Default for PushMode {
    /// 500 lines a post, 10 s a request, push 2.4.1, resume from the server's stamp.
    fn default() -> Self {
        PushMode {
            batch_lines: 500,
            timeout: Duration::from_secs(10),
            push_version: "2.4.1".to_owned(),
            ignore_stamp: false,
        }
    }
}

/// What one round of pushing did and what the server answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushStats {
    /// The handshake's options (`ATTLOGStamp`, `TimeZone`, `Delay`, …), name to value.
    pub options: BTreeMap<String, String>,
    /// The `Date` header of the handshake answer.
    pub server_date: Option<DateTime<Utc>>,
    /// Punches not sent because the server's `ATTLOGStamp` says it holds them.
    pub skipped: usize,
    /// ATTLOG lines sent.
    pub lines_sent: usize,
    /// ATTLOG posts made.
    pub posts: usize,
    /// Per post, the server's `OK: n`; `None` for a bare `OK` (a server that does not count, or
    /// a device it does not know yet).
    pub accepted: Vec<Option<usize>>,
    /// Command lines (`C:<id>:<command>`) the heartbeat answer held; never run.
    pub commands: Vec<String>,
}

impl PushStats {
    /// The sum of the server's `OK: n` numbers.
    pub fn accepted_total(&self) -> usize {
        self.accepted.iter().flatten().sum()
    }
}

/// What can stop a push.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(
        "{url:?} is not an ADMS server address: use http://host:port (terminals speak plain HTTP)"
    )]
    BadUrl { url: String },
    #[error(
        "cannot reach the ADMS server at {addr}: {source}; check that it runs and listens there"
    )]
    Connect {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the connection to the ADMS server broke: {0}; try again")]
    Io(#[source] std::io::Error),
    #[error("the ADMS server did not answer {path} within {seconds} s; check that it is not stuck")]
    Timeout { path: &'static str, seconds: u64 },
    #[error("the ADMS server answered {path} with {status} {body:?}: see its log for why")]
    Refused { path: &'static str, status: u16, body: String },
    #[error("the ADMS server's answer to {path} is not HTTP: {detail}")]
    BadReply { path: &'static str, detail: String },
}

/// Pushes `device`'s punch log to the ADMS server at `server` (`http://host:port`): handshake,
/// ATTLOG posts of at most [`PushMode::batch_lines`] lines, one heartbeat. Stops at the first
/// answer that is not 200 (a real device would try that post again later).
pub async fn push(
    server: &str,
    device: SharedDevice,
    options: PushMode,
) -> Result<PushStats, PushError> {
    let authority =
        authority(server).ok_or_else(|| PushError::BadUrl { url: server.to_owned() })?;
    let (serial, punches) = {
        let d = lock(&device);
        (d.serial.clone(), d.punches.clone())
    };
    let client = Client { authority, timeout: options.timeout };
    let mut stats = PushStats::default();

    let target = format!(
        "/iclock/cdata?SN={serial}&options=all&pushver={}&language=83",
        options.push_version
    );
    let reply = client.call("GET", "/iclock/cdata", &target, b"").await?;
    if !reply.body.starts_with("GET OPTION FROM:") {
        return Err(PushError::BadReply {
            path: "/iclock/cdata",
            detail: format!("no options in {:?}", excerpt(&reply.body)),
        });
    }
    stats.options = reply
        .body
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once('='))
        .map(|(name, value)| (name.trim().to_owned(), value.trim().to_owned()))
        .collect();
    stats.server_date = reply
        .header("date")
        .and_then(|d| DateTime::parse_from_rfc2822(d).ok())
        .map(|d| d.with_timezone(&Utc));

    let held = stats.options.get("ATTLOGStamp").and_then(|s| s.parse::<usize>().ok()).unwrap_or(0);
    let from = if options.ignore_stamp { 0 } else { held.min(punches.len()) };
    stats.skipped = from;
    let batch = options.batch_lines.clamp(1, MAX_BATCH_LINES);
    let mut start = from;
    while start < punches.len() {
        let end = start.saturating_add(batch).min(punches.len());
        let body: String = punches[start..end].iter().map(attlog_line).collect();
        let target = format!("/iclock/cdata?SN={serial}&table=ATTLOG&Stamp={end}");
        let reply = client.call("POST", "/iclock/cdata", &target, body.as_bytes()).await?;
        let answer = reply.body.trim();
        let accepted = match answer.strip_prefix("OK") {
            Some("") => None,
            Some(rest) => rest.trim_start_matches(':').trim().parse().ok(),
            None => {
                return Err(PushError::BadReply {
                    path: "/iclock/cdata",
                    detail: format!("an ATTLOG post was answered {:?}", excerpt(answer)),
                });
            }
        };
        stats.posts += 1;
        stats.lines_sent += end - start;
        stats.accepted.push(accepted);
        start = end;
    }

    let target = format!("/iclock/getrequest?SN={serial}");
    let reply = client.call("GET", "/iclock/getrequest", &target, b"").await?;
    stats.commands =
        reply.body.lines().filter(|l| l.starts_with("C:")).map(str::to_owned).collect();
    Ok(stats)
}

/// One ATTLOG line as firmware 2.4.x writes it, LF-ended.
pub fn attlog_line(punch: &SimPunch) -> String {
    format!(
        "{}\t{}\t{}\t{}\t0\t0\t0\n",
        punch.pin,
        decode_time(punch.time_raw),
        punch.state,
        punch.verify
    )
}

/// `host:port` of `http://host[:port][/]` (port 80 when none is given).
fn authority(url: &str) -> Option<String> {
    let scheme = url.get(..7).filter(|s| s.eq_ignore_ascii_case("http://"))?;
    let rest = &url[scheme.len()..];
    let host_port = rest.strip_suffix('/').unwrap_or(rest);
    let valid = !host_port.is_empty()
        && host_port.bytes().all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b));
    if !valid {
        return None;
    }
    let has_port = match host_port.rsplit_once(':') {
        Some((host, port)) => !host.ends_with(':') && !port.contains(']'),
        None => false,
    };
    Some(if has_port { host_port.to_owned() } else { format!("{host_port}:80") })
}

fn excerpt(text: &str) -> String {
    text.chars().take(120).collect()
}

/// One answer.
struct Reply {
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

struct Client {
    authority: String,
    timeout: Duration,
}

impl Client {
    /// One request on a new connection; a 200 answer, or why not.
    async fn call(
        &self,
        method: &str,
        path: &'static str,
        target: &str,
        body: &[u8],
    ) -> Result<Reply, PushError> {
        let seconds = self.timeout.as_secs();
        let raw = tokio::time::timeout(self.timeout, self.exchange(method, target, body))
            .await
            .map_err(|_| PushError::Timeout { path, seconds })??;
        let (status, reply) = parse_reply(&raw).ok_or_else(|| PushError::BadReply {
            path,
            detail: excerpt(&String::from_utf8_lossy(&raw)),
        })?;
        if status != 200 {
            return Err(PushError::Refused { path, status, body: excerpt(&reply.body) });
        }
        Ok(reply)
    }

    async fn exchange(
        &self,
        method: &str,
        target: &str,
        body: &[u8],
    ) -> Result<Vec<u8>, PushError> {
        let mut stream = TcpStream::connect(&self.authority)
            .await
            .map_err(|source| PushError::Connect { addr: self.authority.clone(), source })?;
        let mut head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nUser-Agent: iClock Proxy/1.09\r\n\
             Accept: */*\r\nConnection: close\r\n",
            self.authority
        );
        if method == "POST" {
            head.push_str(&format!(
                "Content-Type: text/plain\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        head.push_str("\r\n");
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        stream.write_all(&request).await.map_err(PushError::Io)?;
        let mut raw = Vec::new();
        let limit = u64::try_from(MAX_REPLY_BYTES).unwrap_or(u64::MAX);
        (&mut stream).take(limit).read_to_end(&mut raw).await.map_err(PushError::Io)?;
        Ok(raw)
    }
}

/// Status and reply of a raw HTTP/1.1 answer; the body cut to `Content-Length` when given.
fn parse_reply(raw: &[u8]) -> Option<(u16, Reply)> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status = lines.next()?.strip_prefix("HTTP/1.")?.get(2..5)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let reply = Reply { headers, body: String::new() };
    if let Some(length) = reply.header("content-length").and_then(|l| l.parse::<usize>().ok()) {
        body = body.get(..length)?;
    }
    Some((status, Reply { body: String::from_utf8_lossy(body).into_owned(), ..reply }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn authority_of_urls() {
        assert_eq!(authority("http://127.0.0.1:8081"), Some("127.0.0.1:8081".into()));
        assert_eq!(authority("HTTP://kaoqin-pc/"), Some("kaoqin-pc:80".into()));
        assert_eq!(authority("http://[::1]:9000"), Some("[::1]:9000".into()));
        assert_eq!(authority("http://[::1]"), Some("[::1]:80".into()));
        assert_eq!(authority("https://x:1"), None, "terminals speak plain HTTP");
        assert_eq!(authority("http://x:1/iclock"), None);
        assert_eq!(authority("http://"), None);
        assert_eq!(authority("127.0.0.1:8081"), None);
    }

    #[test]
    fn attlog_lines_keep_the_wall_time_as_stored() {
        let at = NaiveDate::from_ymd_opt(2026, 3, 2).and_then(|d| d.and_hms_opt(8, 59, 7));
        let punch = at.and_then(|at| SimPunch::at("17", at, 1, 0)).expect("a storable punch");
        assert_eq!(attlog_line(&punch), "17\t2026-03-02 08:59:07\t0\t1\t0\t0\t0\n");
    }

    #[test]
    fn replies_are_cut_to_their_length() {
        let raw = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\ndate: x\r\n\r\nOK: 3trailing";
        let (status, reply) = parse_reply(raw).expect("a reply");
        assert_eq!((status, reply.body.as_str(), reply.header("Date")), (200, "OK: 3", Some("x")));
        assert!(parse_reply(b"garbage").is_none());
        assert!(parse_reply(b"HTTP/1.1 200 OK\r\ncontent-length: 9\r\n\r\nshort").is_none());
    }
}
