//! List endpoints as Studio pages them: `limit`, `cursor=skipN`, `order`, `filters`, `count`,
//! and the `Link: rel="next"` header that is sent on every non-empty page, even the last one.
//!
//! `filters` is decoded twice, as Studio does: once as a query value, then again with
//! JavaScript's `decodeURIComponent` before `JSON.parse`, so a bare `%` that survives the first
//! decode is a 400 `URI malformed`. Text filters match as Studio's SQL does: `name` and a log's
//! `resourceId` (over the raw request body) with `ILIKE '%value%'` (`%` and `_` are wildcards,
//! `\` escapes), `url` exactly.

use std::cmp::Ordering;

use serde_json::Value;

use crate::RecordedRequest;
use crate::routes::{Reply, error};

/// Which rows are being listed: decides the filterable fields and how they match.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Rows {
    Webhooks,
    Logs,
}

impl Rows {
    fn fields(self) -> &'static [&'static str] {
        match self {
            Rows::Webhooks => &["id", "name", "url", "createdAt", "projectId"],
            Rows::Logs => &[
                "id",
                "createdAt",
                "event",
                "statusCode",
                "success",
                "resourceId",
            ],
        }
    }

    /// The value a filter or an order key looks at.
    fn value<'a>(self, row: &'a Value, field: &str) -> &'a Value {
        let found = match (self, field) {
            (Rows::Logs, "statusCode") => row.pointer("/response/status"),
            (Rows::Logs, "resourceId") => row.pointer("/request/body"),
            _ => row.get(field),
        };
        found.unwrap_or(&Value::Null)
    }
}

/// Studio's `limit`: default 20, also for values below 1 or not a number; at most 1000.
fn limit(raw: Option<&str>) -> usize {
    match raw.and_then(|s| s.trim().parse::<i64>().ok()) {
        Some(n) if n >= 1 => n.min(1000) as usize,
        _ => 20,
    }
}

/// The request's query, decoded once (as the framework does), in order.
fn query_pairs(req: &RecordedRequest) -> Vec<(String, String)> {
    req.query
        .as_deref()
        .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default()
}

/// The first value of query parameter `name`.
fn param<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// `rows` (already in the endpoint's default order) as one page, with Studio's headers.
/// Works on references and clones only the page: benchmarks list 10,000 rows.
pub(crate) fn page(req: &RecordedRequest, rows: Vec<&Value>, kind: Rows) -> Reply {
    let pairs = query_pairs(req);
    let param = |name: &str| param(&pairs, name);

    let filters = match param("filters").map(|raw| parse_filters(raw, kind)) {
        Some(Ok(filters)) => filters,
        Some(Err(message)) => return error(400, &message),
        None => Vec::new(),
    };
    let mut rows: Vec<&Value> = rows
        .into_iter()
        .filter(|row| {
            filters
                .iter()
                .all(|(field, want)| matches(kind, row, field, want))
        })
        .collect();

    if let Some(order) = param("order") {
        let keys: Vec<(&str, bool)> = order
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|key| match key.rsplit_once('-') {
                Some((field, dir)) => (field, dir == "true"),
                None => (key, false),
            })
            .collect();
        // Each row's sort values looked up once (benchmarks order 100,000 logs per page).
        let mut keyed: Vec<(Vec<&Value>, &Value)> = rows
            .into_iter()
            .map(|row| {
                let values = keys
                    .iter()
                    .map(|(field, _)| kind.value(row, field))
                    .collect();
                (values, row)
            })
            .collect();
        // Stable sort: ties keep the default order, as a SQL ORDER BY on an indexed id would.
        keyed.sort_by(|(a, _), (b, _)| {
            keys.iter()
                .zip(a.iter().zip(b.iter()))
                .map(|((_, desc), (a, b))| {
                    let ord = compare(a, b);
                    if *desc { ord.reverse() } else { ord }
                })
                .find(|o| *o != Ordering::Equal)
                .unwrap_or(Ordering::Equal)
        });
        rows = keyed.into_iter().map(|(_, row)| row).collect();
    }

    let total = rows.len();
    let limit = limit(param("limit"));
    let offset = match param("cursor") {
        None | Some("") => Some(0),
        Some(c) => c.strip_prefix("skip").and_then(|n| n.parse::<usize>().ok()),
    };
    // `cursor=undefined` (the last page's Link) or any cursor we did not issue: no rows.
    let items: Vec<Value> = match offset {
        Some(offset) => rows
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|row| match kind {
                Rows::Logs => public_log(row),
                Rows::Webhooks => row.clone(),
            })
            .collect(),
        None => Vec::new(),
    };

    let count = items.len();
    let mut reply = Reply::json(200, Value::Array(items));
    if count > 0 {
        // Studio's db layer only hands out a cursor when the page came back full.
        let next = match offset {
            Some(offset) if count == limit => format!("skip{}", offset + limit),
            _ => "undefined".to_owned(),
        };
        reply = reply.header(
            "link",
            format!("<{}>; rel=\"next\"", next_href(req, &pairs, &next)),
        );
    }
    if param("count").is_some_and(|c| c == "1" || c == "true") {
        reply = reply.header("x-total-count", total.to_string());
    }
    reply
}

