//! [`Spool`]: a bounded hand-off of bytes from many producers (`listen`'s request handlers) to one
//! consumer thread (the printer, the inbox writer), built so the request path pays for one
//! uncontended mutex and a copy, and nothing more.
//!
//! A channel wakes its receiver for every message it sends to a parked receiver: a futex call and
//! a context switch per delivery, which on a busy two-core machine cost more than verifying the
//! delivery. Here the consumer is woken only when it has gone to sleep on an empty spool, takes
//! everything queued in one swap, and may linger between takes so that, under load, one wake-up
//! serves hundreds of deliveries.
//!
//! What is queued is bytes (a rendered line, an encoded inbox row), appended to one buffer, not
//! one heap object per message: an object allocated on a request thread and freed on the
//! consumer's is the slow path of glibc's allocator (the freeing thread takes the owner's arena
//! lock, contending with the request threads' own allocations). The two buffers, the producers'
//! and the consumer's, are swapped back and forth and keep their capacity.
//!
//! A message is appended whole or not at all. The bound is in bytes; a full spool refuses
//! ([`Spool::try_extend`], for callers that count and drop) or makes an async caller wait for
//! room ([`Spool::extend`], for callers that must not lose anything, like the printer).

use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A bounded multi-producer, single-consumer byte queue. See the module docs.
pub struct Spool {
    inner: Mutex<Inner>,
    /// The consumer sleeps here while the spool is empty.
    ready: Condvar,
    /// Async producers wait here for room.
    room: tokio::sync::Notify,
    max_bytes: usize,
}

struct Inner {
    bytes: Vec<u8>,
    /// The consumer is (about to be) waiting on `ready`: the next push must wake it.
    sleeping: bool,
    closed: bool,
}

/// Sizes and state only: what is queued is delivery bodies and headers, which `Debug` output
/// (logs, panics) must not carry.
impl std::fmt::Debug for Spool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.lock();
        f.debug_struct("Spool")
            .field("queued_bytes", &inner.bytes.len())
            .field("max_bytes", &self.max_bytes)
            .field("closed", &inner.closed)
            .finish()
    }
}

/// Why a message was not queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Queuing it would pass the byte bound.
    Full,
    /// [`Spool::close`] was called: nothing more is taken.
    Closed,
}

/// What [`Spool::take`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// At least one message was moved into the caller's buffer.
    Some,
    /// The timeout passed with nothing queued.
    TimedOut,
    /// Closed, and everything queued has been taken.
    Closed,
}

