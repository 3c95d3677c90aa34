package secretlit

import "testing"

// The passwords below are made up.
func TestFindURLCredential(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s        string
		want     bool
		redacted string
	}{
		{"postgres://app:t0JtWxRiwfXx5EPy4xQj9qWZ@db.internal:5432/app?sslmode=disable", true,
			"postgres://app:***@db.internal:5432"},
		{"redis://:IN4iwKUZFaNIJHfb9kEaPIQr@cache.internal:6379/0", true,
			"redis://:***@cache.internal:6379"},
		{"mongodb+srv://svc:Qm7%40rT9xLw2p@cluster0.ab1cd.mongodb.net/db", true,
			"mongodb+srv://svc:***@cluster0.ab1cd.mongodb.net"},
		{"amqp://orders:Vq8LmZ2xKp4R@mq.prod.internal:5672/", true,
			"amqp://orders:***@mq.prod.internal:5672"},
		{"https://deploy:Tr0ub4dor&3x@git.corp.net/repo.git", true,
			"https://deploy:***@git.corp.net"},
		{"DATABASE_URL=mysql://root:K9vLq2Zx7Wm4@10.0.3.7:3306/shop", true,
			"mysql://root:***@10.0.3.7:3306"},
		{"jdbc:postgresql://ro:H7kW2qZp9Lx4@pg.corp.net/x", true,
			"postgresql://ro:***@pg.corp.net"},
		{"postgres://app:t0JtWxRiwfXx5EPy4xQj9qWZ@localhost:5432/app", true,
			"postgres://app:***@localhost:5432"},

		{"postgres://postgres:postgres@localhost:5432/app", false, ""},
		{"postgres://app:${DB_PASSWORD}@db.internal/app", false, ""},
		{"postgres://app:<pass>@db.internal/app", false, ""},
		{"postgres://user:password@db.internal/app", false, ""},
		{"mysql://root:changeme@db.internal/app", false, ""},
		{"redis://:xxxxxxxx@cache.internal:6379", false, ""},
		{"amqp://guest:guest@localhost:5672/", false, ""},
		{"postgres://app:secret123@db.internal/app", false, ""},
		{"postgres://app:S3cureP4ss@db/app", false, ""},
		{"postgres://app:Tr0ub4dor&3x@localhost/app", false, ""},
		{"https://user:Tr0ub4dor&3x@api.example.com/v1", false, ""},
		{"postgres://app:t0JtWxRiwfXx5EPy4xQj9qWZ@db.test/app", false, ""},
		{"postgres://app@db.internal:5432/app", false, ""},
		{"https://api.github.com/repos?email=a@b.co", false, ""},
		{"https://ops@corp.net/a:b@c", false, ""},
		{"mailto:someone@corp.net", false, ""},
		{"postgres://app:pass@db.internal/app", false, ""},
		{"postgres://app:app@db.internal/app", false, ""},
		{"postgres://%s:%s@%s/%s", false, ""},
	}
	for _, tt := range tests {
		u, ok := FindURLCredential(tt.s)
		if ok != tt.want {
			t.Errorf("FindURLCredential(%q) = %v, want %v", tt.s, ok, tt.want)
			continue
		}
		if ok && u.Redacted() != tt.redacted {
			t.Errorf("FindURLCredential(%q).Redacted() = %q, want %q", tt.s, u.Redacted(), tt.redacted)
		}
	}
}
