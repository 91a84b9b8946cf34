//! Solo runs for a stalled explorer. Runs that stall settle in different basins per seed,
//! and searching around the shared best (however hot, with whatever targets) rarely leaves
//! it once the even worker has polished it for a while. So after long enough without
//! progress the explorer leaves it behind: it builds a new schedule and searches alone,
//! ignoring the shared best until its own is as good (the meetings then hand it to every
//! worker), and starts over when its own search stalls too.

/// Meetings without progress (of the shared best, or of the solo run's own) before the
/// explorer starts over from a new construction.
const STALE: u32 = 12;

/// What an explorer does after a meeting.
pub(crate) enum Step {
    /// Follow the shared best as usual.
    Follow,
    /// Keep searching alone.
    Keep,
    /// Start over alone from a new construction.
    Restart,
}

pub(crate) struct Solo {
    active: bool,
    /// The solo run's best objective, and meetings since it last improved.
    last: i64,
    stale: u32,
}

impl Solo {
    pub fn new() -> Solo {
        Solo {
            active: false,
            last: i64::MAX,
            stale: 0,
        }
    }

    pub fn active(&self) -> bool {
        self.active
    }

    /// Meetings since the solo run's own best last improved.
    pub fn stale(&self) -> u32 {
        self.stale
    }

    /// Decides after a meeting, given the meetings since the shared best (`shared`) last
    /// improved and this worker's own best.
    pub fn step(&mut self, shared_stale: u32, own: Option<i64>, shared: i64) -> Step {
        if !self.active {
            return if shared_stale >= STALE {
                self.restart()
            } else {
                Step::Follow
            };
        }
        let own = own.unwrap_or(i64::MAX);
        if own <= shared {
            self.active = false;
            return Step::Follow;
        }
        if own < self.last {
            (self.last, self.stale) = (own, 0);
        } else {
            self.stale += 1;
        }
        if self.stale >= STALE {
            self.restart()
        } else {
            Step::Keep
        }
    }

    fn restart(&mut self) -> Step {
        (self.active, self.last, self.stale) = (true, i64::MAX, 0);
        Step::Restart
    }
}
