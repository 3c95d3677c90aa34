package secretlit

import "testing"

func TestIsPublicValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"pk_test_WA1o23pFbFP0HaOBvxhrOt6x", true},
		{"pk_live_WA1o23pFbFP0HaOBvxhrOt6x", true},
		{"pk.eyJ1IjoibWFwYm94In0.abc", true},
		{"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG", true},
		{"-----BEGIN PUBLIC KEY-----\nMIIB", true},
		{"sk_test_WA1o23pFbFP0HaOBvxhrOt6x", false},
		{"rk_live_WA1o23pFbFP0HaOBvxhrOt6x", false},
		{"-----BEGIN PRIVATE KEY-----\nMIIE", false},
		{"pkg_WA1o23pFbFP0HaOBvxhrOt6x", false},
	}
	for _, tt := range tests {
		if got := IsPublicValue(tt.s); got != tt.want {
			t.Errorf("IsPublicValue(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func TestIsPublicName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		want bool
	}{
		{"publishableKey", true},
		{"STRIPE_PUBLISHABLE_KEY", true},
		{"publicAPIKey", true},
		{"pubKeys", true},
		{"publishableKeysByEnv", true},
		{"PubSubToken", false},
		{"pubsubToken", false},
		{"apiKey", false},
		{"publisherToken", false},
	}
	for _, tt := range tests {
		if got := IsPublicName(tt.s); got != tt.want {
			t.Errorf("IsPublicName(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}
