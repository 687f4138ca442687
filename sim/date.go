package sim

import (
	"fmt"
	"time"
)

// Date is a calendar day, stored as days since 1970-01-01 (UTC). Scenario
// dates are plain days: the model steps in weeks, so no time of day is needed.
type Date int32

// MakeDate returns the Date of year y, month m, day d.
func MakeDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf converts a time to its calendar day (the location's day is kept).
func DateOf(t time.Time) Date {
	return MakeDate(t.Year(), t.Month(), t.Day())
}

// ParseDate reads an ISO date such as 2019-07-01.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("invalid date %q (want YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats the date as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// Year returns the calendar year of the date.
func (d Date) Year() int { return d.Time().Year() }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return d + Date(n) }
