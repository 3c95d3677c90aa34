// Package stdlog holds the standard library's logging and printing sinks.
package stdlog

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"
)

func loadSetting() string { return os.Getenv("APP_SETTING") }

func logPackage(apiKey string, name string) {
	log.Printf("using key %s", apiKey)                // want `api key "apiKey" reaches log.Printf; log its prefix or fingerprint \(KL102\)`
	log.Println("key:", apiKey)                       // want `api key "apiKey" reaches log.Println`
	log.Print(apiKey)                                 // want `api key "apiKey" reaches log.Print`
	log.Fatalf("bad key %q", apiKey)                  // want `api key "apiKey" reaches log.Fatalf`
	log.Panicln(apiKey)                               // want `api key "apiKey" reaches log.Panicln`
	log.Printf("user %s", name)                       // ok: not a key
	log.Printf("key type %T", apiKey)                 // ok: %T shows the type only
	log.Printf("key length %d", len(apiKey))          // ok: the length is no part of the key
	log.Printf("key set: %t", apiKey != "")           // ok: a comparison
	log.Printf("key prefix %s", apiKey[:6])           // ok: a short prefix
	log.Printf("key ends %s", apiKey[len(apiKey)-4:]) // ok: the last four
	log.Printf("key %s", apiKey[2:])                  // want `api key "apiKey" reaches log.Printf`
}

func logger(l *log.Logger, token string) {
	l.Printf("token=%s", token) // want `token "token" reaches \(\*log.Logger\).Printf`
	l.Output(2, token)          // want `token "token" reaches \(\*log.Logger\).Output`
	l.Fatal(token)              // want `token "token" reaches \(\*log.Logger\).Fatal`
	l.SetPrefix(token)          // ok: not a sink
	l.Printf("%p", &token)      // ok: %p shows an address
}

func structured(ctx context.Context, l *slog.Logger, secret string) {
	slog.Info("login", "secret", secret)                           // want `secret "secret" reaches slog.Info`
	slog.ErrorContext(ctx, "x", slog.String("s", secret))          // want `secret "secret" reaches slog.ErrorContext`
	l.Warn("x", slog.Any("s", secret))                             // want `secret "secret" reaches \(\*slog.Logger\).Warn`
	l.Log(ctx, slog.LevelInfo, "x", "s", secret)                   // want `secret "secret" reaches \(\*slog.Logger\).Log`
	l.LogAttrs(ctx, slog.LevelInfo, "x", slog.String("s", secret)) // want `secret "secret" reaches \(\*slog.Logger\).LogAttrs`
	l.With("s", secret).Info("x")                                  // want `secret "secret" reaches \(\*slog.Logger\).With`
	l.Info("x", slog.Int("len", len(secret)))                      // ok: a length
	l.Info("x", slog.Bool("set", secret != ""))                    // ok: a comparison
	_ = slog.String("s", secret)                                   // ok: an attribute never logged
}

func printing(password string) {
	fmt.Println(password)                       // want `password "password" reaches fmt.Println; print its prefix or fingerprint`
	fmt.Printf("%s\n", password)                // want `password "password" reaches fmt.Printf`
	fmt.Fprintf(os.Stderr, "pw=%s\n", password) // want `password "password" reaches fmt.Fprintf`
	fmt.Fprintln(os.Stdout, password)           // want `password "password" reaches fmt.Fprintln`
	os.Stdout.WriteString(password)             // want `password "password" reaches \(\*os.File\).WriteString`
	f, _ := os.Create("pw.txt")
	fmt.Fprintln(f, password) // ok: a file the program owns, not the console
	s := fmt.Sprintf("pw=%s", password)
	_ = s // ok: formatted, never shown
}

func local() {
	apiKey := loadSetting()
	log.Printf("key %s", apiKey) // want `api key "apiKey" reaches log.Printf`
	setting := loadSetting()
	log.Printf("setting %s", setting) // ok: not named as a key
}
