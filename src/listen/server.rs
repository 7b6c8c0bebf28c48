//! The HTTP side of `listen`: an accept loop with a connection cap, hyper HTTP/1.1 connections
//! with read timeouts, graceful shutdown, and the per-request handler (check, verify, answer,
//! forward, report).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode, header};
use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use serde_json::json;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, mpsc};
use tokio::time::error::Elapsed;

use crate::delivery::{Envelope, Record};
use crate::events::glob_match;
use crate::humane::now_ms;
use crate::listen::access::Policy;
use crate::listen::forward::Forwarder;
use crate::listen::goal::Goal;
use crate::listen::print::Lines;
use crate::listen::verdict::{ReplayWindow, Seen, Verifier};
use crate::output::{Out, sanitize};
use crate::signature::Reason;

/// Open connections beyond this wait in the kernel's accept queue instead of costing memory.
pub const MAX_CONNECTIONS: usize = 2048;
/// The most one connection buffers while reading (request line and headers must fit).
pub const MAX_CONNECTION_BUFFER: usize = 64 * 1024;
/// How long in-flight requests get to finish after a stop was asked for.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Why the receiver stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// `--until`/`--count` reached, with a description of what was seen.
    Reached(String),
    Interrupted,
    Terminated,
    TimedOut,
    StdoutClosed,
}

/// Everything the request handler needs, shared by every connection.
#[derive(Debug)]
pub struct State {
    pub verifier: Verifier,
    pub replay: ReplayWindow,
    pub forwarder: Forwarder,
    pub access: Option<Policy>,
    pub path: Option<String>,
    pub max_body: u64,
    pub read_timeout: Duration,
    /// `--events` globs; empty = everything.
    pub events: Vec<String>,
    pub goal: Goal,
    /// Rendered lines for the printer thread.
    pub lines: Arc<Lines>,
    /// `-v`: lines carry headers and the body.
    pub verbose: bool,
    pub stop: mpsc::UnboundedSender<Stop>,
    pub out: Out,
    /// The inbox; `None` with `--no-record`.
    pub recorder: Option<Arc<crate::inbox::Recorder>>,
    /// The `--tunnel` probe being waited for, if any.
    pub probe: Arc<crate::listen::tunnel::probe::Slot>,
    /// `--ack-first`: record, answer 200, forward after (see [`crate::listen::ack`]).
    pub ack_first: Option<Arc<crate::listen::ack::AckFirst>>,
    /// `--ui`: the full-screen view shows deliveries; no lines are printed.
    pub ui: bool,
    /// What the session did, for its summary and exit code.
    pub tally: crate::listen::summary::Tally,
}

impl State {
    fn shown(&self, event: Option<&str>) -> bool {
        self.events.is_empty()
            || event.is_some_and(|e| self.events.iter().any(|g| glob_match(g, e)))
    }
}

