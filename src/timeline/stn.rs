//! A simple temporal network over event endpoints: difference constraints `x_j - x_i <= w`
//! plus unary bounds, propagated per connected component with a queue-based Bellman-Ford
//! (SPFA). A negative cycle, or an endpoint whose earliest time passes its latest, is a
//! contradiction: the constraints behind it are recorded, the weakest one is set aside, and
//! propagation runs again on that component.

use std::collections::VecDeque;

use super::calendar::{finite, BIG};

/// An endpoint variable.
pub(crate) type Var = u32;
/// Index of a constraint in [`Network::cons`].
pub(crate) type Cid = u32;
/// "No constraint": the bound is the default (unbounded) one.
pub(crate) const NONE: Cid = u32::MAX;

/// The shape of a constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `x_v <= c`.
    Upper { v: Var, c: i64 },
    /// `x_v >= c`.
    Lower { v: Var, c: i64 },
    /// `x_j - x_i <= w`.
    Diff { i: Var, j: Var, w: i64 },
}

/// A constraint and who stated it. `T` identifies the statement (a relation, an anchor…);
/// `strength` decides which constraint of a contradiction is set aside (the weakest, and among
/// equals the latest added).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Constraint<T> {
    pub kind: Kind,
    pub origin: T,
    pub strength: u8,
}

/// Constraints over `n` variables.
#[derive(Debug, Clone)]
pub(crate) struct Network<T> {
    pub n: usize,
    pub cons: Vec<Constraint<T>>,
}

/// Compressed adjacency: `start[v]..start[v + 1]` indexes `items`.
#[derive(Debug, Clone, Default)]
struct Csr {
    start: Vec<u32>,
    items: Vec<(Var, i64, Cid)>,
}

impl Csr {
    /// Groups `(from, to, w, cid)` by `from` with a counting sort (stable, linear).
    fn build(n: usize, entries: Vec<(Var, Var, i64, Cid)>) -> Csr {
        let mut start = vec![0u32; n + 1];
        for e in &entries {
            if let Some(x) = start.get_mut(e.0 as usize + 1) {
                *x += 1;
            }
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        let mut next = start.clone();
        let mut items = vec![(0, 0, NONE); entries.len()];
        for (f, t, w, c) in entries {
            if let Some(slot) = next.get_mut(f as usize) {
                if let Some(it) = items.get_mut(*slot as usize) {
                    *it = (t, w, c);
                }
                *slot += 1;
            }
        }
        Csr { start, items }
    }
    fn of(&self, v: Var) -> &[(Var, i64, Cid)] {
        let v = v as usize;
        match (self.start.get(v), self.start.get(v + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }
}

/// A contradiction found while propagating: the constraints that cannot hold together and the
/// one set aside to go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Conflict {
    pub cons: Vec<Cid>,
    pub set_aside: Option<Cid>,
}

/// The propagated network: tightest bounds for every variable and why.
#[derive(Debug, Clone)]
pub(crate) struct Solved<T> {
    pub cons: Vec<Constraint<T>>,
    pub disabled: Vec<bool>,
    /// Latest time of each variable (`BIG` when unbounded) and the constraint that set it.
    pub lat: Vec<i64>,
    pub lat_why: Vec<Cid>,
    /// Earliest time of each variable (`-BIG` when unbounded) and the constraint that set it.
    pub earl: Vec<i64>,
    pub earl_why: Vec<Cid>,
    /// Connected component of each variable (over difference constraints).
    pub comp: Vec<u32>,
    fwd: Csr,
    rev: Csr,
    pub conflicts: Vec<Conflict>,
    /// Components whose contradictions could not all be resolved.
    pub unresolved: Vec<u32>,
}

struct Dsu(Vec<u32>);
impl Dsu {
    fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[self.0[x as usize] as usize];
            self.0[x as usize] = p;
            x = p;
        }
        x
    }
    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b) as usize] = a.min(b);
        }
    }
}

/// How many times a component may drop a constraint before it is given up as unresolved.
const MAX_ROUNDS: usize = 64;

