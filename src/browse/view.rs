//! Drawing [`App`]: the list (with the filters in its title), the detail pane of the open
//! delivery, a footer with the keys, and `?`'s help. Every text from a delivery is sanitized
//! (`crate::sanitize`) before it is drawn, as in line output.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Row, Table, TableState, Wrap};

use super::{App, Input};
use crate::output::sanitize;

/// The keys, as the footer lists them.
pub const FOOTER: &str = "↑↓/jk move · Enter details · r replay · e edit · c curl · / search · t event · v verdict · F failures · f follow · ? help · q quit";

const HELP: &[(&str, &str)] = &[
    ("↑ ↓  j k", "move"),
    ("PgUp PgDn", "move a page"),
    ("g  G", "newest, oldest loaded"),
    ("Enter", "open or close the delivery's details"),
    ("Space  b", "scroll the details"),
    ("/", "search the body text"),
    ("t", "filter by event glob (stream.*)"),
    ("v", "cycle the verdict filter"),
    ("F", "failures only: refused, or your app did not take it"),
    ("f", "follow new arrivals"),
    ("r", "replay it, re-signed (to --to, or a URL asked once)"),
    ("c", "copy it as a curl command (clipboard and screen)"),
    (
        "e",
        "edit its body in $EDITOR, send it re-signed as a new event (fresh id), record it",
    ),
    (
        "E",
        "the same, keeping the event id (tests duplicate handling)",
    ),
    ("Esc", "close details, cancel typing"),
    ("q  Ctrl-C", "quit"),
];

fn verdict_style(word: &str) -> Style {
    match word {
        "ok" => Style::new().fg(Color::Green),
        "duplicate" | "unsigned" | "unchecked" | "pending" => Style::new().fg(Color::Yellow),
        _ => Style::new().fg(Color::Red),
    }
}

pub fn draw(frame: &mut Frame, app: &App, title: &str) {
    let [main, footer] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(frame.area());
    let (list_area, detail_area) = if app.detail.is_some() {
        let [a, b] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(main);
        (a, Some(b))
    } else {
        (main, None)
    };
    draw_list(frame, app, title, list_area);
    if let Some(area) = detail_area {
        draw_detail(frame, app, area);
    }
    let footer_text = match &app.input {
        Some(Input::Search(b)) => {
            format!("search body: {}▏ (Enter apply · Esc cancel)", sanitize(b))
        }
        Some(Input::Event(b)) => format!("event glob: {}▏ (Enter apply · Esc cancel)", sanitize(b)),
        Some(Input::Target(b, _)) => format!(
            "send to URL: {}▏ (asked once; Enter send · Esc cancel)",
            sanitize(b)
        ),
        None if !app.status.is_empty() => app.status.clone(),
        None => FOOTER.to_owned(),
    };
    frame.render_widget(
        Paragraph::new(footer_text).style(Style::new().add_modifier(Modifier::DIM)),
        footer,
    );
    if app.help {
        draw_help(frame, frame.area());
    }
    if let Some(text) = &app.popup {
        let area = frame.area();
        let popup = Rect {
            x: area.x + 2,
            y: area.y + area.height / 4,
            width: area.width.saturating_sub(4),
            height: (area.height / 2).max(3),
        };
        frame.render_widget(Clear, popup);
        frame.render_widget(
            Paragraph::new(sanitize(text).into_owned())
                .wrap(Wrap { trim: false })
                .block(
                    Block::new()
                        .borders(Borders::ALL)
                        .title(" curl (on the clipboard; any key closes) "),
                ),
            popup,
        );
    }
}

fn draw_list(frame: &mut Frame, app: &App, title: &str, area: Rect) {
    // At 80 columns the time is HH:MM:SS and the size goes: the rest fits.
    let wide = area.width >= 110;
    let mut names = vec!["ID", "TIME", "VERDICT", "APP", "EVENT", "EVENT ID"];
    let mut widths = vec![
        Constraint::Length(6),
        Constraint::Length(if wide { 19 } else { 8 }),
        Constraint::Length(if wide { 20 } else { 16 }),
        Constraint::Length(5),
        Constraint::Length(if wide { 24 } else { 18 }),
        Constraint::Min(8),
    ];
    if wide {
        names.push("SIZE");
        widths.push(Constraint::Length(10));
    }
    let header = Row::new(names).style(Style::new().add_modifier(Modifier::BOLD));
    let rows = app.rows.iter().map(|s| {
        let time = crate::humane::local_time(s.received_at_ms);
        let time = if wide {
            time
        } else {
            time.rsplit(' ').next().unwrap_or(&time).to_owned()
        };
        let answer = crate::inbox::render::app_answer(s);
        let answer_style = match crate::inbox::render::app_took(s) {
            None => Style::new().add_modifier(Modifier::DIM),
            Some(true) => Style::new().fg(Color::Green),
            Some(false) => Style::new().fg(Color::Red),
        };
        let mut cells = vec![
            Span::raw(s.id.to_string()),
            Span::raw(time),
            Span::styled(sanitize(&s.verdict).into_owned(), verdict_style(&s.verdict)),
            Span::styled(answer, answer_style),
            Span::raw(
                s.event
                    .as_deref()
                    .map(|e| sanitize(e).into_owned())
                    .unwrap_or_else(|| "-".into()),
            ),
            Span::raw(
                s.event_id
                    .as_deref()
                    .map(|e| sanitize(e).into_owned())
                    .unwrap_or_else(|| "-".into()),
            ),
        ];
        if wide {
            cells.push(Span::raw(crate::humane::size(s.size)));
        }
        Row::new(cells)
    });
    let filters = app.filters();
    let count = if app.exhausted {
        format!("{}", app.rows.len())
    } else {
        format!("{}+", app.rows.len())
    };
    let heading = if filters.is_empty() {
        format!(" {title} · {count} deliveries ")
    } else {
        format!(" {title} · {count} deliveries · {filters} ")
    };
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::new().borders(Borders::ALL).title(heading))
        .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED));
    let mut state = TableState::default();
    if !app.rows.is_empty() {
        state.select(Some(app.selected));
    }
    frame.render_stateful_widget(table, area, &mut state);
    if app.rows.is_empty() {
        let inner = area.inner(ratatui::layout::Margin::new(2, 2));
        frame.render_widget(
            Paragraph::new("No deliveries match. 'lpwh listen' records every delivery here."),
            inner,
        );
    }
}

fn draw_detail(frame: &mut Frame, app: &App, area: Rect) {
    let Some(detail) = &app.detail else {
        return;
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .title(format!(" delivery {} ", detail.stored.id));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Only the rows on screen are laid out (see `detail`): a huge body costs no more a frame.
    let rows = detail.rows(inner.width, inner.height, app.scroll);
    frame.render_widget(Paragraph::new(Text::from(rows)), inner);
}

fn draw_help(frame: &mut Frame, area: Rect) {
    let width = 56.min(area.width);
    let height = (HELP.len() as u16 + 2).min(area.height);
    let popup = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let lines: Vec<Line> = HELP
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(
                    format!("{keys:<12}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(*what),
            ])
        })
        .collect();
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(
            Block::new()
                .borders(Borders::ALL)
                .title(" keys (any key closes) "),
        ),
        popup,
    );
}