/// Accept connections until `shutdown` resolves, then let in-flight requests finish (bounded).
pub async fn serve(
    listener: TcpListener,
    state: Arc<State>,
    shutdown: impl std::future::Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let limit = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            permit = limit.clone().acquire_owned() => match permit {
                Ok(p) => p,
                Err(_) => break,
            },
        };
        let (stream, remote) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(err) => {
                    // Out of file descriptors and the like: one failed accept must not stop us.
                    state.out.warn(format!("accepting a connection failed: {err}"));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let read_timeout = state.read_timeout;
        let state = state.clone();
        let service = service_fn(move |req| {
            let state = state.clone();
            async move { Ok::<_, Infallible>(handle(req, remote, state).await) }
        });
        let conn = http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(read_timeout)
            // Caps what one connection may buffer (headers included: bigger ones get 431), so
            // a thousand hostile connections cost megabytes, not hyper's default ~400 KB each.
            .max_buf_size(MAX_CONNECTION_BUFFER)
            .keep_alive(true)
            .serve_connection(TokioIo::new(stream), service);
        let watched = graceful.watch(conn);
        tokio::spawn(async move {
            // Errors here are one client's problem (reset, timeout, garbage); never ours.
            let _ = watched.await;
            drop(permit);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(SHUTDOWN_GRACE, graceful.shutdown()).await;
}

type Answer = Response<Full<Bytes>>;

fn answer(status: StatusCode, body: serde_json::Value) -> Answer {
    json_answer(status, Bytes::from(body.to_string()))
}

/// The answers every accepted delivery gets, built once.
const RECEIVED: &[u8] = br#"{"received":true}"#;
const RECEIVED_DUPLICATE: &[u8] = br#"{"received":true,"duplicate":true}"#;
const PROBED: &[u8] = br#"{"received":true,"probe":true}"#;

fn json_answer(status: StatusCode, body: Bytes) -> Answer {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        header::HeaderValue::from_static("application/json"),
    );
    response
}

/// An answer after which the connection is closed (the request body may be unread).
fn closing(mut response: Answer) -> Answer {
    response.headers_mut().insert(
        header::CONNECTION,
        header::HeaderValue::from_static("close"),
    );
    response
}

/// A request refused before verification: what it was, for the note and the inbox row.
struct Refused<'a> {
    remote: SocketAddr,
    method: &'a Method,
    path: &'a str,
    headers: &'a header::HeaderMap,
}

/// Refuse a request before verification: answered, noted on stderr (it is not a delivery line
/// on stdout), and recorded in the inbox with its status, its verdict word and what was read of
/// it, so `inbox list` shows what was turned away and why.
fn refuse(
    state: &State,
    req: &Refused<'_>,
    status: StatusCode,
    verdict: Reason,
    hint: String,
) -> Answer {
    refuse_read(state, req, status, verdict, hint, &[])
}

/// [`refuse`] a request whose body was read (a delivery posted to the wrong `--path`): the row
/// keeps the body and its event, so it can be found and replayed to the right path.
fn refuse_read(
    state: &State,
    req: &Refused<'_>,
    status: StatusCode,
    verdict: Reason,
    hint: String,
    body: &[u8],
) -> Answer {
    state.tally.refused_early();
    state.out.info(format!(
        "lpwh: {} {} {} from {}: {}",
        status.as_u16(),
        req.method,
        sanitize(req.path),
        req.remote,
        sanitize(&hint)
    ));
    if let Some(recorder) = &state.recorder {
        let envelope = Envelope::parse(body);
        recorder.record(&crate::inbox::Delivery {
            received_at_ms: now_ms(),
            method: req.method.as_str(),
            path: req.path,
            remote: Some(req.remote),
            status: status.as_u16(),
            headers: req.headers,
            body,
            verdict,
            hint: Some(&hint),
            event: envelope.event.as_deref(),
            event_id: envelope.id.as_deref(),
            webhook_id: envelope.webhook_id.as_deref(),
            forward: &[],
        });
    }
    answer(status, json!({"error": verdict.as_str(), "hint": hint}))
}

