//! Gateway-style faults: canned error answers, a dropped connection, a delay.

use std::collections::VecDeque;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::Full;
use hyper::Response;

/// One injected answer, replacing what Studio would have said.
#[derive(Debug, Clone, PartialEq)]
pub enum Fault {
    /// Answer with this status, body and content type (and `Retry-After` when set).
    Status {
        status: u16,
        body: String,
        content_type: String,
        retry_after: Option<String>,
    },
    /// Read the request, then close the connection without answering.
    Close,
    /// Handle the request (Studio does the work), then close the connection without
    /// answering: the client cannot know whether it happened.
    LoseAnswer,
    /// A redirect (e.g. 307) to `location`, as a hostile or misconfigured proxy might send.
    Redirect { status: u16, location: String },
    /// No fault: answer as Studio would. Queued before another fault, it lets that fault hit a
    /// later request (e.g. the DELETE after two lookups).
    Pass,
}

impl Fault {
    /// What a real deployment answers with this status: Studio's own JSON for 500, a load
    /// balancer's HTML page for 502/503/504 (not JSON: clients must cope), plain text otherwise.
    pub fn status(status: u16) -> Fault {
        let (body, content_type) = match status {
            500 => (
                r#"{"errors":["internal server error"]}"#.to_owned(),
                "application/json; charset=utf-8",
            ),
            502..=504 => (
                format!(
                    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n</body>\r\n</html>\r\n",
                    reason = reason(status)
                ),
                "text/html",
            ),
            _ => (reason(status).to_owned(), "text/plain; charset=utf-8"),
        };
        Fault::Status {
            status,
            body,
            content_type: content_type.to_owned(),
            retry_after: None,
        }
    }

    /// 429 with `Retry-After: secs`.
    pub fn rate_limited(secs: u64) -> Fault {
        match Fault::status(429) {
            Fault::Status {
                status,
                body,
                content_type,
                ..
            } => Fault::Status {
                status,
                body,
                content_type,
                retry_after: Some(secs.to_string()),
            },
            close => close,
        }
    }

    /// Any status with a JSON `{"errors": [message]}` body, like Studio's own errors.
    pub fn json(status: u16, message: &str) -> Fault {
        Fault::Status {
            status,
            body: serde_json::json!({ "errors": [message] }).to_string(),
            content_type: "application/json; charset=utf-8".to_owned(),
            retry_after: None,
        }
    }

    pub(crate) fn response(&self) -> Response<Full<Bytes>> {
        match self {
            Fault::Status {
                status,
                body,
                content_type,
                retry_after,
            } => {
                let mut builder = Response::builder()
                    .status(*status)
                    .header("content-type", content_type);
                if let Some(secs) = retry_after {
                    builder = builder.header("retry-after", secs);
                }
                builder
                    .body(Full::new(Bytes::from(body.clone())))
                    .expect("valid fault response")
            }
            Fault::Redirect { status, location } => Response::builder()
                .status(*status)
                .header("location", location)
                .body(Full::new(Bytes::new()))
                .expect("valid redirect"),
            // The server drops the connection before asking; answer like Studio would if it did not.
            Fault::Close | Fault::LoseAnswer | Fault::Pass => Fault::status(500).response(),
        }
    }
}

fn reason(status: u16) -> &'static str {
    http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error")
}

/// The faults waiting to be applied.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    pub(crate) queue: VecDeque<Fault>,
    pub(crate) forever: Option<Fault>,
    pub(crate) delay: Duration,
}

impl Faults {
    /// The fault for the request being handled, if any: queued ones first, then the permanent one.
    pub(crate) fn next(&mut self) -> Option<Fault> {
        match self.queue.pop_front() {
            Some(Fault::Pass) => None,
            Some(fault) => Some(fault),
            None => self.forever.clone(),
        }
    }
}
