//! `rotunda notify run`: one round of notifications from the command line.

use rotunda_core::Result;
use rotunda_core::connect::Connection;
use rotunda_core::db::Actor;
use rotunda_core::notify::run::round;

use crate::output;

pub async fn run(json: bool, connection: &Connection) -> Result<()> {
    let report = round(&connection.pool, &Actor::local_user("cli")).await?;
    if json {
        output::json(&report);
        return Ok(());
    }
    let raised = u32::try_from(report.raised).unwrap_or(u32::MAX);
    println!(
        "Raised {}.",
        output::count(raised, "new notification", "new notifications")
    );
    match &report.delivery {
        None => {
            println!("No webhook is on: nothing was posted (set one up in the app's Settings).")
        }
        Some(pass) => println!(
            "Posted to the webhook: {} delivered, {} to try again later, {} gave up.",
            pass.delivered, pass.retrying, pass.dead
        ),
    }
    if report.waiting > 0 || report.dead > 0 {
        println!(
            "The queue holds {} waiting and {} dead (the app's Notifications can send the dead again).",
            report.waiting, report.dead
        );
    }
    Ok(())
}