async fn handle(req: Request<Incoming>, remote: SocketAddr, shared: Arc<State>) -> Answer {
    let state = &*shared;
    // lpwh's own probe through the tunnel: answered, and nothing else (not printed, recorded,
    // forwarded or counted). Any other value of the header is an ordinary request.
    if let Some(nonce) = req.headers().get(crate::listen::tunnel::probe::HEADER)
        && state.probe.hit(nonce.as_bytes())
    {
        return closing(json_answer(StatusCode::OK, Bytes::from_static(PROBED)));
    }
    let path = req.uri().path().to_owned();
    let (parts, body) = req.into_parts();
    let refused = Refused {
        remote,
        method: &parts.method,
        path: &path,
        headers: &parts.headers,
    };
    // A POST to the wrong path is read first (within the same limits), so the inbox keeps the
    // delivery for a replay to the right path; anything else there is refused at once.
    let wrong_path = state
        .path
        .as_ref()
        .filter(|want| &path != *want)
        .map(|want| format!("lpwh listens on {want} only (--path)"));
    if let Some(hint) = &wrong_path
        && parts.method != Method::POST
    {
        return refuse(
            state,
            &refused,
            StatusCode::NOT_FOUND,
            Reason::NotFound,
            hint.clone(),
        );
    }
    if parts.method != Method::POST {
        let mut response = refuse(
            state,
            &refused,
            StatusCode::METHOD_NOT_ALLOWED,
            Reason::MethodNotAllowed,
            "webhook deliveries are POST requests".into(),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, header::HeaderValue::from_static("POST"));
        return response;
    }
    let too_large = |state: &State| {
        closing(refuse(
            state,
            &refused,
            StatusCode::PAYLOAD_TOO_LARGE,
            Reason::BodyTooLarge,
            format!(
                "bodies over {} bytes are refused (--max-body); the body is not kept",
                state.max_body
            ),
        ))
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > state.max_body) {
        // Refuse before reading (and before any `100 Continue`): the client need not send it.
        return too_large(state);
    }
    let limit = usize::try_from(state.max_body).unwrap_or(usize::MAX);
    let body = match read_body(Limited::new(body, limit).collect(), state.read_timeout).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(err)) if err.downcast_ref::<LengthLimitError>().is_some() => {
            return too_large(state);
        }
        Ok(Err(err)) => {
            return closing(refuse(
                state,
                &refused,
                StatusCode::BAD_REQUEST,
                Reason::BadBody,
                format!("the body could not be read: {err}"),
            ));
        }
        Err(_) => {
            return closing(refuse(
                state,
                &refused,
                StatusCode::REQUEST_TIMEOUT,
                Reason::BodyTimeout,
                format!(
                    "the body took longer than {:?} to arrive (--read-timeout)",
                    state.read_timeout
                ),
            ));
        }
    };
    if let Some(hint) = wrong_path {
        return refuse_read(
            state,
            &refused,
            StatusCode::NOT_FOUND,
            Reason::NotFound,
            hint,
            &body,
        );
    }

    let time_ms = now_ms();
    let envelope = Envelope::parse(&body);
    let verdict = state
        .verifier
        .check(&parts.headers, &body, envelope.timestamp, time_ms);
    let mut record = Record {
        time_ms,
        remote: Some(remote),
        path,
        status: 200,
        reason: verdict.reason,
        hint: verdict.hint,
        envelope,
        headers: parts.headers,
        body,
        forward: Vec::new(),
        access: None,
    };
    if record.reason == Reason::Ok && !record.envelope.is_json {
        // Validly signed, but no provider sends anything but JSON: not a delivery to act on.
        record.reason = Reason::NotJson;
        record.hint = Some(
            "the signature is valid but the body is not JSON; Studio always sends JSON, so \
             this is not one of its deliveries"
                .to_owned(),
        );
    }

    // `Unsigned`/`Unchecked` only ever come from a run with no secret: with one, a delivery either
    // verifies (`Ok`) or is refused, so the goal below counts verified deliveries only.
    let accepted = record.reason == Reason::Ok || record.reason.is_unverified();
    let response = if !accepted {
        let status = if record.reason == Reason::NotJson {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::UNAUTHORIZED
        };
        record.status = status.as_u16();
        answer(
            status,
            json!({"error": record.reason.as_str(), "hint": record.hint}),
        )
    } else if let Some(ack) = &state.ack_first
        && !record.envelope.is_access_control()
    {
        // Never for the gate request, whose answer is the decision.
        match screen(state, &mut record) {
            Screened::Answered(response) => response,
            Screened::Forward(ticket) => {
                return acknowledge(state, ack, record, ticket).await;
            }
        }
    } else {
        accept(state, &mut record).await
    };
    report(state, record, accepted).await;
    response
}

