//! Deciding what a delivery is: its signature verdict (via the pure `signature::verify`) and whether its
//! id was seen before (replay window). What it says about itself is [`crate::delivery::Envelope`].

use std::collections::hash_map::Entry;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher, RandomState};
use std::sync::Mutex;

use crate::redacted::Secret;
use crate::signature::{self, Scheme, Verdict};

/// How the receiver verifies: the secrets (any may match, keyed once at start), the scheme and
/// the clock tolerance.
#[derive(Debug, Clone)]
pub struct Verifier {
    pub keys: signature::Keys,
    pub tolerance_ms: i64,
}

impl Verifier {
    pub fn new(scheme: Scheme, secrets: &[Secret], tolerance_ms: i64) -> Verifier {
        Verifier {
            keys: signature::Keys::new(scheme, secrets),
            tolerance_ms,
        }
    }

    /// The signature verdict for one delivery at `now_ms`; `unsigned` when no secret is set.
    /// `body_timestamp` is the envelope's reading of the body's `timestamp`, so the body is not
    /// parsed again.
    pub fn check(
        &self,
        headers: &http::HeaderMap,
        body: &[u8],
        body_timestamp: Option<i64>,
        now_ms: i64,
    ) -> Verdict {
        // Without secrets this is `unsigned`, as `lpwh verify` says it.
        self.keys
            .verify(headers, body, body_timestamp, now_ms, self.tolerance_ms)
    }
}

/// A bounded memory of event ids already accepted, so a retried delivery is answered 2xx but not
/// processed twice. Oldest ids fall out first once `capacity` is reached. Ids are stored as
/// 64-bit keyed hashes ([`Key`]): fixed memory per entry whatever the id's length.
#[derive(Debug)]
pub struct ReplayWindow {
    inner: Mutex<Window>,
    hasher: RandomState,
}

/// A 64-bit keyed hash of an event id (SipHash with a key drawn at start). With the window
/// full, a new id falsely matches a remembered one with probability 100,000 / 2^64, about
/// 5·10^-15 per delivery. Already random, so the map uses it as is ([`KeyHasher`]) rather than
/// hashing it a second time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key(u64);

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.0);
    }
}

/// Passes a [`Key`] through as its hash.
#[derive(Debug, Default, Clone, Copy)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write_u64(&mut self, word: u64) {
        self.0 = word;
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `Key` is hashed here, through `write_u64`; fold anything else all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
}

#[derive(Debug)]
struct Window {
    capacity: usize,
    /// key -> generation (the insertion's sequence number); the ring holds keys in arrival
    /// order, so the front's generation is `next_generation - ring.len()`.
    /// Generations are stored as u32 (a map entry is then 16 bytes, not 24): an entry is only
    /// ever compared with generations less than `capacity` apart, far below 2^32.
    seen: HashMap<Key, u32, BuildHasherDefault<KeyHasher>>,
    ring: VecDeque<Key>,
    next_generation: u64,
}

/// Whether an id was new (and is now remembered) or seen before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    New(Ticket),
    Duplicate,
}

/// Proof of an insertion, so [`ReplayWindow::forget`] removes exactly that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    key: Key,
    generation: u32,
}

impl ReplayWindow {
    /// Sized once for `capacity` ids: the map and the ring never grow or reallocate afterwards,
    /// so the window's memory is fixed from the start (about 5 MiB for 100,000 ids) instead of
    /// climbing in doublings that leave freed blocks behind for the allocator to fragment.
    pub fn new(capacity: usize) -> ReplayWindow {
        let capacity = capacity.max(1);
        ReplayWindow {
            inner: Mutex::new(Window {
                capacity,
                // Twice the ids: removals leave tombstones, and a table at most half full is
                // cleaned in place rather than doubled when they pile up.
                seen: HashMap::with_capacity_and_hasher(
                    capacity.saturating_mul(2),
                    BuildHasherDefault::default(),
                ),
                ring: VecDeque::with_capacity(capacity),
                next_generation: 0,
            }),
            hasher: RandomState::new(),
        }
    }

    fn key(&self, id: &str) -> Key {
        Key(self.hasher.hash_one(id))
    }

    /// Remember `id`, or report that it is already remembered.
    pub fn check_and_insert(&self, id: &str) -> Seen {
        let key = self.key(id);
        let mut guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        let w = &mut *guard;
        if w.seen.contains_key(&key) {
            return Seen::Duplicate;
        }
        if w.ring.len() >= w.capacity {
            // Truncated like the stored ones (see `Window::seen`).
            let generation = (w.next_generation - w.ring.len() as u64) as u32;
            if let Some(old) = w.ring.pop_front()
                && let Entry::Occupied(entry) = w.seen.entry(old)
                && *entry.get() == generation
            {
                entry.remove();
            }
        }
        let generation = w.next_generation as u32;
        w.next_generation += 1;
        w.seen.insert(key, generation);
        w.ring.push_back(key);
        Seen::New(Ticket { key, generation })
    }

    /// Forget an id remembered by `ticket` (its processing failed, so the sender's retry must
    /// be processed rather than dropped as a duplicate).
    pub fn forget(&self, ticket: Ticket) {
        let mut w = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if w.seen.get(&ticket.key) == Some(&ticket.generation) {
            w.seen.remove(&ticket.key);
        }
    }

    pub fn len(&self) -> usize {
        self.inner
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .seen
            .len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replay_window_reports_duplicates_and_stays_bounded() {
        let w = ReplayWindow::new(3);
        assert!(matches!(w.check_and_insert("a"), Seen::New(_)));
        assert_eq!(w.check_and_insert("a"), Seen::Duplicate);
        for id in ["b", "c", "d"] {
            assert!(matches!(w.check_and_insert(id), Seen::New(_)));
        }
        assert_eq!(w.len(), 3);
        // "a" was the oldest and fell out.
        assert!(matches!(w.check_and_insert("a"), Seen::New(_)));
        assert_eq!(w.check_and_insert("d"), Seen::Duplicate);
    }

    #[test]
    fn forgetting_lets_a_retry_through_once() {
        let w = ReplayWindow::new(10);
        let Seen::New(ticket) = w.check_and_insert("x") else {
            panic!("first sight must be new")
        };
        w.forget(ticket);
        let Seen::New(second) = w.check_and_insert("x") else {
            panic!("a forgotten id must be new again")
        };
        // A stale ticket must not remove the newer insertion.
        w.forget(ticket);
        assert_eq!(w.check_and_insert("x"), Seen::Duplicate);
        w.forget(second);
        assert!(w.is_empty());
    }
}
