// Package urls holds connection URLs with and without passwords. Every
// secret here is made up.
package urls

import "database/sql"

// Positive: passwords in the userinfo of connection URLs.
const dsn = "postgres://app:t0JtWxRiwfXx5EPy4xQj9qWZ@db.internal:5432/app?sslmode=disable" // want `hardcoded password in connection URL "postgres://app:\*\*\*@db.internal:5432"; load the URL or its password at run time \(KL101\)`

var redisURL = "redis://:IN4iwKUZFaNIJHfb9kEaPIQr@cache.internal:6379/0" // want `hardcoded password in connection URL "redis://:\*\*\*@cache.internal:6379"`

func open() {
	_, _ = sql.Open("mysql", "mysql://shop:K9vLq2Zx7Wm4@10.0.3.7:3306/shop") // want `connection URL "mysql://shop:\*\*\*@10.0.3.7:3306"`
	_, _ = sql.Open("pgx", "postgresql://ro:H7kW2qZp9Lx4@pg.corp.net/x")     // want `connection URL "postgresql://ro:\*\*\*@pg.corp.net"`
}

var (
	amqpURL  = "amqp://orders:Vq8LmZ2xKp4R@mq.prod.internal:5672/"                      // want `connection URL "amqp://orders:\*\*\*@mq.prod.internal:5672"`
	mongoURI = "mongodb+srv://svc:Qm7%40rT9xLw2p@cluster0.ab1cd.mongodb.net/db"         // want `connection URL "mongodb\+srv://svc:\*\*\*@cluster0.ab1cd.mongodb.net"`
	gitURL   = "https://deploy:Tr0ub4dor&3x@git.corp.net/repo.git"                      // want `connection URL "https://deploy:\*\*\*@git.corp.net"`
	envLine  = "DATABASE_URL=postgres://billing:r3MDcQWdHVUBvT9q@pg-1.corp.net/billing" // want `connection URL "postgres://billing:\*\*\*@pg-1.corp.net"`
	// Positive: a machine-made password, even on localhost.
	localRandom = "postgres://app:t0JtWxRiwfXx5EPy4xQj9qWZ@localhost:5432/app" // want `connection URL "postgres://app:\*\*\*@localhost:5432"`
)

// Negative: placeholders, demo credentials, documentation hosts, no
// password at all.
var (
	demo         = "postgres://postgres:postgres@localhost:5432/app"
	templated    = "postgres://app:${DB_PASSWORD}@db.internal:5432/app"
	angle        = "postgres://app:<pass>@db.internal:5432/app"
	wordPassword = "postgres://user:password@db.internal/app"
	changeme     = "mysql://root:changeme@db.internal/app"
	masked       = "redis://:xxxxxxxx@cache.internal:6379"
	rabbitDemo   = "amqp://guest:guest@localhost:5672/"
	demoWords    = "postgres://app:secret123@db.internal/app"
	shortPass    = "postgres://app:pass@db.internal/app"
	sameAsUser   = "postgres://app:app@db.internal/app"
	composeHost  = "postgres://app:S3cureP4ss@db:5432/app" // not reported: a chosen password on a compose service host is taken for a development one
	localChosen  = "postgres://app:Tr0ub4dor&3x@localhost/app"
	docsHost     = "https://user:Tr0ub4dor&3x@api.example.com/v1"
	testTLD      = "postgres://app:t0JtWxRiwfXx5EPy4xQj9qWZ@db.test/app"
	userOnly     = "postgres://app@db.internal:5432/app"
	atInQuery    = "https://api.corp.net/users?email=a@b.co"
	atInPath     = "https://ops@corp.net/a:b@c"
	format       = "postgres://%s:%s@%s/%s"
	noURL        = "app:t0JtWxRiwfXx5EPy4xQj9qWZ@db"
	slashInPass  = "postgres://app:t0Jt/WxRiwfXx5EPy4xQj9@db.internal/app" // not reported: a limitation, an unescaped / ends the userinfo
)

func use() []any {
	return []any{dsn, redisURL, amqpURL, mongoURI, gitURL, envLine, localRandom,
		demo, templated, angle, wordPassword, changeme, masked, rabbitDemo, demoWords,
		shortPass, sameAsUser, composeHost, localChosen, docsHost, testTLD, userOnly,
		atInQuery, atInPath, format, noURL, slashInPass}
}