/// `--ack-first`: commit the delivery to the inbox as `pending`, then answer 200; the app gets it
/// in its turn ([`crate::listen::ack`]). A delivery that could not be recorded is answered 503,
/// so the sender keeps it and retries: lpwh never says "received" for what it could lose.
async fn acknowledge(
    state: &State,
    ack: &crate::listen::ack::AckFirst,
    mut record: Record,
    ticket: Option<crate::listen::verdict::Ticket>,
) -> Answer {
    let recorded = match &state.recorder {
        Some(recorder) => {
            let delivery = crate::inbox::Delivery::from_record(&record);
            recorder.record_pending(&delivery, record.reason).await
        }
        None => None,
    };
    match recorded {
        Some(id) => {
            ack.queue(id);
            json_answer(StatusCode::OK, Bytes::from_static(RECEIVED))
        }
        None => {
            if let Some(ticket) = ticket {
                state.replay.forget(ticket);
            }
            let hint = "lpwh could not record this delivery, and --ack-first answers only what \
                        it has recorded; the sender will retry";
            record.status = 503;
            record.hint = Some(hint.to_owned());
            state.out.warn(format!(
                "--ack-first: a delivery from {} could not be recorded; answered 503 so the \
                 sender retries",
                record.remote.map_or_else(String::new, |r| r.to_string())
            ));
            let shown = !state.ui && state.shown(record.envelope.event.as_deref());
            if shown {
                let _ =
                    crate::listen::print::report(&state.lines, &record, state.out, state.verbose)
                        .await;
            }
            answer(
                StatusCode::SERVICE_UNAVAILABLE,
                json!({"error": "not_recorded", "hint": hint}),
            )
        }
    }
}

/// After the answer is known: count the goal, print, record.
async fn report(state: &State, record: Record, accepted: bool) {
    count_and_print(state, &record, accepted).await;
    if let Some(recorder) = &state.recorder {
        // Queued for the inbox's writer thread: never waits for the database.
        recorder.record(&crate::inbox::Delivery::from_record(&record));
    }
}

/// `--catch-up`: a delivery brought in from Studio's log, re-signed with the listener's secret,
/// taken through the same steps as a live one (verified, screened for duplicates, forwarded,
/// counted toward `--until`/`--count`, printed). Its inbox row exists already (the import wrote
/// it), so it is not recorded again: the caller stores the forward outcomes on that row.
pub(crate) async fn take_caught_up(state: &State, mut record: Record) -> Record {
    let verdict = state.verifier.check(
        &record.headers,
        &record.body,
        record.envelope.timestamp,
        record.time_ms,
    );
    record.reason = verdict.reason;
    record.hint = verdict.hint;
    let accepted = record.reason == Reason::Ok || record.reason.is_unverified();
    if accepted {
        let response = accept(state, &mut record).await;
        record.status = response.status().as_u16();
    } else {
        record.status = StatusCode::UNAUTHORIZED.as_u16();
    }
    state.tally.caught_up();
    count_and_print(state, &record, accepted).await;
    record
}

/// Count the goal and print the line. `--ack-first` calls it alone once the app answered: its
/// row is recorded (and resolved) already.
pub(crate) async fn count_and_print(state: &State, record: &Record, accepted: bool) {
    state.tally.count(record);
    let event = record.envelope.event.as_deref();
    let shown = state.shown(event) || (!accepted && event.is_none());
    let reached = (accepted && record.reason != Reason::Duplicate && state.shown(event))
        .then(|| state.goal.record(event))
        .flatten();
    if shown && !state.ui {
        // Waits only when the printer is far behind (a slow terminal); an error means the
        // printer is gone (stdout closed), and `listen` is stopping.
        let _ = crate::listen::print::report(&state.lines, record, state.out, state.verbose).await;
    }
    if let Some(what) = reached {
        let _ = state.stop.send(Stop::Reached(what));
    }
}

