package study

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Batches simulated in two parts (as two shards, or an interrupted run and
// its resumption do) and summarised in any order give the whole run's result.
func TestBatchesSplitAndSummarisedInAnyOrder(t *testing.T) {
	p := rctPlan(40) // 3 batches per size (16, 16, 8 studies), 6 in all
	want, err := p.Run(context.Background(), 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := p.NumBatches(); n != 6 {
		t.Fatalf("NumBatches %d, want 6", n)
	}
	var got []*Batch
	collect := func(b *Batch) error { got = append(got, b); return nil }
	for _, odd := range []bool{true, false} {
		skip := func(b int) bool { return (b%2 == 1) != odd }
		if err := p.Simulate(context.Background(), 3, skip, collect); err != nil {
			t.Fatal(err)
		}
	}
	slices.Reverse(got)
	res, err := p.Summarise(got)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res, want) {
		t.Error("result from split batches differs from the whole run's")
	}

	if _, err := p.Summarise(got[1:]); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Errorf("a batch missing: error %v, want one saying it is missing", err)
	}
	if _, err := p.Summarise(append(got, got[0])); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("a batch twice: error %v, want one saying so", err)
	}
}

// An error from emit stops the simulation and is returned.
func TestSimulateStopsOnEmitError(t *testing.T) {
	p := rctPlan(200)
	calls := 0
	stop := context.DeadlineExceeded // any sentinel error
	err := p.Simulate(context.Background(), 2, nil, func(*Batch) error { calls++; return stop })
	if err != stop {
		t.Fatalf("error %v, want emit's", err)
	}
	if calls != 1 {
		t.Errorf("emit called %d times after failing, want 1", calls)
	}
}
