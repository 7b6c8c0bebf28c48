//! What the webhook commands share: resolving an id or unique id prefix, reading event lists,
//! generating secrets, checking URLs, and showing a webhook (fields table or JSON).

use std::net::IpAddr;

use anyhow::{Context, Result};
use serde_json::Value;

use crate::api::{ApiError, Client, ListQuery, Webhook};
use crate::error::{Failure, usage};
use crate::events::{self, LIVEPEER_EVENTS};
use crate::output::{self, Out, sanitize};
use crate::redacted::mask;

/// Studio's page-size cap: listing everything uses the biggest pages it allows.
pub const MAX_PAGE: u32 = 1000;

/// How many candidates an "ambiguous prefix" error lists before summarising the rest.
const MAX_CANDIDATES: usize = 10;

/// Turns what the user typed (a full id or a unique prefix) into a webhook. Lists all webhooks
/// at most once, however many prefixes a command resolves (`lpwh delete a1 b2 c3`).
pub struct Resolver<'a> {
    api: &'a Client,
    all: Option<Vec<Webhook>>,
}

impl<'a> Resolver<'a> {
    pub fn new(api: &'a Client) -> Self {
        Resolver { api, all: None }
    }

    /// The webhook `arg` names: exit 4 when none matches, exit 2 when a prefix is ambiguous.
    pub async fn resolve(&mut self, arg: &str) -> Result<Webhook> {
        let wanted = arg.trim();
        if wanted.is_empty() {
            return Err(usage("a webhook id cannot be empty")
                .hint("run 'lpwh list' to see your webhooks and their ids")
                .into());
        }
        // A full UUID is almost always exact: one cheap GET instead of listing everything.
        if looks_like_uuid(wanted) {
            match self.api.get_webhook(wanted).await {
                Ok(webhook) => return Ok(webhook),
                Err(err) if err.status() == Some(404) => return Err(not_found(wanted).into()),
                Err(err) => return Err(err).context(format!("looking up webhook {wanted}")),
            }
        }
        let all = self.all().await?;
        match by_id_prefix(all, wanted, |w| &w.id).as_slice() {
            [] => Err(not_found(wanted).into()),
            [one] => Ok((*one).clone()),
            many => Err(ambiguous(wanted, many).into()),
        }
    }

    async fn all(&mut self) -> Result<&[Webhook]> {
        if self.all.is_none() {
            let query = ListQuery {
                limit: Some(MAX_PAGE),
                ..ListQuery::default()
            };
            let all = self
                .api
                .list_all_webhooks(&query, None)
                .await
                .context("listing webhooks to resolve an id prefix")?;
            self.all = Some(all);
        }
        Ok(self.all.as_deref().unwrap_or_default())
    }
}

/// Resolve one id or prefix (see [`Resolver`]).
pub async fn resolve(api: &Client, arg: &str) -> Result<Webhook> {
    Resolver::new(api).resolve(arg).await
}

/// `lpwh get`'s error for an id nobody has: the same wording wherever an id is looked up.
pub fn not_found(id: &str) -> Failure {
    Failure::not_found(format!("no webhook with id '{}'", sanitize(id)))
        .hint("run 'lpwh list' to see your webhooks and their ids")
}

/// True when an API error means "this webhook does not exist (for this key)".
pub fn is_not_found(err: &ApiError) -> bool {
    err.status() == Some(404)
}

fn ambiguous(arg: &str, matches: &[&Webhook]) -> Failure {
    let shown = &matches[..matches.len().min(MAX_CANDIDATES)];
    let width = shown
        .iter()
        .map(|w| sanitize(&w.name).chars().count())
        .max()
        .unwrap_or(0);
    let lines = shown.iter().map(|w| {
        format!(
            "{}  {:<width$}  {}",
            sanitize(&w.id),
            sanitize(&w.name),
            sanitize(&w.url)
        )
    });
    ambiguous_prefix(arg, "webhooks", matches.len(), lines)
        .hint("type more characters of the id, or the whole id")
}

/// What an id prefix names among `items`: the item whose id is `wanted` exactly, else every item
/// whose id starts with it (both ignoring ASCII case).
pub fn by_id_prefix<'a, T>(items: &'a [T], wanted: &str, id: impl Fn(&T) -> &str) -> Vec<&'a T> {
    if let Some(exact) = items.iter().find(|i| id(i).eq_ignore_ascii_case(wanted)) {
        return vec![exact];
    }
    let needle = wanted.to_ascii_lowercase();
    items
        .iter()
        .filter(|i| id(i).to_ascii_lowercase().starts_with(&needle))
        .collect()
}

