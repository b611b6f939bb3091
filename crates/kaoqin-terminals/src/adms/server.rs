//! The HTTP half of the ADMS/PUSH receiver (zk-protocol.md §18): an axum [`Router`] for the
//! `/iclock/…` paths a ZKTeco terminal calls, [`serve`] to run it on a socket with a
//! [`PushHandle`] to stop it, and the [`PushSink`] trait through which it hands what devices
//! send to the rest of Kaoqin.
//!
//! | request | answer |
//! |---|---|
//! | `GET /iclock/cdata?SN=…` (handshake, `options=all`) | 200, the options text |
//! | `POST /iclock/cdata?SN=…&table=ATTLOG&Stamp=…` | 200 `OK: <n>` (n lines accepted); 413 over a cap; 500 when the sink fails |
//! | `POST /iclock/cdata?SN=…&table=<other>` (OPERLOG, ATTPHOTO, BIODATA, …) | 200 `OK`, body discarded |
//! | `GET /iclock/getrequest?SN=…` | 200 `OK` (never a command) |
//! | `POST /iclock/devicecmd?SN=…` | 200 `OK`, body discarded |
//! | any of these without a valid `SN` | 400 |
//! | another path | 404 (another method on these paths: 405) |
//!
//! Every answer is `text/plain` and carries a `Date` header from [`PushSink::now`]: terminals
//! set their clock from it. Bodies are read up to 1 MiB within 30 s (else 413 or 408).
//!
//! Decisions:
//! - **Unknown serial numbers.** A device authenticates by nothing but the serial number it
//!   claims. A device the sink does not allow still gets its options and `OK`s, and its ATTLOG
//!   posts are handed whole to [`PushSink::quarantine`] for the clerk to approve. 403 would make
//!   the device retry every `ErrorDelay` for ever and lose nothing it would not lose anyway;
//!   `OK` keeps its punches (they were real punches by real people) without storing them as
//!   punches. Other tables from an unknown device are discarded, as from a known one.
//! - **No biometric data is ever kept**: OPERLOG (user and fingerprint info lines), ATTPHOTO,
//!   BIODATA and every other table are answered `OK` and dropped unread, from any device, and
//!   the options ask for no biometric table.
//! - **No commands are ever sent.** `getrequest` always answers `OK`: the product has no command
//!   box (some firmware runs `Shell <cmd>` from the server, §18.7), so `devicecmd` results never
//!   answer anything of ours and are dropped too.
//! - **The device decides retries.** Anything but 200 makes the device send the same post again
//!   later, so only a real failure (the sink's `Err`, a sink that panicked) answers 500; bad
//!   lines are reported to the sink and the post is still `OK` (resending cannot fix them).
//!
//! Not here: parsing (the sibling `wire` module), what "allowed" means, dedup and storage (the
//! sink's implementation in kaoqin-commands), TLS (the devices speak plain HTTP; bind to the LAN
//! interface only, reliability.md §3.7) and the push v3 paths (`/iclock/registry`, §18.8).

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::map_response_with_state;
use axum::response::Response;
use axum::routing::{get, post};
use chrono::{DateTime, Utc};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::wire::{
    MAX_BODY_BYTES, PushLineError, PushOptions, PushPunch, PushQuery, TooLarge, http_date,
    options_reply, parse_attlog_body, parse_query,
};

/// Path of the handshake and of uploads.
pub const PATH_CDATA: &str = "/iclock/cdata";
/// Path of the heartbeat and command poll.
pub const PATH_GETREQUEST: &str = "/iclock/getrequest";
/// Path of command results.
pub const PATH_DEVICECMD: &str = "/iclock/devicecmd";
/// How long a device may take to send a body.
pub const BODY_READ_TIMEOUT: Duration = Duration::from_secs(30);
/// How long [`PushHandle::shutdown`] lets requests in flight finish.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// Where the receiver hands what devices send: the store, in the product (kaoqin-commands
/// implements it over the database). Every method but [`PushSink::now`] may block: the receiver
/// calls them on tokio's blocking pool (`spawn_blocking`), one request at a time per call.
pub trait PushSink: Send + Sync + 'static {
    /// The clock for `Date` headers and receipt times. Called on the async runtime for every
    /// answer, so it must not block.
    fn now(&self) -> DateTime<Utc>;

    /// Whether this serial number may push (it belongs to an approved terminal). Also records
    /// that the device was seen: from `remote`, calling `path` (one of the `PATH_…` constants).
    /// Called once for every request with a valid serial number.
    fn allowed(&self, serial: &str, remote: SocketAddr, path: &str) -> bool;

    /// Options for an allowed device: its last stored ATTLOG stamp and its time zone offset in
    /// hours (`TimeZone=`). Devices not allowed get [`PushOptions::default`].
    fn options(&self, serial: &str) -> PushOptions;

    /// Parsed ATTLOG lines from an allowed device, with the raw body (kept for audit) and the
    /// post's `Stamp` (1–32 letters or digits, else `None`). Returns how many lines were
    /// accepted (stored now or already stored): the same post may come again and must be
    /// stored once. An `Err` makes the device send the post again later.
    fn attlog(
        &self,
        serial: &str,
        stamp: Option<String>,
        raw: &[u8],
        punches: &[PushPunch],
        errors: &[PushLineError],
    ) -> Result<usize, String>;

    /// An ATTLOG post from a device that is not allowed, kept whole for the clerk to review and
    /// approve. `table` is the post's table name as sent. Not called for other tables (they are
    /// discarded) nor for posts over a cap (refused).
    fn quarantine(&self, serial: &str, remote: SocketAddr, table: &str, raw: &[u8]);
}

