package outbound

import "testing"

func TestHostPrefix(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"https://api.example.com/v1/", "api.example.com"},
		{"https://API.Example.com", "api.example.com"},
		{"https://api.example.com:8443/x", "api.example.com"},
		{"https://api.example.com/%s", "api.example.com"},
		{"http://10.0.0.1:8080/", "10.0.0.1"},
		{"https://api.", ""},
		{"https://api", ""},
		{"https://{tenant}.example.io/", ""},
		{"https://%s.example.io/", ""},
		{"/v1/users", ""},
		{"api.example.com/v1", ""},
	} {
		if got := hostPrefix(tc.in); got != tc.want {
			t.Errorf("hostPrefix(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDomain(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{"api.stripe.com", "stripe.com"},
		{"files.stripe.com", "stripe.com"},
		{"stripe.com", "stripe.com"},
		{"api.example.co.uk", "example.co.uk"},
		{"10.0.0.1", "10.0.0.1"},
		{"localhost", "localhost"},
	} {
		if got := Domain(tc.in); got != tc.want {
			t.Errorf("Domain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