/// The usage error (exit 2) for a prefix matching `total` things of kind `noun`: the first
/// [`MAX_CANDIDATES`] of `lines` (one per candidate, already sanitized), then how many more.
/// The caller adds the hint.
pub fn ambiguous_prefix(
    arg: &str,
    noun: &str,
    total: usize,
    lines: impl IntoIterator<Item = String>,
) -> Failure {
    let mut message = format!("'{}' matches {total} {noun}:", sanitize(arg));
    for line in lines.into_iter().take(MAX_CANDIDATES) {
        message.push_str("\n  ");
        message.push_str(&line);
    }
    if total > MAX_CANDIDATES {
        message.push_str(&format!("\n  ... and {} more", total - MAX_CANDIDATES));
    }
    usage(message)
}

/// A full Studio id (a UUID), as opposed to a prefix of one.
pub fn looks_like_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

/// `--events a,b --events c` (clap already split on commas): trimmed, empties dropped,
/// duplicates removed, first-seen order kept.
pub fn normalize_events(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in raw.iter().flat_map(|r| r.split(',')) {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|e| e == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Exit 2 with "did you mean" for names Studio would reject, unless the user opted out.
pub fn check_events(names: &[String], allow_unknown: bool) -> Result<()> {
    if allow_unknown {
        return Ok(());
    }
    events::check_livepeer_events(names).map_err(|problems| {
        usage(sanitize(&problems).into_owned())
            .hint("'lpwh event-types' lists every event; --allow-unknown-events skips this check")
            .into()
    })
}

/// For filters (`--event`): an unknown name is not an error (it may be newer than this lpwh),
/// but a typo would silently match nothing, so say so.
pub fn warn_unknown_event(out: &Out, name: &str) {
    if let Err(problem) = events::check_livepeer_events(&[name.to_owned()]) {
        out.warn(format!("{}; nothing may match", sanitize(&problem)));
    }
}

/// A fresh signing secret: 32 random bytes from the OS-seeded CSPRNG, hex-encoded (64 chars).
pub fn generate_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::fill(&mut bytes);
    hex::encode(bytes)
}

/// Studio's own rule for a webhook URL: matches `^http(s)?://` and parses with a host.
pub fn validate_url(input: &str) -> Result<(), String> {
    if !(input.starts_with("http://") || input.starts_with("https://")) {
        return Err("the URL must start with http:// or https://".to_owned());
    }
    let parsed = url::Url::parse(input).map_err(|e| format!("not a valid URL: {e}"))?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host".to_owned());
    }
    Ok(())
}

/// [`validate_url`] as a usage error naming the flag.
pub fn check_url(input: &str) -> Result<()> {
    validate_url(input).map_err(|why| {
        usage(format!("--url '{}': {why}", sanitize(input)))
            .hint("for example --url https://example.com/webhooks/livepeer")
            .into()
    })
}

/// The host of `url` when Studio would refuse to deliver there (loopback, private, link-local).
pub fn unreachable_host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host()?;
    let local = match &host {
        url::Host::Domain(d) => {
            let d = d.to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost") || d.ends_with(".local")
        }
        url::Host::Ipv4(ip) => is_private_ip(IpAddr::V4(*ip)),
        url::Host::Ipv6(ip) => is_private_ip(IpAddr::V6(*ip)),
    };
    local.then(|| host.to_string())
}

fn is_private_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                // 100.64.0.0/10, carrier-grade NAT (tailscale and friends): not reachable either.
                || (v4.octets()[0] == 100 && (v4.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link local
                || v6.to_ipv4_mapped().is_some_and(|v4| is_private_ip(IpAddr::V4(v4)))
        }
    }
}

/// Studio silently skips loopback and private URLs: say so before the user waits for nothing.
pub fn warn_if_unreachable(out: &Out, url: &str) {
    if let Some(host) = unreachable_host(url) {
        out.warn(format!(
            "Studio does not deliver to local or private addresses ({}), so this webhook will never fire",
            sanitize(&host)
        ));
        out.info(
            "hint: expose your receiver through a tunnel (ngrok, cloudflared) and use its public URL, \
             or run 'lpwh listen --public-url URL'",
        );
    }
}

/// Print a secret the user must copy now, because it is shown unmasked only this once.
/// `title` is e.g. "Generated signing secret".
pub fn announce_secret(out: &Out, secret: &str, title: &str) {
    let paint = out.paint_err();
    eprintln!(
        "{} (shown only this once; store it now, e.g. as LPWH_WEBHOOK_SECRET for 'lpwh listen'):",
        paint.bold(title)
    );
    eprintln!("  {}", paint.yellow(secret));
}

