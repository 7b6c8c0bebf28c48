//! Test modules that need one OS family are compiled there only (`main.rs`): on Unix, those that
//! use pseudo-terminals (`expectrl`), signals by name, file modes or a D-Bus session bus; on
//! Linux, the tunnel tests, which read `/proc` to follow the tunnel's processes. Elsewhere (the
//! macOS and Windows runners of `.github/workflows/ci.yml`) each of their tests is listed here as
//! ignored, with the reason, so that `cargo test` shows what did not run there rather than
//! leaving it out in silence. On Linux, a test keeps these lists equal to the tests the modules
//! really have.

macro_rules! listed_as_ignored {
    ($($module:ident ($os:meta): $reason:literal => [$($test:ident),* $(,)?];)*) => {
        $(
            #[cfg(not($os))]
            mod $module {
                $(#[test] #[ignore = $reason] fn $test() {})*
            }
        )*
        /// Each module and the tests listed for it.
        #[cfg(target_os = "linux")]
        const LISTED: &[(&str, &[&str])] = &[$((stringify!($module), &[$(stringify!($test)),*])),*];
    };
}

listed_as_ignored! {
    credentials (unix): "sets Unix file modes on the credentials file and runs without a D-Bus session bus" => [
        file_fallback_is_private_warns_and_round_trips, precedence_is_flag_then_env_then_stored,
        login_json_says_where_the_key_went_and_nothing_else,
        login_without_a_terminal_or_stdin_flag_is_a_usage_error, empty_or_spaced_keys_are_usage_errors,
        a_refused_key_is_not_saved, profiles_lists_config_and_file_profiles_with_the_current_one_marked,
        a_malformed_config_is_reported_with_its_path,
        without_a_bus_login_warns_once_in_words_and_later_commands_say_nothing,
        profiles_shows_the_url_commands_use_and_where_it_comes_from,
        the_keyring_warning_is_given_once_short_and_with_the_fix,
    ];
    keyring (unix): "needs a Secret Service on a D-Bus session bus (Linux)" => [
        a_hung_secret_service_costs_seconds_not_forever, keys_round_trip_through_a_real_secret_service,
        the_keyring_replaces_an_older_file_copy,
    ];
    listen_pty (unix): "drives lpwh on a Unix pseudo-terminal" => [
        leftovers_are_offered_for_cleanup_and_ctrl_c_cleans_up,
    ];
    login_pty (unix): "drives lpwh on a Unix pseudo-terminal" => [
        the_key_is_typed_at_a_hidden_prompt, a_refused_typed_key_exits_3_and_stores_nothing,
        ctrl_c_at_the_prompt_exits_130_with_echo_back_on,
    ];
    shell_paste (unix): "pastes into bash, dash, zsh and fish on a Unix pseudo-terminal" => [
        copy_as_curl_of_a_hostile_delivery_is_inert_and_exact_in_four_shells,
        sign_format_curl_of_a_hostile_body_is_inert_and_exact_in_four_shells,
    ];
    terminal_pty (unix): "drives lpwh on a Unix pseudo-terminal" => [
        hostile_api_data_reaches_an_80_column_terminal_escaped_and_colours_stay_whole,
        inbox_show_raw_refuses_a_terminal_unless_forced,
        inbox_browse_navigates_filters_and_gives_the_terminal_back,
        inbox_browse_replays_re_signed_and_copies_as_curl,
        inbox_browse_edits_re_signs_and_records_the_edit, listen_ui_shows_deliveries_as_they_arrive,
        inbox_browse_draws_an_8_mib_body_and_quits_on_q,
        inbox_browse_gives_the_terminal_back_on_sigterm_and_sighup,
        an_edit_replayed_to_listen_is_a_new_event_and_keeping_the_id_is_a_duplicate,
    ];
    tunnel (target_os = "linux"): "follows the tunnel's processes through /proc (Linux); its stand-ins are sh scripts" => [
        bore_end_to_end_restart_patch_and_cleanup,
        ngrok_standin_forwards_the_probe_and_deliveries_and_cleanup_follows_sigterm,
        a_crashing_tunnel_is_restarted_and_until_ends_the_run_cleanly,
        ngrok_without_an_authtoken_says_so_and_leaves_nothing,
        a_tunnel_that_never_comes_up_times_out_quoting_it_and_leaves_nothing,
        a_tunnel_does_not_outlive_a_killed_lpwh, a_missing_program_is_a_usage_error_with_install_hints,
        cloudflared_standin_is_read_through_its_metrics_and_carries_https,
        auto_takes_the_first_program_on_path,
    ];
    tunnel_hostile (target_os = "linux"): "follows the tunnel's processes through /proc (Linux); its stand-in is an sh script" => [
        hostile_public_urls_are_refused_and_no_webhook_is_made,
        an_endless_output_line_is_cut_and_the_failure_still_reported,
        helpers_that_ignore_sigterm_or_leave_the_group_are_stopped_with_the_tunnel,
        after_kill_9_the_next_run_names_the_tunnel_left_running,
        a_flapping_tunnel_is_restarted_after_growing_waits,
    ];
    wizard_pty (unix): "drives lpwh on a Unix pseudo-terminal" => [
        the_create_wizard_asks_for_everything_missing,
        the_create_wizard_only_asks_for_what_flags_did_not_give,
        declining_the_create_summary_creates_nothing,
        the_update_wizard_is_prefilled_and_patches_only_what_changed,
        delete_asks_first_showing_name_and_url, ctrl_c_in_the_wizard_exits_130_without_creating_anything,
        clear_stream_asks_before_resetting_the_delivery_history,
    ];
}

/// The names of the tests in `tests/it/<module>.rs`: each `fn` after a `#[test]` or
/// `#[tokio::test]` attribute (other attributes may come between).
#[cfg(target_os = "linux")]
fn tests_in(module: &str) -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/it/{module}.rs"));
    let source = std::fs::read_to_string(&path).unwrap();
    let mut names = Vec::new();
    let mut in_test = false;
    for line in source.lines() {
        if line.starts_with("#[test]") || line.starts_with("#[tokio::test") {
            in_test = true;
        } else if in_test {
            let rest = line.strip_prefix("async ").unwrap_or(line);
            if let Some(rest) = rest.strip_prefix("fn ") {
                names.push(rest.split('(').next().unwrap().to_owned());
                in_test = false;
            }
        }
    }
    names
}

#[cfg(target_os = "linux")]
#[test]
fn every_os_only_test_is_listed_for_the_other_oses() {
    let mut drift = Vec::new();
    for (module, listed) in LISTED {
        let mut have = tests_in(module);
        let mut listed: Vec<String> = listed.iter().map(|s| s.to_string()).collect();
        assert!(!have.is_empty(), "found no tests in tests/it/{module}.rs");
        have.sort();
        listed.sort();
        if have != listed {
            drift.push(format!(
                "{module}: tests {have:?}\n  listed in os_only.rs {listed:?}"
            ));
        }
    }
    assert!(drift.is_empty(), "{}", drift.join("\n"));
}
