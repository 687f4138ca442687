//go:build !linux

package sim

// threadCPUSeconds is not measured outside Linux: runs report 0 CPU seconds.
func threadCPUSeconds() float64 { return 0 }