/// What can go wrong running the receiver.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "cannot listen for terminals on {addr}: {source}; pick another port or stop what uses it"
    )]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    #[error("the terminal receiver stopped with an error: {0}; start it again")]
    Stopped(#[source] std::io::Error),
    #[error("the terminal receiver crashed; start it again")]
    Crashed,
}

/// A running receiver (from [`serve`]). Dropping it stops the receiver too, gracefully and
/// without waiting.
#[derive(Debug)]
pub struct PushHandle {
    local_addr: SocketAddr,
    stop: oneshot::Sender<()>,
    task: JoinHandle<std::io::Result<()>>,
}

impl PushHandle {
    /// The address it listens on (with the real port when port 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Stops accepting, lets requests in flight finish (at most [`SHUTDOWN_GRACE`], then drops
    /// them; their devices send again later) and waits until the receiver has stopped.
    pub async fn shutdown(self) -> Result<(), ServeError> {
        let PushHandle { stop, mut task, .. } = self;
        let _ = stop.send(());
        let joined = match tokio::time::timeout(SHUTDOWN_GRACE, &mut task).await {
            Ok(joined) => joined,
            Err(_) => {
                task.abort();
                return Ok(());
            }
        };
        match joined {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(ServeError::Stopped(e)),
            Err(_) => Err(ServeError::Crashed),
        }
    }
}

/// Listens on `addr` and serves [`router`] until the handle is shut down or dropped. Bind to the
/// LAN interface the terminals are on, not to every interface.
pub async fn serve(addr: SocketAddr, sink: Arc<dyn PushSink>) -> Result<PushHandle, ServeError> {
    let listener =
        TcpListener::bind(addr).await.map_err(|source| ServeError::Bind { addr, source })?;
    let local_addr = listener.local_addr().map_err(|source| ServeError::Bind { addr, source })?;
    let (stop, stopped) = oneshot::channel::<()>();
    let app = router(sink).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(async move {
                // A send or a dropped handle: either way, stop.
                let _ = stopped.await;
            })
            .await
    });
    Ok(PushHandle { local_addr, stop, task })
}

/// The receiver's routes (see the module docs). Serve it with
/// `into_make_service_with_connect_info::<SocketAddr>()` so the sink learns each device's
/// address; without it the address is `0.0.0.0:0`.
pub fn router(sink: Arc<dyn PushSink>) -> Router {
    let receiver = Receiver { sink };
    Router::new()
        .route(PATH_CDATA, get(cdata_get).post(cdata_post))
        .route(PATH_GETREQUEST, get(getrequest))
        .route(PATH_DEVICECMD, post(devicecmd))
        .fallback(not_found)
        .layer(map_response_with_state(receiver.clone(), date_header))
        .with_state(receiver)
}

#[derive(Clone)]
struct Receiver {
    sink: Arc<dyn PushSink>,
}

/// What a request needs from its head: the query, the device's serial number and address.
struct Call {
    query: PushQuery,
    serial: String,
    remote: SocketAddr,
}

impl Call {
    /// The head of `request`, or why it is refused (400) when it names no valid serial number.
    fn of(request: &Request) -> Result<Call, Refusal> {
        let query = parse_query(request.uri().query().unwrap_or(""));
        let Some(serial) = query.valid_serial().map(str::to_owned) else {
            return Err(Refusal::Serial { given: query.serial.is_some() });
        };
        let remote = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)), |info| info.0);
        Ok(Call { query, serial, remote })
    }
}

/// A request refused before the sink sees it.
#[derive(Debug)]
enum Refusal {
    /// No valid `SN` (400).
    Serial { given: bool },
    /// Over a cap (413).
    TooLarge(TooLarge),
    /// The body did not arrive within [`BODY_READ_TIMEOUT`] (408).
    Timeout,
}

impl Refusal {
    fn answer(self) -> Response {
        match self {
            Refusal::Serial { given: true } => text(
                StatusCode::BAD_REQUEST,
                "error: SN is not a terminal serial number (1-64 letters, digits, - _ .)",
            ),
            Refusal::Serial { given: false } => text(
                StatusCode::BAD_REQUEST,
                "error: SN is missing; a terminal sends ?SN=<serial number>",
            ),
            Refusal::TooLarge(too_large) => refuse(too_large),
            Refusal::Timeout => text(
                StatusCode::REQUEST_TIMEOUT,
                "error: the body did not arrive in time; send it again",
            ),
        }
    }
}