impl<T: Copy> Network<T> {
    /// Propagates every component.
    pub fn solve(self) -> Solved<T> {
        let n = self.n;
        let cons = self.cons;
        let mut dsu = Dsu((0..n as u32).collect());
        let mut fwd = Vec::new();
        let mut rev = Vec::new();
        let mut unary = Vec::new();
        for (k, c) in cons.iter().enumerate() {
            let k = k as Cid;
            match c.kind {
                Kind::Diff { i, j, w } if (i as usize) < n && (j as usize) < n => {
                    dsu.union(i, j);
                    fwd.push((i, j, w, k));
                    rev.push((j, i, w, k));
                }
                Kind::Upper { v, .. } | Kind::Lower { v, .. } if (v as usize) < n => {
                    unary.push((v, v, 0, k));
                }
                _ => {}
            }
        }
        let comp: Vec<u32> = (0..n as u32).map(|v| dsu.find(v)).collect();
        let mut s = Solved {
            disabled: vec![false; cons.len()],
            cons,
            lat: vec![BIG; n],
            lat_why: vec![NONE; n],
            earl: vec![-BIG; n],
            earl_why: vec![NONE; n],
            comp,
            fwd: Csr::build(n, fwd),
            rev: Csr::build(n, rev),
            conflicts: Vec::new(),
            unresolved: Vec::new(),
        };
        let unary = Csr::build(n, unary);
        // Group variables by component.
        // Variables grouped by component (components are numbered by their smallest variable,
        // so a counting sort on that number groups them in linear time).
        let by_comp = Csr::build(
            n,
            (0..n as u32)
                .map(|v| (s.comp[v as usize], v, 0, NONE))
                .collect(),
        );
        let mut work = Work {
            cnt: vec![0u32; n],
            inq: vec![false; n],
            queue: VecDeque::new(),
        };
        let mut vars: Vec<Var> = Vec::new();
        for c in 0..n as u32 {
            let members = by_comp.of(c);
            if members.is_empty() {
                continue;
            }
            vars.clear();
            vars.extend(members.iter().map(|m| m.0));
            s.solve_component(c, &vars, &unary, &mut work);
        }
        // Queries walk only the constraints that hold.
        if s.disabled.iter().any(|&d| d) {
            let disabled = &s.disabled;
            let keep = |items: &mut Vec<(Var, i64, Cid)>, start: &mut Vec<u32>| {
                let mut out = Vec::with_capacity(items.len());
                let mut new_start = vec![0u32; start.len()];
                for v in 0..start.len().saturating_sub(1) {
                    let (a, b) = (start[v] as usize, start[v + 1] as usize);
                    for it in items.get(a..b).unwrap_or(&[]) {
                        if !disabled[it.2 as usize] {
                            out.push(*it);
                        }
                    }
                    new_start[v + 1] = out.len() as u32;
                }
                *items = out;
                *start = new_start;
            };
            keep(&mut s.fwd.items, &mut s.fwd.start);
            keep(&mut s.rev.items, &mut s.rev.start);
        }
        s
    }
}

