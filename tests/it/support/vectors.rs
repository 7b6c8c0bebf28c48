//! Loading the independently computed signature vectors in `tests/data/signatures.json`.

use lpwh::signature::Scheme;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct Vectors {
    pub tolerance_seconds: i64,
    pub accept: Vec<Vector>,
    pub reject: Vec<Vector>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Vector {
    pub name: String,
    pub scheme: String,
    pub secret: String,
    pub body: String,
    pub now_ms: i64,
    /// In file order (serde_json's preserve_order), as a sender would write them.
    pub headers: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    pub expect_reason: Option<String>,
}

impl Vector {
    pub fn scheme(&self) -> Scheme {
        use clap::ValueEnum;
        Scheme::from_str(&self.scheme, false)
            .unwrap_or_else(|e| panic!("vector {}: unknown scheme {}: {e}", self.name, self.scheme))
    }

    pub fn header_pairs(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    v.as_str().expect("header values are strings").to_owned(),
                )
            })
            .collect()
    }

    /// The headers this vector's scheme signs, in the scheme's order (other headers dropped).
    pub fn signature_headers(&self) -> Vec<(String, String)> {
        let scheme = self.scheme();
        scheme
            .header_names()
            .iter()
            .filter_map(|name| {
                self.headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            })
            .collect()
    }

    /// The timestamp the signer used, in Unix ms (from the signature headers; the vectors do not
    /// list it separately). `None` for schemes without one.
    pub fn signed_at_ms(&self) -> Option<i64> {
        let scheme = self.scheme();
        let unit = scheme.timestamp_unit()?;
        let raw = match scheme {
            Scheme::StandardWebhooks => self.headers.get("webhook-timestamp")?.as_str()?.to_owned(),
            _ => {
                let value = self.headers.get(scheme.signature_header())?.as_str()?;
                value
                    .split(',')
                    .find_map(|kv| kv.strip_prefix("t="))?
                    .to_owned()
            }
        };
        unit.to_ms(raw.parse().ok()?)
    }
}

pub fn load() -> Vectors {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/signatures.json");
    let text = std::fs::read_to_string(path).expect("tests/data/signatures.json is readable");
    let vectors: Vectors = serde_json::from_str(&text).expect("signatures.json parses");
    assert!(!vectors.accept.is_empty() && !vectors.reject.is_empty());
    vectors
}
