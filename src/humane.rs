//! Values as people write and read them: durations (`300`, `5m`, `1h30m`, `7d`), sizes
//! (`1MiB`, `512KiB`), times (`3m ago`, `2026-11-22 08:20:17`). Every flag that takes one
//! parses it here, and every message that shows one prints it here.
//!
//! Durations are parsed by jiff's friendly format (`5m`, `1h 30m`, `2 hours`, `1500ms`, `7d`,
//! `2w`; days are 24 hours), with lpwh's own rules on top: a bare number is seconds, and signs
//! and fractions are refused.

use std::fmt;

/// Parse a duration into milliseconds: `300` (seconds), `300s`, `5m`, `1h`, `1500ms`, `2m30s`,
/// `7d`, `2w`. Zero is allowed; negative and fractional values are not. The error is phrased
/// for clap to show next to the flag.
pub fn parse_millis(text: &str) -> Result<i64, String> {
    let s = text.trim();
    let bad = || {
        format!(
            "'{}' is not a duration: use seconds (300) or a unit (300s, 5m, 1h, 1500ms, 7d)",
            s.escape_default()
        )
    };
    if s.is_empty() {
        return Err(bad());
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        // Eighteen digits keep every value far from overflow in later arithmetic.
        let secs: i64 = s.parse().ok().filter(|_| s.len() <= 18).ok_or_else(bad)?;
        return secs.checked_mul(1000).ok_or_else(bad);
    }
    // jiff also reads `-5m`, `5m ago` and `1.5h`; lpwh's durations are whole and forward.
    if s.contains(['-', '+', '.', ',']) || s.to_ascii_lowercase().contains("ago") {
        return Err(bad());
    }
    let span: jiff::Span = s.parse().map_err(|_| bad())?;
    let duration = span
        .to_duration(jiff::SpanRelativeTo::days_are_24_hours())
        .map_err(|_| bad())?;
    i64::try_from(duration.as_millis()).map_err(|_| bad())
}

/// [`parse_millis`] as a `Duration`: the one grammar for every duration flag (`--tolerance`,
/// `--read-timeout`, `--forward-timeout`, `--timeout-after`, `--since`, `--keep`).
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    parse_millis(text).map(|ms| std::time::Duration::from_millis(ms.unsigned_abs()))
}

/// An age: a duration with a unit (`90s`, `10m`, `7d`, `2w`). A bare number is not an age
/// (`--keep 500` means a count).
pub fn parse_age(text: &str) -> Option<std::time::Duration> {
    let text = text.trim();
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    parse_duration(text).ok()
}

/// `--since`: an age before `now_ms` (`10m`, `2h`, `1d`) or an RFC 3339 time, as Unix ms; a
/// usage error naming both forms otherwise.
pub fn since(text: &str, now_ms: i64) -> anyhow::Result<i64> {
    parse_since(text, now_ms).ok_or_else(|| {
        crate::error::usage(format!("--since '{text}' is not an age or a time"))
            .hint("give an age such as 10m, 2h or 1d, or an RFC 3339 time such as 2026-11-22T08:00:00Z")
            .into()
    })
}

/// [`since`] without the error: `None` when `text` is neither an age nor a time.
pub fn parse_since(text: &str, now_ms: i64) -> Option<i64> {
    if let Some(age) = parse_age(text) {
        let ms = i64::try_from(age.as_millis()).unwrap_or(i64::MAX);
        return Some(now_ms.saturating_sub(ms));
    }
    text.trim()
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|ts| ts.as_millisecond())
}

