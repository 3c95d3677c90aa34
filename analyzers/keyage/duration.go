package keyage

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// durationFlag is a time.Duration flag that also takes days: "90d".
type durationFlag time.Duration

func (d *durationFlag) String() string { return formatDuration(time.Duration(*d)) }

func (d *durationFlag) Set(s string) error {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days <= 0 {
			return fmt.Errorf("invalid duration %q", s)
		}
		*d = durationFlag(time.Duration(days) * day)
		return nil
	}
	v, err := time.ParseDuration(s)
	if err != nil || v <= 0 {
		return fmt.Errorf("invalid duration %q", s)
	}
	*d = durationFlag(v)
	return nil
}

// formatDuration writes d the way a policy is stated: whole days as "90d",
// otherwise the shortest Go form ("1h", "5m", "1h30m").
func formatDuration(d time.Duration) string {
	if d >= day && d%day == 0 {
		return strconv.FormatInt(int64(d/day), 10) + "d"
	}
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
