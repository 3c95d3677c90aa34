package scan

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/keylint/keylint/internal/testrepo"
)

// fakeEstimator answers per rule: an exact date from another source, a
// lower bound, or a bound younger than the clone's own sighting.
type fakeEstimator struct {
	c400, c300 Commit
	heads      []string
}

func (d *fakeEstimator) Name() string { return "est" }

func (d *fakeEstimator) Introduced(context.Context, DateQuery) (Commit, bool, error) {
	panic("the scanner asks an Estimator for Estimate")
}

func (d *fakeEstimator) Estimate(_ context.Context, q DateQuery) (Estimate, error) {
	d.heads = append(d.heads, q.Head)
	switch q.Rule {
	case "prefect-api-token":
		return Estimate{Commit: d.c400, Exact: true, By: "est-alert"}, nil
	case "aws-access-token":
		return Estimate{Commit: d.c300, Reason: "created with it"}, nil
	}
	// Younger than the boundary: no better bound than the clone's own.
	return Estimate{Commit: Commit{SHA: "f00", Date: testrepo.Now}, Reason: "young"}, nil
}

func TestEstimator(t *testing.T) {
	t.Parallel()
	sc := testrepo.NewScenario(t)
	clone := sc.Repo.Clone(1)
	d := &fakeEstimator{c400: Commit{SHA: sc.C400, Date: testrepo.DaysAgo(400), Author: "a"},
		c300: Commit{SHA: "0123abc", Date: testrepo.DaysAgo(300), Author: "b"}}
	res, err := Run(context.Background(), Options{Dir: clone.Dir, Dater: d})
	if err != nil {
		t.Fatal(err)
	}
	type view struct {
		Introduced, NotAfter *Commit
		DatedBy, Reason      string
	}
	got := map[string]view{}
	for _, s := range res.Secrets {
		got[s.First.File] = view{s.Introduced, s.IntroducedNotAfter, s.DatedBy,
			s.AgeUnknownReason}
	}
	want := map[string]view{
		"config/app.env": {Introduced: &d.c400, DatedBy: "est-alert"},
		"deploy/aws.env": {NotAfter: &d.c300, Reason: "created with it"},
		"config/dev.env": {Reason: "young"},
		"scripts/ci.sh":  {Reason: "young"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}
	for _, h := range d.heads {
		if h != sc.C1 {
			t.Errorf("query Head %q, want HEAD %s", h, sc.C1)
		}
	}
}
