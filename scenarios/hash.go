package scenarios

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
)

// Hash returns a hex SHA-256 of everything that decides the comparison's
// results: its runs, thresholds and distributional settings, and each
// option's name, label and scenario hash. Parts of one comparison simulated
// apart (shards, a resumed run) must share it.
func (c *Comparison) Hash() string {
	h := sha256.New()
	fmt.Fprintf(h, "comparison\n%q\n%d\n%v\n%d\n%v\n%v\n%v\n", c.Name, c.Runs, c.Thresholds, c.Comparator,
		c.OppCostThreshold, c.OppCostShares, c.BaselineQALE)
	for _, op := range c.Options {
		fmt.Fprintf(h, "%q %q %s\n", op.Name, op.Label, op.Scenario.Hash())
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Hash returns a hex SHA-256 of everything that decides the study's results:
// its plan (without a pool) and, in abm mode, how the pool is made (the
// world scenario's hash, world_runs and cluster).
func (s *Study) Hash() string {
	h := sha256.New()
	p := s.Plan
	p.Pool = nil
	// %+v prints every field by name; the only pointer, Pool, is nil.
	fmt.Fprintf(h, "study\n%q\n%s\n%+v\n", s.Name, s.Mode, p)
	if s.World != nil {
		io.WriteString(h, s.World.Hash())
		fmt.Fprintf(h, "\n%d %s\n", s.WorldRuns, s.Cluster)
	}
	return hex.EncodeToString(h.Sum(nil))
}
