package output

import (
	"math"
	"testing"
)

func TestDescribeHandComputed(t *testing.T) {
	s, ok := describe([]float64{4, nan, 1, 3, 2})
	if !ok {
		t.Fatal("describe: no values")
	}
	// mean 2.5; squared deviations 2.25+2.25+0.25+0.25 = 5, /3; LinInterp
	// (type 4) with n = 4: h = 4p; 0.1, 0.4 -> x(1); 2 -> x(2); 3.6 -> 3.6; 3.9 -> 3.9.
	sd := math.Sqrt(5.0 / 3)
	want := stats{n: 4, mean: 2.5, sd: sd, mcse: sd / 2, quantile: [numQuantiles]float64{1, 1, 2, 3.6, 3.9}}
	if s.n != want.n || !near(s.mean, want.mean) || !near(s.sd, want.sd) || !near(s.mcse, want.mcse) {
		t.Errorf("describe = %+v, want %+v", s, want)
	}
	for i := range want.quantile {
		if !near(s.quantile[i], want.quantile[i]) {
			t.Errorf("quantile %s = %v, want %v", quantileColumns()[i], s.quantile[i], want.quantile[i])
		}
	}
}

func TestDescribeSingleRun(t *testing.T) {
	s, ok := describe([]float64{nan, 7.5})
	if !ok || s.n != 1 || s.mean != 7.5 || s.sd != 0 || s.mcse != 0 {
		t.Fatalf("describe single = %+v, %v; want n 1, mean 7.5, sd and mcse 0", s, ok)
	}
	for _, q := range s.quantile {
		if q != 7.5 {
			t.Errorf("quantiles = %v, want all 7.5", s.quantile)
		}
	}
}

func TestDescribeNoneDefined(t *testing.T) {
	if _, ok := describe([]float64{nan, nan}); ok {
		t.Error("describe of all-undefined values reported a statistic")
	}
	if _, ok := describe(nil); ok {
		t.Error("describe of no values reported a statistic")
	}
}

// The mean must not depend on where the values sit in memory (gonum's
// unweighted Sum on amd64 does): sums of the same values at different
// alignments must agree bit for bit.
func TestMeanIndependentOfAlignment(t *testing.T) {
	buf := make([]float64, 42)
	for i := range buf {
		buf[i] = math.Sin(float64(i)) * 1e3
	}
	a := buf[1:41]
	b := append([]float64(nil), a...)
	ma, _ := meanOf(a)
	mb, _ := meanOf(b)
	var seq float64
	for _, v := range a {
		seq += v
	}
	if ma != mb || ma != seq/float64(len(a)) {
		t.Errorf("means %v, %v differ or differ from the run-order sum %v", ma, mb, seq/float64(len(a)))
	}
}

func TestHuman(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 1234567: "1,234,567", -1234.6: "-1,235", 12.345: "12.35", 0.11: "0.11",
		0.012345: "0.01235", 20: "20", 2e-7: "2.00e-07", 999.96: "1,000",
	} {
		if got := human(v); got != want {
			t.Errorf("human(%v) = %q, want %q", v, got, want)
		}
	}
}
