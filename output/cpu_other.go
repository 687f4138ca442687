//go:build !unix

package output

// ProcessCPUSeconds returns 0: this system's process CPU time is not read.
func ProcessCPUSeconds() float64 { return 0 }
