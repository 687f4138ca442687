//go:build !unix

package output

import "os"

// lockFile is a no-op where flock is not available.
func lockFile(*os.File) (bool, error) { return true, nil }