impl Spool {
    /// A spool holding at most `max_bytes`. One message is always accepted into an empty spool,
    /// whatever its size, so no message is refused forever.
    pub fn new(max_bytes: usize) -> Spool {
        Spool {
            inner: Mutex::new(Inner {
                bytes: Vec::new(),
                sleeping: false,
                closed: false,
            }),
            ready: Condvar::new(),
            room: tokio::sync::Notify::new(),
            max_bytes,
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while holding this lock leaves a Vec and two flags: still consistent.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queue `message` without waiting.
    pub fn try_extend(&self, message: &[u8]) -> Result<(), Refused> {
        let mut inner = self.lock();
        if inner.closed {
            return Err(Refused::Closed);
        }
        let queued = inner.bytes.len();
        if queued > 0 && queued.saturating_add(message.len()) > self.max_bytes {
            return Err(Refused::Full);
        }
        inner.bytes.extend_from_slice(message);
        self.wake_consumer(inner);
        Ok(())
    }

    /// Queue `message` whatever the bound says (control messages that must get through).
    pub fn force_extend(&self, message: &[u8]) -> Result<(), Refused> {
        let mut inner = self.lock();
        if inner.closed {
            return Err(Refused::Closed);
        }
        inner.bytes.extend_from_slice(message);
        self.wake_consumer(inner);
        Ok(())
    }

    fn wake_consumer(&self, mut inner: MutexGuard<'_, Inner>) {
        if inner.sleeping {
            inner.sleeping = false;
            drop(inner);
            self.ready.notify_one();
        }
    }

    /// Queue `message`, waiting (asynchronously) while the spool is full. Fails only when the
    /// spool is closed.
    pub async fn extend(&self, message: &[u8]) -> Result<(), Refused> {
        // The common case, with room: no waiter is registered (that takes Notify's lock twice).
        match self.try_extend(message) {
            Err(Refused::Full) => {}
            done => return done,
        }
        loop {
            // Registered before trying, so room made between the try and the wait is not missed.
            let notified = self.room.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            match self.try_extend(message) {
                Err(Refused::Full) => notified.await,
                done => return done,
            }
        }
    }

    /// The consumer's side: wait until something is queued (at most `timeout`, or for ever with
    /// `None`), then move everything queued to the end of `out`.
    pub fn take(&self, out: &mut Vec<u8>, timeout: Option<Duration>) -> Taken {
        let deadline = timeout.map(|t| Instant::now() + t);
        let mut inner = self.lock();
        while inner.bytes.is_empty() {
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
            std::mem::swap(&mut inner.bytes, out);
        } else {
            out.extend_from_slice(&inner.bytes);
            inner.bytes.clear();
        }
        drop(inner);
        self.room.notify_waiters();
        Taken::Some
    }

    /// Refuse every later message; the consumer still takes what is queued, then sees
    /// [`Taken::Closed`]. Waiting producers get [`Refused::Closed`].
    pub fn close(&self) {
        let mut inner = self.lock();
        inner.closed = true;
        inner.sleeping = false;
        drop(inner);
        self.ready.notify_all();
        self.room.notify_waiters();
    }
}

/// A per-thread buffer to build a message in before queuing it: taken from the thread's slot,
/// put back (cleared, and trimmed if a large message grew it) when dropped, so building a message
/// allocates nothing once the thread has built one of that size. It may be held across an
/// `.await`; if the task resumes on another thread, it goes back to that thread's slot.
pub struct Scratch(Vec<u8>);

/// The length only, like [`Spool`]'s: the bytes are a delivery's report or inbox row.
impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Scratch({} bytes)", self.0.len())
    }
}

