// Package scenarios loads, validates and documents spsim scenarios.
//
// A scenario is a TOML file (or one of the scenarios embedded in the binary)
// that overrides some of the parameters of [sim.DefaultParams]. Every
// parameter is a field of [sim.Params]; this package walks those structs by
// reflection, so the keys accepted in a file, the checks applied to them and
// the parameter dictionary printed for users all come from the struct tags
// and cannot drift apart.
//
// Numeric parameters may be given as distributions, drawn once per run from
// a stream that depends only on the run's seed and the parameter's key (see
// [Scenario.Arms]). Each scenario carries a comparator (counterfactual) arm:
// by default the same scenario with rollout.enabled = false, or an overlay
// of keys given in a [comparator] table.
package scenarios
