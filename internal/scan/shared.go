package scan

import (
	"slices"
	"strings"
)

// The kinds of Sharing, from the most to the least alarming.
const (
	SharedEnvironments = "environments"
	SharedServices     = "services"
	SharedFiles        = "files"
)

// Sharing says that one secret is in several files (KL203), and what those
// files stand for.
type Sharing struct {
	// Kind is SharedEnvironments when the files belong to two or more
	// deployment environments (.env.staging and .env.production),
	// SharedServices when they belong to two or more services
	// (services/a/… and services/b/…, cmd/x/… and cmd/y/…), and SharedFiles
	// otherwise.
	Kind string

	// Groups are the environments ("production", "staging"), the services
	// ("services/billing") or the files, sorted.
	Groups []string
}

// envNames maps the words that name an environment in a path to one
// spelling per environment.
var envNames = map[string]string{
	"prod": "production", "production": "production", "prd": "production",
	"live":    "production",
	"staging": "staging", "stage": "staging", "stg": "staging",
	"dev": "development", "development": "development", "develop": "development",
	"test": "test", "testing": "test",
	"qa": "qa", "uat": "uat", "preprod": "preprod", "sandbox": "sandbox",
	"local": "local",
}

// serviceRoots are top-level directories whose children are services.
var serviceRoots = []string{"apps", "cmd", "functions", "lambdas", "microservices",
	"services", "service", "svc"}

// share sets SharedAcross on each secret held by more than one file: at HEAD
// for a secret HEAD holds (where it must be rotated), else wherever it was
// committed.
//
// Limitation: a secret committed to two files that HEAD no longer holds
// counts as shared even when one file was a later copy that replaced the
// other (a move with edits); a pure rename adds no line and is not counted.
func share(secrets []*Secret) {
	for _, sec := range secrets {
		locs := sec.Locations
		if sec.AtHead {
			locs = sec.HeadLocations
		}
		var files []string
		for _, l := range locs {
			files = append(files, l.File)
		}
		slices.Sort(files)
		files = slices.Compact(files)
		if len(files) > 1 {
			sec.SharedAcross = classify(files)
		}
	}
}

// classify says what a set of two or more distinct files stands for.
func classify(files []string) *Sharing {
	envs, services := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		if e := environment(f); e != "" {
			envs[e] = true
		}
		if s := service(f); s != "" {
			services[s] = true
		}
	}
	switch {
	case len(envs) > 1:
		return &Sharing{Kind: SharedEnvironments, Groups: sortedKeys(envs)}
	case len(services) > 1:
		return &Sharing{Kind: SharedServices, Groups: sortedKeys(services)}
	}
	return &Sharing{Kind: SharedFiles, Groups: files}
}

// environment returns the environment a path names, such as "staging" for
// .env.staging, config/stg.yaml or deploy/staging/app.env; the last word
// that names one wins, so the file name counts over its directories.
func environment(path string) string {
	env := ""
	words := strings.FieldsFunc(strings.ToLower(path), func(r rune) bool {
		return r == '/' || r == '.' || r == '_' || r == '-'
	})
	for _, w := range words {
		if e, ok := envNames[w]; ok {
			env = e
		}
	}
	return env
}

// service returns the service a path belongs to, such as "services/billing"
// for services/billing/config.env, or "" outside a service directory.
func service(path string) string {
	parts := strings.Split(path, "/")
	if len(parts) < 3 || !slices.Contains(serviceRoots, strings.ToLower(parts[0])) {
		return ""
	}
	return parts[0] + "/" + parts[1]
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
