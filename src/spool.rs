//! [`Spool`]: a bounded hand-off from many producers (`listen`'s request handlers) to one consumer
//! thread (the printer, the inbox writer), built so the request path pays for one uncontended
//! mutex push and nothing more.
//!
//! A channel wakes its receiver for every message it sends to a parked receiver: a futex call and
//! a context switch per delivery, which on a busy two-core machine cost more than verifying the
//! delivery. Here the consumer is woken only when it has gone to sleep on an empty spool, takes
//! everything queued in one swap, and may linger between takes so that, under load, one wake-up
//! serves hundreds of deliveries.
//!
//! Bounds are in items and in bytes (the caller says what an item weighs). A full spool refuses
//! ([`Spool::try_push`], for callers that count and drop) or makes an async caller wait for room
//! ([`Spool::push`], for callers that must not lose anything, like the printer).

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A bounded multi-producer, single-consumer batch queue. See the module docs.
#[derive(Debug)]
pub struct Spool<T> {
    inner: Mutex<Inner<T>>,
    /// The consumer sleeps here while the spool is empty.
    ready: Condvar,
    /// Async producers wait here for room.
    room: tokio::sync::Notify,
    max_items: usize,
    max_bytes: usize,
}

#[derive(Debug)]
struct Inner<T> {
    items: Vec<T>,
    bytes: usize,
    /// The consumer is (about to be) waiting on `ready`: the next push must wake it.
    sleeping: bool,
    closed: bool,
}

/// Why [`Spool::try_push`] gave the item back.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused<T> {
    /// At its item or byte bound.
    Full(T),
    /// [`Spool::close`] was called: nothing more is taken.
    Closed(T),
}

/// What [`Spool::take`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// At least one item was moved into the caller's buffer.
    Some,
    /// The timeout passed with nothing queued.
    TimedOut,
    /// Closed, and everything queued has been taken.
    Closed,
}

