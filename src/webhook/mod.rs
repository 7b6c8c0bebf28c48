//! Studio webhooks as the commands handle them, one concern a file: [`resolve`] turns an id or
//! prefix into a webhook or delivery log, [`input`] checks what a webhook is made of, and
//! [`render`] shows webhooks and logs, [`logged`] checks a logged delivery against the webhook now. Talking to Studio itself is `crate::api`.

pub mod input;
pub mod logged;
pub mod render;
pub mod resolve;
