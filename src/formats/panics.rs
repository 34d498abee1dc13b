//! Running a library that may panic on a malformed file (the PDF reader)
//! without a word on standard error: the panic is caught and becomes the
//! one-line refusal the caller reports, instead of a panic message, a note
//! about backtraces and an internal source path.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// Whether a panic on this thread is being caught quietly.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Run `f`, catching a panic: `Err` with the panic's message. While `f`
/// runs, a panic on this thread prints nothing (other threads' panics are
/// reported as before).
pub(crate) fn catch_quietly<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error() {
        let r: Result<(), String> = catch_quietly(|| panic!("bad table"));
        assert_eq!(r, Err("bad table".to_owned()));
        assert_eq!(catch_quietly(|| 3), Ok(3));
    }
}
