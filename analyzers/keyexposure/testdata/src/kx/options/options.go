// Package options is analysed with extra sinks and sanitizers.
package options

// Audit records events.
type Audit struct{ events []string }

// Record keeps an event.
func (a *Audit) Record(event string) { a.events = append(a.events, event) }

func scramble(s string) string { return s }

func use(a *Audit, apiKey string) {
	a.Record(apiKey)           // want `api key "apiKey" reaches \(\*options.Audit\).Record`
	a.Record(scramble(apiKey)) // ok: a sanitizer by flag
	a.Record("created")        // ok: a constant
}
