//! Counting panics, caught or not: the library turns a panic inside PDF
//! reading into a `Corrupt` error or a page warning, and batch mode turns one
//! into an `internal` record, so a test that looks only at the result cannot
//! tell that a panic happened. [`none_in`] fails the test when one did.
//! Shared by the test files with `#[path]`.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

static COUNT: AtomicUsize = AtomicUsize::new(0);
static HOOK: Once = Once::new();
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Panics so far in this process (installs the counting hook on first use;
/// the default hook still prints them).
pub fn count() -> usize {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            COUNT.fetch_add(1, Ordering::SeqCst);
            default(info);
        }));
    });
    COUNT.load(Ordering::SeqCst)
}

/// Runs `f` and fails if anything panicked meanwhile, on any thread. Calls
/// run one at a time (the count is the process's), so a failing assertion
/// in another test is not counted here.
pub fn none_in<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let before = count();
    let r = f();
    let after = count();
    assert_eq!(
        after,
        before,
        "{what}: {} panic(s) happened, caught inside the library",
        after - before
    );
    r
}
