//go:build unix

package output

import "syscall"

// ProcessCPUSeconds returns the user plus system CPU time this process has
// used so far, in seconds, or 0 if the system does not report it.
func ProcessCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	seconds := func(tv syscall.Timeval) float64 { return float64(tv.Sec) + float64(tv.Usec)/1e6 }
	return seconds(ru.Utime) + seconds(ru.Stime)
}