/// Events in a few characters: a family with two or more events becomes `stream.* (2)`.
pub fn compact_events(names: &[String]) -> String {
    if names.is_empty() {
        return "(none)".to_owned();
    }
    if LIVEPEER_EVENTS
        .iter()
        .all(|e| names.iter().any(|n| n == e.name))
    {
        return format!("all ({})", names.len());
    }
    let mut families: Vec<(&str, Vec<&str>)> = Vec::new();
    for name in names {
        let family = events::family_of(name);
        match families.iter_mut().find(|(f, _)| *f == family) {
            Some((_, members)) => members.push(name),
            None => families.push((family, vec![name])),
        }
    }
    families
        .iter()
        .map(|(family, members)| match members.as_slice() {
            [one] => sanitize(one).into_owned(),
            many => format!("{}.* ({})", sanitize(family), many.len()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A secret for display: masked (`abcd…`) unless the user asked to see it.
pub fn secret_text(secret: Option<&str>, show: bool) -> String {
    match secret {
        None | Some("") => "(none: deliveries are not signed)".to_owned(),
        Some(s) if show => sanitize(s).into_owned(),
        Some(s) => mask(s),
    }
}

fn when(ms: i64, now: i64) -> String {
    format!(
        "{} ({})",
        output::local_time(ms),
        output::relative_time(ms, now)
    )
}

/// `500, 3m ago` for the LAST FAILURE column.
pub fn failure_short(w: &Webhook, now: i64) -> String {
    let Some(failure) = w.status.as_ref().and_then(|s| s.last_failure.as_ref()) else {
        return "-".to_owned();
    };
    let code = failure
        .status_code
        .map_or_else(|| "error".to_owned(), |c| c.to_string());
    match failure.timestamp {
        Some(ts) => format!("{code}, {}", output::relative_time(ts, now)),
        None => code,
    }
}

/// `3m ago` or `never` for the LAST TRIGGERED column.
pub fn triggered_short(w: &Webhook, now: i64) -> String {
    w.status
        .as_ref()
        .and_then(|s| s.last_triggered_at)
        .map_or_else(|| "never".to_owned(), |t| output::relative_time(t, now))
}

/// One webhook as `field  value` lines on stdout (`lpwh get`, and after create/update).
pub fn print_webhook(out: &Out, w: &Webhook, show_secrets: bool) -> std::io::Result<()> {
    let now = output::now_ms();
    let paint = out.paint();
    let events_text = if w.events.is_empty() {
        "(none)".to_owned()
    } else {
        w.events
            .iter()
            .map(|e| sanitize(e).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let status = w.status.as_ref();
    let failure = status.and_then(|s| s.last_failure.as_ref());
    let last_failure = failure.map(|f| {
        let mut parts = Vec::new();
        if let Some(code) = f.status_code {
            parts.push(format!("status {code}"));
        }
        if let Some(ts) = f.timestamp {
            parts.push(when(ts, now));
        }
        if parts.is_empty() {
            "yes".to_owned()
        } else {
            parts.join(", ")
        }
    });
    let mut rows: Vec<(&str, String)> = vec![
        ("id", sanitize(&w.id).into_owned()),
        ("name", sanitize(&w.name).into_owned()),
        ("url", sanitize(&w.url).into_owned()),
        ("events", events_text),
        (
            "secret",
            secret_text(w.shared_secret.as_deref(), show_secrets),
        ),
        (
            "stream id",
            w.stream_id
                .as_deref()
                .map_or_else(|| "(any stream)".to_owned(), |s| sanitize(s).into_owned()),
        ),
        (
            "project id",
            w.project_id
                .as_deref()
                .map_or_else(|| "-".to_owned(), |s| sanitize(s).into_owned()),
        ),
        (
            "created",
            w.created_at
                .map_or_else(|| "-".to_owned(), |t| when(t, now)),
        ),
        (
            "last triggered",
            status
                .and_then(|s| s.last_triggered_at)
                .map_or_else(|| "never".to_owned(), |t| when(t, now)),
        ),
        ("last failure", last_failure.unwrap_or_else(|| "-".into())),
    ];
    // What Studio stored about the failure: whole in --json, one line each here.
    if let Some(f) = failure {
        if let Some(err) = f.error.as_deref().filter(|e| !e.trim().is_empty()) {
            rows.push(("  error", one_line(err)));
        }
        if let Some(resp) = f.response.as_deref().filter(|r| !r.trim().is_empty()) {
            rows.push(("  response", one_line(resp)));
        }
    }
    if w.deleted {
        rows.insert(1, ("deleted", paint.red("yes (only an admin key sees it)")));
    }
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (key, value) in rows {
        // Pad before painting: escape codes would throw the alignment off.
        out.line(format!("{}  {value}", paint.bold(format!("{key:<width$}"))))?;
    }
    Ok(())
}

/// Longest stored failure text shown in a table cell, in characters.
const FAILURE_TEXT: usize = 160;

/// Untrusted text for one table cell: sanitized (line breaks escaped too, so it stays on one
/// line), whitespace runs folded, cut to [`FAILURE_TEXT`] characters.
fn one_line(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let clean = sanitize(&folded);
    let mut cut: String = clean.chars().take(FAILURE_TEXT).collect();
    if clean.chars().count() > FAILURE_TEXT {
        cut.push('…');
    }
    cut
}

/// A webhook for `--json`: every field Studio sent, the secret masked unless asked.
pub fn webhook_json(w: &Webhook, show_secrets: bool) -> Value {
    let mut value = serde_json::to_value(w).unwrap_or(Value::Null);
    if !show_secrets && let Some(Value::String(secret)) = value.get_mut("sharedSecret") {
        *secret = mask(secret);
    }
    value
}

/// Print a webhook in the form the invocation asked for.
pub fn show_webhook(out: &Out, w: &Webhook, show_secrets: bool) -> Result<()> {
    if out.json {
        out.json(&webhook_json(w, show_secrets))?;
    } else {
        print_webhook(out, w, show_secrets)?;
    }
    Ok(())
}

/// Remove every `sharedSecret` from a JSON value (webhook logs may carry the secret they were
/// signed with; it is never shown).
pub fn scrub_secrets(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|k, _| !k.eq_ignore_ascii_case("sharedSecret"));
            map.values_mut().for_each(scrub_secrets);
        }
        Value::Array(items) => items.iter_mut().for_each(scrub_secrets),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_lists_are_split_trimmed_and_deduplicated() {
        let raw = vec![
            "stream.started, stream.idle".to_owned(),
            "asset.ready".to_owned(),
            "stream.idle".to_owned(),
            "".to_owned(),
        ];
        assert_eq!(
            normalize_events(&raw),
            ["stream.started", "stream.idle", "asset.ready"]
        );
    }

    #[test]
    fn families_with_several_events_are_compacted() {
        let names: Vec<String> = ["stream.started", "stream.idle", "asset.ready"]
            .map(String::from)
            .to_vec();
        assert_eq!(compact_events(&names), "stream.* (2), asset.ready");
        assert_eq!(compact_events(&[]), "(none)");
        let all: Vec<String> = LIVEPEER_EVENTS.iter().map(|e| e.name.to_owned()).collect();
        assert_eq!(compact_events(&all), "all (20)");
    }

    #[test]
    fn urls_follow_studios_rule() {
        assert!(validate_url("https://example.com/hook").is_ok());
        assert!(validate_url("http://1.2.3.4:8080").is_ok());
        assert!(validate_url("ftp://example.com").is_err());
        assert!(validate_url("example.com/hook").is_err());
        assert!(validate_url("https://").is_err());
        assert!(validate_url("HTTPS://example.com").is_err());
    }

    #[test]
    fn local_and_private_hosts_are_recognised() {
        for url in [
            "http://localhost:3000/x",
            "http://127.0.0.1/",
            "http://10.1.2.3/",
            "http://192.168.0.10/",
            "http://172.16.5.5/",
            "http://[::1]:3000/",
            "http://[fd00::1]/",
            "http://printer.local/",
            "http://100.100.1.1/",
        ] {
            assert!(unreachable_host(url).is_some(), "{url}");
        }
        for url in [
            "https://example.com/",
            "http://8.8.8.8/",
            "http://172.32.0.1/",
        ] {
            assert!(unreachable_host(url).is_none(), "{url}");
        }
    }

    #[test]
    fn generated_secrets_are_long_and_fresh() {
        let a = generate_secret();
        let b = generate_secret();
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn secrets_are_scrubbed_at_any_depth() {
        let mut v = serde_json::json!({
            "id": "x",
            "sharedSecret": "s3cr3t",
            "request": {"sharedSecret": "s3cr3t", "headers": {"a": "b"}},
            "list": [{"sharedSecret": "s3cr3t"}]
        });
        scrub_secrets(&mut v);
        assert!(!v.to_string().contains("s3cr3t"), "{v}");
        assert_eq!(v["request"]["headers"]["a"], "b");
    }

    #[test]
    fn json_masks_the_secret_unless_asked() {
        let w: Webhook = serde_json::from_value(serde_json::json!({
            "id": "abc", "name": "n", "url": "https://e.com", "events": [],
            "sharedSecret": "0123456789abcdef", "extraField": 1
        }))
        .unwrap();
        assert_eq!(webhook_json(&w, false)["sharedSecret"], "0123…");
        assert_eq!(webhook_json(&w, true)["sharedSecret"], "0123456789abcdef");
        assert_eq!(webhook_json(&w, false)["extraField"], 1);
    }
}
