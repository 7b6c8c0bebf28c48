//! `--set path=value`: change any field of a sample by dotted path before it is signed.

use serde_json::{Map, Value};

use super::SampleError;

/// Split `path=value` (for clap's `value_parser`). The value may itself contain `=`.
pub fn parse_set(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((path, value)) if !path.trim().is_empty() => {
            Ok((path.trim().to_owned(), value.to_owned()))
        }
        _ => Err(format!(
            "expected PATH=VALUE (e.g. stream.isActive=false), got '{text}'"
        )),
    }
}

/// The value of a `--set`: JSON when it parses as JSON (numbers, booleans, null, objects,
/// arrays, quoted strings), otherwise the text as a string. So `name=clip.mp4` is a string,
/// `isActive=false` a boolean and `id="42"` the string `42`.
pub fn parse_value(raw: &str) -> Value {
    serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned()))
}

/// Set the field at dotted `path` (array elements by index: `tracks.0.width`) to `raw`
/// (see [`parse_value`]). Missing object keys are created; stepping into a string, number,
/// boolean or null, or past the end of an array, is an error that names where it stopped.
pub fn apply_override(root: &mut Value, path: &str, raw: &str) -> Result<(), SampleError> {
    let bad = |problem: String| SampleError::BadOverride {
        path: path.to_owned(),
        problem,
    };
    let segments: Vec<&str> = path.split('.').collect();
    if segments.iter().any(|s| s.is_empty()) {
        return Err(bad("empty path segment".into()));
    }
    let mut current = root;
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let here = segments[..i].join(".");
        let here = if here.is_empty() {
            "the body".to_owned()
        } else {
            format!("'{here}'")
        };
        current = match current {
            Value::Object(map) => {
                if last {
                    map.insert((*segment).to_owned(), parse_value(raw));
                    return Ok(());
                }
                map.entry(*segment)
                    .or_insert_with(|| Value::Object(Map::new()))
            }
            Value::Array(items) => {
                let len = items.len();
                let index: usize = segment.parse().map_err(|_| {
                    bad(format!(
                        "{here} is an array; '{segment}' is not an index (0..{len})"
                    ))
                })?;
                let item = items.get_mut(index).ok_or_else(|| {
                    bad(format!(
                        "index {index} is past the end of {here} ({len} items)"
                    ))
                })?;
                if last {
                    *item = parse_value(raw);
                    return Ok(());
                }
                item
            }
            other => {
                return Err(bad(format!(
                    "{here} is {}, not an object or array",
                    kind(other)
                )));
            }
        };
    }
    Ok(())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_parse_as_json_when_they_can() {
        assert_eq!(parse_value("false"), json!(false));
        assert_eq!(parse_value("640"), json!(640));
        assert_eq!(parse_value("null"), Value::Null);
        assert_eq!(parse_value("{\"a\":1}"), json!({"a": 1}));
        assert_eq!(parse_value("\"42\""), json!("42"));
        assert_eq!(parse_value("clip.mp4"), json!("clip.mp4"));
    }

    #[test]
    fn set_splits_on_the_first_equals() {
        assert_eq!(parse_set("a.b=x=y").unwrap(), ("a.b".into(), "x=y".into()));
        assert!(parse_set("novalue").is_err());
        assert!(parse_set("=x").is_err());
    }
}
