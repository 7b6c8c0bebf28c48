//! Fuzz target: every header and time parser on arbitrary bytes must return, never panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use lpwh::signature::{UnixTime, parse, parse_tolerance};

fuzz_target!(|data: &[u8]| {
    // Split the input into several "copies" of a header, as a proxy repeating it would.
    let copies: Vec<&[u8]> = data.split(|b| *b == b'\n').collect();
    let _ = parse::timed_header(&copies);
    let _ = parse::fastpix_header(&copies);
    let _ = parse::standard_signatures(&copies);
    let _ = parse::single_value(&copies, "webhook-id");
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = text.parse::<UnixTime>();
        let _ = parse_tolerance(text);
    }
});
