//! Time a read earns beyond the bound its caller set.
//!
//! A bound that suits files read through their text layer (milliseconds a
//! page) would cut a scan short (seconds a page by OCR). So each page read
//! by OCR adds its allowance to a shared counter, and whoever waits on the
//! read (the PDF reader's own deadline, the batch runner's `--timeout`)
//! waits that much longer. The counter of the read in progress is found
//! through the calling thread: the caller runs the read inside
//! [`Allowance::scope`].

use std::cell::RefCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// A shared count of the time earned, in milliseconds.
#[derive(Debug, Clone, Default)]
pub struct Allowance(Arc<AtomicU64>);

thread_local! {
    static CURRENT: RefCell<Option<Allowance>> = const { RefCell::new(None) };
}

impl Allowance {
    /// The time earned so far.
    pub fn get(&self) -> Duration {
        Duration::from_millis(self.0.load(Ordering::Relaxed))
    }

    /// Adds `d` to the time earned.
    pub fn add(&self, d: Duration) {
        self.0.fetch_add(
            d.as_millis().min(u64::MAX as u128) as u64,
            Ordering::Relaxed,
        );
    }

    /// Runs `f` with this allowance as the one reads on this thread add to.
    pub fn scope<R>(&self, f: impl FnOnce() -> R) -> R {
        let before = CURRENT.with(|c| c.replace(Some(self.clone())));
        let r = f();
        CURRENT.with(|c| *c.borrow_mut() = before);
        r
    }

    /// The allowance of the [`scope`](Self::scope) this thread runs in, or a
    /// fresh one nobody else sees.
    pub fn current() -> Allowance {
        CURRENT.with(|c| c.borrow().clone()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scope_shares_its_counter_and_ends() {
        let a = Allowance::default();
        a.scope(|| Allowance::current().add(Duration::from_secs(3)));
        assert_eq!(a.get(), Duration::from_secs(3));
        Allowance::current().add(Duration::from_secs(5));
        assert_eq!(a.get(), Duration::from_secs(3), "outside the scope");
    }
}