impl<T: Copy> Solved<T> {
    fn solve_component(&mut self, c: u32, vars: &[Var], unary: &Csr, work: &mut Work) {
        for _ in 0..MAX_ROUNDS {
            // Initial bounds from the enabled unary constraints.
            for &v in vars {
                let (mut lo, mut lo_why, mut hi, mut hi_why) = (-BIG, NONE, BIG, NONE);
                for &(_, _, k) in unary.of(v) {
                    if self.disabled[k as usize] {
                        continue;
                    }
                    match self.cons[k as usize].kind {
                        Kind::Upper { c, .. } if c < hi => (hi, hi_why) = (c, k),
                        Kind::Lower { c, .. } if c > lo => (lo, lo_why) = (c, k),
                        _ => {}
                    }
                }
                self.lat[v as usize] = hi;
                self.lat_why[v as usize] = hi_why;
                // The backward pass works on negated earliest times.
                self.earl[v as usize] = -lo;
                self.earl_why[v as usize] = lo_why;
            }
            let cycle = match spfa(
                &mut self.lat,
                &mut self.lat_why,
                &self.fwd,
                vars,
                &self.disabled,
                work,
            ) {
                Some(v) => Some((v, false)),
                None => spfa(
                    &mut self.earl,
                    &mut self.earl_why,
                    &self.rev,
                    vars,
                    &self.disabled,
                    work,
                )
                .map(|v| (v, true)),
            };
            for &v in vars {
                self.earl[v as usize] = -self.earl[v as usize];
            }
            let culprits = match cycle {
                Some((v, backward)) => self.cycle(v, backward, vars.len()),
                None => match vars
                    .iter()
                    .find(|&&v| self.earl[v as usize] > self.lat[v as usize])
                {
                    Some(&v) => {
                        let mut all = self.chain(v, false, vars.len());
                        all.extend(self.chain(v, true, vars.len()));
                        all
                    }
                    None => return,
                },
            };
            let weakest = culprits
                .iter()
                .copied()
                .filter(|&k| self.cons[k as usize].strength < u8::MAX)
                .min_by_key(|&k| (self.cons[k as usize].strength, std::cmp::Reverse(k)));
            self.conflicts.push(Conflict {
                cons: culprits,
                set_aside: weakest,
            });
            match weakest {
                Some(k) => self.disabled[k as usize] = true,
                None => break,
            }
        }
        self.unresolved.push(c);
    }

    /// The constraints on the negative cycle through (or reached from) `v`.
    fn cycle(&self, v: Var, backward: bool, len: usize) -> Vec<Cid> {
        let why = if backward {
            &self.earl_why
        } else {
            &self.lat_why
        };
        let step = |x: Var| -> Option<(Var, Cid)> {
            let k = *why.get(x as usize)?;
            match self.cons.get(k as usize)?.kind {
                Kind::Diff { i, j, .. } => Some((if backward { j } else { i }, k)),
                _ => None,
            }
        };
        // Walk back far enough to be on the cycle itself.
        let mut x = v;
        for _ in 0..=len {
            match step(x) {
                Some((p, _)) => x = p,
                None => return self.chain(v, backward, len),
            }
        }
        let mut out = Vec::new();
        let mut y = x;
        for _ in 0..=len {
            match step(y) {
                Some((p, k)) => {
                    out.push(k);
                    y = p;
                    if y == x {
                        break;
                    }
                }
                None => break,
            }
        }
        out.reverse();
        out
    }

    /// The constraints that set the latest (or earliest) time of `v`, back to a unary bound.
    pub fn chain(&self, v: Var, earliest: bool, limit: usize) -> Vec<Cid> {
        let why = if earliest {
            &self.earl_why
        } else {
            &self.lat_why
        };
        let mut out = Vec::new();
        let mut x = v;
        for _ in 0..=limit {
            let Some(&k) = why.get(x as usize) else { break };
            let Some(c) = self.cons.get(k as usize) else {
                break;
            };
            out.push(k);
            match c.kind {
                Kind::Diff { i, j, .. } => x = if earliest { j } else { i },
                _ => break,
            }
        }
        out
    }

    /// Shortest distance from `src` to `dst` (`x_dst - x_src <= d`), like
    /// [`Solved::distances`] without collecting the other variables.
    pub fn distance(
        &self,
        src: Var,
        dst: Var,
        budget: usize,
        scratch: &mut Scratch,
    ) -> Option<i64> {
        self.search(src, false, budget, scratch);
        scratch.get(dst).map(|d| d.0)
    }

