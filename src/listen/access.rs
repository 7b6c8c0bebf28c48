//! Answering Studio's `playback.accessControl` questions (payloads.md A6): always allow, always
//! deny, or decide by a small rules file. The format is [`RULES_HELP`], shown by
//! `lpwh listen --help` and the README.

use std::path::Path;

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use serde_json::Value;

use crate::delivery::Decision;
use crate::events::glob_match;

/// `--access-control`'s long help: the rules file format, with an example.
pub const RULES_HELP: &str = "\
Answer playback.accessControl requests: allow, deny, or a rules file (JSON or TOML)

Studio asks the webhook of gated content whether a viewer may play it; any 2xx answer allows, \
anything else denies. Without this flag such a request is handled like any other delivery: \
forwarded to --forward-to (so your app decides), else answered 200, which allows.

A rules file (.json is read as JSON, anything else as TOML) lists rules in order. The first rule \
whose conditions all hold decides; when none does, `default` decides (deny when not given). A \
rule has an `action` (allow or deny) and at least one condition:
  access_keys   the request's accessKey is one of these
  origins       the viewer's Origin header matches one of these globs (* matches any text)
  play_domains  the playback host (playDomain) matches one of these globs
  context       every key given equals the same key in the content's webhookContext

For example (TOML):
  default = \"deny\"
  [[rules]]
  action = \"allow\"
  access_keys = [\"sess_8c1f0e2d9b7a\"]
  [[rules]]
  action = \"allow\"
  origins = [\"https://*.example.com\"]
  context = { tier = \"gold\" }

The same as JSON:
  {\"default\": \"deny\",
   \"rules\": [{\"action\": \"allow\", \"access_keys\": [\"sess_8c1f0e2d9b7a\"]},
             {\"action\": \"allow\", \"origins\": [\"https://*.example.com\"],
              \"context\": {\"tier\": \"gold\"}}]}";

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

/// serde's "unknown field `x`, expected one of `a`, `b`" in the words of a rules file.
fn keys_quoted(message: &str) -> String {
    message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing key")
        .replace('`', "'")
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
        // One line naming the file, the line and the problem: serde's messages already list
        // the allowed keys for an unknown one.
        let rules: Rules = if path.extension().is_some_and(|e| e == "json") {
            serde_json::from_str(&text).map_err(|e| {
                let message = e.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(m, _)| m);
                anyhow::anyhow!(
                    "{spec}, line {}, column {}: {}",
                    e.line(),
                    e.column(),
                    keys_quoted(message)
                )
            })?
        } else {
            toml::from_str(&text).map_err(|e: toml::de::Error| {
                let located = crate::config::describe_toml_error(&e, &text);
                anyhow::anyhow!("{spec}, {}", keys_quoted(&located))
            })?
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

/// How Studio judges a gate answer, read from its source (`access-control.ts` at the public
/// commit 670a0a6, `fireGateWebhook` and `checkRespBody`): for a 2xx answer whose body is JSON
/// with a truthy `ret` (as JavaScript sees it: a non-zero number, a non-empty string, `true`, an
/// object), `ret` replaces the status; access is allowed when the resulting status, as a number,
/// is from 200 to 299. So `200 {"ret":403}` denies, `200 {"ret":200}` and `200 {"ret":0}` allow,
/// and `200 {"ret":"204"}` allows (JavaScript compares the string as a number).
pub fn studio_judges(status: u16, body: &[u8]) -> Decision {
    let allowed = |code: f64| (200.0..300.0).contains(&code);
    if !(200..300).contains(&status) {
        return Decision {
            allow: false,
            why: format!("your app answered {status}: Studio denies playback"),
        };
    }
    let ret = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => map.get("ret").cloned(),
        _ => None,
    };
    let code = match &ret {
        None | Some(Value::Null) | Some(Value::Bool(false)) => None,
        Some(Value::Number(n)) if n.as_f64() == Some(0.0) => None,
        Some(Value::String(s)) if s.is_empty() => None,
        Some(Value::Number(n)) => Some(n.as_f64().unwrap_or(f64::NAN)),
        // JavaScript's Number(" 403 ") is 403; anything else is NaN, never allowed.
        Some(Value::String(s)) => Some(s.trim().parse::<f64>().unwrap_or(f64::NAN)),
        Some(Value::Bool(true)) => Some(1.0),
        Some(_) => Some(f64::NAN),
    };
    match code {
        None => Decision {
            allow: true,
            why: format!("your app answered {status}: Studio allows playback"),
        },
        Some(code) => {
            let shown = ret.map(|v| v.to_string()).unwrap_or_default();
            Decision {
                allow: allowed(code),
                why: format!(
                    "your app answered {status} with ret {shown}, which Studio reads instead of the \
                     status: it {} playback",
                    if allowed(code) { "allows" } else { "denies" }
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_answers_are_judged_as_studio_judges_them() {
        let judge = |status, body: &str| studio_judges(status, body.as_bytes()).allow;
        assert!(judge(200, "{}"));
        assert!(judge(204, ""));
        assert!(!judge(403, "{}"));
        assert!(!judge(200, r#"{"ret":403}"#));
        assert!(judge(200, r#"{"ret":200}"#));
        assert!(judge(200, r#"{"ret":0}"#), "0 is falsy: the status stands");
        assert!(judge(200, r#"{"ret":null}"#));
        assert!(judge(200, r#"{"ret":""}"#));
        assert!(
            judge(200, r#"{"ret":"204"}"#),
            "a numeric string compares as a number"
        );
        assert!(!judge(200, r#"{"ret":"403"}"#));
        assert!(!judge(200, r#"{"ret":"nope"}"#));
        assert!(!judge(200, r#"{"ret":true}"#));
        assert!(!judge(200, r#"{"ret":{"x":1}}"#));
        assert!(judge(200, "not json"));
        let why = studio_judges(200, br#"{"ret":403}"#).why;
        assert!(why.contains("ret 403") && why.contains("denies"), "{why}");
    }
    use serde_json::json;

    fn rules(toml_text: &str) -> Rules {
        toml::from_str(toml_text).unwrap()
    }

    /// The indented block after `heading` in the help text, unindented.
    fn help_example(heading: &str) -> String {
        let after = RULES_HELP.split_once(heading).unwrap().1;
        after
            .lines()
            .skip(1)
            .take_while(|l| l.starts_with("  "))
            .map(|l| &l[2..])
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn load_text(name: &str, text: &str) -> Result<Policy> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        Policy::load(path.to_str().unwrap())
    }

    #[test]
    fn the_help_examples_load_and_decide_as_the_help_says() {
        let toml_example = help_example("For example (TOML):");
        let json_example = help_example("The same as JSON:");
        assert!(toml_example.contains("[[rules]]"), "{toml_example}");
        assert!(json_example.starts_with('{'), "{json_example}");
        for policy in [
            load_text("rules.toml", &toml_example).unwrap(),
            load_text("rules.json", &json_example).unwrap(),
        ] {
            let decide = |body| policy.decide(Some(&body)).allow;
            assert!(decide(json!({"accessKey": "sess_8c1f0e2d9b7a"})));
            assert!(decide(
                json!({"accessKey": "k", "headers": {"Origin": "https://app.example.com"}, "context": {"tier": "gold"}})
            ));
            assert!(!decide(
                json!({"accessKey": "k", "headers": {"Origin": "https://app.example.com"}, "context": {"tier": "free"}})
            ));
            assert!(!decide(json!({"accessKey": "other"})));
        }
    }

    #[test]
    fn an_unknown_key_is_one_line_naming_the_line_and_the_allowed_keys() {
        let toml_err = load_text(
            "rules.toml",
            "default = \"deny\"\n[[rules]]\naction = \"allow\"\naccess_key = [\"k\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            toml_err.ends_with(
                "rules.toml, line 4, column 1: unknown key 'access_key', expected one of 'action', \
             'access_keys', 'origins', 'play_domains', 'context'"
            ),
            "{toml_err}"
        );
        assert!(!toml_err.contains('\n'), "{toml_err}");
        let json_err = load_text(
            "rules.json",
            "{\"rules\": [{\"action\": \"allow\",\n \"origin\": []}]}",
        )
        .unwrap_err()
        .to_string();
        assert!(
            json_err.ends_with(
                "rules.json, line 2, column 9: unknown key 'origin', expected one of 'action', \
             'access_keys', 'origins', 'play_domains', 'context'"
            ),
            "{json_err}"
        );
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
