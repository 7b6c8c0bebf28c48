//! `lpwh event-types`: the event catalog (Livepeer Studio's 20 events and FastPix's), as a
//! table grouped by family or as JSON.

use anyhow::Result;
use serde::Serialize;

use crate::context::Ctx;
use crate::events::{self, EventType, Provider};
use crate::samples;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Whose events to list
    #[arg(long, value_enum, default_value_t = ProviderChoice::All, value_name = "PROVIDER")]
    pub provider: ProviderChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProviderChoice {
    /// Livepeer Studio (what `lpwh create --events` accepts)
    Livepeer,
    /// FastPix (for `lpwh trigger` and `lpwh listen --scheme fastpix`)
    Fastpix,
    All,
}

/// One row of `--json`: a stable shape scripts can rely on.
#[derive(Debug, Serialize)]
struct Row {
    name: &'static str,
    family: &'static str,
    provider: Provider,
    description: &'static str,
}

pub async fn run(ctx: &Ctx, args: Args) -> Result<()> {
    let list = catalog(args.provider);
    if ctx.out.json {
        let rows: Vec<Row> = list
            .iter()
            .map(|e| Row {
                name: e.name,
                family: e.family,
                provider: e.provider,
                description: e.description,
            })
            .collect();
        ctx.out.json(&rows)?;
        return Ok(());
    }

    let paint = ctx.out.paint();
    let mut table = ctx.out.table(&["NAME", "FAMILY", "DESCRIPTION"]);
    let mut previous: Option<&str> = None;
    for e in &list {
        // A blank line between families keeps the groups readable at a glance.
        if previous.is_some_and(|p| p != e.family) {
            table.add_row(vec![String::new(), String::new(), String::new()]);
        }
        previous = Some(e.family);
        // The name stays bare so it can be copied; the label goes with the description.
        let description = if samples::is_historical(e.name) {
            format!(
                "{} {}",
                e.description,
                paint.dim("[historical: no current sender]")
            )
        } else {
            e.description.to_owned()
        };
        table.add_row(vec![
            e.name.to_owned(),
            events::paint_family(paint, e.family, e.family),
            description,
        ]);
    }
    ctx.out.print_table(&table)?;
    Ok(())
}

/// The catalog for a provider choice, grouped by family (catalog order within a family).
fn catalog(choice: ProviderChoice) -> Vec<&'static EventType> {
    let livepeer = events::LIVEPEER_EVENTS.iter();
    let fastpix = events::FASTPIX_EVENTS.iter();
    let mut list: Vec<&EventType> = match choice {
        ProviderChoice::Livepeer => livepeer.collect(),
        ProviderChoice::Fastpix => fastpix.collect(),
        ProviderChoice::All => livepeer.chain(fastpix).collect(),
    };
    // Stable sort on the family's first appearance keeps the catalog's own order.
    let order: Vec<&str> = list.iter().map(|e| e.family).collect();
    list.sort_by_key(|e| order.iter().position(|f| *f == e.family));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_stay_together() {
        let list = catalog(ProviderChoice::All);
        assert_eq!(
            list.len(),
            events::LIVEPEER_EVENTS.len() + events::FASTPIX_EVENTS.len()
        );
        let mut seen: Vec<&str> = Vec::new();
        for e in &list {
            if seen.last() != Some(&e.family) {
                assert!(!seen.contains(&e.family), "{} split", e.family);
                seen.push(e.family);
            }
        }
        assert!(
            catalog(ProviderChoice::Fastpix)
                .iter()
                .all(|e| e.provider == Provider::Fastpix)
        );
    }
}