    fn search(&self, src: Var, backward: bool, budget: usize, scratch: &mut Scratch) {
        let adj = if backward { &self.rev } else { &self.fwd };
        scratch.reset(self.lat.len());
        scratch.set(src, 0, NONE);
        scratch.queue.push_back(src);
        let mut spent = 0usize;
        'search: while let Some(x) = scratch.queue.pop_front() {
            let dx = scratch.get(x).map_or(0, |d| d.0);
            for &(y, w, k) in adj.of(x) {
                spent += 1;
                if spent > budget {
                    break 'search;
                }
                let nd = dx.saturating_add(w);
                if y != src && scratch.get(y).is_none_or(|d| nd < d.0) {
                    scratch.set(y, nd, k);
                    scratch.queue.push_back(y);
                }
            }
        }
        scratch.queue.clear();
    }

    /// Shortest distances from `src` over enabled difference constraints (`x_t - x_src <=
    /// d[t]`) with the constraint that reached each variable; at most `budget` relaxations,
    /// so the distances are always sound, if not always tightest. `backward` walks the edges in
    /// reverse and gives `x_src - x_t <= d[t]`.
    pub fn distances(
        &self,
        src: Var,
        backward: bool,
        budget: usize,
        scratch: &mut Scratch,
    ) -> Dist {
        self.search(src, backward, budget, scratch);
        let mut out: Vec<(Var, i64, Cid)> = scratch
            .touched
            .iter()
            .filter_map(|&v| scratch.get(v).map(|(d, k)| (v, d, k)))
            .collect();
        out.sort_unstable_by_key(|x| x.0);
        Dist(out)
    }

    /// Tightest known upper bound of `x_j - x_i`, and whether it comes from the direct path
    /// (else through the absolute bounds). `None` when unbounded.
    pub fn diff_bound(&self, i: Var, j: Var, direct: Option<i64>) -> Option<(i64, bool)> {
        let via = if finite(self.lat[j as usize]) && finite(self.earl[i as usize]) {
            Some(self.lat[j as usize] - self.earl[i as usize])
        } else {
            None
        };
        match (direct, via) {
            (Some(d), Some(v)) if d <= v => Some((d, true)),
            (_, Some(v)) => Some((v, false)),
            (Some(d), None) => Some((d, true)),
            (None, None) => None,
        }
    }
}

/// Reusable memory for single-source searches: distances stamped with the search they belong
/// to, so nothing is cleared between searches.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    dist: Vec<(i64, Cid)>,
    stamp: Vec<u32>,
    epoch: u32,
    touched: Vec<Var>,
    queue: VecDeque<Var>,
}

impl Scratch {
    fn reset(&mut self, n: usize) {
        if self.stamp.len() < n {
            self.stamp.resize(n, 0);
            self.dist.resize(n, (0, NONE));
        }
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.stamp.iter_mut().for_each(|s| *s = 0);
            self.epoch = 1;
        }
        self.touched.clear();
    }
    fn get(&self, v: Var) -> Option<(i64, Cid)> {
        (self.stamp.get(v as usize) == Some(&self.epoch)).then(|| self.dist[v as usize])
    }
    fn set(&mut self, v: Var, d: i64, k: Cid) {
        let Some(s) = self.stamp.get_mut(v as usize) else {
            return;
        };
        if *s != self.epoch {
            *s = self.epoch;
            self.touched.push(v);
        }
        self.dist[v as usize] = (d, k);
    }
}

/// Scratch memory kept with a solved network and lent to one query at a time, so that a
/// query does not allocate memory in proportion to the whole timeline. Queries running at
/// the same time on other threads get fresh scratch memory.
#[derive(Debug, Default)]
pub(crate) struct ScratchPool(std::sync::Mutex<Scratch>);

impl Clone for ScratchPool {
    fn clone(&self) -> ScratchPool {
        ScratchPool::default()
    }
}

impl ScratchPool {
    /// Takes the pooled scratch memory (or fresh memory when another query holds it).
    pub fn take(&self) -> Scratch {
        match self.0.try_lock() {
            Ok(mut s) => std::mem::take(&mut *s),
            Err(_) => Scratch::default(),
        }
    }
    /// Gives scratch memory back for the next query.
    pub fn give(&self, scratch: Scratch) {
        if let Ok(mut s) = self.0.try_lock() {
            if s.stamp.len() < scratch.stamp.len() {
                *s = scratch;
            }
        }
    }
}

/// Distances of a single-source search, sorted by variable.
#[derive(Debug, Clone, Default)]
pub(crate) struct Dist(Vec<(Var, i64, Cid)>);

