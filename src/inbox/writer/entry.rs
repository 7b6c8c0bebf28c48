//! The queue's entries: how [`super::Recorder`] encodes a delivery into the spool, and how the
//! writer reads rows back, borrowing the queue's bytes.

use crate::inbox::Delivery;
use crate::signature::Reason;

// The queue's encoding. An entry is a tag byte, then:
// - ROW: received_at (i64 LE), status (u16 LE), then the fields in `Row`'s order, each as a u64
//   LE length (NULL_FIELD for SQL NULL) and that many bytes;
// - FLUSH: a u64 LE sequence number ([`Recorder::flush`]);
// - PENDING: a u64 LE ticket, the held verdict (a field), then a ROW's body
//   ([`Recorder::record_pending`]).
// Written by `encode` and read by `Reader` only, in this process; never stored.

pub(super) const ROW: u8 = 0;
pub(super) const FLUSH: u8 = 1;
pub(super) const PENDING: u8 = 2;
pub(super) const NULL_FIELD: u64 = u64::MAX;

/// Append `delivery` to `out` as one queue entry.
pub(super) fn encode(d: &Delivery<'_>, out: &mut Vec<u8>) {
    out.push(ROW);
    encode_fields(d, out);
}

/// Append `delivery` to `out` as a pending row that waits for `ticket`'s commit.
pub(super) fn encode_pending(d: &Delivery<'_>, ticket: u64, held: Reason, out: &mut Vec<u8>) {
    out.push(PENDING);
    out.extend_from_slice(&ticket.to_le_bytes());
    put_text(out, Some(held.as_str()));
    encode_fields(
        &Delivery {
            verdict: Reason::Pending,
            ..*d
        },
        out,
    );
}

pub(super) fn encode_fields(d: &Delivery<'_>, out: &mut Vec<u8>) {
    out.extend_from_slice(&d.received_at_ms.to_le_bytes());
    out.extend_from_slice(&d.status.to_le_bytes());
    put_text(out, Some(d.method));
    put_text(out, Some(d.path));
    put_with(out, |out| write_headers_json(d.headers, out));
    put_with(out, |out| out.extend_from_slice(d.body));
    put_text(out, Some(d.verdict.as_str()));
    put_text(out, d.hint);
    put_text(out, d.event);
    put_text(out, d.event_id);
    put_text(out, d.webhook_id);
    if d.forward.is_empty() {
        out.extend_from_slice(&NULL_FIELD.to_le_bytes());
    } else {
        put_with(out, |out| {
            let start = out.len();
            if serde_json::to_writer(&mut *out, d.forward).is_err() {
                out.truncate(start);
                out.extend_from_slice(b"[]");
            }
        });
    }
    match d.remote {
        Some(addr) => put_with(out, |out| crate::json_write::push_addr_text(out, addr)),
        None => out.extend_from_slice(&NULL_FIELD.to_le_bytes()),
    }
    match d.forward.first() {
        Some(first) if first.status.is_some() => put_with(out, |out| {
            let kept = &first.body[..first.body.len().min(crate::inbox::APP_RESPONSE_MAX)];
            out.extend_from_slice(kept);
        }),
        _ => out.extend_from_slice(&NULL_FIELD.to_le_bytes()),
    }
}

/// A field written by `write`, after its length (patched in once known).
pub(super) fn put_with(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let at = out.len();
    out.extend_from_slice(&[0; 8]);
    write(out);
    let len = (out.len() - at - 8) as u64;
    out[at..at + 8].copy_from_slice(&len.to_le_bytes());
}

pub(super) fn put_text(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.extend_from_slice(&(text.len() as u64).to_le_bytes());
            out.extend_from_slice(text.as_bytes());
        }
        None => out.extend_from_slice(&NULL_FIELD.to_le_bytes()),
    }
}