/// Hostile modes: `limit` rows (with fresh ids, or the same ids every time), and a `Link` to
/// the next offset, whatever came before. Rows carry the fields webhooks and logs both parse.
pub(crate) fn endless(req: &RecordedRequest, fresh: bool) -> Reply {
    let pairs = query_pairs(req);
    let param = |name: &str| param(&pairs, name);
    let limit = limit(param("limit"));
    let offset = param("cursor")
        .and_then(|c| c.strip_prefix("skip"))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(0);
    let rows: Vec<Value> = (0..limit)
        .map(|i| {
            let id = if fresh {
                crate::store::new_id()
            } else {
                format!("00000000-0000-4000-8000-{i:012}")
            };
            serde_json::json!({
                "id": id, "name": "again", "url": "https://x.example",
                "events": [], "createdAt": 1, "event": "stream.started", "success": true
            })
        })
        .collect();
    let next = format!("skip{}", offset + limit);
    Reply::json(200, Value::Array(rows)).header(
        "link",
        format!("<{}>; rel=\"next\"", next_href(req, &pairs, &next)),
    )
}

/// The request's own URL with `cursor` replaced, as Studio's `makeNextHREF` builds it.
fn next_href(req: &RecordedRequest, pairs: &[(String, String)], cursor: &str) -> String {
    let host = req.header("host").unwrap_or("127.0.0.1");
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut replaced = false;
    for (k, v) in pairs {
        if k == "cursor" {
            if !replaced {
                query.append_pair("cursor", cursor);
                replaced = true;
            }
        } else {
            query.append_pair(k, v);
        }
    }
    if !replaced {
        query.append_pair("cursor", cursor);
    }
    format!("http://{host}{}?{}", req.path, query.finish())
}

fn parse_filters(raw: &str, kind: Rows) -> Result<Vec<(String, Value)>, String> {
    let raw = decode_uri_component(raw)
        .ok_or_else(|| "error parsing filters: URIError: URI malformed".to_owned())?;
    let parsed: Value = serde_json::from_str(&raw)
        .map_err(|e| format!("error parsing filters: SyntaxError: {e}"))?;
    let Value::Array(entries) = parsed else {
        return Err("error parsing filters: TypeError: filters.map is not a function".to_owned());
    };
    entries
        .into_iter()
        .map(|entry| {
            let field = entry
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("undefined")
                .to_owned();
            if !kind.fields().contains(&field.as_str()) {
                return Err(format!(
                    "error parsing filters: Error: unknown field: \"{field}\""
                ));
            }
            Ok((field, entry.get("value").cloned().unwrap_or(Value::Null)))
        })
        .collect()
}