impl Dist {
    /// Distance to `v` and the constraint that reached it.
    pub fn get(&self, v: Var) -> Option<(i64, Cid)> {
        let k = self.0.binary_search_by_key(&v, |x| x.0).ok()?;
        self.0.get(k).map(|x| (x.1, x.2))
    }
    /// Number of variables reached.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// Buffers of the propagation, reused from one component to the next.
struct Work {
    /// Edges on the current shortest path to each variable.
    cnt: Vec<u32>,
    /// Whether a variable is queued.
    inq: Vec<bool>,
    queue: VecDeque<Var>,
}

/// Queue-based Bellman-Ford over one component; `dist` holds the initial bounds. Returns a
/// variable whose path grew longer than the component: it lies on or after a negative cycle.
fn spfa(
    dist: &mut [i64],
    why: &mut [Cid],
    adj: &Csr,
    vars: &[Var],
    disabled: &[bool],
    work: &mut Work,
) -> Option<Var> {
    let Work { cnt, inq, queue } = work;
    queue.clear();
    for &v in vars {
        cnt[v as usize] = 0;
        inq[v as usize] = true;
        queue.push_back(v);
    }
    let limit = vars.len() as u32;
    let mut found = None;
    while let Some(x) = queue.pop_front() {
        inq[x as usize] = false;
        if found.is_some() {
            continue;
        }
        let dx = dist[x as usize];
        for &(y, w, k) in adj.of(x) {
            if disabled[k as usize] {
                continue;
            }
            let nd = dx.saturating_add(w).max(-BIG);
            if nd < dist[y as usize] {
                dist[y as usize] = nd;
                why[y as usize] = k;
                cnt[y as usize] = cnt[x as usize] + 1;
                if cnt[y as usize] >= limit {
                    found = Some(y);
                    break;
                }
                if !inq[y as usize] {
                    inq[y as usize] = true;
                    queue.push_back(y);
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(n: usize, kinds: &[Kind]) -> Solved<usize> {
        Network {
            n,
            cons: kinds
                .iter()
                .enumerate()
                .map(|(k, &kind)| Constraint {
                    kind,
                    origin: k,
                    strength: 1,
                })
                .collect(),
        }
        .solve()
    }

    #[test]
    fn propagates_bounds_along_differences() {
        // x0 in [0, 10]; x1 - x0 in [5, 7].
        let s = net(
            2,
            &[
                Kind::Lower { v: 0, c: 0 },
                Kind::Upper { v: 0, c: 10 },
                Kind::Diff { i: 0, j: 1, w: 7 },
                Kind::Diff { i: 1, j: 0, w: -5 },
            ],
        );
        assert_eq!((s.earl[1], s.lat[1]), (5, 17));
        assert!(s.conflicts.is_empty());
        let d = s.distances(0, false, 100, &mut Scratch::default());
        assert_eq!(d.get(1).map(|d| d.0), Some(7));
        assert_eq!(d.get(5), None);
    }

    #[test]
    fn negative_cycle_is_reported_and_set_aside() {
        let s = net(
            3,
            &[
                Kind::Diff { i: 0, j: 1, w: -1 },
                Kind::Diff { i: 1, j: 2, w: -1 },
                Kind::Diff { i: 2, j: 0, w: -1 },
            ],
        );
        assert_eq!(s.conflicts.len(), 1);
        let mut cons = s.conflicts[0].cons.clone();
        cons.sort();
        assert_eq!(cons, vec![0, 1, 2]);
        assert_eq!(s.conflicts[0].set_aside, Some(2));
        assert!(s.unresolved.is_empty());
    }

    #[test]
    fn crossing_bounds_are_a_conflict() {
        let s = net(
            2,
            &[
                Kind::Upper { v: 0, c: 10 },
                Kind::Diff { i: 0, j: 1, w: -5 },
                Kind::Lower { v: 1, c: 8 },
            ],
        );
        assert_eq!(s.conflicts.len(), 1);
        assert_eq!(s.conflicts[0].cons.len(), 3);
        assert!(s.earl[1] <= s.lat[1]);
    }
}
