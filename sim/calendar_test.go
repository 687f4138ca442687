package sim

import (
	"math/bits"
	"slices"
	"testing"
)

// The calendar keeps bitmaps for calRing weeks only: people scheduled further
// ahead wait in a list until their week's row comes round. Every person must
// still wake exactly in the week they were scheduled for, once however often
// they were scheduled, in index order, whether they were scheduled from the
// start or from a week part way through.
func TestCalendarWakesInTheWeekScheduled(t *testing.T) {
	var c calendar
	// A long burn-in (weeks waiting past the ring are negative), more people
	// than one summary word covers, then the same calendar reused for a
	// smaller population and a horizon shorter than the ring.
	for _, size := range []struct{ first, last, people int }{{-200, 300, 5000}, {-5, 40, 300}} {
		first, last, people := size.first, size.last, size.people
		c.reset(first, last, people)
		want := make(map[int][]int) // week -> people, in index order
		st := uint64(7)
		schedule := func(i int, w int32) {
			c.add(i, w)
			if int(w) >= first && int(w) < last && !slices.Contains(want[int(w)], i) {
				want[int(w)] = append(want[int(w)], i)
				slices.Sort(want[int(w)])
			}
		}
		// From the start: near weeks, weeks past the ring, outside the
		// horizon, and some people twice in one week.
		for i := 0; i < people; i++ {
			w := int32(first + int(next(&st)%uint64(last-first+40)) - 20)
			schedule(i, w)
			if i%7 == 0 {
				schedule(i, w)
			}
		}
		for w := first; w < last; w++ {
			// Part way through: people scheduled from this week on, some
			// beyond the ring.
			if w%9 == 0 {
				for n := 0; n < 5; n++ {
					schedule(int(next(&st)%uint64(people)), int32(w+int(next(&st)%150)))
				}
			}
			// Read the row as evWeek does: through its summary.
			var got []int
			row, sum := c.row(w)
			for q := range sum {
				for ; sum[q] != 0; sum[q] &= sum[q] - 1 {
					j := q<<6 | bits.TrailingZeros64(sum[q])
					for x := row[j]; x != 0; x &= x - 1 {
						got = append(got, j<<6|bits.TrailingZeros64(x))
					}
					row[j] = 0
				}
			}
			if slices.ContainsFunc(row, func(x uint64) bool { return x != 0 }) {
				t.Fatalf("week %d: bits set outside the summary", w)
			}
			c.woken(w)
			if !slices.Equal(got, want[w]) {
				t.Fatalf("%d people, week %d wakes %v, want %v", people, w, got, want[w])
			}
		}
	}
}