/// One queued delivery, borrowed from the writer's buffer: what is bound to the INSERT.
#[derive(Debug, PartialEq)]
pub(super) struct Row<'a> {
    pub(super) received_at_ms: i64,
    pub(super) status: u16,
    pub(super) method: &'a str,
    pub(super) path: &'a str,
    pub(super) headers: &'a str,
    pub(super) body: &'a [u8],
    pub(super) verdict: &'a str,
    pub(super) hint: Option<&'a str>,
    pub(super) event: Option<&'a str>,
    pub(super) event_id: Option<&'a str>,
    pub(super) webhook_id: Option<&'a str>,
    pub(super) forward: Option<&'a str>,
    pub(super) remote: Option<&'a str>,
    /// The start of the app's answer, when it answered.
    pub(super) app_response: Option<&'a [u8]>,
    /// A pending row's ticket and held verdict.
    pub(super) pending: Option<(u64, &'a str)>,
}

/// `rows`, emptied, as storage for rows that borrow another buffer. Each take's rows borrow that
/// take's bytes, so the batch cannot be kept with its type from one take to the next; this keeps
/// its allocation instead (about 400 KiB for [`BATCH_ROWS`]: allocating and freeing that per take
/// cost more than decoding the rows). Collecting an empty `Vec`'s `into_iter` into a `Vec` of a
/// type with the same layout reuses the allocation (a test holds this).
pub(super) fn recycle<'b>(mut rows: Vec<Row<'_>>) -> Vec<Row<'b>> {
    rows.clear();
    rows.into_iter()
        .map(|_| unreachable!("the Vec was just emptied"))
        .collect()
}

// Entries are read one at a time and moved straight into the batch: boxing rows would cost an
// allocation each.
#[allow(clippy::large_enum_variant)]
pub(super) enum Entry<'a> {
    Row(Row<'a>),
    Flush(u64),
}

/// Reads queue entries off the front of a buffer. Every read returns `None` on bytes that are
/// not what [`encode`] writes (which would be a bug), rather than panicking.
pub(super) struct Reader<'a>(pub(super) &'a [u8]);

impl<'a> Reader<'a> {
    fn bytes(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.bytes(N)?.try_into().ok()
    }

    fn field(&mut self) -> Option<Option<&'a [u8]>> {
        let len = u64::from_le_bytes(self.array()?);
        if len == NULL_FIELD {
            return Some(None);
        }
        self.bytes(usize::try_from(len).ok()?).map(Some)
    }

    fn text(&mut self) -> Option<Option<&'a str>> {
        match self.field()? {
            Some(bytes) => std::str::from_utf8(bytes).ok().map(Some),
            None => Some(None),
        }
    }

    pub(super) fn entry(&mut self) -> Option<Entry<'a>> {
        match self.array::<1>()?[0] {
            FLUSH => Some(Entry::Flush(u64::from_le_bytes(self.array()?))),
            ROW => Some(Entry::Row(self.row(None)?)),
            PENDING => {
                let ticket = u64::from_le_bytes(self.array()?);
                let held = self.text()??;
                Some(Entry::Row(self.row(Some((ticket, held)))?))
            }
            _ => None,
        }
    }

    fn row(&mut self, pending: Option<(u64, &'a str)>) -> Option<Row<'a>> {
        Some(Row {
            received_at_ms: i64::from_le_bytes(self.array()?),
            status: u16::from_le_bytes(self.array()?),
            method: self.text()??,
            path: self.text()??,
            headers: self.text()??,
            body: self.field()??,
            verdict: self.text()??,
            hint: self.text()?,
            event: self.text()?,
            event_id: self.text()?,
            webhook_id: self.text()?,
            forward: self.text()?,
            remote: self.text()?,
            app_response: self.field()?,
            pending,
        })
    }
}

/// `[[name, value], ...]` in arrival order, repeated names kept, appended to `out`. Values that
/// are not UTF-8 (rare, and not something a webhook sender does) are stored lossily.
pub(super) fn write_headers_json(headers: &http::HeaderMap, out: &mut Vec<u8>) {
    out.push(b'[');
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Names are lowercase tokens: nothing to escape.
        out.extend_from_slice(b"[\"");
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b"\",");
        crate::json_write::push_string(out, value.as_bytes());
        out.push(b']');
    }
    out.push(b']');
}
