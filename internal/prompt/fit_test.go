package prompt

import (
	"strings"
	"testing"

	"github.com/awsp-dev/awsp/internal/termtext"
)

func TestFitChain(t *testing.T) {
	long := []string{"acme-plat-ue2-prod-eks-admin", "acme-plat-gbl-prod-admin", "acme-core-gbl-identity-admin", "acme-sso"}
	for _, tc := range []struct {
		names []string
		width int
		want  string
	}{
		{[]string{"dev", "identity", "sso"}, ChainWidth, "dev ← identity ← sso"},
		{[]string{"dev", "identity", "sso"}, 0, "dev ← identity ← sso"},
		{long, 0, strings.Join(long, " ← ")},
		// the hops between go first, then the words shared with the profile
		{long, 45, "acme-plat-ue2-prod-eks-admin ←…← acme-sso"},
		{long, 36, "acme-plat-ue2-prod-eks-admin ←…← sso"},
		{long[1:], 36, "acme-plat-gbl-prod-admin ←…← sso"},
		{long[2:], 36, "acme-core-gbl-identity-admin ← sso"},
		// then the start of the Primary's name, then the end of the profile's
		{[]string{"a-very-long-profile-name", "b-primary-of-many-words"}, 36, "a-very-long-profile-name ← …ny-words"},
		{long, 30, "acme-plat-ue2-prod-ek… ←…← sso"},
		{[]string{"開発環境プロファイル", "sso"}, 14, "開発環… ← sso"},
		// too little of the first name would stay: it goes
		{long[1:], 12, "… ← sso"},
		{long[1:], 6, "…← sso"},
		{[]string{"acme-plat-ue2-prod-eks-admin"}, 20, "acme-plat-ue2-prod-…"},
		{[]string{"acme-prod-admin-with-a-long-name", "acme-prod"}, 36, "acme-prod-admin-with-a-long-… ← prod"},
	} {
		got := FitChain(tc.names, tc.width)
		if got != tc.want {
			t.Errorf("FitChain(%q, %d) = %q, want %q", tc.names, tc.width, got, tc.want)
		}
		if tc.width > 0 && termtext.Width(got) > tc.width {
			t.Errorf("FitChain(%q, %d) = %q: %d columns", tc.names, tc.width, got, termtext.Width(got))
		}
	}
}
