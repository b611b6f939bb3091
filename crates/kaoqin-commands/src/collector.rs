//! The collector: pulls terminals on their schedule and on demand, several at once, never the
//! same terminal twice at the same time, with the backoff of
//! [`kaoqin_core::terminal::pull_due`] for terminals that keep failing.
//!
//! One collector lives in the desktop app (a background thread calls [`Collector::run_due`]
//! every half minute) and one in `kaoqin serve`. It knows which terminals are being pulled right
//! now, so the terminal list can tell a pull in progress from one that was cut short. Not here:
//! the pull itself ([`crate::terminals::pull_terminal`]).

use std::borrow::BorrowMut;
use std::collections::BTreeSet;
use std::sync::Mutex;

use chrono::{DateTime, Duration, NaiveDateTime, NaiveTime, Utc};
use kaoqin_core::terminal::pull_due;

use crate::dto::{PullProgress, PullReport};
use crate::terminals::{self, Clock};
use crate::{Ctx, Error, Result, Store};

/// Terminals pulled at the same time, at most.
pub const PARALLEL: usize = 4;

#[derive(Debug, Default)]
pub struct Collector {
    busy: Mutex<BTreeSet<i64>>,
}

/// Marks a terminal busy for as long as it lives.
struct Busy<'c> {
    collector: &'c Collector,
    id: i64,
}

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        if let Ok(mut busy) = self.collector.busy.lock() {
            busy.remove(&self.id);
        }
    }
}

impl Collector {
    pub fn new() -> Collector {
        Collector::default()
    }

    /// The terminals being pulled right now.
    pub fn busy(&self) -> BTreeSet<i64> {
        self.busy.lock().map(|b| b.clone()).unwrap_or_default()
    }

    fn claim(&self, id: i64) -> Option<Busy<'_>> {
        let mut busy = self.busy.lock().ok()?;
        busy.insert(id).then_some(Busy { collector: self, id })
    }

    /// Pulls one terminal now, unless it is being pulled already (then [`Error::PullUnderway`]).
    pub fn pull<S: BorrowMut<Store>>(
        &self,
        store: &Mutex<S>,
        ctx: &Ctx,
        id: i64,
        now: Clock<'_>,
        progress: &mut (dyn FnMut(PullProgress) + Send),
    ) -> Result<PullReport> {
        let Some(_busy) = self.claim(id) else {
            return Err(Error::PullUnderway);
        };
        terminals::pull_terminal(store, ctx, id, now, progress)
    }

    /// Enabled terminals whose schedule asks for a pull at `now`. Schedules are read in the
    /// company's zone (the zone of the office the PC is in).
    pub fn due(&self, store: &Store, now: DateTime<Utc>) -> Result<Vec<i64>> {
        let busy = self.busy();
        let zone = store.read().get_company()?.map(|c| c.timezone);
        let offset =
            zone.as_deref().and_then(kaoqin_core::company::utc_offset_seconds).unwrap_or(8 * 3600);
        let local = |utc: NaiveDateTime| utc + Duration::seconds(i64::from(offset));
        let now = local(now.naive_utc());
        let mut due = Vec::new();
        for t in store.read().list_terminals()? {
            if !t.settings.enabled || t.settings.transport == "push" || busy.contains(&t.id) {
                continue;
            }
            let pulls = store.read().list_pulls(t.id, 10)?;
            let failures = pulls.iter().take_while(|p| p.outcome == "failed").count() as u32;
            let last = pulls.first().and_then(|p| {
                DateTime::parse_from_rfc3339(&p.started_at).ok().map(|t| local(t.naive_utc()))
            });
            let at: Vec<NaiveTime> = t
                .settings
                .at_times
                .split(',')
                .filter_map(|x| NaiveTime::parse_from_str(x, "%H:%M").ok())
                .collect();
            if pull_due(t.settings.every_minutes, &at, last, failures, now) {
                due.push(t.id);
            }
        }
        Ok(due)
    }

    /// One round: pulls every due terminal, [`PARALLEL`] at a time, each on its own thread
    /// (network waits overlap; the store is locked only while writing).
    pub fn run_due<S: BorrowMut<Store> + Send>(
        &self,
        store: &Mutex<S>,
        ctx: &Ctx,
        now: Clock<'_>,
    ) -> Result<Vec<(i64, Result<PullReport>)>> {
        let due = {
            let mut guard =
                store.lock().map_err(|_| Error::Internal("the store lock was poisoned".into()))?;
            self.due((*guard).borrow_mut(), now())?
        };
        let mut results = Vec::new();
        for group in due.chunks(PARALLEL) {
            std::thread::scope(|scope| {
                let handles: Vec<_> = group
                    .iter()
                    .map(|id| {
                        let id = *id;
                        scope.spawn(move || (id, self.pull(store, ctx, id, now, &mut |_| {})))
                    })
                    .collect();
                for h in handles {
                    if let Ok(r) = h.join() {
                        results.push(r);
                    }
                }
            });
        }
        Ok(results)
    }
}
