//! Studio's pagination: `cursor` values announced in a `Link: <...>; rel="next"` header, which
//! Studio also sends on the last page (reading `cursor=undefined`).
//!
//! Only the cursor is taken from the link. The next request is built on the configured base
//! URL: Studio builds the link from the request it saw, which behind a proxy can name another
//! scheme or host, and the key must only ever go to the URL the user chose.

use std::collections::HashSet;
use std::ops::ControlFlow;

use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use super::{ApiError, Client, ListQuery, MAX_PAGE_SIZE, Page, Webhook, WebhookLog};

/// The `cursor` of the `rel="next"` link in a `Link` header, or `None` when there is no next
/// page: no such link, no cursor in it, or Studio's last-page `cursor=undefined`.
pub fn next_cursor_from_link(link: &str) -> Option<String> {
    link.split(',').find_map(|entry| {
        let (target, params) = entry.trim().split_once('>')?;
        let target = target.trim().strip_prefix('<')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim();
            p.strip_prefix("rel=").is_some_and(|rel| {
                rel.trim_matches('"')
                    .split_whitespace()
                    .any(|r| r == "next")
            })
        });
        if !is_next {
            return None;
        }
        // Relative links resolve against any base: only the query matters here.
        let url = Url::parse(target)
            .or_else(|_| Url::parse("http://relative.invalid/").and_then(|b| b.join(target)))
            .ok()?;
        let cursor = url
            .query_pairs()
            .find(|(k, _)| k == "cursor")
            .map(|(_, v)| v.into_owned())?;
        (!cursor.is_empty() && cursor != "undefined" && cursor != "null").then_some(cursor)
    })
}

/// Rows that have an id, so a listing can keep each one once.
pub(crate) trait HasId {
    fn id(&self) -> &str;
}

impl HasId for Webhook {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for WebhookLog {
    fn id(&self) -> &str {
        &self.id
    }
}

impl Client {
    /// One page of a list endpoint.
    pub(crate) async fn list_page<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        query: &ListQuery,
    ) -> Result<Page<T>, ApiError> {
        let url = self.url(segments, &query.pairs());
        let answer = self.send(Method::GET, url, None).await?.success(self)?;
        let items: Vec<T> = answer.json()?;
        let next_cursor = answer.header("link").and_then(next_cursor_from_link);
        let total = answer
            .header("x-total-count")
            .and_then(|t| t.trim().parse().ok());
        Ok(Page {
            items,
            next_cursor,
            total,
        })
    }

    /// Every page of a list endpoint, each row once, at most `max` rows.
    ///
    /// Stops as [`Client::for_each_row`] does, and when `max` is reached.
    pub(crate) async fn list_all<T: DeserializeOwned + HasId>(
        &self,
        segments: &[&str],
        query: &ListQuery,
        max: Option<usize>,
    ) -> Result<Vec<T>, ApiError> {
        if max == Some(0) {
            return Ok(Vec::new());
        }
        let mut query = query.clone();
        if let Some(max) = max {
            let asked = query.limit.unwrap_or(MAX_PAGE_SIZE);
            query.limit = Some(asked.min(u32::try_from(max).unwrap_or(u32::MAX)));
        }
        let mut rows = Vec::new();
        self.for_each_row(segments, &query, |row: T| {
            rows.push(row);
            if max.is_some_and(|max| rows.len() >= max) {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })
        .await?;
        Ok(rows)
    }

    /// Every row of a list endpoint, each once, handed to `visit` page by page and kept by no
    /// one else: memory stays at one page (plus each row's id, to keep it once), however long
    /// the listing. `visit` stops it with [`ControlFlow::Break`]. Returns the pages read.
    ///
    /// Stops on any of: no next cursor (which covers `cursor=undefined`), a page shorter than
    /// asked (Studio's last page), an empty page, and, so that a broken or hostile server
    /// cannot keep lpwh paging forever: a cursor already followed, a page that brings no row not
    /// already seen, or as many rows as the server's `X-Total-Count`. Past
    /// [`Client::max_rows`] rows in all it fails, naming the server's misbehaviour.
    pub(crate) async fn for_each_row<T: DeserializeOwned + HasId>(
        &self,
        segments: &[&str],
        query: &ListQuery,
        mut visit: impl FnMut(T) -> ControlFlow<()>,
    ) -> Result<usize, ApiError> {
        let page_size = query.limit.unwrap_or(MAX_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE);
        let mut query = ListQuery {
            limit: Some(page_size),
            ..query.clone()
        };
        let mut seen_ids = HashSet::new();
        let mut seen_cursors = HashSet::new();
        let mut pages = 0usize;
        loop {
            let page: Page<T> = self.list_page(segments, &query).await?;
            pages += 1;
            let fetched = page.items.len();
            let mut new_rows = 0;
            for item in page.items {
                if seen_ids.insert(item.id().to_owned()) {
                    new_rows += 1;
                    if visit(item).is_break() {
                        return Ok(pages);
                    }
                }
            }
            if fetched == 0 || fetched < page_size as usize || new_rows == 0 {
                return Ok(pages);
            }
            if page
                .total
                .is_some_and(|total| seen_ids.len() as u64 >= total)
            {
                return Ok(pages);
            }
            if seen_ids.len() >= self.max_rows {
                return Err(ApiError::Decode {
                    url: super::display_url(&self.url(segments, &[])),
                    reason: format!(
                        "the server kept announcing more pages: {} rows in {pages} pages, more than any \
                         Studio account holds; lpwh stopped (a broken or hostile server, or a wrong --api-url)",
                        seen_ids.len()
                    ),
                });
            }
            match page.next_cursor {
                Some(cursor) if seen_cursors.insert(cursor.clone()) => query.cursor = Some(cursor),
                _ => return Ok(pages),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_cursor_is_read_from_the_link_header() {
        let link = r#"<https://livepeer.studio/api/webhook?limit=2&cursor=skip2>; rel="next""#;
        assert_eq!(next_cursor_from_link(link).as_deref(), Some("skip2"));
    }

    #[test]
    fn the_last_page_quirk_and_missing_links_end_paging() {
        let last = r#"<https://livepeer.studio/api/webhook?limit=2&cursor=undefined>; rel="next""#;
        assert_eq!(next_cursor_from_link(last), None);
        let prev_only = r#"<https://livepeer.studio/api/webhook?cursor=skip0>; rel="prev""#;
        assert_eq!(next_cursor_from_link(prev_only), None);
        assert_eq!(next_cursor_from_link(""), None);
        assert_eq!(next_cursor_from_link("garbage"), None);
        let no_cursor = r#"<https://livepeer.studio/api/webhook?limit=2>; rel="next""#;
        assert_eq!(next_cursor_from_link(no_cursor), None);
    }

    #[test]
    fn several_links_relative_targets_and_encoded_cursors_are_understood() {
        let links = r#"<https://x/api/webhook?cursor=skip0>; rel="prev", </api/webhook?limit=5&cursor=a%2Bb%3D>; rel=next"#;
        assert_eq!(next_cursor_from_link(links).as_deref(), Some("a+b="));
    }
}
