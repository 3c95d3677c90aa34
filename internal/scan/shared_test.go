package scan

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestShare(t *testing.T) {
	t.Parallel()
	loc := func(files ...string) []Location {
		var ls []Location
		for i, f := range files {
			ls = append(ls, Location{File: f, Line: i + 1})
		}
		return ls
	}
	tests := []struct {
		name string
		sec  Secret
		want *Sharing
	}{
		{"env files", Secret{Locations: loc(".env.staging", ".env.production")},
			&Sharing{SharedEnvironments, []string{"production", "staging"}}},
		{"config dirs", Secret{Locations: loc("config/dev.yaml", "config/prod.yaml")},
			&Sharing{SharedEnvironments, []string{"development", "production"}}},
		{"env dirs", Secret{Locations: loc("deploy/dev/app.env", "deploy/prod/app.env",
			"deploy/stg/app.env")},
			&Sharing{SharedEnvironments, []string{"development", "production", "staging"}}},
		{"services", Secret{Locations: loc("services/a/.env", "services/b/.env")},
			&Sharing{SharedServices, []string{"services/a", "services/b"}}},
		{"commands", Secret{Locations: loc("cmd/x/main.go", "cmd/y/main.go")},
			&Sharing{SharedServices, []string{"cmd/x", "cmd/y"}}},
		{"environments win over services", Secret{Locations: loc(
			"services/a/prod.env", "services/b/staging.env")},
			&Sharing{SharedEnvironments, []string{"production", "staging"}}},
		{"plain files", Secret{Locations: loc("a.txt", "b/c.txt")},
			&Sharing{SharedFiles, []string{"a.txt", "b/c.txt"}}},
		{"one environment, two files", Secret{Locations: loc("prod/a.env", "prod/b.env")},
			&Sharing{SharedFiles, []string{"prod/a.env", "prod/b.env"}}},
		// not reported: the same file twice is one file.
		{"one file twice", Secret{Locations: loc("config/prod.env", "config/prod.env")}, nil},
		// not reported: one file, at several commits.
		{"one file", Secret{Locations: loc("app.env")}, nil},
		// not reported: HEAD holds it in one file only; the history's second
		// file is gone.
		{"at HEAD in one file", Secret{Locations: loc("old.env", "new.env"), AtHead: true,
			HeadLocations: loc("new.env")}, nil},
		{"at HEAD in two files", Secret{Locations: loc("a/dev.env"), AtHead: true,
			HeadLocations: loc("a/dev.env", "a/prod.env")},
			&Sharing{SharedEnvironments, []string{"development", "production"}}},
		// not reported as an environment: "devices" and "reproduce"
		// hold no environment word of their own.
		{"words inside names", Secret{Locations: loc("devices/a.go", "reproduce/b.go")},
			&Sharing{SharedFiles, []string{"devices/a.go", "reproduce/b.go"}}},
	}
	for _, tt := range tests {
		sec := tt.sec
		share([]*Secret{&sec})
		if diff := cmp.Diff(tt.want, sec.SharedAcross); diff != "" {
			t.Errorf("%s: sharing mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
}
