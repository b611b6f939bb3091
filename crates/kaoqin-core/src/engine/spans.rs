//! Sets of minute intervals on a work day's clock, for "how many minutes of the duty were
//! worked, on leave, late…". Written by hand: a few dozen lines over sorted `(start, end)` pairs,
//! where an interval-tree crate would be far more than needed.

/// Half-open minute intervals `[start, end)`, sorted, disjoint and non-empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Spans(Vec<(i64, i64)>);

impl Spans {
    pub(crate) fn new() -> Spans {
        Spans(Vec::new())
    }

    pub(crate) fn one(start: i64, end: i64) -> Spans {
        Spans::from_iter([(start, end)])
    }

    pub(crate) fn from_iter(items: impl IntoIterator<Item = (i64, i64)>) -> Spans {
        let mut items: Vec<(i64, i64)> = items.into_iter().filter(|(a, b)| a < b).collect();
        items.sort_unstable();
        let mut out: Vec<(i64, i64)> = Vec::with_capacity(items.len());
        for (a, b) in items {
            match out.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => out.push((a, b)),
            }
        }
        Spans(out)
    }

    pub(crate) fn items(&self) -> &[(i64, i64)] {
        &self.0
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn minutes(&self) -> i64 {
        self.0.iter().map(|(a, b)| b - a).sum()
    }

    pub(crate) fn start(&self) -> Option<i64> {
        self.0.first().map(|s| s.0)
    }

    pub(crate) fn end(&self) -> Option<i64> {
        self.0.last().map(|s| s.1)
    }

    pub(crate) fn intersect(&self, other: &Spans) -> Spans {
        let mut out = Vec::new();
        let (mut i, mut j) = (0, 0);
        while i < self.0.len() && j < other.0.len() {
            let (a0, a1) = self.0[i];
            let (b0, b1) = other.0[j];
            let (lo, hi) = (a0.max(b0), a1.min(b1));
            if lo < hi {
                out.push((lo, hi));
            }
            if a1 < b1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        Spans(out)
    }

    /// The part of `self` inside `[start, end)`.
    pub(crate) fn within(&self, start: i64, end: i64) -> Spans {
        self.intersect(&Spans::one(start, end))
    }

    pub(crate) fn minus(&self, other: &Spans) -> Spans {
        let mut out = Vec::new();
        for &(a, b) in &self.0 {
            let mut cursor = a;
            for &(c, d) in &other.0 {
                if d <= cursor || c >= b {
                    continue;
                }
                if c > cursor {
                    out.push((cursor, c));
                }
                cursor = cursor.max(d);
                if cursor >= b {
                    break;
                }
            }
            if cursor < b {
                out.push((cursor, b));
            }
        }
        Spans(out)
    }

    pub(crate) fn union(&self, other: &Spans) -> Spans {
        Spans::from_iter(self.0.iter().chain(other.0.iter()).copied())
    }

    /// The earliest point `t` with `minutes(self ∩ [start, t)) >= m` (the end when there is not
    /// that much).
    pub(crate) fn point_after(&self, m: i64) -> Option<i64> {
        let mut left = m;
        for &(a, b) in &self.0 {
            if b - a >= left {
                return Some(a + left);
            }
            left -= b - a;
        }
        self.end()
    }
}

#[cfg(test)]
mod tests {
    use super::Spans;

    #[test]
    fn set_operations_keep_intervals_sorted_and_disjoint() {
        let duty = Spans::from_iter([(480, 720), (780, 1020)]);
        assert_eq!(duty.minutes(), 480);
        let leave = Spans::one(600, 840);
        assert_eq!(duty.intersect(&leave).items(), &[(600, 720), (780, 840)]);
        assert_eq!(duty.minus(&leave).items(), &[(480, 600), (840, 1020)]);
        assert_eq!(duty.union(&leave).items(), &[(480, 1020)]);
        assert_eq!(duty.point_after(240), Some(720));
        assert_eq!(duty.point_after(241), Some(781));
        assert_eq!(Spans::from_iter([(5, 5), (3, 1)]), Spans::new());
        assert_eq!(duty.within(700, 800).items(), &[(700, 720), (780, 800)]);
    }
}