impl<T> Spool<T> {
    /// A spool holding at most `max_items` items and `max_bytes` of their weight. One item is
    /// always accepted into an empty spool, whatever it weighs, so no item is refused forever.
    pub fn new(max_items: usize, max_bytes: usize) -> Spool<T> {
        Spool {
            inner: Mutex::new(Inner {
                items: Vec::new(),
                bytes: 0,
                sleeping: false,
                closed: false,
            }),
            ready: Condvar::new(),
            room: tokio::sync::Notify::new(),
            max_items: max_items.max(1),
            max_bytes,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner<T>> {
        // A panic while holding this lock leaves a Vec and two counters: still consistent.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queue `item` without waiting; it comes back when the spool is full or closed.
    pub fn try_push(&self, item: T, weight: usize) -> Result<(), Refused<T>> {
        let mut inner = self.lock();
        if inner.closed {
            return Err(Refused::Closed(item));
        }
        let full = inner.items.len() >= self.max_items
            || inner.bytes.saturating_add(weight) > self.max_bytes;
        if full && !inner.items.is_empty() {
            return Err(Refused::Full(item));
        }
        inner.items.push(item);
        inner.bytes = inner.bytes.saturating_add(weight);
        self.wake_consumer(inner);
        Ok(())
    }

    /// Queue `item` whatever the bounds say (control messages that must get through).
    pub fn force_push(&self, item: T) -> Result<(), T> {
        let mut inner = self.lock();
        if inner.closed {
            return Err(item);
        }
        inner.items.push(item);
        self.wake_consumer(inner);
        Ok(())
    }

    fn wake_consumer(&self, mut inner: MutexGuard<'_, Inner<T>>) {
        if inner.sleeping {
            inner.sleeping = false;
            drop(inner);
            self.ready.notify_one();
        }
    }

    /// Queue `item`, waiting (asynchronously) while the spool is full. Gives the item back only
    /// when the spool is closed.
    pub async fn push(&self, item: T, weight: usize) -> Result<(), T> {
        // The common case, with room: no waiter is registered (that takes Notify's lock twice).
        let mut item = match self.try_push(item, weight) {
            Ok(()) => return Ok(()),
            Err(Refused::Closed(back)) => return Err(back),
            Err(Refused::Full(back)) => back,
        };
        loop {
            // Registered before trying, so room made between the try and the wait is not missed.
            let notified = self.room.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            match self.try_push(item, weight) {
                Ok(()) => return Ok(()),
                Err(Refused::Closed(back)) => return Err(back),
                Err(Refused::Full(back)) => {
                    item = back;
                    notified.await;
                }
            }
        }
    }

    /// The consumer's side: wait until something is queued (at most `timeout`, or for ever with
    /// `None`), then move everything queued to the end of `out`.
    pub fn take(&self, out: &mut Vec<T>, timeout: Option<Duration>) -> Taken {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut inner = self.lock();
        while inner.items.is_empty() {
            if inner.closed {
                return Taken::Closed;
            }
            inner.sleeping = true;
            inner = match deadline {
                None => self.ready.wait(inner).unwrap_or_else(|p| p.into_inner()),
                Some(deadline) => {
                    let now = Instant::now();
                    if now >= deadline {
                        inner.sleeping = false;
                        return Taken::TimedOut;
                    }
                    self.ready
                        .wait_timeout(inner, deadline - now)
                        .unwrap_or_else(|p| p.into_inner())
                        .0
                }
            };
        }
        inner.sleeping = false;
        if out.is_empty() {
            // Swap, so the producers get the consumer's emptied buffer and its capacity back.
            std::mem::swap(&mut inner.items, out);
        } else {
            out.append(&mut inner.items);
        }
        inner.bytes = 0;
        drop(inner);
        self.room.notify_waiters();
        Taken::Some
    }

    /// Refuse every later push; the consumer still takes what is queued, then sees
    /// [`Taken::Closed`]. Waiting producers get their items back.
    pub fn close(&self) {
        let mut inner = self.lock();
        inner.closed = true;
        inner.sleeping = false;
        drop(inner);
        self.ready.notify_all();
        self.room.notify_waiters();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn takes_everything_queued_in_order() {
        let spool = Spool::new(10, 1000);
        for n in 0..5 {
            spool.try_push(n, 1).unwrap();
        }
        let mut out = Vec::new();
        assert_eq!(spool.take(&mut out, None), Taken::Some);
        assert_eq!(out, [0, 1, 2, 3, 4]);
        out.clear();
        assert_eq!(
            spool.take(&mut out, Some(Duration::from_millis(10))),
            Taken::TimedOut
        );
        assert!(out.is_empty());
    }

    #[test]
    fn refuses_beyond_its_item_and_byte_bounds_but_never_one_item_alone() {
        let spool = Spool::new(2, 100);
        spool.try_push("a", 10).unwrap();
        spool.try_push("b", 10).unwrap();
        assert_eq!(spool.try_push("c", 10), Err(Refused::Full("c")));
        let mut out = Vec::new();
        spool.take(&mut out, None);
        // Bytes: an item heavier than the bound is accepted only into an empty spool.
        spool.try_push("big", 500).unwrap();
        assert_eq!(spool.try_push("small", 1), Err(Refused::Full("small")));
        out.clear();
        spool.take(&mut out, None);
        spool.try_push("x", 60).unwrap();
        assert_eq!(spool.try_push("y", 60), Err(Refused::Full("y")));
        // Control messages ignore the bounds.
        spool.force_push("flush").unwrap();
        spool.close();
        assert_eq!(spool.try_push("z", 1), Err(Refused::Closed("z")));
        assert_eq!(spool.force_push("late"), Err("late"));
        out.clear();
        assert_eq!(spool.take(&mut out, None), Taken::Some);
        assert_eq!(out, ["x", "flush"]);
        assert_eq!(spool.take(&mut out, None), Taken::Closed);
    }

    #[test]
    fn a_sleeping_consumer_is_woken_by_a_push_and_by_close() {
        let spool = Arc::new(Spool::new(100, 1 << 20));
        let consumer = {
            let spool = spool.clone();
            std::thread::spawn(move || {
                let mut got = Vec::new();
                while spool.take(&mut got, None) == Taken::Some {}
                got
            })
        };
        for n in 0..1000u32 {
            // Bounded spool: retry until the consumer makes room.
            let mut item = n;
            loop {
                match spool.try_push(item, 4) {
                    Ok(()) => break,
                    Err(Refused::Full(back)) => {
                        item = back;
                        std::thread::yield_now();
                    }
                    Err(Refused::Closed(_)) => panic!("closed early"),
                }
            }
            if n % 100 == 0 {
                // Let the consumer go back to sleep now and then, so wake-ups are exercised.
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        spool.close();
        let got = consumer.join().unwrap();
        assert_eq!(got, (0..1000).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn push_waits_for_room_and_returns_the_item_when_closed() {
        let spool = Arc::new(Spool::new(1, 1000));
        spool.push(1, 1).await.unwrap();
        let waiting = {
            let spool = spool.clone();
            tokio::spawn(async move { spool.push(2, 1).await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(!waiting.is_finished(), "the second push must wait for room");
        let mut out = Vec::new();
        spool.take(&mut out, None);
        waiting.await.unwrap().unwrap();
        out.clear();
        spool.take(&mut out, None);
        assert_eq!(out, [2]);
        spool.push(3, 1).await.unwrap();
        let blocked = {
            let spool = spool.clone();
            tokio::spawn(async move { spool.push(4, 1).await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        spool.close();
        assert_eq!(blocked.await.unwrap(), Err(4));
    }
}
