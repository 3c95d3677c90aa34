package validate

import (
	"context"

	"keyagetest/records"
)

// not reported: test files are not checked
func testAuth(ctx context.Context, s Store, apiKey string) (*records.APIKey, error) {
	return s.KeyByHash(ctx, hashKey(apiKey))
}
