//! Time values around signatures: Unix times given in seconds or milliseconds. Durations people
//! type or read are `crate::humane`.

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
}
