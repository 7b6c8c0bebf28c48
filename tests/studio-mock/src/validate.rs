//! Request-body validation answering like Studio: 422 with the first ajv error JSON-encoded in a
//! string, or one of Studio's plain-text 422s.

use serde_json::{Value, json};

use crate::store::EVENTS;

/// Fields the webhook schema knows. The read-only ones are accepted and ignored.
const CREATE_FIELDS: &[&str] = &[
    "name",
    "url",
    "events",
    "event",
    "sharedSecret",
    "streamId",
    "projectId",
    "id",
    "kind",
    "userId",
    "createdAt",
    "status",
];
const PATCH_FIELDS: &[&str] = &["name", "url", "events", "sharedSecret", "streamId"];
pub(crate) const URL_PATTERN: &str = "^http(s)?://";

/// One ajv error, serialized the way Studio puts it in `errors[0]`.
fn ajv(
    instance_path: &str,
    schema_path: &str,
    keyword: &str,
    params: Value,
    message: &str,
) -> String {
    json!({
        "instancePath": instance_path,
        "schemaPath": schema_path,
        "keyword": keyword,
        "params": params,
        "message": message,
    })
    .to_string()
}

fn type_error(path: &str, schema_path: &str, ty: &str) -> String {
    ajv(
        path,
        schema_path,
        "type",
        json!({ "type": ty }),
        &format!("must be {ty}"),
    )
}

/// `POST /webhook` and `PUT /webhook/{id}`: the full webhook schema plus Studio's handler checks.
pub(crate) fn create(body: &Value) -> Result<(), String> {
    let obj = body
        .as_object()
        .ok_or_else(|| type_error("", "#/type", "object"))?;
    for required in ["name", "url"] {
        if !obj.contains_key(required) {
            return Err(ajv(
                "",
                "#/required",
                "required",
                json!({ "missingProperty": required }),
                &format!("must have required property '{required}'"),
            ));
        }
    }
    additional(obj, CREATE_FIELDS)?;
    for (key, value) in obj {
        match key.as_str() {
            "name" | "sharedSecret" | "streamId" | "projectId" => string(key, value)?,
            "url" => url(value)?,
            "events" => events(value)?,
            "event" => event(&format!("/{key}"), "#/properties/event", value)?,
            _ => {}
        }
    }
    if !obj.contains_key("events") && !obj.contains_key("event") {
        return Err(r#"must provide "events" field with subscriptions"#.to_owned());
    }
    check_parses(obj.get("url"))
}

/// `PATCH /webhook/{id}`: only the patchable fields, each with its `webhook` schema type. Studio's
/// schema allows no `null` (ajv answers 422 "must be string"), so PATCH cannot remove
/// `sharedSecret` or `streamId`: only a PUT of the whole object without them can.
pub(crate) fn patch(body: &Value) -> Result<(), String> {
    let obj = body
        .as_object()
        .ok_or_else(|| type_error("", "#/type", "object"))?;
    additional(obj, PATCH_FIELDS)?;
    for (key, value) in obj {
        match key.as_str() {
            "name" => string(key, value)?,
            "sharedSecret" | "streamId" => string(key, value)?,
            "url" => url(value)?,
            "events" => events(value)?,
            _ => {}
        }
    }
    check_parses(obj.get("url"))
}

fn additional(obj: &serde_json::Map<String, Value>, allowed: &[&str]) -> Result<(), String> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(extra) => Err(ajv(
            "",
            "#/additionalProperties",
            "additionalProperties",
            json!({ "additionalProperty": extra }),
            "must NOT have additional properties",
        )),
        None => Ok(()),
    }
}

fn string(key: &str, value: &Value) -> Result<(), String> {
    if value.is_string() {
        Ok(())
    } else {
        Err(type_error(
            &format!("/{key}"),
            &format!("#/properties/{key}/type"),
            "string",
        ))
    }
}

fn url(value: &Value) -> Result<(), String> {
    let Some(s) = value.as_str() else {
        return Err(type_error("/url", "#/properties/url/type", "string"));
    };
    if s.chars().any(char::is_whitespace) || !s.contains(':') {
        return Err(ajv(
            "/url",
            "#/properties/url/format",
            "format",
            json!({ "format": "uri" }),
            "must match format \"uri\"",
        ));
    }
    // The pattern is a case-sensitive regex: `HTTP://` fails it, as on Studio.
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return Err(ajv(
            "/url",
            "#/properties/url/pattern",
            "pattern",
            json!({ "pattern": URL_PATTERN }),
            &format!("must match pattern \"{URL_PATTERN}\""),
        ));
    }
    Ok(())
}

/// The handler's own check after the schema: `new URL(url)` must succeed.
fn check_parses(value: Option<&Value>) -> Result<(), String> {
    match value.and_then(Value::as_str) {
        Some(s) => match url::Url::parse(s) {
            Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => Ok(()),
            _ => Err(format!("bad url: {s}")),
        },
        None => Ok(()),
    }
}

fn events(value: &Value) -> Result<(), String> {
    let Some(list) = value.as_array() else {
        return Err(type_error("/events", "#/properties/events/type", "array"));
    };
    for (i, item) in list.iter().enumerate() {
        event(&format!("/events/{i}"), "#/properties/events/items", item)?;
    }
    Ok(())
}

fn event(path: &str, schema: &str, value: &Value) -> Result<(), String> {
    match value.as_str() {
        None => Err(type_error(path, &format!("{schema}/type"), "string")),
        Some(name) if EVENTS.contains(&name) => Ok(()),
        Some(_) => Err(ajv(
            path,
            &format!("{schema}/enum"),
            "enum",
            json!({ "allowedValues": EVENTS }),
            "must be equal to one of the allowed values",
        )),
    }
}