/// `GET /iclock/cdata`: the handshake.
async fn cdata_get(State(receiver): State<Receiver>, request: Request) -> Response {
    let call = match Call::of(&request) {
        Ok(call) => call,
        Err(refusal) => return refusal.answer(),
    };
    blocking(receiver, move |sink| {
        let options = if sink.allowed(&call.serial, call.remote, PATH_CDATA) {
            sink.options(&call.serial)
        } else {
            PushOptions::default()
        };
        text(StatusCode::OK, options_reply(&call.serial, &options))
    })
    .await
}

/// `POST /iclock/cdata`: an upload.
async fn cdata_post(State(receiver): State<Receiver>, request: Request) -> Response {
    let call = match Call::of(&request) {
        Ok(call) => call,
        Err(refusal) => return refusal.answer(),
    };
    let body = match read_body(request).await {
        Ok(body) => body,
        Err(refusal) => return refusal.answer(),
    };
    blocking(receiver, move |sink| {
        let allowed = sink.allowed(&call.serial, call.remote, PATH_CDATA);
        if !call.query.is_table("ATTLOG") {
            // OPERLOG, ATTPHOTO, BIODATA, options, …: never kept (no biometric data).
            return text(StatusCode::OK, "OK");
        }
        let parsed = match parse_attlog_body(&body) {
            Ok(parsed) => parsed,
            Err(too_large) => return refuse(too_large),
        };
        if !allowed {
            let table = call.query.table.as_deref().unwrap_or("ATTLOG");
            sink.quarantine(&call.serial, call.remote, table, &body);
            return text(StatusCode::OK, "OK");
        }
        let stamp = call.query.stamp().map(str::to_owned);
        match sink.attlog(&call.serial, stamp, &body, &parsed.punches, &parsed.errors) {
            Ok(accepted) => text(StatusCode::OK, format!("OK: {accepted}")),
            Err(_) => failed(),
        }
    })
    .await
}

/// `GET /iclock/getrequest`: the heartbeat. Never a command.
async fn getrequest(State(receiver): State<Receiver>, request: Request) -> Response {
    let call = match Call::of(&request) {
        Ok(call) => call,
        Err(refusal) => return refusal.answer(),
    };
    blocking(receiver, move |sink| {
        sink.allowed(&call.serial, call.remote, PATH_GETREQUEST);
        text(StatusCode::OK, "OK")
    })
    .await
}

/// `POST /iclock/devicecmd`: command results. Kaoqin sends no commands, so they are dropped.
async fn devicecmd(State(receiver): State<Receiver>, request: Request) -> Response {
    let call = match Call::of(&request) {
        Ok(call) => call,
        Err(refusal) => return refusal.answer(),
    };
    if let Err(refusal) = read_body(request).await {
        return refusal.answer();
    }
    blocking(receiver, move |sink| {
        sink.allowed(&call.serial, call.remote, PATH_DEVICECMD);
        text(StatusCode::OK, "OK")
    })
    .await
}

async fn not_found() -> Response {
    text(StatusCode::NOT_FOUND, "error: not an ADMS path; terminals call /iclock/cdata")
}

/// Sets `Date` on every answer, from the sink's clock.
async fn date_header(State(receiver): State<Receiver>, mut response: Response) -> Response {
    if let Ok(value) = HeaderValue::from_str(&http_date(receiver.sink.now())) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

/// Runs `work` on the blocking pool; a sink that panicked is a failure (500).
async fn blocking<F>(receiver: Receiver, work: F) -> Response
where
    F: FnOnce(&dyn PushSink) -> Response + Send + 'static,
{
    let sink = receiver.sink;
    tokio::task::spawn_blocking(move || work(sink.as_ref())).await.unwrap_or_else(|_| failed())
}

/// The body, read up to [`MAX_BODY_BYTES`] within [`BODY_READ_TIMEOUT`]. A body that stops
/// arriving half-way is refused as too large, to nobody.
async fn read_body(request: Request) -> Result<Bytes, Refusal> {
    let too_large = || Refusal::TooLarge(TooLarge::Body { max_bytes: MAX_BODY_BYTES });
    if content_length(request.headers()).is_some_and(|length| length > MAX_BODY_BYTES) {
        return Err(too_large());
    }
    let body: Body = request.into_body();
    match tokio::time::timeout(BODY_READ_TIMEOUT, axum::body::to_bytes(body, MAX_BODY_BYTES)).await
    {
        Ok(Ok(bytes)) => Ok(bytes),
        Ok(Err(_)) => Err(too_large()),
        Err(_) => Err(Refusal::Timeout),
    }
}

fn content_length(headers: &HeaderMap) -> Option<usize> {
    headers.get(header::CONTENT_LENGTH)?.to_str().ok()?.trim().parse().ok()
}

/// 413 with the reason.
fn refuse(too_large: TooLarge) -> Response {
    text(StatusCode::PAYLOAD_TOO_LARGE, format!("error: {too_large}"))
}

/// 500: the device keeps the data and sends it again.
fn failed() -> Response {
    text(StatusCode::INTERNAL_SERVER_ERROR, "error: the data was not stored; send it again later")
}

fn text(status: StatusCode, body: impl Into<String>) -> Response {
    let mut response = Response::new(Body::from(body.into()));
    *response.status_mut() = status;
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain"));
    response
}