thread_local! {
    static SCRATCH: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// What a scratch buffer may keep between messages.
const SCRATCH_KEEP: usize = 64 * 1024;

impl Scratch {
    pub fn take() -> Scratch {
        let mut buf = SCRATCH.take();
        buf.clear();
        Scratch(buf)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Vec<u8>;
    fn deref(&self) -> &Vec<u8> {
        &self.0
    }
}

impl std::ops::DerefMut for Scratch {
    fn deref_mut(&mut self) -> &mut Vec<u8> {
        &mut self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let mut buf = std::mem::take(&mut self.0);
        buf.clear();
        buf.shrink_to(SCRATCH_KEEP);
        // During thread teardown the slot may be gone; the buffer is then simply freed.
        let _ = SCRATCH.try_with(|slot| slot.set(buf));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn takes_everything_queued_in_order() {
        let spool = Spool::new(1000);
        for n in 0..5u8 {
            spool.try_extend(&[n, n]).unwrap();
        }
        let mut out = Vec::new();
        assert_eq!(spool.take(&mut out, None), Taken::Some);
        assert_eq!(out, [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
        out.clear();
        assert_eq!(
            spool.take(&mut out, Some(Duration::from_millis(10))),
            Taken::TimedOut
        );
        assert!(out.is_empty());
        // Taking into a buffer that still holds bytes appends after them.
        spool.try_extend(b"b").unwrap();
        out.extend_from_slice(b"a");
        spool.take(&mut out, None);
        assert_eq!(out, b"ab");
    }

    #[test]
    fn refuses_beyond_its_bound_but_never_one_message_alone() {
        let spool = Spool::new(20);
        spool.try_extend(&[1; 10]).unwrap();
        spool.try_extend(&[2; 10]).unwrap();
        assert_eq!(spool.try_extend(&[3]), Err(Refused::Full));
        let mut out = Vec::new();
        spool.take(&mut out, None);
        assert_eq!(out.len(), 20, "a refused message leaves nothing behind");
        // A message larger than the bound is accepted only into an empty spool.
        spool.try_extend(&[4; 500]).unwrap();
        assert_eq!(spool.try_extend(&[5]), Err(Refused::Full));
        out.clear();
        spool.take(&mut out, None);
        spool.try_extend(&[6; 15]).unwrap();
        assert_eq!(spool.try_extend(&[7; 6]), Err(Refused::Full));
        // Control messages ignore the bound.
        spool.force_extend(b"flush").unwrap();
        spool.close();
        assert_eq!(spool.try_extend(b"z"), Err(Refused::Closed));
        assert_eq!(spool.force_extend(b"late"), Err(Refused::Closed));
        out.clear();
        assert_eq!(spool.take(&mut out, None), Taken::Some);
        assert_eq!(&out[..15], &[6; 15]);
        assert_eq!(&out[15..], b"flush");
        assert_eq!(spool.take(&mut out, None), Taken::Closed);
    }

    #[test]
    fn a_sleeping_consumer_is_woken_by_a_push_and_by_close() {
        let spool = Arc::new(Spool::new(64));
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
            loop {
                match spool.try_extend(&n.to_le_bytes()) {
                    Ok(()) => break,
                    Err(Refused::Full) => std::thread::yield_now(),
                    Err(Refused::Closed) => panic!("closed early"),
                }
            }
            if n % 100 == 0 {
                // Let the consumer go back to sleep now and then, so wake-ups are exercised.
                std::thread::sleep(Duration::from_millis(2));
            }
        }
        spool.close();
        let got = consumer.join().unwrap();
        let numbers: Vec<u32> = got
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        assert_eq!(numbers, (0..1000).collect::<Vec<_>>());
    }

    #[tokio::test]
    async fn extend_waits_for_room_and_fails_when_closed() {
        let spool = Arc::new(Spool::new(1));
        spool.extend(b"1").await.unwrap();
        let waiting = {
            let spool = spool.clone();
            tokio::spawn(async move { spool.extend(b"2").await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(
            !waiting.is_finished(),
            "the second message must wait for room"
        );
        let mut out = Vec::new();
        spool.take(&mut out, None);
        waiting.await.unwrap().unwrap();
        out.clear();
        spool.take(&mut out, None);
        assert_eq!(out, b"2");
        spool.extend(b"3").await.unwrap();
        let blocked = {
            let spool = spool.clone();
            tokio::spawn(async move { spool.extend(b"4").await })
        };
        tokio::time::sleep(Duration::from_millis(20)).await;
        spool.close();
        assert_eq!(blocked.await.unwrap(), Err(Refused::Closed));
    }

    #[test]
    fn debug_shows_sizes_not_contents() {
        let spool = Spool::new(100);
        spool.try_extend(b"secret-body").unwrap();
        let shown = format!("{spool:?}");
        assert!(shown.contains("queued_bytes: 11"), "{shown}");
        assert!(
            !shown.contains("115") && !shown.contains("secret"),
            "{shown}"
        );
    }

    #[test]
    fn scratch_buffers_come_back_empty_with_their_capacity() {
        let mut first = Scratch::take();
        first.extend_from_slice(&[7; 1000]);
        let capacity = first.capacity();
        drop(first);
        let second = Scratch::take();
        assert!(second.is_empty());
        assert_eq!(second.capacity(), capacity);
        drop(second);
        let mut big = Scratch::take();
        big.resize(4 * SCRATCH_KEEP, 0);
        drop(big);
        assert!(Scratch::take().capacity() <= SCRATCH_KEEP);
    }
}
