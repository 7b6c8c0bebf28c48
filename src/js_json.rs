//! JSON exactly as JavaScript's `JSON.stringify` writes it, for every body lpwh sends as if it
//! were Studio (samples for `sign --event`, `trigger`, `check`). Studio's sender is JavaScript,
//! and receivers that parse and re-serialize a body before verifying (as Studio's own test
//! receiver does) compute their HMAC over these bytes: `4212480.0` where JavaScript writes
//! `4212480` makes a correct receiver refuse.
//!
//! serde_json already writes what `JSON.stringify` does for strings (`"`, `\\` and C0 controls
//! escaped, lowercase `\u00xx`, `/` and non-ASCII left as they are), keys in insertion order
//! (`preserve_order`) and no spaces. Numbers differ: a float is written here as JavaScript's
//! `Number.prototype.toString` writes it (`ryu-js`), so integral floats lose their `.0` and the
//! exponent forms follow JavaScript's rules. Integers past 2^53 are written as the double
//! JavaScript would hold. `tests/it/samples.rs` checks every sample against Node.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};

/// `value` as `JSON.stringify(value)` writes it.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, JsFormatter);
    value.serialize(&mut serializer)?;
    Ok(out)
}

/// The largest integer a double holds exactly (`Number.MAX_SAFE_INTEGER + 1`).
const EXACT: u64 = 1 << 53;

struct JsFormatter;

impl JsFormatter {
    fn number<W: ?Sized + std::io::Write>(writer: &mut W, value: f64) -> std::io::Result<()> {
        if !value.is_finite() {
            // JSON.stringify writes NaN and the infinities as null.
            return writer.write_all(b"null");
        }
        let mut buffer = ryu_js::Buffer::new();
        writer.write_all(buffer.format(value).as_bytes())
    }
}

impl Formatter for JsFormatter {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        Self::number(writer, value)
    }

    fn write_f32<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f32,
    ) -> std::io::Result<()> {
        Self::number(writer, f64::from(value))
    }

    fn write_u64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: u64,
    ) -> std::io::Result<()> {
        if value <= EXACT {
            CompactFormatter.write_u64(writer, value)
        } else {
            Self::number(writer, value as f64)
        }
    }

    fn write_i64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: i64,
    ) -> std::io::Result<()> {
        if value.unsigned_abs() <= EXACT {
            CompactFormatter.write_i64(writer, value)
        } else {
            Self::number(writer, value as f64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let value = json!({
            "zero": 0.0, "int": 4212480.0, "half": 3052210.5, "neg": -0.0,
            "small": 1e-7, "big": 1e21, "exact": 9007199254740993u64, "i": -5,
            "s": "a\"b\\c\u{1}\u{7f}/é\u{2028}"
        });
        assert_eq!(
            String::from_utf8(to_vec(&value).unwrap()).unwrap(),
            r#"{"zero":0,"int":4212480,"half":3052210.5,"neg":0,"small":1e-7,"big":1e+21,"exact":9007199254740992,"i":-5,"s":"a\"b\\c\u0001/é"}"#
                .replace("/é", "\u{7f}/é\u{2028}")
        );
    }
}
