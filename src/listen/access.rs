//! Answering Studio's `playback.accessControl` questions (payloads.md A6): always allow, always
//! deny, or decide by a small rules file. The first rule whose conditions all hold decides.
//!
//! A rules file, TOML or JSON (same shape):
//! ```toml
//! default = "deny"                       # when no rule matches (default: deny)
//! [[rules]]
//! action = "allow"
//! access_keys = ["sess_8c1f0e2d9b7a"]    # any of these keys (optional)
//! origins = ["https://*.example.com"]    # the viewer's Origin header, globs (optional)
//! play_domains = ["*.example.invalid"]   # the playback host (optional)
//! context = { tier = "gold" }            # every key equal in the webhookContext (optional)
//! ```

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use serde_json::Value;

use crate::delivery::Decision;
use crate::events::glob_match;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Allow,
    Deny,
}

/// One rule: every condition given must hold for `action` to apply.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub action: Action,
    #[serde(default)]
    pub access_keys: Option<Vec<String>>,
    #[serde(default)]
    pub origins: Option<Vec<String>>,
    #[serde(default)]
    pub play_domains: Option<Vec<String>>,
    #[serde(default)]
    pub context: Option<serde_json::Map<String, Value>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    #[serde(default = "deny")]
    pub default: Action,
    #[serde(default)]
    pub rules: Vec<Rule>,
}

fn deny() -> Action {
    Action::Deny
}

/// The `--access-control` policy.
#[derive(Debug, Clone)]
pub enum Policy {
    Allow,
    Deny,
    Rules(Rules),
}

impl Policy {
    /// `allow`, `deny`, or the path of a rules file (`.json`, else read as TOML).
    pub fn load(spec: &str) -> Result<Policy> {
        match spec {
            "allow" => return Ok(Policy::Allow),
            "deny" => return Ok(Policy::Deny),
            _ => {}
        }
        let path = Path::new(spec);
        let text = std::fs::read_to_string(path).with_context(|| {
            format!("reading access-control rules '{spec}' (expected allow, deny or a rules file)")
        })?;
        let rules: Rules = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).with_context(|| format!("parsing {spec} as JSON"))?
        } else {
            toml::from_str(&text).with_context(|| format!("parsing {spec} as TOML"))?
        };
        for (i, rule) in rules.rules.iter().enumerate() {
            let conditions = [
                rule.access_keys.is_some(),
                rule.origins.is_some(),
                rule.play_domains.is_some(),
                rule.context.is_some(),
            ];
            if !conditions.iter().any(|c| *c) {
                bail!(
                    "{spec}: rule {} has no condition (access_keys, origins, play_domains or context); \
                     use 'default' for a catch-all",
                    i + 1
                );
            }
        }
        Ok(Policy::Rules(rules))
    }

    /// Decide on one gate request body.
    pub fn decide(&self, body: Option<&Value>) -> Decision {
        match self {
            Policy::Allow => Decision {
                allow: true,
                why: "--access-control allow".into(),
            },
            Policy::Deny => Decision {
                allow: false,
                why: "--access-control deny".into(),
            },
            Policy::Rules(rules) => rules.decide(body.unwrap_or(&Value::Null)),
        }
    }
}

impl Rules {
    fn decide(&self, body: &Value) -> Decision {
        let text = |ptr: &str| body.pointer(ptr).and_then(Value::as_str);
        let key = text("/accessKey");
        // The Origin header as catalyst forwards it; fall back to Referer's origin-free form.
        let origin = text("/headers/Origin");
        let domain = text("/playDomain");
        let context = body.get("context");
        for (i, rule) in self.rules.iter().enumerate() {
            let key_ok = rule
                .access_keys
                .as_ref()
                .is_none_or(|keys| key.is_some_and(|k| keys.iter().any(|x| x == k)));
            let origin_ok = rule
                .origins
                .as_ref()
                .is_none_or(|globs| origin.is_some_and(|o| globs.iter().any(|g| glob_match(g, o))));
            let domain_ok = rule
                .play_domains
                .as_ref()
                .is_none_or(|globs| domain.is_some_and(|d| globs.iter().any(|g| glob_match(g, d))));
            let context_ok = rule.context.as_ref().is_none_or(|want| {
                want.iter()
                    .all(|(k, v)| context.and_then(|c| c.get(k)) == Some(v))
            });
            if key_ok && origin_ok && domain_ok && context_ok {
                return Decision {
                    allow: rule.action == Action::Allow,
                    why: format!("rule {}", i + 1),
                };
            }
        }
        Decision {
            allow: self.default == Action::Allow,
            why: "no rule matched: default".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules(toml_text: &str) -> Rules {
        toml::from_str(toml_text).unwrap()
    }

    #[test]
    fn first_matching_rule_decides_else_default() {
        let r = rules(
            r#"
            default = "deny"
            [[rules]]
            action = "deny"
            access_keys = ["revoked"]
            [[rules]]
            action = "allow"
            origins = ["https://*.example.com"]
            context = { tier = "gold" }
            "#,
        );
        let body = |key: &str, origin: &str, tier: &str| json!({"accessKey": key, "headers": {"Origin": origin}, "context": {"tier": tier}});
        let d = r.decide(&body("k1", "https://learn.example.com", "gold"));
        assert_eq!((d.allow, d.why.as_str()), (true, "rule 2"));
        assert!(
            !r.decide(&body("revoked", "https://learn.example.com", "gold"))
                .allow
        );
        assert!(!r.decide(&body("k1", "https://evil.test", "gold")).allow);
        assert!(
            !r.decide(&body("k1", "https://learn.example.com", "free"))
                .allow
        );
        assert_eq!(
            r.decide(&json!({"accessKey": "k"})).why,
            "no rule matched: default"
        );
    }

    #[test]
    fn json_rules_and_fixed_policies() {
        let r: Rules = serde_json::from_value(json!({
            "default": "allow",
            "rules": [{"action": "deny", "play_domains": ["blocked.*"]}]
        }))
        .unwrap();
        assert!(
            !r.decide(&json!({"accessKey":"k","playDomain":"blocked.cdn"}))
                .allow
        );
        assert!(
            r.decide(&json!({"accessKey":"k","playDomain":"ok.cdn"}))
                .allow
        );
        assert!(Policy::Allow.decide(None).allow);
        assert!(!Policy::Deny.decide(None).allow);
        assert!(toml::from_str::<Rules>("defualt = \"allow\"").is_err());
    }
}
