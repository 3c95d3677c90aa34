// Package password makes and looks up passwords; its functions take the
// key word from the package's name.
package password

import (
	"crypto/rand"
	"math/big"
)

const chars = "abcdefghijklmnopqrstuvwxyz0123456789"

// Generate returns a new random password of n characters.
func Generate(n int) (string, error) {
	b := make([]byte, n)
	for i := range b {
		k, err := rand.Int(rand.Reader, big.NewInt(int64(len(chars))))
		if err != nil {
			return "", err
		}
		b[i] = chars[k.Int64()]
	}
	return string(b), nil
}

// Stored returns the stored password of user.
func Stored(user string) string { return "" }
