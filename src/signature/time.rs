//! Time values around signatures: Unix times given in seconds or milliseconds, humane tolerances
//! (`300`, `300s`, `5m`), and short human durations for hints.

use std::fmt;
use std::str::FromStr;

/// The unit a scheme writes its timestamp in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeUnit {
    Seconds,
    Millis,
}

impl TimeUnit {
    /// `value` (in this unit) as Unix ms, or `None` when it does not fit an `i64`.
    pub fn to_ms(self, value: i64) -> Option<i64> {
        match self {
            TimeUnit::Seconds => value.checked_mul(1000),
            TimeUnit::Millis => Some(value),
        }
    }

    /// Unix ms written in this unit (seconds round down, as every sender does).
    pub fn from_ms(self, ms: i64) -> i64 {
        match self {
            TimeUnit::Seconds => ms.div_euclid(1000),
            TimeUnit::Millis => ms,
        }
    }
}

/// Unix times at or above this are milliseconds. 10^11 seconds is the year 5138 while
/// 10^11 milliseconds is 1973, so no plausible time of either kind lands on the wrong side.
pub const MILLIS_THRESHOLD: i64 = 100_000_000_000;

/// Which unit a plausible Unix time is in, judged by its magnitude.
pub fn unit_by_magnitude(value: i64) -> TimeUnit {
    if value.unsigned_abs() >= MILLIS_THRESHOLD as u64 {
        TimeUnit::Millis
    } else {
        TimeUnit::Seconds
    }
}

/// A Unix time typed by a person (`--timestamp`, `--now`): seconds or milliseconds, told apart
/// by magnitude. Keeps the unit it was given in so messages can echo it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnixTime {
    /// The time in Unix milliseconds.
    pub ms: i64,
    /// The unit the value was written in.
    pub unit: TimeUnit,
}

impl FromStr for UnixTime {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let text = s.trim();
        let value = parse_digits(text).ok_or_else(|| {
            format!(
                "'{}' is not a Unix time: give seconds (1763790000) or milliseconds (1763790000123)",
                text.escape_default()
            )
        })?;
        let unit = unit_by_magnitude(value);
        // Seconds are below 10^11 by definition here, so multiplying by 1000 cannot overflow.
        let ms = unit.to_ms(value).unwrap_or(value);
        Ok(UnixTime { ms, unit })
    }
}

/// ASCII digits only (no sign, no spaces, no `+`), 1 to 18 of them, as an `i64`.
/// Eighteen digits keep every value far from overflow in later arithmetic.
pub(crate) fn parse_digits(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 18 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The default freshness window of every timestamped scheme: 300 s, both ways.
pub const DEFAULT_TOLERANCE_MS: i64 = 300_000;

/// Parse a humane tolerance into milliseconds: `300` (seconds), `300s`, `5m`, `1h`, `1500ms`,
/// `2m30s`. Zero is allowed (exact match only); negative values are not.
pub fn parse_tolerance(text: &str) -> Result<i64, String> {
    let s = text.trim();
    let bad = || {
        format!(
            "'{}' is not a duration: use seconds (300) or a unit (300s, 5m, 1h, 1500ms)",
            s.escape_default()
        )
    };
    if s.is_empty() {
        return Err(bad());
    }
    if let Some(secs) = parse_digits(s) {
        return secs.checked_mul(1000).ok_or_else(bad);
    }
    let mut total: i64 = 0;
    let mut rest = s;
    while !rest.is_empty() {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        let value = parse_digits(&rest[..digits]).ok_or_else(bad)?;
        rest = &rest[digits..];
        let unit_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        let factor = match &rest[..unit_len] {
            "ms" => 1,
            "s" | "sec" | "secs" => 1000,
            "m" | "min" | "mins" => 60_000,
            "h" | "hr" | "hrs" | "hour" | "hours" => 3_600_000,
            "d" | "day" | "days" => 86_400_000,
            "w" | "week" | "weeks" => 7 * 86_400_000,
            _ => return Err(bad()),
        };
        rest = rest[unit_len..].trim_start();
        total = value
            .checked_mul(factor)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(bad)?;
    }
    Ok(total)
}

/// [`parse_tolerance`] as a `Duration`: the one grammar for every humane duration flag
/// (`verify --tolerance`, `listen --tolerance/--read-timeout/...`, `inbox --since/--keep`).
pub fn parse_duration(text: &str) -> Result<std::time::Duration, String> {
    parse_tolerance(text).map(|ms| std::time::Duration::from_millis(ms.unsigned_abs()))
}

/// A short human duration: `850ms`, `42s`, `5m 2s`, `3h 4m`, `12d 3h`.
pub struct Human(pub i64);

impl fmt::Display for Human {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_and_millis_are_told_apart_by_magnitude() {
        let s: UnixTime = "1763790000".parse().unwrap();
        assert_eq!((s.ms, s.unit), (1_763_790_000_000, TimeUnit::Seconds));
        let ms: UnixTime = "1763790000123".parse().unwrap();
        assert_eq!((ms.ms, ms.unit), (1_763_790_000_123, TimeUnit::Millis));
        for bad in ["", "-5", "12a", "1.5", "+1", "9999999999999999999999"] {
            assert!(
                bad.parse::<UnixTime>().is_err(),
                "{bad:?} should be refused"
            );
        }
    }

    #[test]
    fn tolerances_read_like_people_write_them() {
        assert_eq!(parse_tolerance("300"), Ok(300_000));
        assert_eq!(parse_tolerance("300s"), Ok(300_000));
        assert_eq!(parse_tolerance("5m"), Ok(300_000));
        assert_eq!(parse_tolerance("1h"), Ok(3_600_000));
        assert_eq!(parse_tolerance("1500ms"), Ok(1500));
        assert_eq!(parse_tolerance("2m30s"), Ok(150_000));
        assert_eq!(parse_tolerance("2m 30s"), Ok(150_000));
        assert_eq!(parse_tolerance("0"), Ok(0));
        for bad in ["", "-5", "5x", "m", "5 m s", "1.5m"] {
            assert!(parse_tolerance(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn human_durations_are_short() {
        assert_eq!(Human(850).to_string(), "850ms");
        assert_eq!(Human(-42_000).to_string(), "42s");
        assert_eq!(Human(302_000).to_string(), "5m 2s");
        assert_eq!(Human(300_000).to_string(), "5m");
        assert_eq!(Human(3 * 3_600_000 + 4 * 60_000).to_string(), "3h 4m");
        // The extreme must format, not overflow: 2^63 ms is about 106751991167 days.
        assert!(Human(i64::MIN).to_string().starts_with("106751991167d"));
    }
}
