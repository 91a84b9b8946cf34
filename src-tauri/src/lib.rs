//! Rotunda's desktop shell: registers the commands, holds the connection, writes the log, and
//! stops the managed database when the app quits. Every rule lives in `rotunda-core`.

mod commands;
mod logging;
mod signals;
mod state;

use tauri::{Manager, RunEvent};

use state::AppState;

pub fn run() {
    logging::init();
    let app = tauri::Builder::default()
        .manage(AppState::new())
        .setup(|app| {
            // A logout or `kill` sends SIGTERM: quit through the normal exit path so the managed
            // database is stopped cleanly rather than left running.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                signals::termination().await;
                tracing::info!("termination signal received");
                handle.exit(0);
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::connection::startup_state,
            commands::connection::connection_state,
            commands::connection::connect_managed_local,
            commands::connection::connect_profile,
            commands::connection::test_server_profile,
            commands::connection::save_server_profile,
            commands::programs::list_programs,
            commands::programs::create_program,
            commands::programs::update_program,
            commands::programs::time_zones,
            commands::academic::list_years,
            commands::academic::create_year,
            commands::academic::update_year,
            commands::academic::list_blocks,
            commands::academic::preview_blocks,
            commands::academic::generate_blocks,
            commands::academic::update_block,
            commands::people::list_people,
            commands::people::add_resident,
            commands::people::add_faculty,
            commands::people::person_detail,
            commands::people::update_person,
            commands::people::update_resident,
            commands::people::update_faculty,
            commands::people::add_role,
            commands::people::end_role,
            commands::reports::default_export_path,
            commands::reports::export_calendar_pdf,
            commands::reports::export_schedule_pdf,
            commands::reports::export_accreditation_report,
            commands::roster::preview_roster_import,
            commands::roster::apply_roster_import,
            commands::roster::default_roster_path,
            commands::roster::export_roster_csv,
            commands::organisation::organisation,
            commands::organisation::update_sponsor,
            commands::organisation::add_institution,
            commands::organisation::update_institution,
            commands::organisation::update_site,
            commands::organisation::add_agreement,
            commands::organisation::update_agreement,
            commands::organisation::add_site,
            commands::organisation::load_demo,
            commands::organisation::preview_rollover,
            commands::organisation::apply_rollover,
            commands::organisation::undo_rollover,
            commands::schedule::schedule_grid,
            commands::schedule::edit_schedule_cells,
            commands::schedule::lock_schedule_cells,
            commands::schedule::propose_schedule,
            commands::schedule::cancel_proposal,
            commands::schedule::apply_proposal,
            commands::schedule::undo_proposal,
            commands::schedule::add_rotation_type,
            commands::schedule::update_rotation_type,
            commands::schedule::set_coverage_override,
            commands::schedule::set_max_consecutive_heavy,
            commands::schedule::add_leave,
            commands::schedule::remove_leave,
            commands::schedule::set_requests,
            commands::hours::hours_residents,
            commands::hours::hour_entries,
            commands::hours::hours_compliance,
            commands::hours::hours_over_rules,
            commands::hours::add_hour_entry,
            commands::hours::decide_hour_entries,
            commands::hours::correct_hour_entry,
            commands::hours::default_hours_report_path,
            commands::hours::export_hours_report,
            commands::hours::preview_hours_import,
            commands::hours::apply_hours_import,
            commands::notifications::notifications,
            commands::notifications::unread_notifications,
            commands::notifications::mark_notifications_read,
            commands::notifications::retry_dead_deliveries,
            commands::notifications::check_notifications_now,
            commands::notifications::notification_templates,
            commands::notifications::save_notification_template,
            commands::notifications::webhook_settings,
            commands::notifications::save_webhook,
            commands::notifications::send_test_webhook,
            commands::epa::epa_choices,
            commands::epa::epa_assessments,
            commands::epa::add_epa_assessment,
            commands::epa::edit_epa_assessment,
            commands::epa::delete_epa_assessment,
            commands::epa::acknowledge_epa_assessment,
            commands::epa::preview_epa_import,
            commands::epa::apply_epa_import,
            commands::milestones::export_resident_milestones,
            commands::milestones::export_milestone_summary,
            commands::milestones::export_milestone_levels_csv,
            commands::ccc::ccc_meetings,
            commands::ccc::ccc_faculty,
            commands::ccc::create_ccc_meeting,
            commands::ccc::set_ccc_status,
            commands::ccc::reorder_ccc_agenda,
            commands::ccc::set_ccc_attendees,
            commands::ccc::ccc_minutes,
            commands::ccc::milestone_grid,
            commands::ccc::set_milestone_levels,
            commands::ccc::copy_milestones_forward,
            commands::ccc::ccc_flags,
            commands::ccc::ccc_review,
            commands::ccc::save_ccc_review,
            commands::ccc::finalize_ccc_review,
            commands::ccc::amend_ccc_review,
            commands::ccc::resident_epa_assessments,
            commands::ccc::export_ccc_packet,
        ])
        .build(tauri::generate_context!("tauri.conf.json"));
    let app = match app {
        Ok(app) => app,
        Err(e) => {
            tracing::error!(error = %e, "the window could not be created");
            eprintln!("Rotunda could not start: {e}");
            std::process::exit(1);
        }
    };
    app.run(|handle, event| {
        if let RunEvent::Exit = event {
            tracing::info!("Rotunda is quitting");
            // Stop the managed cluster with the app; data stays in the data dir.
            let state = handle.state::<AppState>();
            tauri::async_runtime::block_on(state.disconnect());
        }
    });
}