/// Await `collect` within `limit`. A small body usually arrived with the headers and is ready at
/// the first poll: then no timer is armed at all (one less timer-wheel insert and removal per
/// delivery); otherwise the whole read is bounded by `limit` as usual.
async fn read_body<F: Future>(collect: F, limit: Duration) -> Result<F::Output, Elapsed> {
    let mut collect = std::pin::pin!(collect);
    let first = std::future::poll_fn(|cx| Poll::Ready(collect.as_mut().poll(cx))).await;
    match first {
        Poll::Ready(output) => Ok(output),
        Poll::Pending => tokio::time::timeout(limit, collect).await,
    }
}

/// What [`screen`] decided for a verified delivery.
enum Screened {
    /// Answered without the app: a duplicate, or no target wants the event.
    Answered(Answer),
    /// For the app; the replay window's ticket, to let a retry through if forwarding fails.
    Forward(Option<crate::listen::verdict::Ticket>),
}

/// Drop duplicates (by event id) and what no forward target wants.
fn screen(state: &State, record: &mut Record) -> Screened {
    let ticket = match record
        .envelope
        .id
        .as_deref()
        .map(|id| state.replay.check_and_insert(id))
    {
        Some(Seen::Duplicate) => {
            record.reason = Reason::Duplicate;
            record.hint = Some("this event id was already received; not forwarded again".into());
            return Screened::Answered(json_answer(
                StatusCode::OK,
                Bytes::from_static(RECEIVED_DUPLICATE),
            ));
        }
        Some(Seen::New(ticket)) => Some(ticket),
        None => None,
    };
    let event = record.envelope.event.as_deref();
    if !state.shown(event) || !state.forwarder.wants(event) {
        return Screened::Answered(json_answer(StatusCode::OK, Bytes::from_static(RECEIVED)));
    }
    Screened::Forward(ticket)
}

/// A delivery that verified (or needs no verifying): answer the gate question, drop duplicates,
/// forward, and say what the sender should hear.
async fn accept(state: &State, record: &mut Record) -> Answer {
    let event = record.envelope.event.clone();
    if record.envelope.is_access_control()
        && let Some(policy) = &state.access
    {
        let decision = policy.decide(record.envelope.json(&record.body).as_ref());
        let allow = decision.allow;
        record.access = Some(decision);
        return if allow {
            answer(StatusCode::OK, json!({}))
        } else {
            record.status = 403;
            answer(StatusCode::FORBIDDEN, json!({"error": "access_denied"}))
        };
    }
    let ticket = match screen(state, record) {
        Screened::Answered(answer) => return answer,
        Screened::Forward(ticket) => ticket,
    };
    record.forward = state
        .forwarder
        .send(event.as_deref(), &record.headers, &record.body)
        .await;
    let Some(first) = record.forward.first() else {
        return json_answer(StatusCode::OK, Bytes::from_static(RECEIVED));
    };
    if first.failed()
        && let Some(ticket) = ticket
    {
        // The sender will retry (5xx or no answer): let that retry through to the target.
        state.replay.forget(ticket);
    }
    if record.envelope.is_access_control() {
        // A gate call your app answered: say what Studio makes of the answer (a `ret` in a 2xx
        // body replaces the status), not "200, allowed".
        record.access = Some(match first.status {
            Some(status) => crate::listen::access::studio_judges(status, &first.body),
            None => crate::delivery::Decision {
                allow: false,
                why: "your app did not answer: Studio denies playback".to_owned(),
            },
        });
    }
    match first.status {
        Some(status) => {
            record.status = status;
            let mut response = Response::new(Full::new(first.body.clone()));
            *response.status_mut() =
                StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            if let Some(ct) = &first.content_type {
                response
                    .headers_mut()
                    .insert(header::CONTENT_TYPE, ct.clone());
            }
            response
        }
        None => {
            record.status = 502;
            answer(
                StatusCode::BAD_GATEWAY,
                // The sender (anyone who reaches the port, or Studio's delivery log) learns
                // nothing about the target: the terminal and the inbox have the details.
                json!({
                    "error": "forward_failed",
                    "hint": "the forward target did not answer",
                }),
            )
        }
    }
}