/// `1MiB`, `512KiB`, `2MB`, `64k`, or a bare byte count.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let bad = || format!("'{text}' is not a size: use e.g. 1MiB, 512KiB, 2MB or 100000");
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let number: f64 = t[..split].parse().map_err(|_| bad())?;
    let scale: u64 = match t[split..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "kib" => 1 << 10,
        "m" | "mb" => 1_000_000,
        "mib" => 1 << 20,
        "g" | "gb" => 1_000_000_000,
        "gib" => 1 << 30,
        _ => return Err(bad()),
    };
    let bytes = number * scale as f64;
    if !(bytes.is_finite() && bytes >= 1.0 && bytes <= u64::MAX as f64) {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// A short duration for people, from milliseconds (sign ignored): `850ms`, `42s`, `5m 2s`,
/// `3h 4m`, `12d 3h`. The two largest units only: it says how long, not to the millisecond.
pub struct Duration(pub i64);

impl Duration {
    pub fn of(d: std::time::Duration) -> Duration {
        Duration(i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0.unsigned_abs();
        let secs = ms / 1000;
        match secs {
            0 => write!(f, "{ms}ms"),
            1..=59 => write!(f, "{secs}s"),
            60..=3599 => match secs % 60 {
                0 => write!(f, "{}m", secs / 60),
                s => write!(f, "{}m {s}s", secs / 60),
            },
            3600..=86_399 => match (secs % 3600) / 60 {
                0 => write!(f, "{}h", secs / 3600),
                m => write!(f, "{}h {m}m", secs / 3600),
            },
            _ => match (secs % 86_400) / 3600 {
                0 => write!(f, "{}d", secs / 86_400),
                h => write!(f, "{}d {h}h", secs / 86_400),
            },
        }
    }
}

/// `412 B`, `1.2 KiB`, `3.4 MiB`.
pub fn size(bytes: i64) -> String {
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < 1024.0 * 1024.0 {
        format!("{:.1} KiB", b / 1024.0)
    } else {
        format!("{:.1} MiB", b / (1024.0 * 1024.0))
    }
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// `3m ago`, `2h ago`, `5d ago`, `in 4s` for a Unix-ms time relative to `now_ms`.
pub fn relative_time(ms: i64, now_ms: i64) -> String {
    let delta = now_ms.saturating_sub(ms);
    let (future, secs) = (delta < 0, (delta.unsigned_abs() / 1000));
    let amount = match secs {
        0..=59 => format!("{secs}s"),
        60..=3599 => format!("{}m", secs / 60),
        3600..=86_399 => format!("{}h", secs / 3600),
        86_400..=2_591_999 => format!("{}d", secs / 86_400),
        _ => format!("{}mo", secs / 2_592_000),
    };
    if future {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

/// A Unix-ms time as local `YYYY-MM-DD HH:MM:SS`.
pub fn local_time(ms: i64) -> String {
    match jiff::Timestamp::from_millisecond(ms) {
        Ok(ts) => ts
            .to_zoned(jiff::tz::TimeZone::system())
            .strftime("%Y-%m-%d %H:%M:%S")
            .to_string(),
        Err(_) => ms.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_millis("300"), Ok(300_000));
        assert_eq!(parse_millis("300s"), Ok(300_000));
        assert_eq!(parse_millis("5m"), Ok(300_000));
        assert_eq!(parse_millis("1h"), Ok(3_600_000));
        assert_eq!(parse_millis("1500ms"), Ok(1500));
        assert_eq!(parse_millis("2m30s"), Ok(150_000));
        assert_eq!(parse_millis("2m 30s"), Ok(150_000));
        assert_eq!(parse_millis("1m30s"), Ok(90_000));
        assert_eq!(parse_millis("0"), Ok(0));
        assert_eq!(parse_millis("7d"), Ok(7 * 86_400_000));
        assert_eq!(parse_millis("2w"), Ok(14 * 86_400_000));
        assert_eq!(parse_millis("1d12h"), Ok(36 * 3_600_000));
        assert_eq!(parse_millis("2 hours"), Ok(7_200_000));
        for bad in [
            "",
            "-5",
            "5x",
            "m",
            "5 m s",
            "1.5m",
            "1m30",
            "s5",
            "-5m",
            "5m ago",
            "+5m",
            "99999999999999999999",
        ] {
            assert!(parse_millis(bad).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(
            parse_duration("250ms").unwrap(),
            std::time::Duration::from_millis(250)
        );
    }

    #[test]
    fn ages_need_a_unit_and_since_takes_a_time_too() {
        assert_eq!(parse_age("500"), None);
        assert_eq!(
            parse_age("7d"),
            Some(std::time::Duration::from_secs(7 * 86_400))
        );
        let now = 1_800_000_000_000;
        assert_eq!(parse_since("10m", now), Some(now - 600_000));
        assert_eq!(
            parse_since("2026-11-22T08:00:00Z", now),
            Some(1_795_334_400_000)
        );
        assert_eq!(parse_since("yesterday-ish", now), None);
    }

    #[test]
    fn sizes_know_binary_and_decimal_units() {
        assert_eq!(parse_size("1MiB").unwrap(), 1_048_576);
        assert_eq!(parse_size("512KiB").unwrap(), 524_288);
        assert_eq!(parse_size("2MB").unwrap(), 2_000_000);
        assert_eq!(parse_size("100000").unwrap(), 100_000);
        for bad in ["", "0", "1XB", "lots"] {
            assert!(parse_size(bad).is_err(), "{bad} should be rejected");
        }
        assert_eq!(size(412), "412 B");
        assert_eq!(size(2048), "2.0 KiB");
        assert_eq!(size(3 * 1024 * 1024), "3.0 MiB");
        assert_eq!(size(1229), "1.2 KiB");
        assert_eq!(size(3 * 1024 * 1024 + 400_000), "3.4 MiB");
    }

    #[test]
    fn durations_print_short() {
        assert_eq!(Duration(850).to_string(), "850ms");
        assert_eq!(Duration(-42_000).to_string(), "42s");
        assert_eq!(Duration(302_000).to_string(), "5m 2s");
        assert_eq!(Duration(300_000).to_string(), "5m");
        assert_eq!(Duration(3 * 3_600_000 + 4 * 60_000).to_string(), "3h 4m");
        assert_eq!(
            Duration::of(std::time::Duration::from_secs(7 * 86_400)).to_string(),
            "7d"
        );
        // The extreme must format, not overflow: 2^63 ms is about 106751991167 days.
        assert!(Duration(i64::MIN).to_string().starts_with("106751991167d"));
    }

    #[test]
    fn relative_times_read_naturally() {
        let now = 1_000_000_000_000;
        assert_eq!(relative_time(now - 5_000, now), "5s ago");
        assert_eq!(relative_time(now - 180_000, now), "3m ago");
        assert_eq!(relative_time(now - 7_200_000, now), "2h ago");
        assert_eq!(relative_time(now - 3 * 86_400_000, now), "3d ago");
        assert_eq!(relative_time(now + 4_000, now), "in 4s");
    }
}
