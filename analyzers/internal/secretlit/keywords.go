package secretlit

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/zricethezav/gitleaks/v8/config"
)

// gitleaks runs a rule over a text only when one of the rule's keywords
// occurs in it, lower-cased; every default rule with a regular expression
// has keywords. So a value that contains no keyword at all cannot match, and
// knowing that spares building the detector, which costs tens of
// milliseconds: under go vet, every package is a process of its own, and
// most packages have no string that could match.

// keywordArray and quotedString find the keyword arrays of a gitleaks TOML
// configuration. TestDefaultKeywords checks the result against the keywords
// of the detector built from the same file.
var (
	keywordArray = regexp.MustCompile(`(?m)^keywords\s*=\s*\[([^\]]*)\]`)
	quotedString = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
)

// keywordIndex maps the first two bytes of each keyword to the keywords.
// all is set when a keyword is shorter than two bytes: then any value may
// match (none is, today).
type keywordIndex struct {
	byPrefix map[[2]byte][]string
	all      bool
}

var defaultKeywords = sync.OnceValue(func() keywordIndex {
	return indexKeywords(scanKeywords(config.DefaultConfig))
})

// MayMatch reports whether a rule of gitleaks' default configuration could
// match value, because value contains one of the rules' keywords. It is
// cheap, and false means that Default().Match(value) finds nothing.
func MayMatch(value string) bool {
	if len(value) < MinMatchLen || len(value) > MaxMatchLen {
		return false
	}
	idx := defaultKeywords()
	if idx.all {
		return true
	}
	lower := strings.ToLower(value)
	for i := 0; i+1 < len(lower); i++ {
		for _, kw := range idx.byPrefix[[2]byte{lower[i], lower[i+1]}] {
			if strings.HasPrefix(lower[i:], kw) {
				return true
			}
		}
	}
	return false
}

// scanKeywords returns the lower-cased keywords of every rule of a gitleaks
// TOML configuration.
func scanKeywords(tomlConfig string) []string {
	var kws []string
	for _, arr := range keywordArray.FindAllStringSubmatch(tomlConfig, -1) {
		for _, q := range quotedString.FindAllString(arr[1], -1) {
			if kw, err := strconv.Unquote(q); err == nil && kw != "" {
				kws = append(kws, strings.ToLower(kw))
			}
		}
	}
	return kws
}

func indexKeywords(kws []string) keywordIndex {
	idx := keywordIndex{byPrefix: make(map[[2]byte][]string)}
	for _, kw := range kws {
		if len(kw) < 2 {
			idx.all = true
			continue
		}
		k := [2]byte{kw[0], kw[1]}
		idx.byPrefix[k] = append(idx.byPrefix[k], kw)
	}
	return idx
}
