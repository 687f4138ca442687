package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// Error is a problem with a scenario: where it is (file and line, when
// known), which key it concerns, and what is wrong. It formats as
// "file:line: key: msg", or "file: key: msg" when the line is unknown; a
// message that starts with "=" (a value) follows the key after a space, as in
// "link_workers.turnover_annual = 1.5 is out of range [0, 1] (per year)".
type Error struct {
	File string // scenario path, "embedded:NAME", a CSV path or "--set"
	Line int    // 1-based line, or 0 if unknown
	Key  string // dotted parameter key (or CSV column), if any
	Msg  string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	switch {
	case loc == "" && e.Key == "":
		return e.Msg
	case loc == "":
		return e.keyMsg()
	case e.Key == "":
		return loc + ": " + e.Msg
	}
	return loc + ": " + e.keyMsg()
}

// keyMsg joins the key and the message.
func (e *Error) keyMsg() string {
	if strings.HasPrefix(e.Msg, "=") {
		return e.Key + " " + e.Msg
	}
	return e.Key + ": " + e.Msg
}

// Suggest returns the candidate closest to s in edit distance, or "" when
// none is close enough to be a plausible typo. The CLI uses it for commands.
func Suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := levenshtein(s, c)
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > max(2, 2*max(len(s), len(best))/3) {
		return ""
	}
	return best
}

// didYouMean formats a suggestion as a message suffix.
func didYouMean(s string, candidates []string) string {
	if c := Suggest(s, candidates); c != "" {
		return fmt.Sprintf("; did you mean %q?", c)
	}
	return ""
}

// levenshtein is the edit distance between a and b (bytes; keys are ASCII).
func levenshtein(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// decodeTOML decodes the TOML src of the file named source into m. A syntax
// error is returned as an *Error at its line, counted from the error's byte
// offset (the parser's own line is one too far when the error is the
// newline that ends a line).
func decodeTOML(source string, src []byte) (map[string]any, toml.MetaData, error) {
	var m map[string]any
	md, err := toml.Decode(string(src), &m)
	if err == nil {
		return m, md, nil
	}
	var pe toml.ParseError
	if !errors.As(err, &pe) {
		return nil, md, &Error{File: source, Msg: err.Error()}
	}
	line := pe.Position.Line
	if s := pe.Position.Start; s >= 0 && s <= len(src) {
		line = 1 + bytes.Count(src[:s], []byte("\n"))
	}
	return nil, md, &Error{File: source, Line: line, Msg: "TOML syntax error: " + pe.Message}
}
