package scenarios

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// bareWord matches a value given without quotes that TOML would reject,
// such as priority in support.queue_order=priority: it is taken as a string.
var bareWord = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// parseSet splits a --set argument "key=value" and decodes value as TOML.
// Keys may start with "comparator." to change the comparator arm.
func parseSet(arg string) (key string, value any, err error) {
	k, v, ok := strings.Cut(arg, "=")
	key, v = strings.TrimSpace(k), strings.TrimSpace(v)
	if !ok || key == "" {
		return "", nil, &Error{File: "--set", Msg: fmt.Sprintf("%q is not key=value (for example link_workers.fte_multiplier=0.5)", arg)}
	}
	if v == "" {
		return key, "", nil
	}
	var m map[string]any
	if strings.ContainsAny(v, "\r\n") {
		return "", nil, &Error{File: "--set", Key: key, Msg: "the value must be on one line"}
	}
	if _, err := toml.Decode("v = "+v, &m); err != nil {
		if bareWord.MatchString(v) {
			return key, v, nil
		}
		msg := err.Error()
		if pe, ok := err.(toml.ParseError); ok {
			msg = pe.Message
		}
		return "", nil, &Error{File: "--set", Key: key, Msg: fmt.Sprintf("value %s is not valid TOML: %s (quote strings, write dates as 2020-01-01, lists as [1, 2], distributions as {dist=\"normal\", mean=0.5, sd=0.2})", v, msg)}
	}
	return key, m["v"], nil
}
