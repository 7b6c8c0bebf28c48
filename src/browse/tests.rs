//! The browse view's state, keys and drawing, on a test backend.

use super::*;
use crate::inbox::query::Filter;
use crate::inbox::schema;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// An inbox of `n` deliveries: every third a bad signature; one body full of escapes.
fn inbox(n: i64) -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = schema::open_for_writing(&dir.path().join("i.sqlite"), &crate::output::Out::plain())
        .unwrap();
    for i in 1..=n {
        let verdict = if i % 3 == 0 { "bad_signature" } else { "ok" };
        let event = if i % 2 == 0 {
            "asset.ready"
        } else {
            "stream.started"
        };
        let body = if i == n {
            "{\"event\":\"stream.started\",\"name\":\"evil\u{1b}]0;pwned\u{7}\u{202e}x\"}"
                .to_owned()
        } else {
            format!("{{\"event\":\"{event}\",\"n\":{i}}}")
        };
        conn.execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id)
             VALUES (?1, 'POST', '/', '[[\"content-type\",\"application/json\"]]', ?2, ?3, ?4, ?5)",
            rusqlite::params![1_700_000_000_000 + i, body.as_bytes(), verdict, event, format!("evt-{i}")],
        )
        .unwrap();
    }
    (dir, conn)
}

fn no_target() -> Replay {
    Replay {
        to: None,
        secret: None,
        scheme: crate::signature::Scheme::Livepeer,
    }
}

fn press(app: &mut App, conn: &Connection, code: KeyCode) {
    app.key(conn, KeyEvent::new(code, KeyModifiers::NONE))
        .unwrap();
}

fn screen(app: &App) -> String {
    screen_text(app, 120, 30, "inbox").unwrap()
}

#[test]
fn the_list_pages_through_a_large_inbox_newest_first() {
    let (_dir, conn) = inbox(450);
    let mut app = App::new(&conn, no_target()).unwrap();
    assert_eq!(app.rows.len() as u64, PAGE, "one page read at first");
    assert_eq!(app.rows[0].id, 450);
    assert!(!app.exhausted);
    // Moving to the end of the page reads the next one; G goes a page further at most.
    press(&mut app, &conn, KeyCode::Char('G'));
    assert_eq!(
        app.rows[app.selected].id, 51,
        "a page past the last row loaded"
    );
    press(&mut app, &conn, KeyCode::Char('G'));
    assert_eq!(app.rows.len(), 450);
    assert!(app.exhausted);
    assert_eq!(app.rows[app.selected].id, 1, "the oldest");
    press(&mut app, &conn, KeyCode::Char('g'));
    assert_eq!(app.selected, 0);
    press(&mut app, &conn, KeyCode::Char('j'));
    press(&mut app, &conn, KeyCode::Down);
    assert_eq!(app.rows[app.selected].id, 448);
    press(&mut app, &conn, KeyCode::Up);
    assert_eq!(app.rows[app.selected].id, 449);
}