fn matches(kind: Rows, row: &Value, field: &str, want: &Value) -> bool {
    let have = kind.value(row, field);
    match (kind, field) {
        // Text fields Studio matches with ILIKE '%value%'.
        (Rows::Webhooks, "name") | (Rows::Logs, "resourceId") => {
            ilike(&text(have), &format!("%{}%", text(want)))
        }
        (_, "createdAt" | "statusCode") => match want {
            Value::Object(range) => range.iter().all(|(op, bound)| {
                let ord = compare(have, bound);
                match op.as_str() {
                    "gt" => ord == Ordering::Greater,
                    "gte" => ord != Ordering::Less,
                    "lt" => ord == Ordering::Less,
                    "lte" => ord != Ordering::Greater,
                    _ => true,
                }
            }),
            _ => compare(have, want) == Ordering::Equal,
        },
        _ => text(have) == text(want),
    }
}

/// A value as Postgres would compare it after `->>`: strings bare, everything else as JSON.
fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn compare(a: &Value, b: &Value) -> Ordering {
    let num = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.parse::<f64>().ok(),
        _ => None,
    };
    match (a, b) {
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Less,
        (_, Value::Null) => Ordering::Greater,
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            _ => text(a).cmp(&text(b)),
        },
    }
}

/// JavaScript's `decodeURIComponent`: `%XX` escapes (which must form UTF-8) decoded, `+` left
/// alone; `None` where JavaScript throws `URIError: URI malformed`.
pub(crate) fn decode_uri_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// PostgreSQL's `text ILIKE pattern` with the default escape `\\`: `%` any run of characters,
/// `_` any one character, `\\x` a literal `x`; case-insensitive.
pub(crate) fn ilike(text: &str, pattern: &str) -> bool {
    #[derive(Clone, Copy, PartialEq)]
    enum Tok {
        Any,
        One,
        Lit(char),
    }
    let mut toks = Vec::new();
    let mut chars = pattern.chars().flat_map(char::to_lowercase);
    while let Some(c) = chars.next() {
        toks.push(match c {
            '%' => Tok::Any,
            '_' => Tok::One,
            '\\' => Tok::Lit(chars.next().unwrap_or('\\')),
            c => Tok::Lit(c),
        });
    }
    let text: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    // matched[j]: the first i characters of text match the first j tokens (row by row over i).
    let mut matched = vec![false; toks.len() + 1];
    matched[0] = true;
    for j in 1..=toks.len() {
        matched[j] = matched[j - 1] && toks[j - 1] == Tok::Any;
    }
    for &c in &text {
        let mut next = vec![false; toks.len() + 1];
        for j in 1..=toks.len() {
            next[j] = match toks[j - 1] {
                Tok::Any => next[j - 1] || matched[j],
                Tok::One => matched[j - 1],
                Tok::Lit(l) => matched[j - 1] && l == c,
            };
        }
        matched = next;
    }
    matched[toks.len()]
}

/// A log row as Studio answers it: `eventId` and the log's `sharedSecret` are stored (the resend
/// signs with that secret) but write-only, stripped from every answer.
pub(crate) fn public_log(row: &Value) -> Value {
    let mut row = row.clone();
    if let Value::Object(map) = &mut row {
        map.remove("sharedSecret");
        map.remove("eventId");
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ilike_treats_percent_and_underscore_as_wildcards_unless_escaped() {
        assert!(ilike("Prod-Assets", "%assets%"));
        assert!(ilike("50X off", "%50%_off%"));
        assert!(!ilike("50X off", "%50\\%\\_off%"));
        assert!(ilike("50%_off sale", "%50\\%\\_off%"));
        assert!(ilike("a\\b", "%a\\\\b%"));
        assert!(!ilike("ab", "%a\\\\b%"));
        assert!(!ilike("abc", "%abd%"));
        assert!(ilike("", "%%"));
    }

    #[test]
    fn decode_uri_component_fails_like_javascript_on_a_bare_percent() {
        assert_eq!(decode_uri_component("a%25b").as_deref(), Some("a%b"));
        assert_eq!(decode_uri_component("a+b").as_deref(), Some("a+b"));
        assert_eq!(decode_uri_component("%"), None);
        assert_eq!(decode_uri_component("%zz"), None);
        assert_eq!(decode_uri_component("%ff"), None);
    }
}
