package sim

import "syscall"

// threadCPUSeconds is the CPU time (user + system) of the calling OS thread.
// Callers lock their goroutine to its thread while they measure.
func threadCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_THREAD, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