#[test]
fn filters_search_and_details_show_what_they_say() {
    let (_dir, conn) = inbox(30);
    let mut app = App::new(&conn, no_target()).unwrap();
    // v: the first reason word, ok.
    press(&mut app, &conn, KeyCode::Char('v'));
    assert_eq!(app.filter.verdict.as_deref(), Some("ok"));
    assert!(app.rows.iter().all(|r| r.verdict == "ok"));
    assert!(screen(&app).contains("verdict ok"));
    // Cycling on to bad_signature.
    press(&mut app, &conn, KeyCode::Char('v'));
    press(&mut app, &conn, KeyCode::Char('v'));
    press(&mut app, &conn, KeyCode::Char('v'));
    assert_eq!(app.filter.verdict.as_deref(), Some("bad_signature"));
    assert_eq!(app.rows.len(), 10);
    // t: an event glob, typed.
    press(&mut app, &conn, KeyCode::Char('t'));
    for c in "asset.*".chars() {
        press(&mut app, &conn, KeyCode::Char(c));
    }
    assert!(screen(&app).contains("event glob: asset.*"));
    press(&mut app, &conn, KeyCode::Enter);
    assert!(
        app.rows
            .iter()
            .all(|r| r.event.as_deref() == Some("asset.ready") && r.verdict == "bad_signature")
    );
    assert_eq!(app.rows.len(), 5);
    // / searches body text.
    app.filter = Filter::default();
    press(&mut app, &conn, KeyCode::Char('/'));
    for c in "\"n\":17".chars() {
        press(&mut app, &conn, KeyCode::Char(c));
    }
    press(&mut app, &conn, KeyCode::Enter);
    assert_eq!(app.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [17]);
    // Enter opens the details: headers, verdict and the pretty body.
    press(&mut app, &conn, KeyCode::Enter);
    let shown = screen(&app);
    assert!(
        shown.contains("delivery 17") && shown.contains("Headers"),
        "{shown}"
    );
    assert!(shown.contains("\"n\": 17"), "{shown}");
    press(&mut app, &conn, KeyCode::Esc);
    assert!(app.detail.is_none());
    press(&mut app, &conn, KeyCode::Char('?'));
    assert!(screen(&app).contains("cycle the verdict filter"));
    press(&mut app, &conn, KeyCode::Char('x'));
    assert!(!app.help);
    press(&mut app, &conn, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn a_hostile_payload_is_drawn_harmless_and_the_footer_lists_the_keys() {
    let (_dir, conn) = inbox(3);
    let mut app = App::new(&conn, no_target()).unwrap();
    assert!(screen(&app).contains("Enter details"), "the footer");
    press(&mut app, &conn, KeyCode::Enter);
    let shown = screen(&app);
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
    assert!(
        shown.contains("\\u{1b}]0;pwned"),
        "escaped, not acted on: {shown}"
    );
}

#[test]
fn following_shows_new_arrivals() {
    let (_dir, conn) = inbox(5);
    let mut app = App::new(&conn, no_target()).unwrap();
    press(&mut app, &conn, KeyCode::Char('j'));
    press(&mut app, &conn, KeyCode::Char('f'));
    assert!(app.follow && app.selected == 0);
    conn.execute(
        "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event)
         VALUES (1800000000000, 'POST', '/', '[]', x'7b7d', 'ok', 'task.completed')",
        [],
    )
    .unwrap();
    app.tick(&conn).unwrap();
    assert_eq!(app.rows[0].event.as_deref(), Some("task.completed"));
    assert_eq!(app.selected, 0);
    assert!(screen(&app).contains("following"));
}

mod action_tests {
    use super::*;

    #[test]
    fn replay_and_copy_ask_for_the_target_once() {
        let dir = tempfile::tempdir().unwrap();
        let conn =
            schema::open_for_writing(&dir.path().join("i.sqlite"), &crate::output::Out::plain())
                .unwrap();
        conn.execute(
            "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id)
             VALUES (1700000000000, 'POST', '/', '[[\"content-type\",\"application/json\"]]',
                     x'7b2274696d657374616d70223a313730303030303030303030307d', 'ok', 'x', 'e1')",
            [],
        )
        .unwrap();
        let replay = Replay {
            to: None,
            secret: Some(crate::redacted::Secret::new("s3cret")),
            scheme: crate::signature::Scheme::Livepeer,
        };
        let mut app = App::new(&conn, replay).unwrap();
        press(&mut app, &conn, KeyCode::Char('r'));
        assert!(matches!(app.input, Some(Input::Target(_, Then::Replay))));
        for c in "not a url".chars() {
            press(&mut app, &conn, KeyCode::Char(c));
        }
        press(&mut app, &conn, KeyCode::Enter);
        assert!(
            app.pending.is_none() && !app.status.is_empty(),
            "a bad URL is said, not sent"
        );
        press(&mut app, &conn, KeyCode::Char('r'));
        for c in "http://127.0.0.1:9/hook".chars() {
            press(&mut app, &conn, KeyCode::Char(c));
        }
        press(&mut app, &conn, KeyCode::Enter);
        assert_eq!(app.pending.take(), Some(Action::Replay(1)));
        // Asked once: c goes straight to work.
        press(&mut app, &conn, KeyCode::Char('c'));
        assert_eq!(app.pending.take(), Some(Action::Copy(1)));

        let stored = query::get(&conn, 1).unwrap().unwrap();
        let prepared = crate::inbox::replay::prepare(
            &stored,
            app.replay.scheme,
            app.replay.secret.as_ref(),
            1_800_000_000_000,
        )
        .unwrap();
        let cmd = curl_command(app.replay.to.as_ref().unwrap(), &prepared);
        assert!(cmd.starts_with(r#"printf '{"timestamp":1800000000000}' | curl -sS -X POST 'http://127.0.0.1:9/hook'"#), "{cmd}");
        assert!(
            cmd.contains("-H 'Livepeer-Signature: t=1800000000000,v1="),
            "{cmd}"
        );
        assert!(cmd.ends_with("--data-binary @-"), "{cmd}");
    }
}

/// At 80×24 the list keeps what matters (the app's answer, the event, its id) and `F` shows
/// failures only; the details show what the app answered.
#[test]
fn an_80_by_24_view_shows_the_apps_answer_and_filters_failures() {
    let (_dir, conn) = inbox(3);
    conn.execute(
        "INSERT INTO deliveries (received_at, method, path, headers, body, verdict, event, event_id,
            forward, status, app_response)
         VALUES (1800000000000, 'POST', '/', '[]', '{\"event\":\"asset.ready\"}', 'ok',
            'asset.ready', 'evt-app', '[{\"url\":\"http://app\",\"status\":401,\"latency_ms\":3,\"error\":null}]',
            401, '{\"error\":\"wrong secret\"}')",
        [],
    )
    .unwrap();
    let mut app = App::new(&conn, no_target()).unwrap();
    let shown = screen_text(&app, 80, 24, "inbox").unwrap();
    for word in ["APP", "EVENT ID", "401", "asset.ready", "evt-app"] {
        assert!(
            shown.contains(word),
            "{word} missing at 80 columns:\n{shown}"
        );
    }
    press(&mut app, &conn, KeyCode::Char('F'));
    assert!(app.filter.failures);
    let ids: Vec<i64> = app.rows.iter().map(|r| r.id).collect();
    // The app's 401, and the bad signature (every third row of `inbox`).
    assert_eq!(ids, [4, 3]);
    assert!(
        screen_text(&app, 80, 24, "inbox")
            .unwrap()
            .contains("failures only")
    );
    press(&mut app, &conn, KeyCode::Enter);
    let detail = screen_text(&app, 80, 24, "inbox").unwrap();
    assert!(detail.contains("wrong secret"), "{detail}");
}
