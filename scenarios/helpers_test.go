package scenarios

import (
	"reflect"
	"strings"

	"spsim/sim"
)

func equalParams(a, b sim.Params) bool { return reflect.DeepEqual(a, b) }

// replaceDir puts dir in place of DIR in an expected message.
func replaceDir(s, dir string) string { return strings.ReplaceAll(s, "DIR", dir) }
